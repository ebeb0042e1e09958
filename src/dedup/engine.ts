/** DedupEngine: streaming exact + MinHash/LSH near-duplicate clustering over a DedupIndex. */
import { exactKey, initExactHasher } from './hash.js';
import { appendClusterSketch, bandKeys, bestClusterJaccard, bottomK, clusterSketchMembers, createMinHasher, packClusterSketch, signature, type MinHasher } from './minhash.js';
import { normalizeForDedup } from './normalize.js';
import { shingle } from './shingle.js';
import { BandTable } from './tables.js';
import { MemberColumns, MemoryDedupIndex, METHODS, type DedupIndex, type ExactEntry, type IndexWrite, type MemberRecord } from './store.js';

export interface DedupOptions {
  /** Seed of the MinHash permutations and band hashes (recorded by params()). Default 42. */
  seed?: number;
  /** LSH bands. Default 50 (P(candidate) = 0.9998 at Jaccard 0.4, 0.87 at 0.2). */
  bands?: number;
  /** Rows (signature values) per band. Default 2 (100 permutations in all). */
  rows?: number;
  /**
   * A cluster is a candidate (and verified) only when at least this many of the document's band keys
   * hit it. Default 2: P(candidate) = 0.998 at Jaccard 0.4, 0.946 at 0.3, > 0.99999 at 0.55.
   */
  minBandHits?: number;
  /** Word n-gram size for space-separated scripts. Default 5. */
  shingleSize?: number;
  /** Character n-gram size for CJK documents. Default 3. */
  cjkShingleSize?: number;
  /** Minimum verified Jaccard (vs a stored cluster member) to merge word-shingled documents. Default 0.55. */
  threshold?: number;
  /** The same for CJK (character-shingled) documents. Default 0.4. */
  cjkThreshold?: number;
  /** Member sketches stored per cluster for verification (the founder first). Default 8. */
  clusterSketches?: number;
  /** Which member of a cluster is kept. Default 'first' (lowest ordinal). */
  keep?: 'first' | 'longest';
  /** Documents with fewer distinct shingles are deduplicated exactly only. Default 10. */
  minShingles?: number;
  /** Shingle hashes kept per representative (bottom-k sketch) for verification. Default 1024. */
  sketchSize?: number;
}

export interface DedupDecision {
  ordinal: number;
  id: string;
  kept: boolean;
  /** Id of the cluster's lowest-ordinal member (own id for singletons). */
  clusterId: string;
  /** Id of the kept member of the cluster; null when this document is kept. */
  duplicateOf: string | null;
  /** Similarity verified when this doc joined its cluster (1 for exact); null for the cluster founder. */
  similarity: number | null;
  method: 'exact' | 'minhash' | null;
  /** Id of the document `similarity` was measured against (exact twin, or the closest stored cluster member). */
  comparedWith: string | null;
  clusterSize: number;
}

/**
 * A document for DedupEngine.addBatch: its cleaned text, or the sketch a Sketcher with the same
 * options made of that text (`sketchKey` is the Sketcher's key; on another thread, say).
 */
export type DedupInput = { ordinal: number; id: string; text: string } | { ordinal: number; id: string; sketch: TextSketch; sketchKey: string };

type Resolved = Required<DedupOptions>;

