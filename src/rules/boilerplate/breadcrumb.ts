import type { Rule } from '../rule.js';
import type { Finding } from '../../types.js';

/**
 * One-line menus and breadcrumbs: `Home | News | Sport`, `首页 > 新闻 > 正文`, `Start » Politik`.
 * At least MIN_ITEMS items separated by a menu separator, every item short (a menu label, not a
 * clause): <= 4 words, or <= 8 CJK characters.
 */
const SEPARATORS = /\s+[|»›>/·•]\s+|\s*[｜》»›>]\s*|\s+-\s+/u;
const MIN_ITEMS = 3;

function isLabel(item: string): boolean {
  const t = item.trim();
  if (t === '' || /[.!?。！？,，]$/.test(t)) return false;
  const cjk = t.match(/[\u3040-\u30FF\u3400-\u9FFF\uAC00-\uD7AF]/g)?.length ?? 0;
  if (cjk > 0) return cjk <= 8 && t.length <= 12;
  return t.split(/\s+/).length <= 4 && t.length <= 30;
}

export const breadcrumb: Rule = {
  id: 'boilerplate/breadcrumb',
  description: 'Single-line menus and breadcrumbs: 3+ short labels joined by | » › > / · or -.',
  run(ctx) {
    const out: Finding[] = [];
    ctx.lines.forEach((l, i) => {
      if (ctx.claimedBy[i] || l.text.length > 200) return;
      const items = l.text.split(SEPARATORS);
      if (items.length < MIN_ITEMS) return;
      if (items.every(isLabel)) {
        out.push({ ruleId: this.id, reason: 'one-line menu or breadcrumb', lines: [i, i], evidence: { items: items.length } });
      }
    });
    return out;
  },
};
