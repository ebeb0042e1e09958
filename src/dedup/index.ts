/**
 * seed-clean corpus deduplication (pure library; no I/O, no CLI).
 *
 * API
 *   const eng = await DedupEngine.create(opts?: DedupOptions, index?: DedupIndex);  // default MemoryDedupIndex
 *   await eng.add(ordinal: number, id: string, text: string): Promise<void>;       // calls are serialised
 *   await eng.addBatch(docs: DedupInput[]): Promise<void>;   // same result as add() one by one; one index
 *                                                            // round trip per lookup kind + one commit
 *   const decisions: DedupDecision[] = await eng.finalize();  // sorted by ordinal; add() after it rejects
 *   const cols: DecisionColumns = await eng.finalizeCompact(); // the same decisions as typed-array columns
 *                                                            // (cols.get(r), cols.ordinal(r), ...; ≈ 37 B each)
 *   eng.params(): Record<string, unknown>;                    // JSON; record it next to the output
 *   DedupDecision = { ordinal, id, kept, clusterId (id of the lowest-ordinal member), duplicateOf (id of the
 *     kept member | null), similarity (verified Jaccard when it joined, 1 for exact, null for the founder),
 *     method ('exact' | 'minhash' | null), comparedWith (id similarity was measured against | null), clusterSize }
 *   Ordinals must be unique non-negative safe integers (the stable input order). Feed the CLEANED text.
 *
 * Algorithm
 * 1. normalise: NFKC, lower case, whitespace runs → one space, trim (normalize.ts).
 * 2. exact: xxh128 of the UTF-8 normalised text (hash-wasm). Same key → same cluster, similarity 1.
 *    An empty normalised text is never merged (it is "no content", not a duplicate).
 * 3. shingles (shingle.ts): word 5-grams (tokens = letter/digit runs, punctuation ignored); documents whose
 *    tokens are ≥ 50% Han/kana/Hangul use character 3-grams. 32-bit shingle hashes, sorted + unique.
 *    Fewer than minShingles (10) distinct shingles → exact dedup only, never MinHash.
 * 4. MinHash (minhash.ts): 100 permutations h_i(x) = fmix32(x ^ s_i), s_i derived from the recorded seed
 *    (42): pure Math.imul/xor/shift uint32 arithmetic, checked against a BigInt reference in the tests.
 * 5. LSH: 50 bands × 2 rows (algorithm version 3; see engine.ts DEFAULT_OPTIONS), 52-bit integer band
 *    keys. Every earlier doc stores its band keys under its cluster; candidates are the clusters stored
 *    under at least minBandHits (2) of this doc's band keys. Each candidate is VERIFIED
 *    by Jaccard on shingle sets against up to 8 stored member sketches of the cluster (founder first); the
 *    best one ≥ threshold (0.55, CJK 0.4) wins (ties → lower cluster id). No union-find chaining.
 *    The index stores, per stored member, the bottom-1024 sketch of its shingle hashes (its 1024 smallest
 *    hashes; the whole set for docs up to 1024 shingles ≈ 6 KB of text), so verification is EXACT for
 *    most docs and a bottom-k estimate (std err ≈ sqrt(J(1-J)/1024) ≈ 0.015) for larger ones.
 * 6. keep (finalize): 'first' = lowest ordinal; 'longest' = longest normalised text, ties → lowest ordinal.
 *    Cluster membership is decided greedily in processing order; for well-separated clusters it does not
 *    depend on the order (tested), and decisions never depend on it through the keep rule. Feeding docs in
 *    ordinal order is fully deterministic.
 *
 * Parameter choice for version 1 (25 × 4, threshold 0.6; version 2's reasons are in engine.ts
 * DEFAULT_OPTIONS) (scripts/bench-dedup.mjs, 20k-doc labelled corpus):
 * - threshold 0.6: on CLEANED text the highest word-5-gram Jaccard between true non-duplicates was 0.53
 *   (CJK char-3: 0.33) while 87% of word near copies and 93% of CJK ones are ≥ 0.6 (0.7 loses 12 points of
 *   recall). On RAW text (boilerplate kept) negatives reach 0.69, so 0.6 costs 3 false pairs there.
 * - 25×4: recall saturates (32×3 finds no more, 20×5 loses 0.6 points at 0.6, 14×8 — FineWeb's, tuned for
 *   ~0.75 — loses 4 points) while verifying only ~2k candidate pairs per 20k docs.
 * - char 3-grams for CJK: 3 beats 4 and 5 on recall with the same top negatives; 2-grams are close to a
 *   bag of words. Word 5-grams: 3/4-grams gain ~3 points of recall but raise the top negative to 0.63.
 * - sketch 1024: 256 let a false pair through on raw text; 2048 gains nothing.
 *
 * Memory: streaming, no text is held. The in-memory index (store.ts, tables.ts) measured ≈ 1.06 KB
 * per document on the cleaned 20k bench corpus (scripts/bench-dedup.mjs: heap + ArrayBuffers delta
 * after GC; it was ≈ 5.5 KB with Maps): ≈ 44 band entries in typed-array hash tables (12 B per slot,
 * ≈ 0.8 KB), the exact key as four uint32 words, the member record as columns + its id. The
 * representative sketches (4 B per stored shingle hash, ≈ 1.6 KB per document) stay in memory up
 * to 16 MiB, then move to an unlinked temp file read back per LSH candidate.
 * Storage is behind `DedupIndex` (store.ts): batched, Promise-capable methods so SQLite/Redis backends
 * can run the same contract tests (__tests__/dedup/indexContract.ts → runIndexContract(name, factory)).
 */
export * from './engine.js';
export * from './store.js';
export { normalizeForDedup } from './normalize.js';
export { shingle, tokenHashes, isCjkTokens, sortUnique, type ShingleSet, type ShingleOptions, type Tokens } from './shingle.js';
export { fmix32, murmurStep, seededUint32, exactKey, initExactHasher } from './hash.js';
export {
  createMinHasher,
  permute,
  signature,
  estimateJaccard,
  bandKeys,
  candidateProbability,
  jaccardSorted,
  jaccardBottomK,
  bottomK,
  type MinHasher,
} from './minhash.js';
