/** Small text helpers shared by the meta extractors. */
import { charTable, hasSurrogate, C_LMN, C_SPACE } from '../core/charclass.js';

/** Display form: whitespace runs (incl. NBSP and other Unicode spaces) collapsed, trimmed. */
export function collapse(s: string): string {
  // Body lines reach here already display-normalized: when no run needs collapsing and nothing
  // needs trimming, the replace and trim below would return the same text.
  if (isCollapsed(s)) return s;
  return s.replace(/[\s\u00a0\u2000-\u200b\u3000\ufeff]+/g, ' ').trim();
}

/**
 * True when collapse(s) === s: every character of collapse's class ([\s\u00a0\u2000-\u200b\u3000\ufeff]
 * is \s plus U+200B) is a lone U+0020 with a non-space on both sides.
 */
function isCollapsed(s: string): boolean {
  const t = charTable();
  let prevSpace = true; // a space at the start is trimmed
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const space = (t[c]! & C_SPACE) !== 0 || c === 0x200b;
    if (space && (c !== 0x20 || prevSpace)) return false;
    prevSpace = space;
  }
  return !prevSpace || s.length === 0;
}

/**
 * Matching key: NFKC, lower-case, `ß` → `ss`, everything that is not a letter, mark or number removed.
 * Two strings with equal keys differ only by case, spacing, punctuation, quotes or dash style,
 * which is how header titles and on-page headlines usually differ.
 */
const ASCII = /^[\x00-\x7f]*$/;
export function matchKey(s: string): string {
  // ASCII is NFKC-stable and lower-cases within ASCII; its letters and numbers are [a-z0-9].
  if (ASCII.test(s)) return s.toLowerCase().replace(/[^a-z0-9]+/g, '');
  const folded = s.normalize('NFKC').toLowerCase();
  if (hasSurrogate(folded)) return folded.replace(/ß/g, 'ss').replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
  // The same with the class table: keep letters, marks and numbers (ß is a letter, written `ss`).
  const t = charTable();
  let out = '';
  let from = 0;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if ((t[c]! & C_LMN) !== 0 && c !== 0xdf) continue;
    if (i > from) out += folded.slice(from, i);
    if (c === 0xdf) out += 'ss';
    from = i + 1;
  }
  return from === 0 ? folded : from < folded.length ? out + folded.slice(from) : out;
}

/**
 * matchKey(s) from the core matching key of s (`core/normalize.ts` matchKey, as a Line's `key`),
 * without a second NFKC: both keys are NFKC + lower-case of s with characters dropped — the core
 * key drops [\s\p{P}\p{S}] (C_SPLIT), this one everything outside [\p{L}\p{M}\p{N}] (C_LMN), with
 * `ß` written `ss`. The two classes are disjoint, so this key is the core key with its non-C_LMN
 * characters (controls, format and unassigned characters) dropped and `ß` expanded. Null for keys
 * with surrogates (the class table cannot classify them): call matchKey(s) then.
 */
export function keyFromCoreKey(coreKey: string): string | null {
  const t = charTable();
  let out = '';
  let from = 0;
  for (let i = 0; i < coreKey.length; i++) {
    const c = coreKey.charCodeAt(i);
    if ((t[c]! & C_LMN) !== 0 && c !== 0xdf) continue;
    if (c >= 0xd800 && c <= 0xdfff) return null;
    if (i > from) out += coreKey.slice(from, i);
    if (c === 0xdf) out += 'ss';
    from = i + 1;
  }
  return from === 0 ? coreKey : from < coreKey.length ? out + coreKey.slice(from) : out;
}

/**
 * Memoized matchKey for lines that recur: body lines are keyed by the title and the date
 * extractors of one document several times, and template lines recur across documents. Bounded:
 * the memo is dropped whole when it reaches MEMO_MAX entries.
 */
const MEMO_MAX = 20000;
const keyMemo = new Map<string, string>();
export function lineKey(s: string): string {
  let k = keyMemo.get(s);
  if (k === undefined) {
    k = matchKey(s);
    if (keyMemo.size >= MEMO_MAX) keyMemo.clear();
    keyMemo.set(s, k);
  }
  return k;
}

/** Dice coefficient over character bigrams (the string-similarity measure, on keys). */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const grams = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const g = a.slice(i, i + 2);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  let inter = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const g = b.slice(i, i + 2);
    const n = grams.get(g) ?? 0;
    if (n > 0) {
      grams.set(g, n - 1);
      inter++;
    }
  }
  return (2 * inter) / (a.length - 1 + b.length - 1);
}
