/**
 * Input layer: turns CLI path arguments into a stream of InputDocuments and per-file/per-line errors.
 *
 * Paths
 *  - A file argument is read whatever its name (the glob only filters directory contents). Its
 *    `source.path` is the path as given, normalised to POSIX separators (`./a.txt` → `a.txt`,
 *    `C:\x\a.txt` → `C:/x/a.txt`); its `root` is its parent directory.
 *  - A directory argument is walked recursively; files matching the glob (see glob.ts: a pattern with no
 *    `/` matches the basename at any depth) are read in the order of their relative POSIX path compared
 *    by UTF-16 code units — never file-system order. `source.path` is relative to that directory.
 *    Entries whose name starts with `.` (hidden files/dirs, our own temp files) are skipped.
 *    Symlinks are followed; a directory already visited (by real path) is skipped, so loops terminate.
 *  - `-` is stdin (`source.path` = `-`). Format: `opts.stdinFormat`, or 'auto': JSONL when every
 *    non-empty line in the first 1 MiB starts with `{` (after leading whitespace), else raw text.
 *  - Several arguments are processed in argument order; a file reached twice (same real path) is read once.
 *  - `opts.exclude`: absolute paths (files or directories) never read — e.g. the output file/dir.
 *  - Errors: missing path → `no such file or directory`; directory without matching files →
 *    `no input files in directory`. listInputs' errors are yielded first by readInputs.
 *
 * Formats (by file name, case-insensitive; `.gz` suffix = gzip, streamed, multi-member OK; `.zst` suffix =
 * Zstandard, streamed through fzstd, multi-frame OK)
 *  - `.jsonl` / `.ndjson`: one doc per line, streamed; empty lines skipped; line numbers are physical
 *    1-based lines; a line over `maxLineBytes` (default 64 MiB) or malformed → error event with `line`.
 *  - `.warc.wet` / `.wet` (+ `.gz`): WARC records, only `WARC-Type: conversion` become docs (wet.ts).
 *  - `.html` / `.htm` / `.xhtml`: converted to block lines (html.ts).
 *  - anything else (`.txt`, ...): one raw document via parseRawText; whole-file formats are limited
 *    to `maxFileBytes` (default 256 MiB) → error `file too large`.
 *  - An empty (or whitespace-only) file, or a JSONL/WET file with no records → error `empty file`.
 *  - A truncated gzip → error `truncated gzip (unexpected end of file)` (zstd: `truncated zstd ...`); docs read
 *    before it are kept.
 *
 * Decoding: see decode.ts (BOM, binary detection, strict UTF-8, legacy detection, `encoding` forces).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { pipeline } from 'node:stream';
import { createZstdDecompress } from './zstd.js';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import type { InputDocument } from '../types.js';
import { parseJsonlRecord, parseRawText } from '../core/parse.js';
import { ByteReader, TOO_LONG } from './bytes.js';
import { canonicalEncoding, DecodeError, decodeBytes, encodingSupported, looksBinary, sniffBom, sniffMetaCharset } from './decode.js';
import { compileGlobs } from './glob.js';
import { readWet } from './wet.js';
import { htmlToDocument } from './html.js';

export interface ReadOptions {
  /** Include patterns for directory walks (`!pattern` excludes). Default: DEFAULT_GLOBS. */
  glob?: string[];
  /** Absolute paths (files or directories) to exclude, e.g. the output file/dir. */
  exclude?: string[];
  /** Force this encoding for every input (any name iconv-lite knows). */
  encoding?: string;
  /** JSONL field names (defaults: text, id, url). */
  textField?: string;
  idField?: string;
  urlField?: string;
  /** Longest JSONL line / WET record accepted, in bytes. Default 64 MiB. */
  maxLineBytes?: number;
  /** Largest whole-file input (raw text, HTML) accepted, in bytes (after gunzip). Default 256 MiB. */
  maxFileBytes?: number;
  /** How to read `-`: 'auto' (default), 'text' or 'jsonl'. */
  stdinFormat?: 'auto' | 'text' | 'jsonl';
  /** Stream used for `-` (default process.stdin); for tests and embedding. */
  stdin?: NodeJS.ReadableStream;
}

export type InputEvent = { kind: 'doc'; doc: InputDocument } | { kind: 'error'; path: string; line?: number; message: string };

export interface InputFile {
  /** Absolute path, or `-` for stdin. */
  abs: string;
  /** `source.path` for documents from this file (POSIX separators). */
  rel: string;
  /** The directory `rel` is relative to (the directory argument; the parent dir for a file argument; '' for stdin). */
  root: string;
}

