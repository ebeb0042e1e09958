/**
 * MinHash, LSH banding and Jaccard, as pure functions in exact uint32 arithmetic.
 *
 * Permutations: h_i(x) = fmix32(x XOR s_i) where s_i = seededUint32(seed, i). fmix32 (the
 * MurmurHash3 finaliser) is a bijection on uint32, so each h_i is a permutation of the 32-bit
 * shingle-hash space, and distinct salts give (empirically) independent minima — the tests check
 * that the estimate tracks the true Jaccard. It uses only Math.imul/xor/shift: no float products, so
 * no precision loss (the classic (a·x+b) mod (2^61−1) is NOT exact in doubles and is not used).
 *
 * Band keys: band j hashes its `rows` signature values with MurmurHash3 steps salted by
 * seededUint32(seed ^ BAND_SALT, j); two independent 32-bit lanes form a 52-bit key
 * (hi·2^20 + lo>>>12, an exact integer < 2^53) so different bands never share keys in practice and
 * a persistent backend can store the key as a 64-bit integer.
 */
import { fmix32, murmurStep, seededUint32 } from './hash.js';

const EMPTY = 0xffffffff;
const BAND_SALT = 0x5bd1e995;

export interface MinHasher {
  readonly numPerm: number;
  readonly seed: number;
  /** Permutation salts s_i. */
  readonly salts: Uint32Array;
}

export function createMinHasher(numPerm: number, seed: number): MinHasher {
  const salts = new Uint32Array(numPerm);
  for (let i = 0; i < numPerm; i++) salts[i] = seededUint32(seed, i);
  return { numPerm, seed, salts };
}

/** The i-th permutation applied to one shingle hash (exposed for tests). */
export function permute(x: number, salt: number): number {
  return fmix32((x ^ salt) >>> 0);
}

/** MinHash signature of a set of 32-bit hashes (empty set → all 0xffffffff). */
export function signature(mh: MinHasher, set: Uint32Array): Uint32Array {
  const k = mh.numPerm;
  const sig = new Uint32Array(k).fill(EMPTY);
  const salts = mh.salts;
  const n = set.length;
  for (let p = 0; p < k; p++) {
    const s = salts[p]!;
    let m = EMPTY;
    for (let i = 0; i < n; i++) {
      // inlined fmix32(set[i] ^ s)
      let h = set[i]! ^ s;
      h ^= h >>> 16;
      h = Math.imul(h, 0x85ebca6b);
      h ^= h >>> 13;
      h = Math.imul(h, 0xc2b2ae35);
      h ^= h >>> 16;
      h >>>= 0;
      if (h < m) m = h;
    }
    sig[p] = m;
  }
  return sig;
}

/** Fraction of equal signature positions: the MinHash estimate of Jaccard. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) throw new Error('signature lengths differ');
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return a.length ? eq / a.length : 0;
}

/** LSH band keys (one per band) of a signature of length ≥ bands·rows. Exact integers < 2^53. */
export function bandKeys(sig: Uint32Array, bands: number, rows: number, seed: number): number[] {
  if (sig.length < bands * rows) throw new Error('signature shorter than bands*rows');
  const keys = new Array<number>(bands);
  for (let b = 0; b < bands; b++) {
    const salt = seededUint32(seed ^ BAND_SALT, b);
    let h1 = salt | 0;
    let h2 = (salt ^ 0x9e3779b9) | 0;
    for (let r = 0; r < rows; r++) {
      const v = sig[b * rows + r]!;
      h1 = murmurStep(h1, v);
      h2 = murmurStep(h2, v ^ 0x27d4eb2f);
    }
    const hi = fmix32(h1 ^ rows);
    const lo = fmix32(h2 ^ (rows << 8));
    keys[b] = hi * 1048576 + (lo >>> 12);
  }
  return keys;
}

/**
 * Probability that a pair with Jaccard j becomes an LSH candidate when at least `minHits` of its
 * `bands` band keys must be equal: P(Binomial(bands, j^rows) ≥ minHits). With minHits 1 this is the
 * classic S-curve 1 − (1 − j^r)^b.
 */
