import type { Rule } from '../rule.js';
import type { Finding } from '../../types.js';
import { matchPhrase } from '../../core/lexicon.js';

/**
 * Section labels that open a boilerplate region after the article (`Related`, `Lesen Sie auch`,
 * `Mehr zum Thema`, `相关阅读`): the label and the lines that follow it are cut up to the next line
 * that reads as article prose (class `good`). A label before the first prose line is left to the
 * navigation rules (it may be a menu item).
 */
export const sectionCutoff: Rule = {
  id: 'boilerplate/section-cutoff',
  description: 'Section labels such as "Related", "Lesen Sie auch", "相关阅读" after the article, with the teaser lines they introduce.',
  run(ctx) {
    const n = ctx.lines.length;
    let seenProse = false;
    const out: Finding[] = [];
    for (let i = 0; i < n; i++) {
      if (ctx.classes[i] === 'good' && !ctx.claimedBy[i]) seenProse = true;
      if (!seenProse) continue;
      const p = matchPhrase(ctx.lexicon.sectionLabels, ctx.lines[i]!.key, ctx.features[i]!.weight);
      if (p === null) continue;
      let j = i + 1;
      while (j < n && ctx.classes[j] !== 'good') j++;
      out.push({
        ruleId: this.id,
        reason: 'section after a related/more label',
        lines: [i, j - 1],
        evidence: { label: ctx.lines[i]!.text.slice(0, 80) },
      });
      i = j - 1;
    }
    return out;
  },
};
