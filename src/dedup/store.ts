/**
 * Storage side of dedup: the `DedupIndex` interface and its in-memory implementation.
 *
 * The engine talks to the index only in batches (one call per kind of lookup per batch, one
 * `commit` per batch), and every method may return a Promise, so a networked backend (Redis) can
 * pipeline each call into one round trip and a persistent one (SQLite) can wrap `commit` in one
 * transaction. The in-memory index answers synchronously.
 *
 * Contract (checked by __tests__/dedup/indexContract.ts `runIndexContract`):
 * - getExact(keys)[i] is the entry committed for keys[i], or undefined. The FIRST committed entry
 *   for a key wins; later entries for the same key are ignored.
 * - queryBands(keys)[i] lists the distinct cluster ids committed under keys[i], ascending.
 * - getRepresentatives(ids)[i] is the Uint32Array committed for cluster ids[i] (same values), or
 *   undefined. Committing a representative for an id that already has one replaces it.
 * - members() yields every committed member record exactly once, in ascending ordinal order.
 *   Committing a second record with an existing ordinal throws (rejects).
 * - A commit is atomic with respect to the reads above (all of it is visible afterwards).
 */

import { BandTable, ExactTable, SketchStore } from './tables.js';

export type MaybePromise<T> = T | Promise<T>;

/** Where a normalised text was first seen. */
export interface ExactEntry {
  /** Cluster id (the ordinal of the cluster's founding document). */
  cluster: number;
  /** Ordinal of the first document with this exact key. */
  ordinal: number;
}

/** One document's clustering outcome, as stored until finalize. */
export interface MemberRecord {
  ordinal: number;
  id: string;
  /** Cluster id = ordinal of the founding (first processed) document of the cluster. */
  cluster: number;
  /** How the document joined its cluster; null for the founder. */
  method: 'exact' | 'minhash' | null;
  /** Verified similarity at join time (1 for exact); null for the founder. */
  similarity: number | null;
  /** Ordinal of the document it was compared with (exact twin, or the cluster representative). */
  against: number | null;
  /** Length of the normalised text in UTF-16 code units (used by keep = 'longest'). */
  length: number;
  /**
   * Set by a persistent/shared index's members() on the read-only context records it adds (earlier
   * runs' or other workers' documents that this session's documents point at): the engine uses them
   * to pick the kept member and the duplicate_of id, but finalize() returns no decision for them.
   * Never stored.
   */
  external?: boolean;
}

/** Everything one batch writes. */
export interface IndexWrite {
  exact: Array<[key: string, entry: ExactEntry]>;
  bands: Array<[bandKey: number, cluster: number]>;
  representatives: Array<[cluster: number, shingles: Uint32Array]>;
  members: MemberRecord[];
}

export interface IndexStats {
  exactKeys: number;
  bandEntries: number;
  buckets: number;
  representatives: number;
  /** Sum of stored representative sketch lengths (uint32 values). */
  representativeValues: number;
  members: number;
  /** Rough estimate of bytes held (implementation-specific). */
  approxBytes: number;
}

export interface DedupIndex {
  getExact(keys: readonly string[]): MaybePromise<ReadonlyArray<ExactEntry | undefined>>;
  queryBands(keys: readonly number[]): MaybePromise<ReadonlyArray<readonly number[]>>;
  getRepresentatives(clusters: readonly number[]): MaybePromise<ReadonlyArray<Uint32Array | undefined>>;
  commit(write: IndexWrite): MaybePromise<void>;
  members(): AsyncIterable<MemberRecord> | Iterable<MemberRecord>;
  stats(): MaybePromise<IndexStats>;
  /**
   * Mark this session's writes final (persistent/shared indexes; see open-index.ts "Sessions"). A
   * run calls it after its output is committed; the in-memory index has nothing to mark.
   */
  finishSession?(): MaybePromise<void>;
  close?(): MaybePromise<void>;
}

export const METHODS: ReadonlyArray<MemberRecord['method']> = [null, 'exact', 'minhash'];

/**
 * Member records as columns (≈ 45 B + the id string per document instead of a ≈ 150 B object):
 * the in-memory index's store, and the engine's working set in finalize().
 */
export class MemberColumns {
  n = 0;
  private cap = 0;
  ordinal = new Float64Array(0);
  cluster = new Float64Array(0);
  /** NaN = null. */
  against = new Float64Array(0);
  /** NaN = null. */
  similarity = new Float64Array(0);
  length = new Float64Array(0);
  method = new Uint8Array(0);
  /** 1 for a context record (MemberRecord.external; only persistent/shared indexes yield them). */
  external = new Uint8Array(0);
  ids: string[] = [];
  /** True while every ordinal was committed above the previous ones (the engine's order). */
  ascending = true;
  maxOrdinal = -Infinity;
  /** Built only once an ordinal arrives out of order (never with the engine's increasing ordinals). */
  private ordinalSet: Set<number> | null = null;

  has(ordinal: number): boolean {
    if (ordinal > this.maxOrdinal) return false;
    if (this.ascending) return binarySearch(this.ordinal, this.n, ordinal) >= 0;
    if (!this.ordinalSet) this.ordinalSet = new Set(this.ordinal.subarray(0, this.n));
    return this.ordinalSet.has(ordinal);
  }

