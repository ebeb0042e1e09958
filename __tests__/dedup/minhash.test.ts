import { describe, expect, test } from '@jest/globals';
import {
  bandKeys,
  bottomK,
  candidateProbability,
  createMinHasher,
  estimateJaccard,
  fmix32,
  jaccardBottomK,
  jaccardSorted,
  murmurStep,
  permute,
  seededUint32,
  signature,
  sortUnique,
} from '../../src/dedup/index.js';
import { appendClusterSketch, bestClusterJaccard, clusterSketchMembers, packClusterSketch, unpackClusterSketch } from '../../src/dedup/minhash.js';
import { rng } from './textgen.js';

const M32 = 2n ** 32n;
const mul32 = (a: bigint, b: bigint): bigint => (a * b) % M32;

/** BigInt reference of the MurmurHash3 finaliser: every product reduced mod 2^32 exactly. */
function fmix32Ref(x: number): number {
  let h = BigInt(x >>> 0);
  h ^= h >> 16n;
  h = mul32(h, 0x85ebca6bn);
  h ^= h >> 13n;
  h = mul32(h, 0xc2b2ae35n);
  h ^= h >> 16n;
  return Number(h);
}

function murmurStepRef(h: number, k: number): number {
  let kk = mul32(BigInt(k >>> 0), 0xcc9e2d51n);
  kk = ((kk << 15n) | (kk >> 17n)) % M32;
  kk = mul32(kk, 0x1b873593n);
  let hh = BigInt(h >>> 0) ^ kk;
  hh = ((hh << 13n) | (hh >> 19n)) % M32;
  return Number((hh * 5n + 0xe6546b64n) % M32);
}

function randomSet(r: () => number, n: number): Uint32Array {
  return sortUnique(Uint32Array.from({ length: n }, () => Math.floor(r() * 2 ** 32)));
}

/** Two sets with a planned Jaccard: `shared` common values plus `own` values each. */
function pair(r: () => number, shared: number, own: number): [Uint32Array, Uint32Array] {
  // distinct random values in random (not sorted) order, so no part of the split is biased low
  const seen = new Set<number>();
  while (seen.size < shared + 2 * own) seen.add(Math.floor(r() * 2 ** 32));
  const all = Array.from(seen);
  const s = all.slice(0, shared);
  const a = sortUnique(Uint32Array.from(s.concat(all.slice(shared, shared + own))));
  const b = sortUnique(Uint32Array.from(s.concat(all.slice(shared + own, shared + 2 * own))));
  return [a, b];
}

describe('exact 32-bit integer arithmetic', () => {
  test('fmix32 and permute equal a BigInt reference, including values near 2^32', () => {
    const xs = [0, 1, 2, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff, 123456789, 0xdeadbeef];
    const r = rng(9);
    for (let i = 0; i < 200; i++) xs.push(Math.floor(r() * 2 ** 32));
    for (const x of xs) {
      expect(fmix32(x)).toBe(fmix32Ref(x));
      const salt = seededUint32(42, x % 97);
      expect(permute(x, salt)).toBe(fmix32Ref(Number(BigInt(x) ^ BigInt(salt))));
      expect(murmurStep(x, 0xffffffff - x) >>> 0).toBe(murmurStepRef(x, 0xffffffff - x));
    }
  });

  test('signature equals a BigInt-reference signature and all values are uint32', () => {
    const mh = createMinHasher(64, 42);
    const set = randomSet(rng(3), 500);
    const sig = signature(mh, set);
    const ref = Array.from(mh.salts, (s) => Math.min(...Array.from(set, (x) => fmix32Ref(Number(BigInt(x) ^ BigInt(s))))));
    expect(Array.from(sig)).toEqual(ref);
    for (const v of sig) expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
  });

  test('each permutation is a bijection on a sample (no collisions among 100k inputs)', () => {
    const seen = new Set<number>();
    const salt = seededUint32(42, 3);
    for (let x = 0; x < 100_000; x++) seen.add(permute(x * 40503, salt));
    expect(seen.size).toBe(100_000);
  });

  test('band keys are deterministic safe integers and differ between bands', () => {
    const mh = createMinHasher(100, 42);
    const sig = signature(mh, randomSet(rng(5), 300));
    const k1 = bandKeys(sig, 20, 5, 42);
    const k2 = bandKeys(Uint32Array.from(sig), 20, 5, 42);
    expect(k1).toEqual(k2);
    expect(new Set(k1).size).toBe(20);
    for (const k of k1) expect(Number.isSafeInteger(k) && k >= 0 && k < 2 ** 52).toBe(true);
    // a different seed gives different keys
    expect(bandKeys(sig, 20, 5, 43)).not.toEqual(k1);
    // the same band values in another band do not give the same key
    const same = new Uint32Array(10).fill(7);
    const [a, b] = bandKeys(same, 2, 5, 42);
    expect(a).not.toBe(b);
  });
});

