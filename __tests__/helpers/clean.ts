/**
 * Test helpers for the cleaning pipeline: build documents from invented text, run cleanDocument
 * (all rules or a chosen subset), and read results back per line number.
 */
import { parseRawText } from '../../src/core/parse.js';
import { cleanDocument, type CleanResult } from '../../src/core/clean.js';
import { normalizeDisplay } from '../../src/core/normalize.js';
import { RULES, type Rule } from '../../src/rules/index.js';
import type { InputDocument, OutputRecord } from '../../src/types.js';

export interface Header {
  title?: string;
  url?: string;
  date?: string;
}

/** A raw scraped-text file: optional `Title/Date/URL` header, a blank line, then the body lines. */
export function page(body: readonly string[], header?: Header): string {
  const head: string[] = [];
  if (header) {
    head.push(`Title: ${header.title ?? 'None'}`);
    head.push(`Date: ${header.date ?? 'None'}`);
    head.push(`URL: ${header.url ?? 'None'}`);
    head.push('');
  }
  return [...head, ...body].join('\n') + '\n';
}

/** Every registry rule except the content/* ones (density, main region): line rules only. */
export const LINE_RULES: readonly string[] = RULES.map((r) => r.id).filter((id) => !id.startsWith('content/'));

export function ruleById(id: string): Rule {
  const r = RULES.find((x) => x.id === id);
  if (!r) throw new Error(`rule ${id} is not in the registry`);
  return r;
}

export interface Cleaned extends CleanResult {
  doc: InputDocument;
}

/**
 * Parse and clean a raw text. `rules`: rule ids to run (in registry order); default every rule.
 * With a header, body line N of `page()` is file line N + 4.
 */
export function clean(text: string, opts: { rules?: readonly string[]; path?: string } = {}): Cleaned {
  const doc = parseRawText(text, opts.path ?? 'test.txt');
  const rules = opts.rules ? RULES.filter((r) => opts.rules!.includes(r.id)) : undefined;
  if (opts.rules && rules!.length !== opts.rules.length) throw new Error(`unknown rule id in ${opts.rules.join(', ')}`);
  const res = cleanDocument(doc, rules ? { rules } : {});
  return { ...res, doc };
}

/** Clean a page built from body lines (no header): body line i (0-based) is file line i + 1. */
export function cleanBody(body: readonly string[], opts: { rules?: readonly string[]; header?: Header } = {}): Cleaned {
  return clean(page(body, opts.header), { rules: opts.rules });
}

/** 1-based file line numbers removed (by one rule, or by any rule). */
export function removedLineNos(record: OutputRecord, ruleId?: string): number[] {
  const out: number[] = [];
  for (const s of record.removed) {
    if (ruleId !== undefined && s.rule !== ruleId) continue;
    for (let n = s.lines[0]; n <= s.lines[1]; n++) out.push(n);
  }
  return out.sort((a, b) => a - b);
}

/** Which rule removed each file line (line number → rule id). */
export function removedBy(record: OutputRecord): Map<number, string> {
  const m = new Map<number, string>();
  for (const s of record.removed) for (let n = s.lines[0]; n <= s.lines[1]; n++) m.set(n, s.rule);
  return m;
}

/** The kept lines of the output text. */
export function keptLines(record: OutputRecord): string[] {
  return record.text === '' ? [] : record.text.split('\n');
}

/**
 * Rebuild the body from an output record alone: removed spans give their raw lines at their file
 * line numbers, the kept lines of `text` fill the remaining line numbers in order. Throws when the
 * record is inconsistent (span text with the wrong number of lines, overlapping spans, kept lines
 * left over or missing).
 */
export function rebuildBody(record: OutputRecord, bodyStartLine: number, lineCount: number): { lines: string[]; kept: boolean[] } {
  const removed = new Map<number, string>();
  for (const s of record.removed) {
    const [a, b] = s.lines;
    const parts = s.text.split('\n');
    if (!Number.isInteger(a) || !Number.isInteger(b) || a > b) throw new Error(`bad span lines ${a}-${b}`);
    if (parts.length !== b - a + 1) throw new Error(`span ${a}-${b} (${s.rule}) has ${parts.length} text lines`);
    parts.forEach((p, k) => {
      if (removed.has(a + k)) throw new Error(`line ${a + k} removed twice`);
      removed.set(a + k, p);
    });
  }
  const kept = keptLines(record);
  let next = 0;
  const lines: string[] = [];
  const keptFlags: boolean[] = [];
  for (let n = bodyStartLine; n < bodyStartLine + lineCount; n++) {
    const r = removed.get(n);
    if (r !== undefined) {
      lines.push(r);
      keptFlags.push(false);
      removed.delete(n);
    } else {
      if (next >= kept.length) throw new Error(`no kept line left for line ${n}`);
      lines.push(kept[next++]!);
      keptFlags.push(true);
    }
  }
  if (removed.size > 0) throw new Error(`spans outside the body: lines ${[...removed.keys()].join(', ')}`);
  if (next !== kept.length) throw new Error(`${kept.length - next} kept lines left over`);
  return { lines, kept: keptFlags };
}

/**
 * The record rebuilds the document's body exactly: removed lines verbatim, kept lines in their
 * display form (identical to the raw line when the raw line needs no normalization).
 */
export function expectRebuilds(record: OutputRecord, doc: InputDocument): void {
  const { lines, kept } = rebuildBody(record, doc.bodyStartLine, doc.bodyLines.length);
  const expected = doc.bodyLines.map((raw, i) => (kept[i] ? normalizeDisplay(raw) : raw));
  if (JSON.stringify(lines) !== JSON.stringify(expected)) {
    throw new Error(`rebuilt body differs:\n${JSON.stringify(lines, null, 1)}\nvs\n${JSON.stringify(expected, null, 1)}`);
  }
}
