/**
 * Exact 32-bit integer hashing primitives. Every operation stays in uint32 via `Math.imul`, `>>>`
 * and `^`, so no intermediate value ever leaves the range where IEEE doubles are exact.
 */
import { createXXHash128, type IHasher } from 'hash-wasm';

/** MurmurHash3 32-bit finaliser: a bijection on uint32 with full avalanche. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * 32-bit hash of a number key: its low and high 32-bit halves mixed, then fmix32 (exact for
 * integers < 2^53). Slot hash of the typed-array hash tables (dedup/tables.ts, core/hashtable.ts).
 */
export function numberHash(k: number): number {
  const lo = k >>> 0;
  const hi = (k / 4294967296) >>> 0;
  return fmix32((lo ^ Math.imul(hi, 0x9e3779b1)) >>> 0);
}

/** One MurmurHash3 x86_32 block step: mixes the 32-bit block `k` into state `h`. */
export function murmurStep(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  h ^= k;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

/**
 * splitmix32-style deterministic generator: the i-th output for `seed`. Used to derive the
 * per-permutation MinHash salts and band salts from the single recorded seed.
 */
export function seededUint32(seed: number, i: number): number {
  let z = (Math.imul(seed | 0, 0x9e3779b9) + Math.imul(i + 1, 0x7f4a7c15)) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

let xxh128: IHasher | null = null;

/** Initialise the WASM xxh128 hasher once (async); afterwards {@link exactKey} is synchronous. */
export async function initExactHasher(): Promise<void> {
  if (!xxh128) xxh128 = await createXXHash128();
}

/** xxh128 (seed 0) of the UTF-8 bytes of `normalized`, as 32 lower-case hex digits. */
export function exactKey(normalized: string): string {
  if (!xxh128) throw new Error('initExactHasher() must be awaited before exactKey()');
  return xxh128.init().update(normalized).digest('hex');
}
