export * from './engine.js';
export * from './store.js';
export { normalizeForDedup } from './normalize.js';
export { shingle, tokenHashes, sortUnique, type ShingleSet, type ShingleOptions } from './shingle.js';
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
