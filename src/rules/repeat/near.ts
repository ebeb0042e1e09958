import stringSimilarity from 'string-similarity';
import type { Rule } from '../rule.js';
import type { Finding } from '../../types.js';
import { ruleNumber } from '../../core/config.js';

/**
 * Near repeats: a line whose Dice similarity (character bigrams, string-similarity) to an earlier
 * line is at least THRESHOLD. 0.9 tolerates a changed word, number or date in a 100-character line
 * (a second copy with a live counter or a re-rendered timestamp); at 0.8 distinct sentences built
 * on one template ("Photo: X / Getty Images") start to match each other.
 * Lines shorter than MIN_LEN are left to repeat/exact: bigram Dice is unstable on short strings.
 * Candidates share a 12-character key prefix or suffix, so the rule stays near-linear.
 */
const THRESHOLD = 0.9;
const MIN_LEN = 40;
const ANCHOR = 12;

export const nearRepeat: Rule = {
  id: 'repeat/near',
  description: 'Lines that nearly repeat an earlier line (Dice similarity >= 0.9 on character bigrams); the first stays.',
  run(ctx) {
    const threshold = ruleNumber(ctx.config, this.id, 'threshold', THRESHOLD);
    const byAnchor = new Map<string, number[]>();
    const out: Finding[] = [];
    ctx.lines.forEach((l, i) => {
      if (l.key.length < MIN_LEN || ctx.claimedBy[i] === 'repeat/exact') return;
      const anchors = [`p:${l.key.slice(0, ANCHOR)}`, `s:${l.key.slice(-ANCHOR)}`];
      let best = -1;
      let bestSim = 0;
      const cands = new Set<number>();
      for (const a of anchors) for (const j of byAnchor.get(a) ?? []) cands.add(j);
      for (const j of cands) {
        const other = ctx.lines[j]!.key;
        const ratio = Math.min(other.length, l.key.length) / Math.max(other.length, l.key.length);
        if (ratio < threshold * 0.9) continue;
        const sim = stringSimilarity.compareTwoStrings(l.key, other);
        if (sim >= threshold && sim > bestSim) {
          best = j;
          bestSim = sim;
        }
      }
      if (best >= 0) {
        out.push({
          ruleId: this.id,
          reason: 'nearly repeats an earlier line',
          lines: [i, i],
          evidence: { firstCopyLine: ctx.lines[best]!.lineNo, dice: Math.round(bestSim * 1000) / 1000 },
        });
        return;
      }
      for (const a of anchors) {
        const list = byAnchor.get(a);
        if (list) list.push(i);
        else byAnchor.set(a, [i]);
      }
    });
    return out;
  },
};
