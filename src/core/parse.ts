/** Parsing of the raw scraped-text format and of JSONL corpora into InputDocuments. */
import type { InputDocument } from '../types.js';

/** Header values that mean "no value". */
const NULL_VALUES = new Set(['', 'none', 'null', 'n/a', 'na', 'nil', 'undefined', '-']);
const HEADER_LINE = /^([A-Za-z][A-Za-z0-9 _-]{0,39}):(?:[ \t]+(.*)|)$/;
/** A header longer than this is not a header (it is body text that happens to contain colons). */
const MAX_HEADER_LINES = 40;
const KNOWN_KEYS = new Set(['title', 'date', 'url']);

export function nullIfEmpty(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return NULL_VALUES.has(s.toLowerCase()) ? null : s;
}

/** Split text into lines on LF, CRLF or CR; a final terminator does not make an extra empty line. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function safeMetadata(): Record<string, unknown> {
  // Null prototype: `__proto__`, `constructor` keys from hostile input stay plain data.
  return Object.create(null) as Record<string, unknown>;
}

export function setSafe(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Parse a raw scraped-text document (optional `Key: value` header, blank line, body). */
export function parseRawText(text: string, sourcePath: string): InputDocument {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = splitLines(text);
  const doc: InputDocument = {
    inputId: null,
    source: { path: sourcePath },
    title: null,
    date: null,
    url: null,
    bodyLines: lines,
    bodyStartLine: 1,
    metadata: safeMetadata(),
  };
  // Find the header: consecutive Key: value lines from the top, ended by a blank line (or EOF).
  let end = 0;
  const pairs: Array<[string, string]> = [];
  while (end < lines.length && end < MAX_HEADER_LINES) {
    const m = HEADER_LINE.exec(lines[end] ?? '');
    if (!m) break;
    pairs.push([m[1]!.trim(), m[2] ?? '']);
    end++;
  }
  const endsWell = end === lines.length || (lines[end] ?? '').trim() === '';
  const hasKnown = pairs.some(([k]) => KNOWN_KEYS.has(k.toLowerCase()));
  if (pairs.length === 0 || !endsWell || !hasKnown) return doc;
  for (const [k, v] of pairs) {
    const key = k.toLowerCase();
    const value = nullIfEmpty(v);
    if (key === 'title') doc.title = value;
    else if (key === 'date') doc.date = value;
    else if (key === 'url') doc.url = value;
    else setSafe(doc.metadata, key.replace(/\s+/g, '_'), value);
  }
  const bodyStart = Math.min(end + 1, lines.length);
  doc.bodyLines = lines.slice(bodyStart);
  doc.bodyStartLine = bodyStart + 1;
  return doc;
}

export interface JsonlFieldOptions {
  textField?: string;
  idField?: string;
  urlField?: string;
}

/** Parse one JSONL line into a document. Throws an Error with a clear message on bad input. */
export function parseJsonlRecord(line: string, sourcePath: string, lineNo: number, opts: JsonlFieldOptions = {}): InputDocument {
  const textField = opts.textField ?? 'text';
  const idField = opts.idField ?? 'id';
  const urlField = opts.urlField ?? 'url';
  let obj: unknown;
  try {
    obj = JSON.parse(line);
  } catch (e) {
    throw new Error(`malformed JSON (${(e as Error).message.split('\n')[0]})`);
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) throw new Error('JSONL line is not an object');
  const rec = obj as Record<string, unknown>;
  const text = Object.prototype.hasOwnProperty.call(rec, textField) ? rec[textField] : undefined;
  if (typeof text !== 'string') throw new Error(`JSONL record has no string "${textField}" field`);
  const metadata = safeMetadata();
  for (const k of Object.keys(rec)) {
    if (k === textField || k === idField || k === urlField || k === 'title' || k === 'date') continue;
    setSafe(metadata, k, rec[k]);
  }
  const id = Object.prototype.hasOwnProperty.call(rec, idField) ? rec[idField] : undefined;
  const str = (k: string): string | null =>
    Object.prototype.hasOwnProperty.call(rec, k) && (typeof rec[k] === 'string' || typeof rec[k] === 'number') ? nullIfEmpty(rec[k]) : null;
  return {
    inputId: id === undefined || id === null ? null : String(id),
    source: { path: sourcePath, line: lineNo },
    title: str('title'),
    date: str('date'),
    url: str(urlField),
    bodyLines: splitLines(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text),
    bodyStartLine: 1,
    metadata,
  };
}
