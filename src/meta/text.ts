/** Small text helpers shared by the meta extractors. */

/** Display form: whitespace runs (incl. NBSP and other Unicode spaces) collapsed, trimmed. */
export function collapse(s: string): string {
  return s.replace(/[\s\u00a0\u2000-\u200b\u3000\ufeff]+/g, ' ').trim();
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
  return s.normalize('NFKC').toLowerCase().replace(/ß/g, 'ss').replace(/[^\p{L}\p{M}\p{N}]+/gu, '');
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
