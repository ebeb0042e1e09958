import type { Rule } from '../rule.js';
import type { Finding } from '../../types.js';

/**
 * One-line menus and breadcrumbs: `Home | News | Sport`, `首页 > 新闻 > 正文`, `Start » Politik`.
 * At least MIN_ITEMS items separated by a menu separator, every item short (a menu label, not a
 * clause): <= 4 words, or <= 8 CJK characters.
 */
/** Exported (with mayHaveItems) for __tests__/core/fast-paths.test.ts. */
export const SEPARATORS = /\s+[|»›>/·•]\s+|\s*[｜》»›>]\s*|\s+-\s+/u;
const MIN_ITEMS = 3;

/**
 * Every SEPARATORS match holds one of these characters, and n matches split a line into n + 1
 * items: a line with fewer than MIN_ITEMS - 1 of them cannot be a menu and is not split (the split
 * allocated an array of strings for every short line: 22 MB per 2,500 bench documents).
 */
function isSeparatorChar(c: number): boolean {
  switch (c) {
    case 0x7c: // |
    case 0xbb: // »
    case 0x203a: // ›
    case 0x3e: // >
    case 0x2f: // /
    case 0xb7: // ·
    case 0x2022: // •
    case 0xff5c: // ｜
    case 0x300b: // 》
    case 0x2d: // -
      return true;
    default:
      return false;
  }
}
export function mayHaveItems(text: string, min: number): boolean {
  let seps = 0;
  for (let i = 0; i < text.length; i++) if (isSeparatorChar(text.charCodeAt(i)) && ++seps >= min - 1) return true;
  return false;
}

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
      if (ctx.claimedBy[i] || l.text.length > 200 || !mayHaveItems(l.text, MIN_ITEMS)) return;
      const items = l.text.split(SEPARATORS);
      if (items.length < MIN_ITEMS) return;
      if (items.every(isLabel)) {
        out.push({ ruleId: this.id, reason: 'one-line menu or breadcrumb', lines: [i, i], evidence: { items: items.length } });
      }
    });
    return out;
  },
};