export const DEFAULT_GLOBS: readonly string[] = [
  '**/*.txt',
  '**/*.jsonl',
  '**/*.jsonl.gz',
  '**/*.txt.gz',
  '**/*.html',
  '**/*.htm',
  '**/*.warc.wet',
  '**/*.wet.gz',
  '**/*.jsonl.zst',
  '**/*.txt.zst',
  '**/*.wet.zst',
];
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 256 * 1024 * 1024;
/** How much of stdin is inspected to decide raw text vs JSONL. */
const STDIN_SNIFF_BYTES = 1024 * 1024;
const READ_CHUNK = 1024 * 1024;

export type InputFormat = 'txt' | 'jsonl' | 'html' | 'wet';

/** Format and compression implied by a file name. */
export type Compression = 'gzip' | 'zstd' | null;

export function formatOf(name: string): { format: InputFormat; gzip: boolean; compression: Compression } {
  const lower = name.toLowerCase();
  const compression: Compression = lower.endsWith('.gz') ? 'gzip' : lower.endsWith('.zst') ? 'zstd' : null;
  const gzip = compression === 'gzip';
  const base = compression === 'gzip' ? lower.slice(0, -3) : compression === 'zstd' ? lower.slice(0, -4) : lower;
  const f = (format: InputFormat) => ({ format, gzip, compression });
  if (base.endsWith('.wet')) return f('wet');
  if (base.endsWith('.jsonl') || base.endsWith('.ndjson')) return f('jsonl');
  if (base.endsWith('.html') || base.endsWith('.htm') || base.endsWith('.xhtml')) return f('html');
  return f('txt');
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/').replace(/\\/g, '/');
}

/** `source.path` for a file given directly: the path as given, normalised, POSIX separators. */
function relForFileArg(arg: string): string {
  let n = toPosix(path.normalize(arg));
  while (n.startsWith('./')) n = n.slice(2);
  return n;
}

function errorMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'Z_BUF_ERROR':
      return 'truncated gzip (unexpected end of file)';
    case 'Z_DATA_ERROR':
      return `corrupt gzip data (${e.message})`;
    case 'ZSTD_TRUNCATED':
      return 'truncated zstd (unexpected end of file)';
    case 'ZSTD_DATA_ERROR':
      return `corrupt zstd data (${e.message})`;
    default:
      return e instanceof Error ? e.message : String(err);
  }
}

function isExcluded(abs: string, excludes: string[]): boolean {
  for (const ex of excludes) {
    if (abs === ex || abs.startsWith(ex.endsWith(path.sep) ? ex : ex + path.sep)) return true;
  }
  return false;
}

async function realOrSelf(p: string): Promise<string> {
  try {
    return await fs.promises.realpath(p);
  } catch {
    return p;
  }
}

/**
 * Recursively collect matching files under rootAbs. Entries are visited depth-first in name order, so
 * which path wins when two symlinked paths reach the same directory is deterministic.
 */
async function walk(
  rootAbs: string,
  match: (rel: string) => boolean,
  excludes: string[],
  out: Array<{ abs: string; rel: string }>,
): Promise<void> {
  const visited = new Set<string>([await realOrSelf(rootAbs)]);
  const visit = async (dir: string, rel: string): Promise<void> => {
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      return; // unreadable subdirectory: skipped (the root itself was checked by the caller)
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const ent of entries) {
      const name = ent.name;
      if (name.startsWith('.')) continue;
      const abs = path.join(dir, name);
      const childRel = rel ? `${rel}/${name}` : name;
      if (isExcluded(abs, excludes)) continue;
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const st = await fs.promises.stat(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue; // broken link or loop: skipped
        }
        if (isExcluded(await realOrSelf(abs), excludes)) continue;
      }
      if (isDir) {
        const real = await realOrSelf(abs);
        if (visited.has(real)) continue;
        visited.add(real);
        await visit(abs, childRel);
      } else if (isFile && match(childRel)) {
        out.push({ abs, rel: childRel });
      }
    }
  };
  await visit(rootAbs, '');
}

function byRel(a: { rel: string }, b: { rel: string }): number {
  return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0;
}