// Note: under Jest's VM-module realm Math.imul is a cross-realm call (~100x slower than in plain
// Node), so these tests keep sets small; the bench measures real speed.
describe('MinHash estimates', () => {
  test('same input → same signature; a different seed → a different signature', () => {
    const set = randomSet(rng(1), 400);
    expect(Array.from(signature(createMinHasher(100, 42), set))).toEqual(Array.from(signature(createMinHasher(100, 42), set.slice())));
    expect(Array.from(signature(createMinHasher(100, 7), set))).not.toEqual(Array.from(signature(createMinHasher(100, 42), set)));
  });

  test('the estimate tracks the true Jaccard over random sets (mean error small, no bias)', () => {
    const mh = createMinHasher(128, 42);
    const r = rng(11);
    let sumErr = 0;
    let sumAbs = 0;
    let n = 0;
    for (const target of [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95]) {
      for (let rep = 0; rep < 6; rep++) {
        const own = 10 + Math.floor(r() * 25);
        const shared = Math.round((2 * own * target) / (1 - target));
        const [a, b] = pair(r, shared, own);
        const truth = jaccardSorted(a, b);
        const est = estimateJaccard(signature(mh, a), signature(mh, b));
        // 128 permutations: standard error <= 0.045; allow 4.5 sigma per pair
        expect(Math.abs(est - truth)).toBeLessThan(0.2);
        sumErr += est - truth;
        sumAbs += Math.abs(est - truth);
        n++;
      }
    }
    // mean error over 42 pairs: its standard error is ~0.006
    expect(Math.abs(sumErr / n)).toBeLessThan(0.02);
    expect(sumAbs / n).toBeLessThan(0.05);
  });

  test('identical sets estimate 1, disjoint sets estimate ~0', () => {
    const mh = createMinHasher(128, 42);
    const [a, b] = pair(rng(2), 0, 300);
    expect(estimateJaccard(signature(mh, a), signature(mh, a))).toBe(1);
    expect(estimateJaccard(signature(mh, a), signature(mh, b))).toBeLessThan(0.05);
  });

  test('candidate probability is the LSH S-curve', () => {
    expect(candidateProbability(1, 20, 5)).toBe(1);
    expect(candidateProbability(0, 20, 5)).toBe(0);
    expect(candidateProbability(0.8, 14, 8)).toBeCloseTo(1 - (1 - 0.8 ** 8) ** 14, 12);
    expect(candidateProbability(0.7, 20, 5)).toBeGreaterThan(0.97);
  });

  test('candidate probability with a minimum of band hits is the binomial tail', () => {
    const p = 0.4 ** 2;
    expect(candidateProbability(0.4, 50, 2, 1)).toBeCloseTo(candidateProbability(0.4, 50, 2), 12);
    expect(candidateProbability(0.4, 50, 2, 2)).toBeCloseTo(1 - (1 - p) ** 50 - 50 * p * (1 - p) ** 49, 12);
    const c3 = (50 * 49) / 2;
    expect(candidateProbability(0.4, 50, 2, 3)).toBeCloseTo(1 - (1 - p) ** 50 - 50 * p * (1 - p) ** 49 - c3 * p ** 2 * (1 - p) ** 48, 12);
    // more hits required: never more likely; all bands at Jaccard 1, none at 0
    for (const j of [0.1, 0.3, 0.55, 0.9]) {
      expect(candidateProbability(j, 50, 2, 2)).toBeLessThanOrEqual(candidateProbability(j, 50, 2, 1));
      expect(candidateProbability(j, 50, 2, 3)).toBeLessThanOrEqual(candidateProbability(j, 50, 2, 2));
    }
    expect(candidateProbability(1, 50, 2, 50)).toBe(1);
    expect(candidateProbability(0, 50, 2, 2)).toBe(0);
    expect(candidateProbability(0.9, 50, 2, 51)).toBe(0);
  });
});