export const DEFAULT_OPTIONS: Readonly<Resolved> = Object.freeze({
  seed: 42,
  // 50 × 2: the CJK threshold 0.4 needs candidates at Jaccard 0.4 (25 × 4 found them with P 0.48);
  // same 100 permutations, so the same sketching cost, at the price of 25 more band entries per doc.
  bands: 50,
  rows: 2,
  // 1 (any shared band) verified every cluster that shared one band with the document. On the first
  // 60,000 documents of the cleaned 1 GB bench corpus (spliced from a small paragraph pool, so each
  // new document shares a band with ever more earlier ones), 95% of the 412,423 such candidates hit
  // one band only, and no merge came from a candidate with fewer than 6 hits; at 2 the decisions were
  // identical with 18,707 candidates. The LSH curve moves little where it matters: at the CJK
  // threshold 0.4, 0.9998 → 0.998; at 0.55, > 0.99999 either way (candidateProbability).
  minBandHits: 2,
  shingleSize: 5,
  cjkShingleSize: 3,
  // Cleaned 20k bench corpus: the most similar non-duplicate word-shingled pairs score 0.531, 0.491,
  // 0.444 (spliced synthetic docs vs the real page they were spliced from); CJK non-duplicates
  // reach 0.308 while 99% of CJK duplicate pairs score above that. Word 4-grams/3-grams measured
  // no better (best safe recall 0.880 / 0.851 vs 0.880 for 5-grams at 0.55).
  threshold: 0.55,
  cjkThreshold: 0.4,
  keep: 'first',
  minShingles: 10,
  sketchSize: 1024,
  // verifying against up to 8 stored members instead of the founder alone: recall 0.856 → 0.879
  // (1, 2, 4, 8, unlimited members: 0.856, 0.875, 0.878, 0.879, 0.879 in the offline simulation).
  clusterSketches: 8,
});

/**
 * Bumped whenever the normalisation, tokenisation, hashing or verification changes the output.
 * 2: per-script thresholds, 50 × 2 bands, verification against up to 8 members (packed cluster sketch).
 * 3: a candidate needs minBandHits (2) band keys in common, not one.
 */
export const ALGORITHM_VERSION = 3;