export function candidateProbability(j: number, bands: number, rows: number, minHits = 1): number {
  const p = Math.pow(j, rows);
  if (minHits > bands) return 0;
  if (p >= 1) return 1;
  // 1 − P(X < minHits), the terms C(b, i) p^i (1 − p)^(b − i) built one from the last (minHits 1:
  // 1 − (1 − p)^b)
  let term = Math.pow(1 - p, bands);
  let below = 0;
  for (let i = 0; i < minHits; i++) {
    below += term;
    term *= ((bands - i) / (i + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - below);
}

/** Exact Jaccard of two sorted unique uint32 arrays. */
export function jaccardSorted(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      inter++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  const union = a.length + b.length - inter;
  return union ? inter / union : 0;
}

/** The bottom-k sketch of a sorted unique set: its k smallest values (the whole set if smaller). */
export function bottomK(set: Uint32Array, k: number): Uint32Array {
  return set.length <= k ? set.slice() : set.slice(0, k);
}

/**
 * Jaccard of two sets given as bottom-k sketches (sorted; each is either the whole set or its
 * k smallest values). Walks the k smallest values of the union and counts those present in both.
 * Exact when |A ∪ B| ≤ k (in particular when both sets have ≤ k elements); otherwise the
 * standard bottom-k estimator with standard error ≈ sqrt(J(1−J)/k). Shingle hashes are uniform,
 * so the k smallest form a uniform random sample.
 */
export function jaccardBottomK(a: Uint32Array, b: Uint32Array, k: number): number {
  let i = 0;
  let j = 0;
  let seen = 0;
  let inter = 0;
  while (seen < k && (i < a.length || j < b.length)) {
    if (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      if (x === y) {
        inter++;
        i++;
        j++;
      } else if (x < y) i++;
      else j++;
    } else if (i < a.length) i++;
    else j++;
    seen++;
  }
  return seen ? inter / seen : 0;
}

/**
 * Cluster sketch: the bottom-k sketches of up to `maxMembers` members of one cluster, packed in one
 * Uint32Array so every index backend stores it as an opaque value under the cluster id:
 *   [m, (ordinalLo, ordinalHi, length) × m, sketch_1 …, sketch_m …]
 * (ordinal = ordinalHi·2^32 + ordinalLo, exact for any safe integer). A candidate is verified
 * against every stored member, not only the founder: a near copy of a near copy is 2× the edits
 * away from the founder but close to the copy it was made from. Still no union-find: a document
 * joins at most one cluster, and only through a verified pair above the threshold.
 */
export function packClusterSketch(members: ReadonlyArray<{ ordinal: number; sketch: Uint32Array }>): Uint32Array {
  const m = members.length;
  let total = 1 + 3 * m;
  for (const x of members) total += x.sketch.length;
  const out = new Uint32Array(total);
  out[0] = m;
  let off = 1 + 3 * m;
  members.forEach((x, i) => {
    out[1 + 3 * i] = x.ordinal % 4294967296;
    out[2 + 3 * i] = Math.floor(x.ordinal / 4294967296);
    out[3 + 3 * i] = x.sketch.length;
    out.set(x.sketch, off);
    off += x.sketch.length;
  });
  return out;
}

/** Members of a packed cluster sketch (views into `packed`, no copies). */
export function unpackClusterSketch(packed: Uint32Array): Array<{ ordinal: number; sketch: Uint32Array }> {
  const m = packed[0] ?? 0;
  const out: Array<{ ordinal: number; sketch: Uint32Array }> = [];
  let off = 1 + 3 * m;
  for (let i = 0; i < m; i++) {
    const len = packed[3 + 3 * i]!;
    out.push({ ordinal: packed[2 + 3 * i]! * 4294967296 + packed[1 + 3 * i]!, sketch: packed.subarray(off, off + len) });
    off += len;
  }
  return out;
}

/** Number of member sketches in a packed cluster sketch. */
export function clusterSketchMembers(packed: Uint32Array): number {
  return packed[0] ?? 0;
}

/** A packed cluster sketch with one more member (a new array; `packed` is not modified). */
export function appendClusterSketch(packed: Uint32Array, ordinal: number, sketch: Uint32Array): Uint32Array {
  return packClusterSketch([...unpackClusterSketch(packed), { ordinal, sketch }]);
}

/**
 * Best bottom-k Jaccard of `set` (a sorted unique shingle set) against the members of a packed
 * cluster sketch; ties go to the earliest stored member. Returns {similarity: -1, ordinal: -1}
 * for an empty cluster sketch.
 */
export function bestClusterJaccard(set: Uint32Array, packed: Uint32Array, k: number): { similarity: number; ordinal: number } {
  let best = -1;
  let ord = -1;
  for (const x of unpackClusterSketch(packed)) {
    const j = jaccardBottomK(set, x.sketch, k);
    if (j > best) {
      best = j;
      ord = x.ordinal;
    }
  }
  return { similarity: best, ordinal: ord };
}
