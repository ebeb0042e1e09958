/** Shared implementation of the lexicon-driven rules (one file per rule id uses it). */
import type { Rule } from '../rule.js';
import { matchPhrase } from '../../core/lexicon.js';
import type { Finding } from '../../types.js';

export function lexiconRule(id: string, category: string, description: string, reason: string): Rule {
  return {
    id,
    description,
    run(ctx) {
      const set = ctx.lexicon.categories.get(category);
      if (!set) return [];
      const out: Finding[] = [];
      ctx.lines.forEach((l, i) => {
        if (ctx.claimedBy[i]) return;
        const w = ctx.features[i]!.weight;
        // A line heavier than the set's maxWeight is decided before its phrases are read: not scanned.
        const p = matchPhrase(set, l.key, w, l.text, w > set.maxWeight ? undefined : ctx.phraseHits(l));
        if (p !== null) out.push({ ruleId: id, reason, lines: [i, i], evidence: { phrase: p, lexicon: category } });
      });
      return out;
    },
  };
}
