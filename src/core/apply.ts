/**
 * The one place that acts on findings. Each line belongs to the first finding (in rule order) that
 * covers it; the removed lines are recorded verbatim, grouped into spans per finding.
 */
import type { Finding, Line, RemovedSpan } from '../types.js';

export interface Applied {
  kept: Line[];
  removed: RemovedSpan[];
  removedByRule: Record<string, number>;
}

/** Record, for each line, which finding claims it (first claim wins). Mutates `owner`. */
export function claim(owner: (Finding | undefined)[], findings: readonly Finding[]): void {
  for (const f of findings) {
    const [a, b] = f.lines;
    for (let i = Math.max(0, a); i <= Math.min(b, owner.length - 1); i++) {
      if (owner[i] === undefined) owner[i] = f;
    }
  }
}

export function applyFindings(lines: readonly Line[], owner: readonly (Finding | undefined)[]): Applied {
  const kept: Line[] = [];
  const removed: RemovedSpan[] = [];
  const removedByRule: Record<string, number> = {};
  let i = 0;
  while (i < lines.length) {
    const f = owner[i];
    if (!f) {
      kept.push(lines[i]!);
      i++;
      continue;
    }
    // A span: consecutive lines owned by the same finding.
    let j = i;
    while (j + 1 < lines.length && owner[j + 1] === f) j++;
    const span: RemovedSpan = {
      rule: f.ruleId,
      reason: f.reason,
      lines: [lines[i]!.lineNo, lines[j]!.lineNo],
      text: lines
        .slice(i, j + 1)
        .map((l) => l.raw)
        .join('\n'),
    };
    if (f.evidence) span.evidence = f.evidence;
    removed.push(span);
    removedByRule[f.ruleId] = (removedByRule[f.ruleId] ?? 0) + (j - i + 1);
    i = j + 1;
  }
  return { kept, removed, removedByRule };
}
