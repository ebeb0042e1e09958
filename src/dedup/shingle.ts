/**
 * Shingling: normalised text → sorted, de-duplicated Uint32Array of 32-bit shingle hashes.
 *
 * Tokens (computed in one pass over UTF-16 code units, no per-token or per-shingle strings):
 * - a maximal run of letters/digits/marks (Unicode \p{L}\p{N}\p{M}) is one word token; every other
 *   character (space, punctuation, symbols) only separates tokens, so punctuation noise does not
 *   change shingles;
 * - each Han / kana / Hangul character is a token on its own (these scripts are not space-separated).
 *
 * A document whose tokens are at least half CJK characters uses `cjkShingleSize`-grams of tokens
 * (character n-grams for CJK, with any embedded Latin words as single tokens); every other document
 * uses `shingleSize`-grams (word n-grams). Token hash: FNV-1a over code units + murmur3 finaliser.
 * Shingle hash: MurmurHash3_x86_32 over the n token hashes, salted with n, then fmix32.
 * 32-bit shingle hashes: spurious collisions between two documents of |A|,|B| shingles are about
 * |A|·|B|/2^32 (≈1e-4 for 700-shingle documents), negligible for a Jaccard of ≥ 0.5.
 */
import { fmix32, murmurStep } from './hash.js';

/** 0 = separator, 1 = word character, 2 = CJK character (a token of its own). */
let CLASS: Uint8Array | null = null;

function buildClassTable(): Uint8Array {
  const t = new Uint8Array(65536);
  const word = /^[\p{L}\p{N}\p{M}]$/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) {
      t[c] = 1; // surrogate halves (astral letters, emoji): part of a word token
      continue;
    }
    if (!word.test(String.fromCharCode(c))) continue;
    const cjk =
      (c >= 0x3040 && c <= 0x30ff) || // hiragana, katakana
      (c >= 0x3400 && c <= 0x4dbf) || // CJK ext A
      (c >= 0x4e00 && c <= 0x9fff) || // CJK unified
      (c >= 0xf900 && c <= 0xfaff) || // CJK compatibility
      (c >= 0x1100 && c <= 0x11ff) || // Hangul jamo
      (c >= 0x3130 && c <= 0x318f) || // Hangul compatibility jamo
      (c >= 0xac00 && c <= 0xd7af) || // Hangul syllables
      (c >= 0x31f0 && c <= 0x31ff) || // katakana ext
      (c >= 0xff66 && c <= 0xff9f); // half-width katakana (NFKC maps these anyway)
    t[c] = cjk ? 2 : 1;
  }
  return t;
}

function classTable(): Uint8Array {
  if (!CLASS) CLASS = buildClassTable();
  return CLASS;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const CJK_SALT = 0x6a09e667;

/** Reusable token buffer (grown on demand) so shingling allocates only its result. */
let tokBuf = new Uint32Array(4096);

export interface Tokens {
  /** View into a shared buffer: valid until the next call. */
  hashes: Uint32Array;
  count: number;
  cjkCount: number;
}

/** Tokenise already-normalised text into 32-bit token hashes (see module comment). */
export function tokenHashes(normalized: string): Tokens {
  const cls = classTable();
  let buf = tokBuf;
  let n = 0;
  let cjk = 0;
  let h = FNV_OFFSET;
  let inWord = false;
  const len = normalized.length;
  for (let i = 0; i < len; i++) {
    const c = normalized.charCodeAt(i);
    const k = cls[c]!;
    if (k === 1) {
      h = Math.imul(h ^ c, FNV_PRIME);
      inWord = true;
      continue;
    }
    if (n + 2 > buf.length) {
      const nb = new Uint32Array(buf.length * 2);
      nb.set(buf);
      buf = tokBuf = nb;
    }
    if (inWord) {
      buf[n++] = fmix32(h);
      h = FNV_OFFSET;
      inWord = false;
    }
    if (k === 2) {
      buf[n++] = fmix32(Math.imul(c, FNV_PRIME) ^ CJK_SALT);
      cjk++;
    }
  }
  if (inWord) {
    if (n + 1 > buf.length) {
      const nb = new Uint32Array(buf.length * 2);
      nb.set(buf);
      buf = tokBuf = nb;
    }
    buf[n++] = fmix32(h);
  }
  return { hashes: buf, count: n, cjkCount: cjk };
}

/** True when CJK characters make up at least half of the tokens. */
export function isCjkTokens(t: Tokens): boolean {
  return t.count > 0 && t.cjkCount * 2 >= t.count;
}

/** Hash of the n-gram of token hashes starting at `start`. */
function shingleHash(toks: Uint32Array, start: number, n: number): number {
  let h = n;
  for (let j = 0; j < n; j++) h = murmurStep(h, toks[start + j]!);
  return fmix32(h ^ (n << 2));
}

/** Sort ascending and drop duplicates in place; returns a subarray view (copied to its own buffer). */
export function sortUnique(a: Uint32Array): Uint32Array {
  a.sort();
  let w = 0;
  for (let i = 0; i < a.length; i++) {
    if (i === 0 || a[i] !== a[w - 1]) a[w++] = a[i]!;
  }
  return w === a.length ? a : a.slice(0, w);
}

export interface ShingleOptions {
  shingleSize: number;
  cjkShingleSize: number;
}

export interface ShingleSet {
  /** Sorted, unique shingle hashes. Empty if the text has fewer tokens than the n-gram size. */
  hashes: Uint32Array;
  /** Which n was used. */
  n: number;
  cjk: boolean;
  tokens: number;
}

/** Shingle already-normalised text (see module comment). */
export function shingle(normalized: string, opts: ShingleOptions): ShingleSet {
  const t = tokenHashes(normalized);
  const cjk = isCjkTokens(t);
  const n = cjk ? opts.cjkShingleSize : opts.shingleSize;
  const count = t.count >= n ? t.count - n + 1 : 0;
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) out[i] = shingleHash(t.hashes, i, n);
  return { hashes: sortUnique(out), n, cjk, tokens: t.count };
}
