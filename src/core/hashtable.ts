/**
 * Flat open-addressing hash tables of numbers (linear probing, typed arrays), for the template
 * learner's per-group counts (templates.ts). A Map<number, number> keyed by 53-bit hashes costs
 * ≈ 68 B per entry in V8 (each key is a boxed HeapNumber; measured on the 20k bench corpus); here a
 * slot is 12 B (counter) or 8 B (set). Keys are compared exactly, so answers equal the Map's.
 * Iteration order is the slot order, not insertion order: callers must not depend on it.
 */

import { numberHash } from '../dedup/hash.js';

/** Grow when this full: linear probing stays short (≈ 13 probes for a miss at 0.8). */
const MAX_LOAD = 0.8;
/** 1.5 rather than 2: average load ≈ 0.65 instead of ≈ 0.55, smaller copies when growing. */
const GROWTH = 1.5;
/** First allocation: most groups (hosts) have a few dozen keys. */
const MIN_CAP = 8;

/** number → positive count; a count of 0 marks a free slot. */
export class HashCounter {
  private cap = 0;
  private n = 0;
  private keys = new Float64Array(0);
  private counts = new Uint32Array(0);

  get size(): number {
    return this.n;
  }

  private slot(k: number): number {
    const cap = this.cap;
    let i = numberHash(k) % cap;
    while (this.counts[i] !== 0 && this.keys[i] !== k) i = i + 1 === cap ? 0 : i + 1;
    return i;
  }

  get(k: number): number {
    return this.cap === 0 ? 0 : this.counts[this.slot(k)]!;
  }

  /** Add 1 to `k`'s count (from 0 when absent); returns the new count. */
  increment(k: number): number {
    if (this.n + 1 > this.cap * MAX_LOAD) this.resize(Math.max(MIN_CAP, Math.ceil(this.cap * GROWTH)));
    const i = this.slot(k);
    if (this.counts[i] === 0) {
      this.keys[i] = k;
      this.n++;
    }
    return ++this.counts[i]!;
  }

  forEach(fn: (key: number, count: number) => void): void {
    for (let i = 0; i < this.cap; i++) if (this.counts[i] !== 0) fn(this.keys[i]!, this.counts[i]!);
  }

  /** A new table with the entries counted at least `min` times, sized for them. */
  filtered(min: number): HashCounter {
    const out = new HashCounter();
    let n = 0;
    this.forEach((_, c) => {
      if (c >= min) n++;
    });
    if (n === 0) return out;
    out.resize(Math.max(MIN_CAP, Math.ceil(n / MAX_LOAD) + 1));
    this.forEach((k, c) => {
      if (c < min) return;
      const i = out.slot(k);
      out.keys[i] = k;
      out.counts[i] = c;
      out.n++;
    });
    return out;
  }

  private resize(cap: number): void {
    const { keys, counts, cap: old } = this;
    this.cap = cap;
    this.keys = new Float64Array(cap);
    this.counts = new Uint32Array(cap);
    for (let j = 0; j < old; j++) {
      if (counts[j] === 0) continue;
      const i = this.slot(keys[j]!);
      this.keys[i] = keys[j]!;
      this.counts[i] = counts[j]!;
    }
  }
}

/** Set of numbers (not NaN: NaN marks a free slot). */
export class HashSet {
  private cap = 0;
  private n = 0;
  private keys = new Float64Array(0);

  get size(): number {
    return this.n;
  }

  private slot(k: number): number {
    const cap = this.cap;
    let i = numberHash(k) % cap;
    while (!Number.isNaN(this.keys[i]!) && this.keys[i] !== k) i = i + 1 === cap ? 0 : i + 1;
    return i;
  }

  has(k: number): boolean {
    return this.cap !== 0 && this.keys[this.slot(k)] === k;
  }

  add(k: number): void {
    if (Number.isNaN(k)) throw new RangeError('HashSet: NaN cannot be stored');
    if (this.n + 1 > this.cap * MAX_LOAD) this.resize(Math.max(MIN_CAP, Math.ceil(this.cap * GROWTH)));
    const i = this.slot(k);
    if (this.keys[i] === k) return;
    this.keys[i] = k;
    this.n++;
  }

  private resize(cap: number): void {
    const { keys, cap: old } = this;
    this.cap = cap;
    this.keys = new Float64Array(cap).fill(NaN);
    for (let j = 0; j < old; j++) {
      const k = keys[j]!;
      if (!Number.isNaN(k)) this.keys[this.slot(k)] = k;
    }
  }
}