describe('Jaccard for verification', () => {
  test('jaccardSorted is exact', () => {
    expect(jaccardSorted(Uint32Array.from([1, 2, 3, 4]), Uint32Array.from([3, 4, 5, 6]))).toBeCloseTo(2 / 6, 12);
    expect(jaccardSorted(new Uint32Array(0), new Uint32Array(0))).toBe(0);
  });

  test('bottom-k Jaccard is exact when the union fits in k, close otherwise', () => {
    const r = rng(4);
    const [a, b] = pair(r, 300, 100);
    const truth = jaccardSorted(a, b);
    expect(jaccardBottomK(a, b, 1024)).toBeCloseTo(truth, 12);
    expect(jaccardBottomK(bottomK(a, 1024), b, 1024)).toBeCloseTo(truth, 12);
    const [c, d] = pair(r, 6000, 1000);
    const t2 = jaccardSorted(c, d);
    const e2 = jaccardBottomK(c, bottomK(d, 1024), 1024);
    expect(Math.abs(e2 - t2)).toBeLessThan(0.06);
    // symmetric
    expect(jaccardBottomK(bottomK(d, 1024), c, 1024)).toBe(e2);
  });
});

describe('packed cluster sketches', () => {
  test('pack / unpack / append round-trip, ordinals above 2^32 exact', () => {
    const s1 = Uint32Array.from([1, 5, 9]);
    const s2 = Uint32Array.from([2, 5, 7, 11]);
    const p1 = packClusterSketch([{ ordinal: 3, sketch: s1 }]);
    expect(clusterSketchMembers(p1)).toBe(1);
    const p2 = appendClusterSketch(p1, 2 ** 40 + 17, s2);
    expect(clusterSketchMembers(p1)).toBe(1);
    const u = unpackClusterSketch(p2);
    expect(u.map((x) => x.ordinal)).toEqual([3, 2 ** 40 + 17]);
    expect(Array.from(u[0]!.sketch)).toEqual([1, 5, 9]);
    expect(Array.from(u[1]!.sketch)).toEqual([2, 5, 7, 11]);
  });

  test('bestClusterJaccard is the max over members, ties to the earliest', () => {
    const set = Uint32Array.from([2, 5, 7, 11]);
    const p = packClusterSketch([
      { ordinal: 0, sketch: Uint32Array.from([1, 5, 9]) },
      { ordinal: 4, sketch: Uint32Array.from([2, 5, 7, 11]) },
      { ordinal: 6, sketch: Uint32Array.from([2, 5, 7, 11]) },
    ]);
    expect(bestClusterJaccard(set, p, 1024)).toEqual({ similarity: 1, ordinal: 4 });
    expect(bestClusterJaccard(set, packClusterSketch([]), 1024)).toEqual({ similarity: -1, ordinal: -1 });
  });
});