  push(m: MemberRecord): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.ordinal[i] = m.ordinal;
    this.cluster[i] = m.cluster;
    this.against[i] = m.against ?? NaN;
    this.similarity[i] = m.similarity ?? NaN;
    this.length[i] = m.length;
    this.method[i] = m.method === 'exact' ? 1 : m.method === 'minhash' ? 2 : 0;
    this.external[i] = m.external ? 1 : 0;
    this.ids.push(m.id);
    if (m.ordinal <= this.maxOrdinal) this.ascending = false;
    else this.maxOrdinal = m.ordinal;
    this.ordinalSet?.add(m.ordinal);
  }

  get(i: number): MemberRecord {
    const a = this.against[i]!;
    const s = this.similarity[i]!;
    return {
      ordinal: this.ordinal[i]!,
      id: this.ids[i]!,
      cluster: this.cluster[i]!,
      method: METHODS[this.method[i]!] ?? null,
      similarity: Number.isNaN(s) ? null : s,
      against: Number.isNaN(a) ? null : a,
      length: this.length[i]!,
    };
  }

  private grow(): void {
    const cap = Math.max(1024, Math.ceil(this.cap * 1.5));
    const f = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    this.ordinal = f(this.ordinal);
    this.cluster = f(this.cluster);
    this.against = f(this.against);
    this.similarity = f(this.similarity);
    this.length = f(this.length);
    const u = (a: Uint8Array): Uint8Array<ArrayBuffer> => {
      const b = new Uint8Array(cap);
      b.set(a);
      return b;
    };
    this.method = u(this.method);
    this.external = u(this.external);
    this.cap = cap;
  }

  bytes(): number {
    let idBytes = 0;
    for (const id of this.ids) idBytes += 24 + 2 * id.length;
    return this.cap * 42 + idBytes;
  }
}

function binarySearch(a: Float64Array, n: number, x: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = a[mid]!;
    if (v === x) return mid;
    if (v < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export interface MemoryIndexOptions {
  /**
   * Representative sketches above this many bytes move to an anonymous temp file (see tables.ts
   * SketchStore). Default DEFAULT_SPILL_BYTES; Infinity keeps them in memory.
   */
  spillBytes?: number;
}

/**
 * 16 MiB: ≈ 10k documents' sketches on the 20k bench corpus (1.6 KB each), so small runs and the
 * tests never touch the disk while a 1 GB corpus keeps ≈ 450 MB of sketches out of RAM.
 */
export const DEFAULT_SPILL_BYTES = 16 * 1024 * 1024;

/**
 * In-memory index (the default; per run, nothing persisted). Held per document, measured on the
 * 20k bench corpus with `scripts/bench-dedup.mjs` (heap + ArrayBuffers delta after GC): band
 * entries in typed-array hash tables (≈ 44 entries × 12 B per slot at ~0.65 load), the exact key as
 * four uint32 words, the member record as columns plus its id string, and — up to spillBytes — the
 * representative sketches (beyond it, 12 B per cluster in memory and the sketch in a temp file).
 */
export class MemoryDedupIndex implements DedupIndex {
  private exact = new ExactTable();
  private bands = new BandTable();
  private readonly reps: SketchStore;
  private cols = new MemberColumns();

  constructor(opts: MemoryIndexOptions = {}) {
    this.reps = new SketchStore(opts.spillBytes ?? DEFAULT_SPILL_BYTES);
  }

  getExact(keys: readonly string[]): Array<ExactEntry | undefined> {
    return keys.map((k) => this.exact.get(k));
  }

  queryBands(keys: readonly number[]): Array<readonly number[]> {
    return keys.map((k) => this.bands.get(k));
  }

  getRepresentatives(clusters: readonly number[]): Array<Uint32Array | undefined> {
    return clusters.map((c) => this.reps.get(c));
  }

  commit(w: IndexWrite): void {
    // validate first so a rejected commit changes nothing
    const seen = new Set<number>();
    for (const m of w.members) {
      if (this.cols.has(m.ordinal) || seen.has(m.ordinal)) {
        throw new Error(`duplicate ordinal ${m.ordinal} committed to the dedup index`);
      }
      seen.add(m.ordinal);
    }
    for (const [k, e] of w.exact) this.exact.setIfAbsent(k, e.cluster, e.ordinal);
    for (const [k, c] of w.bands) this.bands.add(k, c);
    // a cluster replaced twice in one write: the last value wins (as with one Map.set after another)
    this.reps.setAll([...new Map(w.representatives)]);
    for (const m of w.members) this.cols.push(m);
  }

  *members(): Iterable<MemberRecord> {
    const c = this.cols;
    const n = c.n;
    if (c.ascending) {
      for (let i = 0; i < n; i++) yield c.get(i);
      return;
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => c.ordinal[a]! - c.ordinal[b]!);
    for (const i of order) yield c.get(i);
  }

  stats(): IndexStats {
    return {
      exactKeys: this.exact.size,
      bandEntries: this.bands.entries,
      buckets: this.bands.keys,
      representatives: this.reps.size,
      representativeValues: this.reps.values,
      members: this.cols.n,
      approxBytes: this.exact.bytes() + this.bands.bytes() + this.reps.bytes() + this.cols.bytes(),
    };
  }

  /** Whether the representative sketches moved to the temp file. */
  get spilled(): boolean {
    return this.reps.spilled;
  }

  /**
   * Close the sketch file, if any, and free the tables: the index is empty afterwards. (The corpus
   * runner closes it as soon as finalize() has read the members, before it writes the output.)
   */
  close(): void {
    this.reps.close();
    this.exact = new ExactTable();
    this.bands = new BandTable();
    this.cols = new MemberColumns();
  }
}
