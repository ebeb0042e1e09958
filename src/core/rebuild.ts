/**
 * Rebuild a document's original body lines from its output record alone: removed spans carry their
 * raw text, `normalized` carries the raw form of kept lines that normalization changed, and the
 * remaining kept lines are `text` split on `\n`. Used by tests (nothing lost) and the audit report.
 */
import type { OutputRecord } from '../types.js';

export interface RebuiltLine {
  lineNo: number;
  raw: string;
  kept: boolean;
  rule?: string;
  reason?: string;
  evidence?: Record<string, unknown>;
}

export function rebuildLines(r: OutputRecord): RebuiltLine[] {
  const start = r.stats.body_start_line;
  const n = r.stats.lines_in;
  const out: (RebuiltLine | undefined)[] = new Array(n).fill(undefined);
  for (const span of r.removed) {
    const raws = span.text.split('\n');
    for (let ln = span.lines[0]; ln <= span.lines[1]; ln++) {
      out[ln - start] = { lineNo: ln, raw: raws[ln - span.lines[0]] ?? '', kept: false, rule: span.rule, reason: span.reason, ...(span.evidence ? { evidence: span.evidence } : {}) };
    }
  }
  const edits = new Map((r.normalized ?? []).map((e) => [e.line, e.raw]));
  const kept = r.text === '' ? [] : r.text.split('\n');
  let k = 0;
  for (let i = 0; i < n; i++) {
    if (out[i]) continue;
    const lineNo = start + i;
    out[i] = { lineNo, raw: edits.get(lineNo) ?? kept[k] ?? '', kept: true };
    k++;
  }
  return out as RebuiltLine[];
}

/** The original body exactly as read (lines joined by `\n`). */
export function rebuildBody(r: OutputRecord): string {
  return rebuildLines(r)
    .map((l) => l.raw)
    .join('\n');
}
