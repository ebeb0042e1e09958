/**
 * tinyld's `detectAll` with memoized inner steps. Same code, same answers, less work.
 *
 * tinyld scores a sample chunk by chunk: a chunk (a sentence or line) gets a language from its
 * "unique" n-grams, else each of its words is scored from n-gram tables. Both steps are pure
 * functions of one string (the chunk, the word) and cost most of cleaning time when they run
 * afresh for every document. Words, and on real corpora whole sentences, recur. This module loads
 * tinyld's own CommonJS build and wraps those two functions with bounded memos. For calls without
 * options, detectAll's body runs as fastDetectAll: tinyld's steps and float sums in tinyld's order,
 * with typed arrays in place of per-word objects and maps (see there). Anything unexpected (another
 * tinyld version, a changed build) falls back to the plain `detectAll`: answers stay the same and
 * only speed is lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { detectAll as TinyldDetectAll } from 'tinyld';
import { unitHashFinish, unitHashStep, unitsHash } from '../core/unit-hash.js';

type DetectAll = typeof TinyldDetectAll;

/** Entries per memo; a memo is dropped whole when it is full (memory stays bounded). */
export const TINYLD_MEMO_MAX = 50_000;

/** The tinyld build these anchors were read from. */
const VERSION = '1.3.4';
/** Per-word n-gram scoring (`detectPotentialGrams`) and per-chunk unique grams (`detectUniqueGrams`). */
const WORD_FN = 'function t0(a,e,n){';
const CHUNK_FN = 'function o0(a,e,n,o){';
/** tinyld's cleanString (lower-case, punctuation to spaces, digits out, space runs collapsed, trim). */
const CLEAN_FN = 'function V(a){';
/**
 * The decoding of tinyld's data tables at load: every entry of `uniques` (~17,000 grams) and of
 * `multiples` (~19,000 grams, each a base-36 string of language/weight pairs) becomes an object
 * entry, ~0.2 s per process and per worker. Only the entries of grams a corpus shows are ever read
 * (tinyld reads these tables by key only: `e.uniques[r]`, `e.multiples[l]`), so each entry is
 * decoded on its first read, by tinyld's own per-entry code. The tail of each is kept as written.
 */
const UNIQUES_DECODE = 'uniques:Object.fromEntries(Object.entries(v.uniques).map(a=>[a[0],C[parseInt(a[1].toString(),36)]]))';
const MULTIPLES_DECODE =
  'multiples:Object.fromEntries(Object.entries(v.multiples).map(a=>{let e=Object.fromEntries(a[1].match(/(.{1,4})/g)?.map(n=>{let[o,t]=n.match(/(.{1,2})/g);return[C[parseInt(o,36)],parseInt(t,36)]})||[]);return[a[0],e]}))';