/** Resolve path arguments into the ordered list of input files, plus errors for bad arguments. */
export async function listInputs(paths: string[], opts: ReadOptions = {}): Promise<{ files: InputFile[]; errors: InputEvent[] }> {
  const globs = opts.glob && opts.glob.length > 0 ? opts.glob : [...DEFAULT_GLOBS];
  const match = compileGlobs(globs);
  const excludes = (opts.exclude ?? []).map((p) => path.resolve(p));
  const files: InputFile[] = [];
  const errors: InputEvent[] = [];
  const seen = new Set<string>();
  let stdinSeen = false;
  for (const arg of paths) {
    if (arg === '-') {
      if (!stdinSeen) files.push({ abs: '-', rel: '-', root: '' });
      stdinSeen = true;
      continue;
    }
    const abs = path.resolve(arg);
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(abs);
    } catch (e) {
      errors.push({ kind: 'error', path: relForFileArg(arg), message: errorMessage(e) });
      continue;
    }
    if (st.isDirectory()) {
      const found: Array<{ abs: string; rel: string }> = [];
      await walk(abs, match, excludes, found);
      found.sort(byRel);
      for (const f of found) {
        const real = await realOrSelf(f.abs);
        if (seen.has(real)) continue;
        seen.add(real);
        files.push({ abs: f.abs, rel: f.rel, root: abs });
      }
      if (found.length === 0) {
        errors.push({ kind: 'error', path: relForFileArg(arg), message: `no input files in directory (glob: ${globs.join(', ')})` });
      }
    } else {
      if (isExcluded(abs, excludes)) continue;
      const real = await realOrSelf(abs);
      if (seen.has(real)) continue;
      seen.add(real);
      files.push({ abs, rel: relForFileArg(arg), root: path.dirname(abs) });
    }
  }
  return { files, errors };
}

/** Read every input; yields documents and error events (never throws for bad input). */
export async function* readInputs(paths: string[], opts: ReadOptions = {}): AsyncGenerator<InputEvent> {
  const { files, errors } = await listInputs(paths, opts);
  for (const e of errors) yield e;
  for (const f of files) yield* readInputFile(f, opts);
}

/** Open the byte stream of an input (decompressed when asked). */
function openBytes(file: InputFile, compression: Compression, opts: ReadOptions): { stream: Readable; destroy: () => void } {
  const src: Readable =
    file.abs === '-' ? ((opts.stdin ?? process.stdin) as Readable) : fs.createReadStream(file.abs, { highWaterMark: READ_CHUNK });
  if (!compression) return { stream: src, destroy: () => (file.abs === '-' ? undefined : src.destroy()) };
  const gunzip = compression === 'zstd' ? createZstdDecompress() : zlib.createGunzip({ chunkSize: 256 * 1024 });
  pipeline(src, gunzip, () => {
    /* errors surface when iterating gunzip */
  });
  return {
    stream: gunzip,
    destroy: () => {
      gunzip.destroy();
      if (file.abs !== '-') src.destroy();
    },
  };
}

/** Read one input file (or stdin). Yields docs and error events. */
export async function* readInputFile(file: InputFile, opts: ReadOptions = {}): AsyncGenerator<InputEvent> {
  const rel = file.rel;
  if (opts.encoding && !encodingSupported(opts.encoding)) {
    yield { kind: 'error', path: rel, message: `unknown encoding "${opts.encoding}"` };
    return;
  }
  const { format: byName, compression } =
    file.abs === '-' ? { format: 'txt' as InputFormat, compression: null } : formatOf(file.abs);
  let format: InputFormat = byName;
  const { stream, destroy } = openBytes(file, compression, opts);
  const reader = new ByteReader(stream as AsyncIterable<Buffer>);
  try {
    if (file.abs === '-') {
      const mode = opts.stdinFormat ?? 'auto';
      format = mode === 'jsonl' ? 'jsonl' : mode === 'text' ? 'txt' : (await sniffJsonl(reader)) ? 'jsonl' : 'txt';
    }
    switch (format) {
      case 'jsonl':
        yield* readJsonl(reader, rel, opts);
        break;
      case 'wet':
        yield* readWet(reader, rel, { maxRecordBytes: opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES, encoding: opts.encoding });
        break;
      default:
        yield* readWhole(reader, rel, format, opts);
    }
  } catch (e) {
    yield { kind: 'error', path: rel, message: errorMessage(e) };
  } finally {
    await reader.close();
    destroy();
  }
}

/** Stdin auto-detection: every non-empty line of the first 1 MiB starts with `{`. */
async function sniffJsonl(reader: ByteReader): Promise<boolean> {
  const head = await reader.peek(STDIN_SNIFF_BYTES);
  if (head.length === 0 || sniffBom(head)?.encoding.startsWith('utf-16')) return false;
  const text = head.toString('latin1'); // only ASCII structure matters here
  let any = false;
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t) continue;
    if (t.charCodeAt(0) === 0xef && t.startsWith('\u00ef\u00bb\u00bf')) {
      if (!t.slice(3).trimStart().startsWith('{')) return false;
    } else if (!t.startsWith('{')) return false;
    any = true;
  }
  return any;
}

