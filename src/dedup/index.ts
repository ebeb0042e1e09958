/**
 * seed-clean corpus deduplication (pure library; no I/O, no CLI).
 *
 * API
 *   const eng = await DedupEngine.create(opts?: DedupOptions, index?: DedupIndex);  // default MemoryDedupIndex
 *   await eng.add(ordinal: number, id: string, text: string): Promise<void>;       // calls are serialised
 *   await eng.addBatch(docs: DedupInput[]): Promise<void>;   // same result as add() one by one; one index
 *                                                            // round trip per lookup kind + one commit
 *   const decisions: DedupDecision[] = await eng.finalize();  // sorted by ordinal; add() after it rejects
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
 * 5. LSH: 25 bands × 4 rows, 52-bit integer band keys. Candidates are the clusters of any earlier doc
 *    sharing a band key. Each candidate is VERIFIED against the cluster REPRESENTATIVE (its first-processed
 *    member) by Jaccard on shingle sets; the best one ≥ threshold (0.6) wins (ties → lower cluster id).
 *    No union-find chaining: every member is within the threshold of its representative.
 *    The index stores, per representative, the bottom-1024 sketch of its shingle hashes (its 1024 smallest
 *    hashes; the whole set for docs up to 1024 shingles ≈ 6 KB of text), so verification is EXACT for
 *    most docs and a bottom-k estimate (std err ≈ sqrt(J(1-J)/1024) ≈ 0.015) for larger ones.
 * 6. keep (finalize): 'first' = lowest ordinal; 'longest' = longest normalised text, ties → lowest ordinal.
 *    Cluster membership is decided greedily in processing order; for well-separated clusters it does not
 *    depend on the order (tested), and decisions never depend on it through the keep rule. Feeding docs in
 *    ordinal order is fully deterministic.
 *
 * Parameter choice (scripts/bench-dedup.mjs, 20k-doc labelled corpus, see the final report of the
 * commit introducing these defaults):
 * - threshold 0.6: on CLEANED text the highest word-5-gram Jaccard between true non-duplicates was 0.53
 *   (CJK char-3: 0.33) while 87% of word near copies and 93% of CJK ones are ≥ 0.6 (0.7 loses 12 points of
 *   recall). On RAW text (boilerplate kept) negatives reach 0.69, so 0.6 costs 3 false pairs there.
 * - 25×4: recall saturates (32×3 finds no more, 20×5 loses 0.6 points at 0.6, 14×8 — FineWeb's, tuned for
 *   ~0.75 — loses 4 points) while verifying only ~2k candidate pairs per 20k docs.
 * - char 3-grams for CJK: 3 beats 4 and 5 on recall with the same top negatives; 2-grams are close to a
 *   bag of words. Word 5-grams: 3/4-grams gain ~3 points of recall but raise the top negative to 0.63.
 * - sketch 1024: 256 let a false pair through on raw text; 2048 gains nothing.
 *
 * Memory: streaming, no text is held; the index grows by ≈ 3.1 KB per document (measured: heap +
 * ArrayBuffer delta after GC on 20k docs): representative sketch 4 B × min(shingles, 1024) (≈ 1.7 KB),
 * 25 band entries (≈ 0.9 KB), exact key (≈ 130 B), member record (≈ 150 B, kept until finalize).
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