/** `uniques:Object.fromEntries(Object.entries(v.uniques).map(F))` -> `uniques:__lazy(v.uniques,F)` */
function lazyDecode(decode: string): string {
  const head = decode.slice(0, decode.indexOf(':') + 1);
  const table = /Object\.entries\((v\.\w+)\)\.map\(/.exec(decode)!;
  const fn = decode.slice(table.index + table[0].length, -2); // the entry function, without `))`
  return `${head}__lazy(${table[1]},${fn})`;
}
/**
 * A read-only view of `Object.fromEntries(Object.entries(raw).map(entry))` for reads by key: an own
 * key of raw gives its decoded value (decoded once), any other key what a plain object gives.
 */
function lazyTable(raw: Record<string, unknown>, entry: (e: [string, unknown]) => [string, unknown]): object {
  const done = new Map<string, unknown>();
  return new Proxy(
    {},
    {
      get(target, key, receiver): unknown {
        if (typeof key === 'string' && Object.hasOwn(raw, key)) {
          if (!done.has(key)) done.set(key, entry([key, raw[key]])[1]);
          return done.get(key);
        }
        return Reflect.get(target, key, receiver);
      },
    },
  );
}

const require = createRequire(import.meta.url);

/**
 * Bloom-style filter over tinyld's unique grams, one bit set per gram length (1..5): 2^20 bits,
 * so with ~4,900 grams of a length about 0.5% of the windows that are not grams pass to the real
 * Set lookup. The hash (unitsHash, core/unit-hash.ts) must match the injected scan in CHUNK_FN
 * exactly, which spells it out: that code runs inside tinyld's source and cannot import it.
 */
const GRAM_BITS = 20;
const GRAM_MASK = (1 << GRAM_BITS) - 1;
function gramHash(g: string): number {
  return unitsHash(g) & GRAM_MASK;
}
/**
 * tinyld 1.3.4's cleanString in one pass over the lower-cased text:
 *   toLowerCase().replace(/’/gi, "'").replace(K, ' ').replace(/[\uFF10-\uFF19]/g, ascii digit)
 *     .replace(/[0-9]/g, '').replace(/\s\s+/g, ' ').trim()
 * The character classes are built from those regexes themselves (CLEAN_*). Digits go before
 * spaces are collapsed (`a 1 b` -> `a b`); a run of one whitespace character stays as it is.
 */
const CLEAN_PUNCT = /[,.。，、#%&/\\+*¡!¿?[\]！？;:…„“«»”"“_–—~]/i;
const CLEAN_KEEP = 0;
const CLEAN_APOS = 1;
const CLEAN_SPACE_OUT = 2; // punctuation: becomes a space
const CLEAN_DROP = 3; // digits (ASCII and full-width)
const CLEAN_WS = 4; // \s
let cleanTable: Uint8Array | null = null;
function cleanClasses(): Uint8Array {
  if (cleanTable) return cleanTable;
  const t = new Uint8Array(0x10000); // CLEAN_KEEP
  // Every BMP unit once (surrogates as U+0378, which no class holds), one matchAll per class; later
  // marks win, so marking in reverse order gives apostrophe > punctuation > digit > space.
  const units = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) units[c] = c >= 0xd800 && c <= 0xdfff ? 0x378 : c;
  let all = '';
  for (let i = 0; i < 0x10000; i += 4096) all += String.fromCharCode(...units.subarray(i, i + 4096));
  const mark = (re: RegExp, k: number): void => {
    for (const m of all.matchAll(re)) t[m.index!] = k;
  };
  mark(/\s/g, CLEAN_WS);
  mark(/[\uFF10-\uFF19]/g, CLEAN_DROP);
  mark(/[0-9]/g, CLEAN_DROP);
  mark(new RegExp(CLEAN_PUNCT.source, 'gi'), CLEAN_SPACE_OUT);
  mark(/’/gi, CLEAN_APOS);
  cleanTable = t;
  return t;
}
/** Longest input cleaned here (samples are 2,000 characters); longer ones take tinyld's own code. */
const CLEAN_MAX = 8192;
const cleanBuf = new Uint16Array(CLEAN_MAX);
/** cleanString(a), or null when a is too long for the buffer. */
export function cleanString(a: string): string | null {
  const s = a.toLowerCase();
  if (s.length > CLEAN_MAX) return null;
  const t = cleanClasses();
  let n = 0;
  let run = 0; // pending whitespace run (after mapping)
  let runUnit = 0; // its unit when the run is one long
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    const k = t[c]!;
    if (k === CLEAN_DROP) {
      changed = true;
      continue;
    }
    if (k === CLEAN_SPACE_OUT || k === CLEAN_WS) {
      run++;
      runUnit = k === CLEAN_SPACE_OUT ? 0x20 : c;
      if (k === CLEAN_SPACE_OUT) changed = true;
      continue;
    }
    if (k === CLEAN_APOS) {
      c = 0x27;
      changed = true;
    }
    if (run > 0) {
      if (n > 0) cleanBuf[n++] = run >= 2 ? 0x20 : runUnit; // a run at the start is trimmed
      if (n === 0 || run >= 2) changed = true;
      run = 0;
    }
    cleanBuf[n++] = c;
  }
  if (run > 0) changed = true; // a run at the end is trimmed
  return !changed ? s : String.fromCharCode.apply(null, cleanBuf.subarray(0, n) as unknown as number[]);
}

