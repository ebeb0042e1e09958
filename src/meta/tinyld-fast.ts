/**
 * tinyld's `detectAll` with memoized inner steps. Same code, same answers, less work.
 *
 * tinyld scores a sample chunk by chunk: a chunk (a sentence or line) gets a language from its
 * "unique" n-grams, else each of its words is scored from n-gram tables. Both steps are pure
 * functions of one string (the chunk, the word) and cost most of cleaning time when they run
 * afresh for every document. Words, and on real corpora whole sentences, recur. This module loads
 * tinyld's own CommonJS build and wraps those two functions with bounded memos. The merge step,
 * the float sums and their order are tinyld's. Anything unexpected (another tinyld version, a
 * changed build) falls back to the plain `detectAll`: answers stay the same and only speed is lost.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { detectAll as TinyldDetectAll } from 'tinyld';

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

const require = createRequire(import.meta.url);

/**
 * Bloom-style filter over tinyld's unique grams, one bit set per gram length (1..5): 2^20 bits,
 * so with ~4,900 grams of a length about 0.5% of the windows that are not grams pass to the real
 * Set lookup. The hash (FNV-1a style multiply over UTF-16 units, then a shift-xor) must match the
 * injected scan in CHUNK_FN exactly.
 */
const GRAM_BITS = 20;
const GRAM_MASK = (1 << GRAM_BITS) - 1;
function gramHash(g: string): number {
  let x = 0;
  for (let k = 0; k < g.length; k++) x = Math.imul(x ^ g.charCodeAt(k), 0x01000193);
  return (x ^ (x >>> 15)) & GRAM_MASK;
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
/** The plain build (only on a fallback: loading tinyld costs ~0.1 s per process and per worker). */
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
    const mod = { exports: {} as { detectAll?: DetectAll } };
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    const fn = new Function('module', 'exports', 'require', '__wordMemo', '__chunkMemo', '__max', '__gramBits', '__MASK', '__cleanString', src) as (...a: unknown[]) => void;
    fn(mod, mod.exports, require, new Map(), new Map(), TINYLD_MEMO_MAX, gramBits, GRAM_MASK, cleanString);
    const d = mod.exports.detectAll;
    if (typeof d !== 'function') return plain();
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
