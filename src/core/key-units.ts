/**
 * What one UTF-16 unit of a raw line contributes to its template key
 * (`digitFoldedKey(matchKey(normalizeDisplay(raw)))`), when that does not depend on its neighbours:
 * so pass 1 can hash a line's key as it scans the line, for every script, without the three
 * intermediate strings (and NFC, NFKC) per line.
 *
 * A unit's contribution is context-free when normalization and lower-casing cannot join it to a
 * neighbour or reorder it: it is no combining mark (every BMP character with a non-zero combining
 * class is one, and every composition's second character, over all code points, is a mark or a
 * conjoining Hangul jamo: both checked in __tests__/core/fast-paths.test.ts), no conjoining jamo, and
 * no `Σ` (lower-cased by context: σ or final ς), and neither is its NFKC form. Such a unit is then
 * dropped (NFKC + lower-case gives only [\s\p{P}\p{S}], or normalizeDisplay removes it or makes it
 * a space), a digit (one \p{Nd} unit: a digit run keys to `0`), or one key unit. Anything else
 * (a mark, `ﬁ`, `İ`, a surrogate) sends the whole line to the string functions.
 *
 * Classes are found on a unit's first sight (a string normalized and lower-cased per distinct
 * unit), so a run pays for the characters its corpus uses, not for the whole plane.
 */
import { charTable, C_DIGIT, C_SPLIT } from './charclass.js';
import { displayDrops } from './normalize.js';

export const KEY_BAIL = -1;
export const KEY_DROP = -2;
export const KEY_DIGIT = -3;
/** Per BMP unit: 0 not classified yet, KEY_BAIL / KEY_DROP / KEY_DIGIT, or the key unit + 1. */
const classes = new Int32Array(0x10000);

/**
 * A mark, a conjoining jamo or `Σ`: may join, reorder or case by context. (A form longer than one
 * unit, astral ones included, is never a key unit: classify checks the length.)
 */
const CONTEXTUAL = /[\p{M}\u1100-\u11FF\u03A3]/u;

function classify(c: number): number {
  if (c >= 0xd800 && c <= 0xdfff) return KEY_BAIL;
  const ch = String.fromCharCode(c);
  if (displayDrops(ch)) return KEY_DROP;
  const nfkc = ch.normalize('NFKC');
  if (CONTEXTUAL.test(ch) || CONTEXTUAL.test(nfkc)) return KEY_BAIL;
  const folded = nfkc.toLowerCase();
  const t = charTable();
  let split = true;
  for (let i = 0; i < folded.length; i++) if ((t[folded.charCodeAt(i)]! & C_SPLIT) === 0) split = false;
  if (split) return KEY_DROP;
  if (folded.length !== 1 || CONTEXTUAL.test(folded)) return KEY_BAIL;
  const u = folded.charCodeAt(0);
  return (t[u]! & C_DIGIT) !== 0 ? KEY_DIGIT : u + 1;
}

/** The class of unit c (see KEY_*; a positive value is the key unit + 1). */
export function keyUnitClass(c: number): number {
  let k = classes[c]!;
  if (k === 0) classes[c] = k = classify(c);
  return k;
}