function resolve(opts: DedupOptions | undefined): Resolved {
  const o: Resolved = { ...DEFAULT_OPTIONS };
  for (const [k, v] of Object.entries(opts ?? {})) if (v !== undefined) (o as Record<string, unknown>)[k] = v;
  const ints: Array<keyof Resolved> = ['bands', 'rows', 'minBandHits', 'shingleSize', 'cjkShingleSize', 'minShingles', 'sketchSize', 'clusterSketches'];
  for (const k of ints) {
    const v = o[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new RangeError(`dedup option ${k} must be a positive integer`);
  }
  if (o.minBandHits > o.bands) throw new RangeError('dedup option minBandHits must not exceed bands');
  if (!Number.isInteger(o.seed)) throw new RangeError('dedup option seed must be an integer');
  if (!(o.threshold > 0 && o.threshold <= 1)) throw new RangeError('dedup option threshold must be in (0, 1]');
  if (!(o.cjkThreshold > 0 && o.cjkThreshold <= 1)) throw new RangeError('dedup option cjkThreshold must be in (0, 1]');
  if (o.keep !== 'first' && o.keep !== 'longest') throw new RangeError("dedup option keep must be 'first' or 'longest'");
  return o;
}

/** What dedup takes from a document's text: computed purely from the text (Sketcher). */
export interface TextSketch {
  exactKey: string;
  length: number;
  /** Sorted unique shingle hashes; null when below minShingles (exact-only). */
  shingles: Uint32Array | null;
  /** Shingled as CJK (character n-grams; verified with cjkThreshold). */
  cjk: boolean;
  bandKeys: number[] | null;
}

/** Per-document sketch: everything the engine needs, computed purely from the text. */
export interface DocSketch extends TextSketch {
  ordinal: number;
  id: string;
}

/**
 * The pure half of the engine: a document's sketch from its text (normalise, exact-hash, shingle,
 * MinHash, band), with no index. Safe on any thread: `--jobs N` workers sketch the documents they
 * clean, so the thread that owns the index only looks them up (it sketched every document before:
 * 2.2 of its 9 s on 10,000 bench documents with `--jobs 2`).
 */
export class Sketcher {
  /** Names the options a sketch depends on: DedupEngine takes only sketches with its own key. */
  readonly key: string;
  private readonly mh: MinHasher;
  private constructor(private readonly o: Resolved) {
    this.mh = createMinHasher(o.bands * o.rows, o.seed);
    this.key = JSON.stringify([ALGORITHM_VERSION, o.seed, o.bands, o.rows, o.shingleSize, o.cjkShingleSize, o.minShingles]);
  }

  static async create(opts?: DedupOptions): Promise<Sketcher> {
    await initExactHasher();
    return new Sketcher(resolve(opts));
  }

  /** For DedupEngine (options resolved, hasher ready). */
  static fromResolved(o: Resolved): Sketcher {
    return new Sketcher(o);
  }

  sketch(text: string): TextSketch {
    const norm = normalizeForDedup(text);
    const key = exactKey(norm);
    const sh = shingle(norm, this.o);
    if (sh.hashes.length < this.o.minShingles) {
      return { exactKey: key, length: norm.length, shingles: null, cjk: sh.cjk, bandKeys: null };
    }
    const sig = signature(this.mh, sh.hashes);
    return {
      exactKey: key,
      length: norm.length,
      shingles: sh.hashes,
      cjk: sh.cjk,
      bandKeys: bandKeys(sig, this.o.bands, this.o.rows, this.o.seed),
    };
  }
}

export class DedupEngine {
  private readonly o: Resolved;
  /** The engine's own Sketcher: sketches made with it (or with one of its key) are taken in DedupInput. */
  readonly sketcher: Sketcher;
  private tail: Promise<void> = Promise.resolve();
  private finalized = false;
  private docs = 0;
  private candidatePairs = 0;

  private constructor(opts: Resolved, readonly index: DedupIndex) {
    this.o = opts;
    this.sketcher = Sketcher.fromResolved(opts);
  }

  static async create(opts?: DedupOptions, index?: DedupIndex): Promise<DedupEngine> {
    await initExactHasher();
    return new DedupEngine(resolve(opts), index ?? new MemoryDedupIndex());
  }

  /** Pure: normalise, exact-hash, shingle, MinHash and band one document. */
  sketch(ordinal: number, id: string, text: string): DocSketch {
    return { ordinal, id, ...this.sketcher.sketch(text) };
  }

  /** Add one document. Calls are serialised internally; awaiting each is not required but allowed. */
  add(ordinal: number, id: string, text: string): Promise<void> {
    return this.addBatch([{ ordinal, id, text }]);
  }

  /**
   * Add several documents with one index round trip per lookup kind and one commit. Within the
   * batch, documents are resolved in array order exactly as if added one by one.
   */
  addBatch(docs: readonly DedupInput[]): Promise<void> {
    if (this.finalized) return Promise.reject(new Error('DedupEngine: add after finalize'));
    const run = this.tail.then(() => this.processBatch(docs));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async processBatch(docs: readonly DedupInput[]): Promise<void> {
    if (docs.length === 0) return;
    for (const d of docs) {
      if (!Number.isSafeInteger(d.ordinal) || d.ordinal < 0) throw new RangeError(`bad ordinal ${d.ordinal}`);
    }
    const sk = docs.map((d): DocSketch => {
      if ('text' in d) return this.sketch(d.ordinal, d.id, d.text);
      // A sketch made with other options would be compared with this index's as if it were not.
      if (d.sketchKey !== this.sketcher.key) throw new Error(`DedupEngine: sketch of ${d.id} was made with other dedup options`);
      return { ordinal: d.ordinal, id: d.id, ...d.sketch };
    });
    const idx = this.index;

    // 1. batched lookups
    const exactKeys = [...new Set(sk.filter((s) => s.length > 0).map((s) => s.exactKey))];
    const exactFound = await idx.getExact(exactKeys);
    const exactMap = new Map<string, ExactEntry>();
    exactKeys.forEach((k, i) => {
      const e = exactFound[i];
      if (e) exactMap.set(k, e);
    });
    // Every LSH document's band keys in document order, looked up in one call; bandFound[bandsAt[i] + b]
    // answers band b of document i. A key two documents of the batch share is looked up twice: that
    // costs less than a Set and a Map of the batch's ~25,000 keys (52-bit heap numbers).
    const bandsAt = new Int32Array(sk.length).fill(-1);
    const bandList: number[] = [];
    sk.forEach((s, i) => {
      if (!s.bandKeys || exactMap.has(s.exactKey)) return;
      bandsAt[i] = bandList.length;
      for (const k of s.bandKeys) bandList.push(k);
    });
    const bandFound = bandList.length ? await idx.queryBands(bandList) : [];
    // Only index clusters some document hits under minBandHits of its band keys are read: a cluster
    // that reaches it only with this batch's own overlay was made or joined here, so it is in repMap.
    const minHits = this.o.minBandHits;
    const hits = new Map<number, number>();
    const needed = new Set<number>();
    sk.forEach((s, i) => {
      const off = bandsAt[i]!;
      if (off < 0) return;
      hits.clear();
      for (let b = 0; b < s.bandKeys!.length; b++) {
        const a = bandFound[off + b];
        if (!a) continue;
        for (const c of a) {
          const h = (hits.get(c) ?? 0) + 1;
          hits.set(c, h);
          if (h === minHits) needed.add(c);
        }
      }
    });
    const candIds = [...needed];
    const repFound = candIds.length ? await idx.getRepresentatives(candIds) : [];
    const repMap = new Map<number, Uint32Array>();
    candIds.forEach((c, i) => {
      const r = repFound[i];
      if (r) repMap.set(c, r);
    });

    // 2. resolve in order, with a local overlay for what this batch adds
    const w: IndexWrite = { exact: [], bands: [], representatives: [], members: [] };
    // the batch's own band entries (what the index will hold once the batch is committed)
    const local = new BandTable();
    const inLocal: number[] = [];
    const k = this.o.sketchSize;
    for (let i = 0; i < sk.length; i++) {
      const s = sk[i]!;
      let rec: MemberRecord;
      // an empty normalised text is "no content", not a duplicate: never merged, no exact entry
      const empty = s.length === 0;
      const ex = empty ? undefined : exactMap.get(s.exactKey);
      if (ex) {
        rec = { ordinal: s.ordinal, id: s.id, cluster: ex.cluster, method: 'exact', similarity: 1, against: ex.ordinal, length: s.length };
      } else if (!s.shingles || !s.bandKeys) {
        rec = { ordinal: s.ordinal, id: s.id, cluster: s.ordinal, method: null, similarity: null, against: null, length: s.length };
      } else {
        // hits: how many of this document's band keys each cluster is stored under (index or overlay)
        hits.clear();
        const off = bandsAt[i]!;
        for (let b = 0; b < s.bandKeys.length; b++) {
          const a = off >= 0 ? bandFound[off + b] : undefined;
          if (a) for (const c of a) hits.set(c, (hits.get(c) ?? 0) + 1);
          inLocal.length = 0;
          local.clustersInto(s.bandKeys[b]!, inLocal);
          for (const c of inLocal) if (!a || !a.includes(c)) hits.set(c, (hits.get(c) ?? 0) + 1);
        }
        const cands: number[] = [];
        for (const [c, h] of hits) if (h >= minHits) cands.push(c);
        let best = -1;
        let bestSim = -1;
        let bestAgainst = -1;
        for (const c of cands.sort((x, y) => x - y)) {
          const rep = repMap.get(c);
          if (!rep) continue;
          this.candidatePairs++;
          const v = bestClusterJaccard(s.shingles, rep, k);
          if (v.similarity > bestSim) {
            bestSim = v.similarity;
            best = c;
            bestAgainst = v.ordinal;
          }
        }
        if (best >= 0 && bestSim >= (s.cjk ? this.o.cjkThreshold : this.o.threshold)) {
          rec = { ordinal: s.ordinal, id: s.id, cluster: best, method: 'minhash', similarity: bestSim, against: bestAgainst, length: s.length };
          const packed = repMap.get(best)!;
          if (clusterSketchMembers(packed) < this.o.clusterSketches) {
            const grown = appendClusterSketch(packed, s.ordinal, bottomK(s.shingles, k));
            w.representatives.push([best, grown]);
            repMap.set(best, grown);
          }
        } else {
          rec = { ordinal: s.ordinal, id: s.id, cluster: s.ordinal, method: null, similarity: null, against: null, length: s.length };
          const rep = packClusterSketch([{ ordinal: s.ordinal, sketch: bottomK(s.shingles, k) }]);
          w.representatives.push([s.ordinal, rep]);
          repMap.set(s.ordinal, rep);
        }
        // every LSH-eligible doc points its buckets at its cluster: a later doc that collides with
        // any member is then verified against the cluster's stored member sketches.
        for (const bk of s.bandKeys) {
          w.bands.push([bk, rec.cluster]);
          local.add(bk, rec.cluster);
        }
      }
      if (!ex && !empty) {
        const e = { cluster: rec.cluster, ordinal: s.ordinal };
        w.exact.push([s.exactKey, e]);
        exactMap.set(s.exactKey, e);
      }
      w.members.push(rec);
      this.docs++;
    }
    // a cluster sketch grown twice in one batch: commit only its last version (first position kept)
    w.representatives = [...new Map(w.representatives)];
    await idx.commit(w);
  }

  /**
   * Wait for pending adds, then decide what is kept. Decisions are sorted by ordinal, one per
   * document fed to this engine: the read-only context records a persistent/shared index adds
   * (`external`, earlier runs' documents) take part in the decision but get none of their own.
   */
  async finalize(): Promise<DedupDecision[]> {
    return (await this.finalizeCompact()).toArray();
  }

  /**
   * finalize() as columns: the same decisions (same order, `get(r)` deep-equals `finalize()[r]`) in
   * typed arrays of ≈ 37 B per document plus the member ids, instead of one ≈ 150 B object each
   * (the corpus runner holds them while it writes the output).
   */
  async finalizeCompact(): Promise<DecisionColumns> {
    await this.tail;
    this.finalized = true;
    // Members are read into columns, not kept as records: at finalize the index is at its largest,
    // and per-record objects plus Maps cost ≈ 3× the columns (≈ 150 vs ≈ 50 B per document).
    const col = new MemberColumns();
    for await (const m of this.index.members()) col.push(m);
    const n = col.n;
    // members() yields ascending ordinals (DedupIndex contract); sort a permutation otherwise
    // (stable, so equal ordinals keep their read order)
    const order = col.ascending ? null : Uint32Array.from({ length: n }, (_, j) => j).sort((a, b) => col.ordinal[a]! - col.ordinal[b]! || a - b);
    const at = (r: number): number => (order ? order[r]! : r);
    const sortedOrdinals = order ? Float64Array.from(order, (j) => col.ordinal[j]!) : col.ordinal.subarray(0, n);
    // per cluster: its lowest-ordinal member (cluster id) and the kept member, as member indexes
    const slot = new Map<number, number>();
    const first: number[] = [];
    const kept: number[] = [];
    const size: number[] = [];
    for (let r = 0; r < n; r++) {
      const i = at(r);
      const c = col.cluster[i]!;
      const s = slot.get(c);
      if (s === undefined) {
        slot.set(c, first.length);
        first.push(i);
        kept.push(i);
        size.push(1);
      } else {
        size[s]!++;
        if (this.o.keep === 'longest' && col.length[i]! > col.length[kept[s]!]!) kept[s] = i;
      }
    }
    const out = new DecisionColumns(col, n);
    for (let r = 0; r < n; r++) {
      const i = at(r);
      if (col.external[i]) continue;
      const s = slot.get(col.cluster[i]!)!;
      const against = col.against[i]!;
      let compared = -1;
      if (!Number.isNaN(against)) {
        const j = lastIndexOf(sortedOrdinals, against);
        if (j >= 0) compared = at(j);
      }
      out.push(i, first[s]!, kept[s]!, compared, size[s]!);
    }
    return out;
  }

  /** Parameters to record next to the output (reproducibility). */
  params(): Record<string, unknown> {
    const o = this.o;
    return {
      algorithm: 'seed-clean-dedup',
      version: ALGORITHM_VERSION,
      normalize: 'NFKC, lower-case, whitespace collapsed',
      exactHash: 'xxh128(utf8(normalized))',
      tokens: 'letter/digit/mark runs; each Han/kana/Hangul char is a token',
      shingleHash: 'FNV-1a token hash + MurmurHash3_x86_32 over token hashes (32-bit)',
      permutation: 'fmix32(x ^ seededUint32(seed, i))',
      numPerm: o.bands * o.rows,
      seed: o.seed,
      bands: o.bands,
      rows: o.rows,
      minBandHits: o.minBandHits,
      shingleSize: o.shingleSize,
      cjkShingleSize: o.cjkShingleSize,
      threshold: o.threshold,
      cjkThreshold: o.cjkThreshold,
      clusterSketches: o.clusterSketches,
      verification: `best Jaccard vs up to ${o.clusterSketches} cluster members (founder first) on bottom-${o.sketchSize} shingle-hash sketches (exact when union <= ${o.sketchSize})`,
      sketchSize: o.sketchSize,
      keep: o.keep,
      minShingles: o.minShingles,
    };
  }

  /** Counters for diagnostics. */
  counters(): { docs: number; candidatePairs: number } {
    return { docs: this.docs, candidatePairs: this.candidatePairs };
  }
}

/** Index of the last element equal to `x` in the ascending `a` (the record a Map by ordinal kept), or -1. */
function lastIndexOf(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && a[lo - 1] === x ? lo - 1 : -1;
}

/**
 * Decisions of finalizeCompact(), sorted by ordinal: per decision the member index of the document,
 * of its cluster's first member, of the kept member and of the member its similarity was measured
 * against (-1: none), and the cluster size; ids, ordinals, methods and similarities are read from
 * the members' columns.
 */
export class DecisionColumns {
  length = 0;
  private readonly member: Uint32Array;
  private readonly first: Uint32Array;
  private readonly kept: Uint32Array;
  private readonly compared: Int32Array;
  private readonly size: Uint32Array;

  constructor(
    private readonly col: MemberColumns,
    capacity: number,
  ) {
    this.member = new Uint32Array(capacity);
    this.first = new Uint32Array(capacity);
    this.kept = new Uint32Array(capacity);
    this.compared = new Int32Array(capacity);
    this.size = new Uint32Array(capacity);
  }

  push(member: number, first: number, kept: number, compared: number, size: number): void {
    const r = this.length++;
    this.member[r] = member;
    this.first[r] = first;
    this.kept[r] = kept;
    this.compared[r] = compared;
    this.size[r] = size;
  }

  ordinal(r: number): number {
    return this.col.ordinal[this.member[r]!]!;
  }

  isKept(r: number): boolean {
    return this.kept[r] === this.member[r];
  }

  /** The cluster id (its first member's id). */
  clusterId(r: number): string {
    return this.col.ids[this.first[r]!]!;
  }

  /** Id of the kept member; null when this document is kept. */
  duplicateOf(r: number): string | null {
    return this.isKept(r) ? null : this.col.ids[this.kept[r]!]!;
  }

  similarity(r: number): number | null {
    const s = this.col.similarity[this.member[r]!]!;
    return Number.isNaN(s) ? null : s;
  }

  method(r: number): DedupDecision['method'] {
    return METHODS[this.col.method[this.member[r]!]!] ?? null;
  }

  clusterSize(r: number): number {
    return this.size[r]!;
  }

  /** Decision `r` as the object finalize() returns. */
  get(r: number): DedupDecision {
    const i = this.member[r]!;
    const isKept = this.isKept(r);
    const c = this.compared[r]!;
    return {
      ordinal: this.col.ordinal[i]!,
      id: this.col.ids[i]!,
      kept: isKept,
      clusterId: this.clusterId(r),
      duplicateOf: isKept ? null : this.col.ids[this.kept[r]!]!,
      similarity: this.similarity(r),
      method: this.method(r),
      comparedWith: c < 0 ? null : this.col.ids[c]!,
      clusterSize: this.size[r]!,
    };
  }

  toArray(): DedupDecision[] {
    const out: DedupDecision[] = [];
    for (let r = 0; r < this.length; r++) out.push(this.get(r));
    return out;
  }
}
