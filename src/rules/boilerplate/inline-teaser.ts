import type { Rule } from '../rule.js';
import type { Finding } from '../../types.js';
import type { PhraseSet } from '../../core/lexicon.js';
import { matchKey } from '../../core/normalize.js';

/**
 * One teaser link inside or after the article, label and headline on one line: `Lesen Sie auch:
 * Dinkel oder Weizen?`, `Read more: Looted colonial art: Germany to set up new contact office`,
 * `相关阅读：…`. Only that line goes (a label alone on its line opens a section: that is
 * boilerplate/section-cutoff). Like section-cutoff, only after the first prose line (before it, a
 * label may be a menu item). The part before the first colon is a label of the section-label
 * lexicon (a listed label, or one starting with a listed prefix); a label with more text but no
 * colon (`Über den Autor/ die Autorin`) is section-cutoff's.
 * content/density and content/main-region skip these lines as context (as they skip repeats): a
 * link set into the article does not make the heading after it boilerplate (traf dev: counted as
 * bad context they took two section headings with them).
 */
/**
 * Longest teaser line: the section-label lexicon's maxWeight (60) stops at the label, and a
 * headline is rarely over ~100 characters (traf dev: the teaser lines that leaked were 64-120);
 * a prose sentence that starts with "Latest:" and runs on is longer. Set by judgement.
 */
const INLINE_MAX_WEIGHT = 160;
/** The label part before the colon is at most this long (UTF-16 units): a label, not a clause. */
const INLINE_LABEL_LEN = 40;
const COLON = /[:：]/u;

/**
 * The label that opens `text` followed by a colon and more text (`Read more: …`, `Lesen Sie auch:
 * …`), or null: the part before the colon is a listed label, or starts with a listed prefix.
 */
function inlineLabel(set: PhraseSet, text: string, weight: number): string | null {
  if (weight > INLINE_MAX_WEIGHT) return null;
  const m = COLON.exec(text.slice(0, INLINE_LABEL_LEN + 1));
  if (!m || m.index === 0 || text.slice(m.index + 1).trim().length === 0) return null;
  const key = matchKey(text.slice(0, m.index));
  if (key.length === 0) return null;
  if (set.exact.has(key)) return key;
  for (const p of set.prefix) if (key.startsWith(p)) return p;
  return null;
}

export const inlineTeaser: Rule = {
  id: 'boilerplate/inline-teaser',
  description: 'One-line teaser links after the first prose line: a related/more label and a headline on the same line ("Read more: ...", "Lesen Sie auch: ...").',
  run(ctx) {
    const set = ctx.lexicon.sectionLabels;
    const out: Finding[] = [];
    let seenProse = false;
    ctx.lines.forEach((l, i) => {
      if (ctx.classes[i] === 'good' && !ctx.claimedBy[i]) seenProse = true;
      if (!seenProse || ctx.claimedBy[i] || set.exact.has(l.key)) return;
      const p = inlineLabel(set, l.text, ctx.features[i]!.weight);
      if (p !== null) out.push({ ruleId: this.id, reason: 'one-line related/more teaser link', lines: [i, i], evidence: { label: p } });
    });
    return out;
  },
};
