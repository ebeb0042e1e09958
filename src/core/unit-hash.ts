/**
 * The 32-bit hash the string filters and tables use (stopword filters, the detector's stopword
 * and n-gram tables, tinyld's unique-gram filter): an FNV-1a style multiply per UTF-16 unit, then
 * a shift-xor. Callers that hash units they compute on the fly (lower-cased, from a buffer) use
 * the step and the finish; a string slice takes unitsHash. Internal only: no value is stored.
 */
export const UNIT_HASH_PRIME = 0x01000193;

/** One unit into the running state (start from 0). */
export function unitHashStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, UNIT_HASH_PRIME);
}

/** The finished hash of a running state; mask it for a table or a filter bit. */
export function unitHashFinish(h: number): number {
  return h ^ (h >>> 15);
}

/** The finished hash of s[from..to). */
export function unitsHash(s: string, from = 0, to = s.length): number {
  let h = 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), UNIT_HASH_PRIME);
  return h ^ (h >>> 15);
}
