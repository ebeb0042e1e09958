/**
 * Byte → string decoding with binary detection and legacy-encoding detection.
 *
 * Order of decisions for a buffer (whole file, or one JSONL line):
 *  1. a forced encoding (`--encoding`) wins; unknown names are an error;
 *  2. a BOM (UTF-8, UTF-16LE, UTF-16BE) decides, and is stripped;
 *  3. binary check on the first 8 KiB: more than 10% control bytes (NUL included; other than TAB, LF,
 *     VT, FF, CR, ESC), or more than 1% NUL bytes in a sample that is not valid UTF-8 → `binary file`;
 *  4. strict UTF-8 (fatal decoder) → 'utf-8';
 *  5. otherwise a hint (HTML `<meta charset>`, or the encoding found for an earlier JSONL line), then
 *     chardet's candidates with confidence >= 20, in order of confidence, are tried; a candidate is
 *     accepted only when decoding yields no U+FFFD, NUL or C1 control characters; GBK/GB2312 are decoded as GB18030 (a superset), ISO-8859-1 as windows-1252;
 *  6. if nothing fits → DecodeError('invalid UTF-8 and no legacy encoding fits') — never silent mojibake.
 */
import iconv from 'iconv-lite';
import * as chardet from 'chardet';

export class DecodeError extends Error {}

export interface Decoded {
  text: string;
  /** Lower-case encoding name, e.g. 'utf-8', 'gb18030', 'shift_jis', 'utf-16le', 'windows-1252'. */
  encoding: string;
}

const BINARY_SNIFF_BYTES = 8192;
/** Share of control bytes in the sniffed prefix above which a file is binary. */
const MAX_CONTROL_SHARE = 0.1;

/**
 * chardet confidence (0-100) below which a guess is not trusted: chardet reports 10 for multi-byte
 * decoders that merely did not reject the bytes, which decodes noise into plausible-looking CJK.
 */
const MIN_CONFIDENCE = 20;

const utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The BOM at the start of buf, if any. */
export function sniffBom(buf: Uint8Array): { encoding: 'utf-8' | 'utf-16le' | 'utf-16be'; length: number } | null {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

/** Share of NUL bytes above which a sample is binary (1%: see looksBinary). */
const MAX_NUL_SHARE = 0.01;

/** True when the first 8 KiB look binary (NUL byte, or a high share of control bytes). */
export function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, BINARY_SNIFF_BYTES);
  if (n === 0) return false;
  let control = 0;
  let nul = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) nul++;
    else if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0b && b !== 0x0c && b !== 0x0d && b !== 0x1b) || b === 0x7f) control++;
  }
  if ((nul + control) / n > MAX_CONTROL_SHARE) return true;
  // A few NUL bytes occur in real scraped text (traf/0755 has 22 in 12 KB, valid UTF-8 around them);
  // binary formats have far more. Above 1% NULs the sample counts as text only if it is valid UTF-8:
  // a short page that keeps that run of NULs (1.3 KB with 22 NULs = 1.7%, seen in the 100k-file
  // bench corpus) is text, while binary formats (PNG, PDF, ZIP, ...) are not valid UTF-8.
  return nul / n > MAX_NUL_SHARE && !validUtf8Prefix(buf.subarray(0, n));
}

/** True when buf is valid UTF-8, allowing a multi-byte sequence cut at its end (a sniffed prefix). */
function validUtf8Prefix(buf: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** Normalise an encoding name to the one we decode with and report. */
export function canonicalEncoding(name: string): string {
  const n = name.trim().toLowerCase().replace(/_/g, '-');
  switch (n) {
    case 'utf8':
    case 'utf-8':
      return 'utf-8';
    case 'gbk':
    case 'gb2312':
    case 'gb-2312':
    case 'gb18030':
    case 'cp936':
    case 'x-gbk':
      return 'gb18030';
    case 'iso-8859-1':
    case 'latin1':
    case 'latin-1':
    case 'us-ascii':
    case 'ascii':
    case 'windows-1252':
    case 'cp1252':
      return 'windows-1252';
    case 'shift-jis':
    case 'sjis':
    case 'x-sjis':
    case 'ms-kanji':
    case 'windows-31j':
    case 'cp932':
      return 'shift_jis';
    case 'big5':
    case 'big5-hkscs':
      return 'big5';
    case 'euc-kr':
    case 'ks-c-5601-1987':
    case 'cp949':
      return 'euc-kr';
    case 'utf-16':
    case 'utf-16le':
      return 'utf-16le';
    case 'utf-16be':
      return 'utf-16be';
    default:
      return n;
  }
}

export function encodingSupported(name: string): boolean {
  const c = canonicalEncoding(name);
  return c === 'utf-8' || iconv.encodingExists(c);
}

/** C0 controls other than whitespace/ESC, C1 controls, and U+FFFD mean a wrong guess. */
// eslint-disable-next-line no-control-regex
const BAD_DECODE = /[\ufffd\u0080-\u009f\u0000]/;

function tryDecode(buf: Uint8Array, enc: string): string | null {
  try {
    const text = enc === 'utf-8' ? utf8Fatal.decode(buf) : iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), enc, { stripBOM: false });
    return BAD_DECODE.test(text) ? null : text;
  } catch {
    return null;
  }
}