/** Raw text / HTML: the whole (bounded) file as one document. */
async function* readWhole(reader: ByteReader, rel: string, format: InputFormat, opts: ReadOptions): AsyncGenerator<InputEvent> {
  const max = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const buf = await reader.readAll(max);
  if (buf === TOO_LONG) {
    yield { kind: 'error', path: rel, message: `file too large (over ${max} bytes)` };
    return;
  }
  if (buf.length === 0) {
    yield { kind: 'error', path: rel, message: 'empty file' };
    return;
  }
  let decoded;
  try {
    decoded = decodeBytes(buf, { encoding: opts.encoding, hint: format === 'html' ? sniffMetaCharsetSafe(buf) : null });
  } catch (e) {
    yield { kind: 'error', path: rel, message: e instanceof DecodeError ? e.message : errorMessage(e) };
    return;
  }
  if (decoded.text.trim() === '') {
    yield { kind: 'error', path: rel, message: 'empty file' };
    return;
  }
  const doc = format === 'html' ? htmlToDocument(decoded.text, rel) : parseRawText(decoded.text, rel);
  doc.encoding = decoded.encoding;
  yield { kind: 'doc', doc };
}

function sniffMetaCharsetSafe(buf: Buffer): string | null {
  const name = sniffMetaCharset(buf);
  return name && encodingSupported(name) ? name : null;
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isBlankBytes(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0b && c !== 0x0c) return false;
  }
  return true;
}

/** Transcode a UTF-16 byte stream to UTF-8 chunks (so the line splitter can work on bytes). */
async function* transcodeToUtf8(reader: ByteReader, encoding: string): AsyncGenerator<Buffer> {
  const decoder = iconv.getDecoder(encoding, { stripBOM: true });
  for (;;) {
    const chunk = await reader.readExact(READ_CHUNK);
    if (chunk.length === 0) break;
    const s = decoder.write(chunk);
    if (s) yield Buffer.from(s, 'utf8');
  }
  const rest = decoder.end();
  if (rest) yield Buffer.from(rest, 'utf8');
}

/** JSONL: one document per non-empty line, streamed. */
async function* readJsonl(input: ByteReader, rel: string, opts: ReadOptions): AsyncGenerator<InputEvent> {
  const maxLine = opts.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES;
  const fields = { textField: opts.textField, idField: opts.idField, urlField: opts.urlField };
  const forced = opts.encoding ? canonicalEncoding(opts.encoding) : null;
  const head = await input.peek(8192);
  const bom = sniffBom(head);
  let reader = input;
  let lineEncoding: string | null = forced; // forced encoding used for each line
  let reportEncoding: string | null = null; // encoding reported for transcoded streams
  const wide = forced && /^utf-?16/.test(forced) ? forced : !forced && bom && bom.encoding !== 'utf-8' ? bom.encoding : null;
  if (wide) {
    reader = new ByteReader(transcodeToUtf8(input, wide));
    lineEncoding = null;
    reportEncoding = wide;
  } else if (!forced && looksBinary(bom ? head.subarray(bom.length) : head)) {
    yield { kind: 'error', path: rel, message: 'binary file' };
    return;
  }
  let lineNo = 0;
  let records = 0;
  let legacyHint: string | null = null;
  for (;;) {
    const raw = await reader.readLine(maxLine);
    if (raw === null) break;
    lineNo++;
    if (raw === TOO_LONG) {
      records++;
      yield { kind: 'error', path: rel, line: lineNo, message: `line too long (over ${maxLine} bytes)` };
      continue;
    }
    let line = raw.length > 0 && raw[raw.length - 1] === 0x0d ? raw.subarray(0, raw.length - 1) : raw;
    if (lineNo === 1 && line.length >= 3 && line[0] === 0xef && line[1] === 0xbb && line[2] === 0xbf) line = line.subarray(3);
    if (isBlankBytes(line)) continue;
    records++;
    let text: string;
    let encoding: string;
    try {
      if (lineEncoding) {
        ({ text, encoding } = decodeBytes(line, { encoding: lineEncoding }));
      } else {
        try {
          text = utf8Fatal.decode(line);
          encoding = reportEncoding ?? 'utf-8';
        } catch {
          ({ text, encoding } = decodeBytes(line, { hint: legacyHint, skipBinaryCheck: true }));
          legacyHint = encoding;
        }
      }
    } catch (e) {
      yield { kind: 'error', path: rel, line: lineNo, message: e instanceof DecodeError ? e.message : errorMessage(e) };
      continue;
    }
    let doc: InputDocument;
    try {
      doc = parseJsonlRecord(text, rel, lineNo, fields);
    } catch (e) {
      yield { kind: 'error', path: rel, line: lineNo, message: (e as Error).message };
      continue;
    }
    doc.encoding = encoding;
    yield { kind: 'doc', doc };
  }
  if (records === 0) yield { kind: 'error', path: rel, message: 'empty file' };
}
