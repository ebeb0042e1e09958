/**
 * A fixed set of words in an open-addressing table probed with a slice of a string given by its
 * bounds and its hash (unit-hash.ts), so looking up the words of a text makes no string per word:
 * slicing, lower-casing and hashing each word for a Set or Map lookup was most of the stopword
 * counters' time (rerankByStopwords, addStopwordHits, lineFeatures).
 */
import { unitsHash } from './unit-hash.js';

export class WordTable {
  /** The distinct words; a word's id is its position here. */
  readonly words: string[];
  /** Slot -> word id + 1 (0: empty), and the word's hash (compared first). */
  private readonly ids: Int32Array;
  private readonly hashes: Int32Array;

  constructor(words: Iterable<string>) {
    this.words = [...new Set(words)];
    // At most a quarter full: most words looked up are not in the table, and a miss ends at an
    // empty slot.
    let size = 16;
    while (size < this.words.length * 4) size *= 2;
    this.ids = new Int32Array(size);
    this.hashes = new Int32Array(size);
    for (let id = 0; id < this.words.length; id++) {
      const h = unitsHash(this.words[id]!);
      let at = h & (size - 1);
      while (this.ids[at] !== 0) at = (at + 1) & (size - 1);
      this.ids[at] = id + 1;
      this.hashes[at] = h;
    }
  }

  /**
   * The id of s[from..to), or -1; h is the finished hash of the units compared. With `lower`
   * (stopwords.ts lowerUnits: a unit's one-unit, context-free lower case) each unit is compared
   * lower-cased, as if the slice were `toLowerCase()`d: callers send a slice holding a unit without
   * such a lower case (0 in `lower`) through `toLowerCase()` and a plain find() instead.
   */
  find(s: string, from: number, to: number, h: number, lower: Uint16Array | null = null): number {
    const mask = this.ids.length - 1;
    const n = to - from;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const id = this.ids[at]!;
      if (id === 0) return -1;
      if (this.hashes[at] !== h) continue;
      const word = this.words[id - 1]!;
      if (word.length !== n) continue;
      let i = 0;
      if (lower === null) while (i < n && word.charCodeAt(i) === s.charCodeAt(from + i)) i++;
      else while (i < n && word.charCodeAt(i) === lower[s.charCodeAt(from + i)]) i++;
      if (i === n) return id - 1;
    }
  }
}