/** Find `<meta charset=...>` / `content="...; charset=..."` in the first 1 KiB (HTML sniffing). */
export function sniffMetaCharset(buf: Uint8Array): string | null {
  const head = Buffer.from(buf.buffer, buf.byteOffset, Math.min(buf.byteLength, 1024)).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.+-]+)/i.exec(head);
  return m ? m[1]! : null;
}

export interface DecodeOptions {
  /** Force this encoding (any name iconv-lite knows). */
  encoding?: string;
  /** An encoding hint tried before chardet (e.g. HTML meta charset, or the file's earlier guess). */
  hint?: string | null;
  /** Skip the binary check (used for single JSONL lines, already checked at file level). */
  skipBinaryCheck?: boolean;
}

/** Decode bytes to text. Throws DecodeError('binary file' | 'unknown encoding ...' | 'invalid UTF-8 ...'). */
export function decodeBytes(buf: Uint8Array, opts: DecodeOptions = {}): Decoded {
  if (opts.encoding) {
    const enc = canonicalEncoding(opts.encoding);
    if (!encodingSupported(enc)) throw new DecodeError(`unknown encoding "${opts.encoding}"`);
    const bom = sniffBom(buf);
    const body = bom && bom.encoding === enc ? buf.subarray(bom.length) : buf;
    const text = enc === 'utf-8' ? new TextDecoder('utf-8', { ignoreBOM: true }).decode(body) : iconv.decode(Buffer.from(body), enc, { stripBOM: true });
    return { text, encoding: enc };
  }
  const bom = sniffBom(buf);
  if (bom) {
    const body = buf.subarray(bom.length);
    if (bom.encoding === 'utf-8') {
      try {
        return { text: utf8Fatal.decode(body), encoding: 'utf-8' };
      } catch {
        throw new DecodeError('invalid UTF-8 after a UTF-8 byte order mark');
      }
    }
    const text = iconv.decode(Buffer.from(body), bom.encoding, { stripBOM: false });
    return { text, encoding: bom.encoding };
  }
  if (!opts.skipBinaryCheck && looksBinary(buf)) throw new DecodeError('binary file');
  try {
    return { text: utf8Fatal.decode(buf), encoding: 'utf-8' };
  } catch {
    /* fall through to legacy detection */
  }
  // NUL bytes and invalid UTF-8 together: binary data, not a legacy-encoded text.
  if (!opts.skipBinaryCheck && buf.includes(0)) throw new DecodeError('binary file');
  const candidates: string[] = [];
  if (opts.hint) candidates.push(canonicalEncoding(opts.hint));
  let analysed: Array<{ name: string; confidence: number }> = [];
  try {
    analysed = chardet.analyse(buf);
  } catch {
    analysed = [];
  }
  for (const m of analysed) {
    if (m.confidence < MIN_CONFIDENCE) continue;
    candidates.push(canonicalEncoding(m.name));
  }
  const seen = new Set<string>();
  for (const enc of candidates) {
    if (seen.has(enc) || enc === 'utf-8' || enc.startsWith('utf-32')) continue;
    seen.add(enc);
    if (!iconv.encodingExists(enc)) continue;
    const text = tryDecode(buf, enc);
    if (text !== null) return { text, encoding: enc };
  }
  throw new DecodeError('invalid UTF-8 and no legacy encoding fits (use --encoding to force one)');
}
