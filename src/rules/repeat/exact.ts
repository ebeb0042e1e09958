import type { Rule } from '../rule.js';
import type { Finding } from '../../types.js';

/**
 * Exact repeats: a line whose matching key equals an earlier line's key (the scraper grabbed a block
 * twice, or a menu appears at top and bottom). The first occurrence stays; consecutive repeats are
 * reported as one span with the line number of the first copy as evidence.
 */
export const exactRepeat: Rule = {
  id: 'repeat/exact',
  description: 'Lines (and runs of lines) that repeat an earlier line exactly after normalization; the first occurrence stays.',
  run(ctx) {
    const firstSeen = new Map<string, number>();
    const out: Finding[] = [];
    let cur: Finding | null = null;
    ctx.lines.forEach((l, i) => {
      if (l.key === '') return;
      const prev = firstSeen.get(l.key);
      if (prev === undefined) {
        firstSeen.set(l.key, i);
        cur = null;
        return;
      }
      if (cur && cur.lines[1] === i - 1) {
        cur.lines[1] = i;
      } else {
        cur = {
          ruleId: this.id,
          reason: 'repeats an earlier line',
          lines: [i, i],
          evidence: { firstCopyLine: ctx.lines[prev]!.lineNo },
        };
        out.push(cur);
      }
    });
    return out;
  },
};
