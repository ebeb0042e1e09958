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

const NO_CLUSTERS: readonly number[] = Object.freeze([]);

/**
 * In-memory index. Approximate heap cost (V8, 64-bit, pointer compression):
 * exact key ≈ 130 B (32-char hex string + map slot + entry object); band entry ≈ 30 B (map slot +
 * heap-number key; the value is a small integer, an array only when a bucket holds ≥ 2 clusters);
 * representative = 4 B per stored shingle hash + ~100 B of typed-array overhead; member record
 * ≈ 100 B + its id string. `bench-dedup.mjs` measures the real figure (heap delta / docs).
 */
export class MemoryDedupIndex implements DedupIndex {
  private readonly exact = new Map<string, ExactEntry>();
  private readonly buckets = new Map<number, number | number[]>();
  private readonly reps = new Map<number, Uint32Array>();
  private readonly memberList: MemberRecord[] = [];
  private readonly ordinals = new Set<number>();
  private bandEntries = 0;
  private repValues = 0;

  getExact(keys: readonly string[]): Array<ExactEntry | undefined> {
    return keys.map((k) => this.exact.get(k));
  }

  queryBands(keys: readonly number[]): Array<readonly number[]> {
    return keys.map((k) => {
      const v = this.buckets.get(k);
      if (v === undefined) return NO_CLUSTERS;
      return typeof v === 'number' ? [v] : v.slice();
    });
  }

  getRepresentatives(clusters: readonly number[]): Array<Uint32Array | undefined> {
    return clusters.map((c) => this.reps.get(c));
  }

  commit(w: IndexWrite): void {
    // validate first so a rejected commit changes nothing
    const seen = new Set<number>();
    for (const m of w.members) {
      if (this.ordinals.has(m.ordinal) || seen.has(m.ordinal)) {
        throw new Error(`duplicate ordinal ${m.ordinal} committed to the dedup index`);
      }
      seen.add(m.ordinal);
    }
    for (const [k, e] of w.exact) {
      if (!this.exact.has(k)) this.exact.set(k, { cluster: e.cluster, ordinal: e.ordinal });
    }
    for (const [k, c] of w.bands) this.addBand(k, c);
    for (const [c, s] of w.representatives) {
      const old = this.reps.get(c);
      if (old) this.repValues -= old.length;
      this.reps.set(c, s);
      this.repValues += s.length;
    }
    for (const m of w.members) {
      this.ordinals.add(m.ordinal);
      this.memberList.push({ ...m });
    }
  }

  private addBand(key: number, cluster: number): void {
    const v = this.buckets.get(key);
    if (v === undefined) {
      this.buckets.set(key, cluster);
    } else if (typeof v === 'number') {
      if (v === cluster) return;
      this.buckets.set(key, v < cluster ? [v, cluster] : [cluster, v]);
    } else {
      let i = 0;
      while (i < v.length && v[i]! < cluster) i++;
      if (v[i] === cluster) return;
      v.splice(i, 0, cluster);
    }
    this.bandEntries++;
  }

  *members(): Iterable<MemberRecord> {
    const sorted = this.memberList.slice().sort((a, b) => a.ordinal - b.ordinal);
    for (const m of sorted) yield { ...m };
  }

  stats(): IndexStats {
    const approxBytes =
      this.exact.size * 130 +
      this.bandEntries * 30 +
      this.reps.size * 100 +
      this.repValues * 4 +
      this.memberList.reduce((s, m) => s + 100 + 2 * m.id.length, 0);
    return {
      exactKeys: this.exact.size,
      bandEntries: this.bandEntries,
      buckets: this.buckets.size,
      representatives: this.reps.size,
      representativeValues: this.repValues,
      members: this.memberList.length,
      approxBytes,
    };
  }
}