const gramFilters = new WeakMap<Set<string>, Int32Array[]>();
function gramBits(grams: Set<string>): Int32Array[] {
  let f = gramFilters.get(grams);
  if (f === undefined) {
    f = [];
    for (const g of grams) {
      const bits = (f[g.length] ??= new Int32Array(1 << (GRAM_BITS - 5)));
      const x = gramHash(g);
      bits[x >>> 5]! |= 1 << (x & 31);
    }
    gramFilters.set(grams, f);
  }
  return f;
}
/**
 * Per BMP unit, filled on first sight: PLAIN when the character is its own NFD and is no combining
 * mark (every character with a non-zero combining class is a mark), so a string of plain
 * characters is its own NFD and tinyld's R (NFD, then U+0300..U+036F removed) returns it
 * unchanged; TRIM when String.prototype.trim removes it. Surrogates are neither.
 */
const charFlags = new Uint8Array(0x10000);
const KNOWN = 1;
const PLAIN = 2;
const TRIM = 4;
const MARK = /\p{M}/u;
function flags(c: number): number {
  let f = charFlags[c]!;
  if (f === 0) {
    f = KNOWN;
    if (c < 0xd800 || c > 0xdfff) {
      const ch = String.fromCharCode(c);
      if (ch.normalize('NFD') === ch && !MARK.test(ch)) f |= PLAIN;
      if (ch.trim().length === 0) f |= TRIM;
    }
    charFlags[c] = f;
  }
  return f;
}
function isPlain(s: string): boolean {
  for (let i = 0; i < s.length; i++) if ((flags(s.charCodeAt(i)) & PLAIN) === 0) return false;
  return true;
}
function hasTrimmable(s: string): boolean {
  for (let i = 0; i < s.length; i++) if ((flags(s.charCodeAt(i)) & TRIM) !== 0) return true;
  return false;
}

/** tinyld's module-level functions and tables (minified names), handed out by the injected line. */
interface Internals {
  /** cleanString */
  V: (a: string) => string;
  /** detectUniqueGrams(chunk, data, uniqueSet, options): an ISO2 code, or a falsy value */
  o0: (a: string, e: unknown, n: unknown, o: Options) => string | undefined;
  /** detectPotentialGrams(word, data, options) */
  t0: (a: string, e: unknown, n: Options) => Array<{ lang: string; accuracy: number }>;
  /** NFD without U+0300..U+036F */
  R: (a: string) => string;
  /** ISO3 -> ISO2 */
  N: (a: string) => string;
  /** round to 4 decimals */
  k: (a: number) => number;
  /** the languages, in tinyld's order */
  g: Set<string>;
  /** gram sizes */
  h: number[];
  r0: { multiples: Record<string, Record<string, number>>; uniques: Record<string, string> };
  B0: Set<string>;
  /** the keys of r0.multiples (r0's tables may be lazy views that list no keys) */
  multipleKeys: string[];
  /** chunk and word separators */
  a0: RegExp;
  e0: RegExp;
}
interface Options {
  only: string[];
  verbose: boolean;
}
type Result = Array<{ lang: string; accuracy: number }>;

/**
 * tinyld's `S` (detectAll's body) for the default options, with the same float operations in the
 * same order and less bookkeeping around them:
 *  - tinyld merges each word's top 8 `{lang, accuracy}` into an object keyed by ISO2 code; here the
 *    sums are slots of a Float64Array and the first-touch order of the codes (which is the object's
 *    key order, hence the tie order of the final stable sort) is kept in a list. Each code still
 *    receives the same addends in the same order, starting from 0.
 *  - a word's top 8 is computed once per distinct word (bounded memo) as slots and accuracies.
 *    Its n-gram scores come from per-gram tables (the gram's language weights, already
 *    `weight * normalized length / 4`, the product tinyld computes) added in tinyld's gram order.
 * Returns null when the internals are not what this code expects.
 */
