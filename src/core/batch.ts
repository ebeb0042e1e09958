/**
 * Cleaned records in bulk: a batch's records as JSONL text plus the few numbers the run summary
 * needs from them (a RecordDigest), so that `--jobs N` workers can hand records to the writer
 * without the main thread parsing or re-serialising them. Shared by the workers (which build the
 * batches), the runner and the CLI summary (which adds single records with the same code).
 */
import { createHash } from 'node:crypto';
import type { OutputRecord } from '../types.js';
import type { Sketcher, TextSketch } from '../dedup/engine.js';
import { rebuildBody } from './rebuild.js';

/** What the run summary takes from records: counts, characters, lines and characters removed per rule. */
export interface RecordDigest {
  docs: number;
  charsIn: number;
  charsOut: number;
  /** Records whose text is empty. */
  emptied: number;
  linesByRule: Record<string, number>;
  charsByRule: Record<string, number>;
}

export function emptyDigest(): RecordDigest {
  return { docs: 0, charsIn: 0, charsOut: 0, emptied: 0, linesByRule: {}, charsByRule: {} };
}

/** Add one record to a digest. */
export function digestRecord(d: RecordDigest, r: OutputRecord): void {
  d.docs++;
  d.charsIn += r.stats.chars_in;
  d.charsOut += r.stats.chars_out;
  if (r.text === '') d.emptied++;
  for (const [k, v] of Object.entries(r.stats.removed_by_rule)) d.linesByRule[k] = (d.linesByRule[k] ?? 0) + v;
  for (const s of r.removed) {
    // span text = the removed raw lines joined by \n; characters counted per line, as chars_in is
    const chars = s.text.length - (s.lines[1] - s.lines[0]);
    d.charsByRule[s.rule] = (d.charsByRule[s.rule] ?? 0) + Math.max(0, chars);
  }
}

/** Add digest `b` into `a`. Sums only, so the result does not depend on how records were batched. */
export function mergeDigest(a: RecordDigest, b: RecordDigest): void {
  a.docs += b.docs;
  a.charsIn += b.charsIn;
  a.charsOut += b.charsOut;
  a.emptied += b.emptied;
  for (const k of Object.keys(b.linesByRule)) a.linesByRule[k] = (a.linesByRule[k] ?? 0) + b.linesByRule[k]!;
  for (const k of Object.keys(b.charsByRule)) a.charsByRule[k] = (a.charsByRule[k] ?? 0) + b.charsByRule[k]!;
}

/**
 * What dedup sees for a document that cleaning emptied: a token for the hash of its raw body. Two
 * pages with byte-identical bodies are exact duplicates even when nothing of them survives cleaning;
 * any other emptied page stays unique (two tokens are below minShingles: exact dedup only, never
 * MinHash). Without this, emptied exact copies were never merged (bench: 1% of exact copies).
 */
export function emptyDedupText(r: OutputRecord): string {
  return `emptied ${createHash('sha1').update(rebuildBody(r)).digest('hex')}`;
}

/** The text dedup is fed for a record. */
export function dedupText(r: OutputRecord): string {
  return r.text === '' ? emptyDedupText(r) : r.text;
}

/**
 * Cleaned records of one batch, in input order. `jsonl` is the UTF-8 encoding of
 * `JSON.stringify(record) + '\n'` per record: exactly the bytes a JSONL output writes. It owns its
 * ArrayBuffer (never a pooled one), so a worker can transfer it. With dedup (a Sketcher given), `ids`
 * and `sketches` (the sketch of dedupText()) per record, and the Sketcher's key; otherwise null.
 */
export interface RecordBatch {
  jsonl: Uint8Array;
  digest: RecordDigest;
  ids: string[] | null;
  sketches: TextSketch[] | null;
  sketchKey: string | null;
}

/** Build a batch from records (in order); with a Sketcher, the records' dedup sketches too. */
export function recordBatch(records: Iterable<OutputRecord>, sketcher: Sketcher | null): RecordBatch {
  const json: string[] = [];
  const digest = emptyDigest();
  const ids: string[] | null = sketcher ? [] : null;
  const sketches: TextSketch[] | null = sketcher ? [] : null;
  let bytes = 0;
  for (const r of records) {
    const s = JSON.stringify(r);
    json.push(s);
    bytes += Buffer.byteLength(s, 'utf8') + 1;
    digestRecord(digest, r);
    if (ids && sketches) {
      ids.push(r.id);
      sketches.push(sketcher!.sketch(dedupText(r)));
    }
  }
  // One UTF-8 buffer: a flat string of the batch would cost more to build and to send, and the
  // writer would encode it again. (JSON.stringify escapes lone surrogates, so the encoding is exact.)
  const buf = Buffer.from(new ArrayBuffer(bytes));
  let off = 0;
  for (const s of json) {
    off += buf.write(s, off, 'utf8');
    buf[off++] = 0x0a;
  }
  if (off !== bytes) throw new Error(`recordBatch: wrote ${off} of ${bytes} bytes`);
  return { jsonl: new Uint8Array(buf.buffer, 0, bytes), digest, ids, sketches, sketchKey: sketcher ? sketcher.key : null };
}

/** The records of a batch's JSONL bytes, parsed (one per line). */
export function parseBatch(jsonl: Uint8Array): OutputRecord[] {
  const text = new TextDecoder().decode(jsonl);
  const out: OutputRecord[] = [];
  // JSON.stringify escapes every newline inside strings: one line per record.
  let from = 0;
  for (let nl = text.indexOf('\n'); nl >= 0; from = nl + 1, nl = text.indexOf('\n', from)) out.push(JSON.parse(text.slice(from, nl)) as OutputRecord);
  return out;
}
