/**
 * Common Crawl WET reader: a streaming WARC record parser.
 *
 * Record layout: `WARC/1.x` version line, `Name: value` header lines (continuation lines starting with
 * space/tab are folded), an empty line, exactly `Content-Length` bytes of block, then `\r\n\r\n`.
 * Only `WARC-Type: conversion` records become documents:
 *   WARC-Target-URI → url, WARC-Date → date, WARC-Record-ID → inputId (angle brackets kept as given),
 *   source.line = 1-based index of the record in the file (all record types counted, warcinfo = 1),
 *   metadata: content_language (WARC-Identified-Content-Language), content_type, refers_to, when present.
 * The block is decoded like a file (strict UTF-8, else detection, else an error for that record).
 * A record with a missing/invalid Content-Length or a non-WARC line where a record should start ends
 * the file with an error (the stream cannot be resynchronised reliably); docs before it are kept.
 * A record whose block exceeds maxRecordBytes is skipped with an error.
 */
import type { InputDocument } from '../types.js';
import { splitLines } from '../core/parse.js';
import type { ByteReader } from './bytes.js';
import { TOO_LONG } from './bytes.js';
import { DecodeError, decodeBytes } from './decode.js';

export type WetEvent = { kind: 'doc'; doc: InputDocument } | { kind: 'error'; path: string; line?: number; message: string };

const MAX_HEADER_LINE = 64 * 1024;
const MAX_HEADERS = 1000;

export interface WetOptions {
  maxRecordBytes: number;
  encoding?: string;
}

function nullMeta(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

export async function* readWet(reader: ByteReader, rel: string, opts: WetOptions): AsyncGenerator<WetEvent> {
  let index = 0;
  let docs = 0;
  for (;;) {
    // Skip blank lines between records.
    let first: Buffer | typeof TOO_LONG | null;
    do {
      first = await reader.readLine(MAX_HEADER_LINE);
    } while (first !== null && first !== TOO_LONG && first.toString('latin1').trim() === '');
    if (first === null) break;
    index++;
    const version = first === TOO_LONG ? '' : first.toString('latin1').trim();
    if (!/^WARC\/\d+\.\d+$/.test(version)) {
      yield { kind: 'error', path: rel, line: index, message: `not a WARC record (expected "WARC/1.0", got "${version.slice(0, 40)}")` };
      return;
    }
    const headers = new Map<string, string>();
    let lastKey: string | null = null;
    let ended = false;
    for (let n = 0; n < MAX_HEADERS; n++) {
      const h = await reader.readLine(MAX_HEADER_LINE);
      if (h === null) break;
      if (h === TOO_LONG) continue;
      const s = h.toString('utf8').replace(/\r$/, '');
      if (s === '') {
        ended = true;
        break;
      }
      if ((s.startsWith(' ') || s.startsWith('\t')) && lastKey) {
        headers.set(lastKey, `${headers.get(lastKey) ?? ''} ${s.trim()}`);
        continue;
      }
      const colon = s.indexOf(':');
      if (colon <= 0) continue;
      lastKey = s.slice(0, colon).trim().toLowerCase();
      headers.set(lastKey, s.slice(colon + 1).trim());
    }
    if (!ended) {
      yield { kind: 'error', path: rel, line: index, message: 'truncated WARC record header' };
      return;
    }
    const lenStr = headers.get('content-length');
    const len = lenStr !== undefined && /^\d+$/.test(lenStr) ? Number(lenStr) : NaN;
    if (!Number.isSafeInteger(len)) {
      yield { kind: 'error', path: rel, line: index, message: 'WARC record without a valid Content-Length' };
      return;
    }
    const type = (headers.get('warc-type') ?? '').toLowerCase();
    if (type !== 'conversion' || len > opts.maxRecordBytes) {
      const skipped = await reader.skip(len);
      if (skipped < len) {
        yield { kind: 'error', path: rel, line: index, message: 'truncated WARC record' };
        return;
      }
      if (type === 'conversion') yield { kind: 'error', path: rel, line: index, message: `WARC record too large (over ${opts.maxRecordBytes} bytes)` };
      continue;
    }
    const block = await reader.readExact(len);
    if (block.length < len) {
      yield { kind: 'error', path: rel, line: index, message: 'truncated WARC record' };
      return;
    }
    let text: string;
    let encoding: string;
    try {
      ({ text, encoding } = decodeBytes(block, { encoding: opts.encoding, skipBinaryCheck: false }));
    } catch (e) {
      yield { kind: 'error', path: rel, line: index, message: e instanceof DecodeError ? e.message : String(e) };
      continue;
    }
    const metadata = nullMeta();
    const lang = headers.get('warc-identified-content-language');
    if (lang) metadata.content_language = lang;
    const ctype = headers.get('content-type');
    if (ctype) metadata.content_type = ctype;
    const refers = headers.get('warc-refers-to');
    if (refers) metadata.refers_to = refers;
    docs++;
    yield {
      kind: 'doc',
      doc: {
        inputId: headers.get('warc-record-id') || null,
        source: { path: rel, line: index },
        title: null,
        date: headers.get('warc-date') || null,
        url: headers.get('warc-target-uri') || null,
        bodyLines: splitLines(text),
        bodyStartLine: 1,
        metadata,
        encoding,
      },
    };
  }
  if (index === 0) yield { kind: 'error', path: rel, message: 'empty file' };
  else if (docs === 0 && index > 0) {
    /* a WET file with only warcinfo/metadata records: nothing to clean, not an error */
  }
}