function fastDetectAll(x: Internals): ((text: string) => Result) | null {
  const { V, t0, R, N, k, h, r0, B0, a0, e0 } = x;
  const OPTS: Options = { only: [], verbose: false };
  const langs = [...x.g];
  if (langs.length === 0 || langs.length > 255 || !(a0 instanceof RegExp) || !(e0 instanceof RegExp)) return null;
  // Gram sizes 1, 2, 3, ... in this order (uniqueOf extends each size's hashes to the next).
  if (!Array.isArray(h) || h.length === 0 || h.some((size, j) => size !== j + 1)) return null;

  // ISO2 codes (and anything else o0 may answer) -> slots of `sums`, grown on demand.
  const slotOf = new Map<string, number>();
  const codes: string[] = [];
  let sums = new Float64Array(128);
  let touched = new Uint8Array(128);
  const slot = (code: string): number => {
    let s = slotOf.get(code);
    if (s === undefined) {
      s = codes.length;
      codes.push(code);
      slotOf.set(code, s);
      if (s >= sums.length) {
        const n = new Float64Array(sums.length * 2);
        n.set(sums);
        sums = n;
        const t = new Uint8Array(touched.length * 2);
        t.set(touched);
        touched = t;
      }
    }
    return s;
  };
  const langSlot = langs.map((l) => slot(N(l)));

  // gram -> [language index, weight * normalized length / 4] pairs (tinyld's `D[L]*l.length/4`),
  // languages in tinyld's order; null when the gram scores nothing.
  interface GramWeights {
    idx: Uint8Array;
    val: Float64Array;
  }
  const gramMemo = new Map<string, GramWeights | null>();
  const gramWeights = (gram: string): GramWeights | null => {
    let w = gramMemo.get(gram);
    if (w !== undefined) return w;
    w = null;
    if (gram.trim().length > 0) {
      const l = R(gram);
      const D = r0.multiples[l];
      if (D) {
        const has = new Set(Object.keys(D));
        const idx: number[] = [];
        const val: number[] = [];
        for (let i = 0; i < langs.length; i++) {
          const L = langs[i]!;
          if (has.has(L)) {
            idx.push(i);
            val.push((D[L]! * l.length) / 4);
          }
        }
        w = { idx: Uint8Array.from(idx), val: Float64Array.from(val) };
      }
    }
    if (gramMemo.size >= GRAM_MEMO_MAX) gramMemo.clear();
    gramMemo.set(gram, w);
    return w;
  };

  // Grams made only of plain characters (see charFlags) are their own normalized form, so
  // tinyld's lookup key is the window itself: those windows are looked up in an open-addressing
  // table over the gram keys without slicing a string per window. Other words take gramWeights.
  const plainKeys = x.multipleKeys.filter((key) => isPlain(key) && key.trim().length > 0);
  const tableBits = Math.max(4, Math.ceil(Math.log2(plainKeys.length * 2 + 1)));
  const tableMask = (1 << tableBits) - 1;
  const table = new Int32Array(1 << tableBits).fill(-1);
  for (let id = 0; id < plainKeys.length; id++) {
    let at = unitsHash(plainKeys[id]!) & tableMask;
    while (table[at] !== -1) at = (at + 1) & tableMask;
    table[at] = id;
  }
  const plainWeights: Array<GramWeights | null | undefined> = new Array(plainKeys.length);
  const buf = new Uint16Array(64);
  /** The weights of the gram buf[b..b+e), or null when it scores nothing. */
  const lookupPlain = (b: number, e: number): GramWeights | null => {
    let x = 0;
    for (let q = b; q < b + e; q++) x = unitHashStep(x, buf[q]!);
    let at = unitHashFinish(x) & tableMask;
    for (;;) {
      const id = table[at]!;
      if (id === -1) return null;
      const key = plainKeys[id]!;
      if (key.length === e) {
        let q = 0;
        while (q < e && key.charCodeAt(q) === buf[b + q]) q++;
        if (q === e) {
          let w = plainWeights[id];
          if (w === undefined) w = plainWeights[id] = gramWeights(key);
          return w;
        }
      }
      at = (at + 1) & tableMask;
    }
  };
  const scores = new Float64Array(langs.length);
  const addWeights = (w: GramWeights | null): void => {
    if (w === null) return;
    const { idx, val } = w;
    for (let q = 0; q < idx.length; q++) scores[idx[q]!] = scores[idx[q]!]! + val[q]!;
  };

  // A word's top 8 as [slot0..slotN-1, accuracy0..accuracyN-1].
  const wordMemo = new Map<string, Float64Array>();
  const TOP = 8; // t0's `r.slice(0,8)`
  const wordTop = (word: string): Float64Array => {
    let out = wordMemo.get(word);
    if (out !== undefined) return out;
    if (word.includes(' ')) {
      // Never from the space split; tinyld's own gram list then differs from the windows below.
      const r = t0(word, r0, OPTS);
      out = new Float64Array(2 * r.length);
      for (let i = 0; i < r.length; i++) {
        out[i] = slot(r[i]!.lang);
        out[r.length + i] = r[i]!.accuracy;
      }
    } else {
      // tinyld pads a word with size-1 spaces on each side and drops any window holding two
      // spaces in a row; for a word without spaces the windows left are those of ' ' + word + ' '
      // (size 1: the word's own characters; the padding spaces fail the trim test).
      scores.fill(0);
      if (word.length + 2 <= buf.length && isPlain(word) && !hasTrimmable(word)) {
        // No window but the lone padding spaces is all whitespace, and every window is plain.
        buf[0] = 0x20;
        for (let q = 0; q < word.length; q++) buf[q + 1] = word.charCodeAt(q);
        buf[word.length + 1] = 0x20;
        for (const e of h) {
          if (e === 1) for (let b = 1; b <= word.length; b++) addWeights(lookupPlain(b, 1));
          else for (let b = 0; b + e <= word.length + 2; b++) addWeights(lookupPlain(b, e));
        }
      } else {
        const t = ' ' + word + ' ';
        for (const e of h) for (let b = 0; b + e <= t.length; b++) addWeights(gramWeights(t.slice(b, b + e)));
      }
      // tinyld: stable sort by score, descending (ties in language order), top 8; the best score
      // (or 1 when all are 0) scales the accuracies.
      let s = 0;
      for (let i = 0; i < scores.length; i++) s = Math.max(s, scores[i]!);
      s = s || 1;
      const n = Math.min(TOP, langs.length);
      const pick = new Int32Array(n).fill(-1);
      for (let m = 0; m < n; m++) {
        let best = -1;
        for (let i = 0; i < scores.length; i++) {
          if (pick.includes(i)) continue;
          if (best < 0 || scores[i]! > scores[best]!) best = i;
        }
        pick[m] = best;
      }
      out = new Float64Array(2 * n);
      for (let m = 0; m < n; m++) {
        const i = pick[m]!;
        out[m] = langSlot[i]!;
        out[n + m] = 1 - k((s - scores[i]!) / s);
      }
    }
    if (wordMemo.size >= TINYLD_MEMO_MAX) wordMemo.clear();
    wordMemo.set(word, out);
    return out;
  };

  // detectUniqueGrams (o0) for the default options, memoized per chunk: the first gram (sizes in
  // tinyld's order, then positions) that is one of the unique grams names the chunk's language.
  // Grams are the windows of the chunk padded with size-1 spaces on each side, without two spaces
  // in a row (tinyld drops one, the gram comes out short and is discarded) and not all whitespace.
  // A window whose hash bit is clear in gramBits is no unique gram (no false negatives). The sizes
  // are 1, 2, 3, ... so each start's FNV state for size i extends its state for size i - 1 by one
  // unit: one multiply per window instead of i (tinyld's sizes are checked below).
  const PAD = h.length - 1;
  const uniqueMemo = new Map<string, string | undefined>();
  let acc = new Int32Array(64);
  const uniqueOf = (a: string): string | undefined => {
    if (uniqueMemo.has(a)) return uniqueMemo.get(a);
    const F = gramBits(B0);
    const t = ' '.repeat(PAD) + a + ' '.repeat(PAD);
    if (acc.length < t.length) acc = new Int32Array(2 * t.length);
    acc.fill(0, 0, t.length);
    // Starts before PAD - 1 put two padding spaces in every window of size 2 or more.
    const from = Math.max(0, PAD - 1);
    let found: string | undefined = '';
    search: for (const i of h) {
      const bits = F[i];
      // tinyld's windows of size i start at PAD - (i - 1) .. PAD + a.length - 1 in t; those
      // holding two padding spaces on either side are no grams.
      const first = Math.max(PAD - (i - 1), PAD - 1);
      const last = Math.min(PAD + a.length - 1, PAD + a.length + 1 - i);
      for (let q = from; q + i <= t.length; q++) {
        const x = unitHashStep(acc[q]!, t.charCodeAt(q + i - 1));
        acc[q] = x;
        if (q < first || q > last) continue;
        if (bits !== undefined) {
          const y = unitHashFinish(x) & GRAM_MASK;
          if ((bits[y >>> 5]! & (1 << (y & 31))) === 0) continue;
        }
        const r = t.slice(q, q + i);
        if (!B0.has(r) || r.includes('  ') || r.trim().length === 0) continue;
        found = N(r0.uniques[r]!);
        break search;
      }
    }
    if (uniqueMemo.size >= TINYLD_MEMO_MAX) uniqueMemo.clear();
    uniqueMemo.set(a, found);
    return found;
  };

  /**
   * S's chunks: `pieces.map(V).filter(c => !!c)`, stably sorted by length (longest first), the
   * first CHUNKS. A cleaned piece is never longer than its lower-cased form (V then replaces units
   * one for one or drops them), and lower-casing lengthens no unit but U+0130 (checked once by
   * lowerGrowsOnlyU0130), so a piece without U+0130 or surrogates cleans to at most its own
   * length. Pieces are cleaned longest bound first, until CHUNKS cleaned ones are all longer than
   * the next bound: the rest cannot displace them (equal lengths could, by coming first).
   */
  const topChunks = (pieces: string[]): string[] => {
    const bounds = pieces.map((p) => (lowerGrowsOnlyU0130() && !GROWS.test(p) ? p.length : Infinity));
    // Largest bound first (Infinity included: no subtraction).
    const idx = pieces.map((_, i) => i).sort((i, j) => (bounds[i] === bounds[j] ? i - j : bounds[j]! > bounds[i]! ? 1 : -1));
    const kept: Array<[string, number]> = [];
    const lens: number[] = [];
    for (const i of idx) {
      if (lens.length >= CHUNKS && lens[CHUNKS - 1]! > bounds[i]!) break;
      const c = V(pieces[i]!);
      if (!c) continue;
      kept.push([c, i]);
      // Cleaned lengths, longest first (at most a few more than CHUNKS are ever kept).
      let at = lens.length;
      lens.push(c.length);
      while (at > 0 && lens[at - 1]! < c.length) {
        lens[at] = lens[at - 1]!;
        at--;
      }
      lens[at] = c.length;
    }
    kept.sort((x, y) => y[0].length - x[0].length || x[1] - y[1]);
    return kept.slice(0, CHUNKS).map((x) => x[0]);
  };

  const order: number[] = [];
  const add = (s: number, v: number): void => {
    if (touched[s] === 0) {
      touched[s] = 1;
      order.push(s);
    }
    sums[s] = sums[s]! + v;
  };
  return (a: string): Result => {
    const t = topChunks(a.split(a0));
    let total = 0;
    order.length = 0;
    for (const chunk of t) {
      const l = uniqueOf(chunk);
      if (l) {
        add(slot(l), 1 * chunk.length);
        total += chunk.length;
        continue;
      }
      for (const w of chunk.split(e0)) {
        const r = wordTop(w);
        const n = r.length >> 1;
        for (let m = 0; m < n; m++) add(r[m]!, r[n + m]!);
        total += w.length;
      }
    }
    const entries: Array<[string, number]> = [];
    for (const s of order) {
      if (sums[s]! > 0) entries.push([codes[s]!, sums[s]!]);
      sums[s] = 0;
      touched[s] = 0;
    }
    entries.sort((p, q) => q[1] - p[1]);
    return entries.map((e) => ({ lang: e[0], accuracy: e[1] / total }));
  };
}
/** S's `t.slice(0,7)`: the longest chunks scored. */
const CHUNKS = 7;
/** Units that may make a piece's lower-cased form longer than the piece (see topChunks). */
const GROWS = /[\u0130\ud800-\udfff]/;
let lowerCheck: boolean | null = null;
/**
 * True when, of all BMP units other than surrogates, lower-casing lengthens U+0130 alone, by one
 * (to i + U+0307). Lower-casing maps no unit to nothing, so a total growth of one over all units,
 * all of it at U+0130, leaves every other unit at its length. Fixed by the runtime's Unicode data.
 */
function lowerGrowsOnlyU0130(): boolean {
  if (lowerCheck === null) {
    let all = '';
    for (let c = 0; c < 0x10000; c += 4096) {
      const units: number[] = [];
      for (let u = c; u < c + 4096; u++) if (u < 0xd800 || u > 0xdfff) units.push(u);
      all += String.fromCharCode(...units);
    }
    lowerCheck = all.toLowerCase().length === all.length + 1 && '\u0130'.toLowerCase().length === 2;
  }
  return lowerCheck;
}
/** Entries of the gram memo (distinct grams of ~60,000 distinct words of the c5k bench). */
const GRAM_MEMO_MAX = 200_000;

/** The plain build (only on a fallback: loading tinyld costs ~0.3 s per process and per worker). */
function plain(): DetectAll {
  return (require('tinyld') as { detectAll: DetectAll }).detectAll;
}

/** Self-check: tinyld 1.3.4's answers for these texts, as sha1 of their JSON. */
const CHECK_TEXTS = [
  'The quick brown fox jumps over the lazy dog. It was the best of times.',
  'Der schnelle braune Fuchs springt über den faulen Hund.',
  '这是一个测试句子，用于检查语言。',
  'Ceci est une phrase en français, avec des mots simples.',
];
const CHECK_SHA1 = '8b6430740b5907ae1a6742e849ef84c2ba9677b5';

function load(): DetectAll {
  try {
    const main = require.resolve('tinyld');
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(main), '..', 'package.json'), 'utf8')) as { version?: string };
    if (pkg.version !== VERSION || path.basename(main) !== 'tinyld.normal.node.js') return plain();
    let src = fs.readFileSync(main, 'utf8');
    if (src.split(WORD_FN).length !== 2 || src.split(CHUNK_FN).length !== 2 || src.split(CLEAN_FN).length !== 2) return plain();
    // Without the decode anchors the tables are decoded up front, as tinyld does.
    if (src.split(UNIQUES_DECODE).length === 2 && src.split(MULTIPLES_DECODE).length === 2) {
      src = src.replace(UNIQUES_DECODE, () => lazyDecode(UNIQUES_DECODE)).replace(MULTIPLES_DECODE, () => lazyDecode(MULTIPLES_DECODE));
    }
    // Options other than the defaults (verbose, only) bypass the memos.
    // (function replacers: '$' in the replacement text is literal)
    src = src.replace(WORD_FN, () =>
      'function t0(a,e,n){if(n.verbose||n.only.length>0)return t0$(a,e,n);let c=__wordMemo.get(a);' +
        'if(c===undefined){c=t0$(a,e,n);if(__wordMemo.size>=__max)__wordMemo.clear();__wordMemo.set(a,c)}return c}' +
        'function t0$(a,e,n){',
    );
    src = src.replace(CHUNK_FN, () =>
      'function o0(a,e,n,o){if(o.verbose||o.only.length>0)return o0$(a,e,n,o);let c=__chunkMemo.get(a);' +
        'if(c===undefined){c=o0$(a,e,n,o);if(__chunkMemo.size>=__max)__chunkMemo.clear();__chunkMemo.set(a,c)}return c}' +
        'function o0$(a,e,n,o){if(o.verbose||o.only.length>0)return o0$$(a,e,n,o);' +
        // tinyld's gram list, searched lazily: the first gram (sizes in order, then positions) in
        // the unique set wins. A window holding two spaces in a row is no gram (tinyld drops one
        // of the spaces, so the gram comes out short and is discarded), nor is an all-space one.
        // A window whose hash bit is clear in __gramBits is not in the set (no false negatives):
        // only the few that pass are sliced and looked up.
        'const F=__gramBits(n);' +
        'for(let i of h){let t=i>1?" ".repeat(i-1)+a+" ".repeat(i-1):a;const bits=F[i];' +
        'for(let B=0;B<t.length-(i-1);B++){' +
        'if(bits!==undefined){let x=0;for(let k=B;k<B+i;k++)x=Math.imul(x^t.charCodeAt(k),0x01000193);x=(x^(x>>>15))&__MASK;if((bits[x>>>5]&(1<<(x&31)))===0)continue}' +
        'let r=t.slice(B,B+i);if(!n.has(r)||r.includes("  ")||r.trim().length===0)continue;return N(e.uniques[r])}}' +
        'return""}function o0$$(a,e,n,o){',
    );
    // cleanString runs on every chunk of every sample: five regex replaces and a trim become one pass.
    src = src.replace(CLEAN_FN, () => 'function V(a){const c=__cleanString(a);return c!==null?c:V$(a)}function V$(a){');
    // The module's inner functions and tables, for the merge loop below (see fastDetectAll).
    src += ';__internals({V,o0,t0,R,N,k,g,h,r0,B0,a0,e0,multipleKeys:Object.keys(v.multiples)});';
    const mod = { exports: {} as { detectAll?: DetectAll } };
    let inner: Internals | null = null;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const fn = new Function('module', 'exports', 'require', '__wordMemo', '__chunkMemo', '__max', '__gramBits', '__MASK', '__cleanString', '__internals', '__lazy', src) as (...a: unknown[]) => void;
    fn(
      mod,
      mod.exports,
      require,
      new Map(),
      new Map(),
      TINYLD_MEMO_MAX,
      gramBits,
      GRAM_MASK,
      cleanString,
      (x: Internals) => {
        inner = x;
      },
      lazyTable,
    );
    const memo = mod.exports.detectAll;
    if (typeof memo !== 'function') return plain();
    const fast = inner !== null ? fastDetectAll(inner) : null;
    // Strings without options take the fast merge; anything else (options, String objects) is tinyld's.
    const d: DetectAll = fast === null ? memo : (text, opts) => (opts === undefined && typeof text === 'string' ? fast(text) : memo(text, opts));
    // A quick self-check against the plain build's known answers; any difference keeps the plain one.
    if (createHash('sha1').update(JSON.stringify(CHECK_TEXTS.map((t) => d(t)))).digest('hex') !== CHECK_SHA1) return plain();
    memoized = true;
    return d;
  } catch {
    return plain();
  }
}

let memoized = false;
export const detectAll: DetectAll = load();
/** True when the memoized build is in use (for tests). */
export const tinyldMemoized = memoized;
