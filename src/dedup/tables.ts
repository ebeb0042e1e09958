/**
 * Compact storage for the in-memory dedup index (store.ts MemoryDedupIndex): flat typed-array hash
 * tables instead of JS Maps of heap numbers, strings and small objects.
 *
 * Why: on the 1 GB bench corpus (286k docs) the Map-based index held ≈ 4.4 KB per document. A Map
 * entry keyed by a 52-bit band key costs ≈ 40 B on 64-bit V8 without pointer compression (3 slots
 * of 8 B + bucket + a 16 B HeapNumber for the key), and every doc adds ~44 of them; an exact key
 * was a 32-character string plus an entry object. Here a band entry is 12 B per slot (Float64 key +
 * Uint32 cluster) and an exact entry 32 B per slot, at 53–80% load.
 *
 * Everything is exact: keys are compared in full (no fingerprints), so lookups answer exactly what
 * the Maps answered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmix32, numberHash } from './hash.js';

/** Grow a table when it is this full: linear probing stays short (≈ 13 probes for a miss at 0.8). */
const MAX_LOAD = 0.8;
/** Growth factor: 1.5 (not 2) keeps the average load near 0.65 and the copy transient small. */
const GROWTH = 1.5;
/**
 * Band entries are split over 64 independent tables by hash, so growing one copies 1/64 of the
 * entries: at 12.6M entries (1 GB corpus) a single table's grow step would briefly hold ~470 MB
 * (old + new arrays); a shard's holds ~7 MB.
 */
const SHARD_BITS = 6;
const EMPTY_U32 = 0xffffffff;

class BandShard {
  cap: number;
  size = 0;
  keys: Float64Array;
  /** Cluster ids; EMPTY_U32 (or NaN once widened to Float64) marks a free slot. */
  vals: Uint32Array | Float64Array;
  wide = false;

  constructor(cap: number) {
    this.cap = cap;
    this.keys = new Float64Array(cap);
    this.vals = new Uint32Array(cap).fill(EMPTY_U32);
  }

  private empty(i: number): boolean {
    const v = this.vals[i]!;
    return this.wide ? Number.isNaN(v) : v === EMPTY_U32;
  }

  /**
   * Insert (key, cluster) unless that exact pair is present. Returns 0 when it was present,
   * 1 when inserted under a new key, 2 when inserted next to other clusters of the key.
   */
  add(h: number, key: number, cluster: number): 0 | 1 | 2 {
    if (!this.wide && !(Number.isInteger(cluster) && cluster >= 0 && cluster < EMPTY_U32)) this.widen();
    const cap = this.cap;
    let i = fmix32((h + 0x6b43a9b5) >>> 0) % cap;
    let sawKey = false;
    while (!this.empty(i)) {
      if (this.keys[i] === key) {
        if (this.vals[i] === cluster) return 0;
        sawKey = true;
      }
      i = i + 1 === cap ? 0 : i + 1;
    }
    this.keys[i] = key;
    this.vals[i] = cluster;
    if (++this.size > cap * MAX_LOAD) this.grow();
    return sawKey ? 2 : 1;
  }

  /** Clusters stored under `key` (distinct, unordered) appended to `out`. */
  get(h: number, key: number, out: number[]): void {
    const cap = this.cap;
    let i = fmix32((h + 0x6b43a9b5) >>> 0) % cap;
    while (!this.empty(i)) {
      if (this.keys[i] === key) out.push(this.vals[i]!);
      i = i + 1 === cap ? 0 : i + 1;
    }
  }

  private widen(): void {
    const v = new Float64Array(this.cap).fill(NaN);
    for (let i = 0; i < this.cap; i++) if (this.vals[i] !== EMPTY_U32) v[i] = this.vals[i]!;
    this.vals = v;
    this.wide = true;
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldVals = this.vals;
    const oldCap = this.cap;
    const wasWide = this.wide;
    this.cap = Math.ceil(oldCap * GROWTH) + 16;
    this.keys = new Float64Array(this.cap);
    this.vals = wasWide ? new Float64Array(this.cap).fill(NaN) : new Uint32Array(this.cap).fill(EMPTY_U32);
    this.size = 0;
    for (let i = 0; i < oldCap; i++) {
      const v = oldVals[i]!;
      if (wasWide ? Number.isNaN(v) : v === EMPTY_U32) continue;
      const k = oldKeys[i]!;
      this.add(numberHash(k), k, v);
    }
  }

  bytes(): number {
    return this.keys.byteLength + this.vals.byteLength;
  }
}

/** Multimap band key → cluster ids (each (key, cluster) pair stored once). */
export class BandTable {
  /**
   * Shard i starts at 16 + i slots. Keys spread evenly over the shards, so shards that started
   * alike would fill, and grow, all at once: the whole table at its emptiest just after (1 GB
   * corpus: 12.6M entries right after such a step, ≈ 22 B per entry instead of ≈ 18.5 on average)
   * and every old array waiting for the collector at the same moment. Staggered starts spread the
   * steps over one growth factor, so the table stays at ≈ 18.5 B per entry at any size. Capacities
   * change only probe positions: what get() and add() answer is the same.
   */
  private readonly shards: BandShard[] = Array.from({ length: 1 << SHARD_BITS }, (_, i) => new BandShard(16 + i));
  /** Stored (key, cluster) pairs. */
  entries = 0;
  /** Distinct keys. */
  keys = 0;

  /** Add the pair; returns true when it was new. */
  add(key: number, cluster: number): boolean {
    const h = numberHash(key);
    const r = this.shards[h >>> (32 - SHARD_BITS)]!.add(h, key, cluster);
    if (r === 0) return false;
    this.entries++;
    if (r === 1) this.keys++;
    return true;
  }

  /** Appends the distinct clusters under `key` to `out`, in no particular order. */
  clustersInto(key: number, out: number[]): void {
    const h = numberHash(key);
    this.shards[h >>> (32 - SHARD_BITS)]!.get(h, key, out);
  }

  /** Distinct clusters under `key`, ascending (a new array). */
  get(key: number): number[] {
    const out: number[] = [];
    this.clustersInto(key, out);
    if (out.length > 1) out.sort((a, b) => a - b);
    return out;
  }

  bytes(): number {
    let b = 0;
    for (const s of this.shards) b += s.bytes();
    return b;
  }
}

const HEX32 = /^[0-9a-f]{32}$/;

/**
 * Exact-key table: xxh128 keys (32 lower-case hex digits, what the engine produces) are stored as
 * four uint32 words; any other string key (tests, other callers) goes to a plain Map. First entry
 * for a key wins (the caller checks `has` first).
 */
export class ExactTable {
  private cap = 16;
  private n = 0;
  private words = new Uint32Array(4 * 16);
  /** NaN marks a free slot. */
  private cluster = new Float64Array(16).fill(NaN);
  private ordinal = new Float64Array(16);
  private readonly other = new Map<string, { cluster: number; ordinal: number }>();

  get size(): number {
    return this.n + this.other.size;
  }

  /** Slot of `key` (its four words in w0..w3), or -1-(free slot) when absent. */
  private find(w0: number, w1: number, w2: number, w3: number): number {
    const cap = this.cap;
    let i = fmix32((w0 ^ Math.imul(w1, 0x9e3779b1)) >>> 0) % cap;
    const W = this.words;
    while (!Number.isNaN(this.cluster[i]!)) {
      const o = 4 * i;
      if (W[o] === w0 && W[o + 1] === w1 && W[o + 2] === w2 && W[o + 3] === w3) return i;
      i = i + 1 === cap ? 0 : i + 1;
    }
    return -1 - i;
  }

  get(key: string): { cluster: number; ordinal: number } | undefined {
    if (!HEX32.test(key)) {
      const e = this.other.get(key);
      return e ? { cluster: e.cluster, ordinal: e.ordinal } : undefined;
    }
    const i = this.find(parseInt(key.slice(0, 8), 16), parseInt(key.slice(8, 16), 16), parseInt(key.slice(16, 24), 16), parseInt(key.slice(24, 32), 16));
    return i >= 0 ? { cluster: this.cluster[i]!, ordinal: this.ordinal[i]! } : undefined;
  }

  /** Store the entry unless the key has one. */
  setIfAbsent(key: string, cluster: number, ordinal: number): void {
    if (!HEX32.test(key) || Number.isNaN(cluster)) {
      if (!this.other.has(key)) this.other.set(key, { cluster, ordinal });
      return;
    }
    const w0 = parseInt(key.slice(0, 8), 16);
    const w1 = parseInt(key.slice(8, 16), 16);
    const w2 = parseInt(key.slice(16, 24), 16);
    const w3 = parseInt(key.slice(24, 32), 16);
    const i = this.find(w0, w1, w2, w3);
    if (i >= 0) return;
    this.put(-1 - i, w0, w1, w2, w3, cluster, ordinal);
    if (++this.n > this.cap * MAX_LOAD) this.grow();
  }

  private put(i: number, w0: number, w1: number, w2: number, w3: number, cluster: number, ordinal: number): void {
    const o = 4 * i;
    this.words[o] = w0;
    this.words[o + 1] = w1;
    this.words[o + 2] = w2;
    this.words[o + 3] = w3;
    this.cluster[i] = cluster;
    this.ordinal[i] = ordinal;
  }

  private grow(): void {
    const { cap: oldCap, words: W, cluster: C, ordinal: O } = this;
    this.cap = Math.ceil(oldCap * GROWTH) + 16;
    this.words = new Uint32Array(4 * this.cap);
    this.cluster = new Float64Array(this.cap).fill(NaN);
    this.ordinal = new Float64Array(this.cap);
    for (let j = 0; j < oldCap; j++) {
      if (Number.isNaN(C[j]!)) continue;
      const o = 4 * j;
      const i = this.find(W[o]!, W[o + 1]!, W[o + 2]!, W[o + 3]!);
      this.put(-1 - i, W[o]!, W[o + 1]!, W[o + 2]!, W[o + 3]!, C[j]!, O[j]!);
    }
  }

  bytes(): number {
    return this.words.byteLength + this.cluster.byteLength + this.ordinal.byteLength + this.other.size * 130;
  }
}

/**
 * Representative (cluster) sketches by cluster id. They are the bulk of the index (≈ 1.6 KB per
 * document on the 20k bench corpus: 4 B per stored shingle hash) but are read only for LSH
 * candidates (≈ 2 clusters per document), so once they exceed `spillBytes` they move to an
 * anonymous temporary file (created, then unlinked at once: the OS reclaims it when the process
 * ends even after a crash) and are read back with one pread per candidate. In memory there is then
 * only an offset and a length per cluster. A replaced sketch (a cluster that gained a member) is
 * appended again; the old bytes stay in the file as dead space (bounded: a cluster stores at most
 * `clusterSketches` members, so it is rewritten at most that many times).
 */
export class SketchStore {
  private mem: Map<number, Uint32Array> | null = new Map();
  private memBytes = 0;
  /** File mode: cluster → slot; slot → byte offset and uint32 length. */
  private slot = new Map<number, number>();
  private off = new Float64Array(0);
  private len = new Uint32Array(0);
  private fd: number | null = null;
  /** What the FinalizationRegistry closes if this store is dropped without close(). */
  private readonly handle: { fd: number | null } = { fd: null };
  private fileBytes = 0;
  values = 0;

  constructor(private readonly spillBytes: number) {}

  get size(): number {
    return this.mem ? this.mem.size : this.slot.size;
  }

  get spilled(): boolean {
    return this.fd !== null;
  }

  get(cluster: number): Uint32Array | undefined {
    if (this.mem) return this.mem.get(cluster);
    const s = this.slot.get(cluster);
    if (s === undefined) return undefined;
    const n = this.len[s]!;
    const out = new Uint32Array(n);
    if (n > 0) readFull(this.fd!, new Uint8Array(out.buffer), this.off[s]!);
    return out;
  }

  /** Store (or replace) several sketches; in file mode with one write. */
  setAll(items: ReadonlyArray<readonly [number, Uint32Array]>): void {
    for (const [c, s] of items) {
      const old = this.mem ? this.mem.get(c) : this.slot.has(c) ? { length: this.len[this.slot.get(c)!]! } : undefined;
      if (old) this.values -= old.length;
      this.values += s.length;
    }
    if (this.mem) {
      for (const [c, s] of items) {
        const old = this.mem.get(c);
        if (old) this.memBytes -= old.byteLength;
        this.mem.set(c, s);
        this.memBytes += s.byteLength;
      }
      if (this.memBytes > this.spillBytes) this.spill();
      return;
    }
    this.append(items);
  }

  private spill(): void {
    const mem = this.mem!;
    this.mem = null;
    this.fd = openAnonymousFile();
    this.handle.fd = this.fd;
    registry.register(this, this.handle, this);
    this.append([...mem]);
    this.memBytes = 0;
  }

  private append(items: ReadonlyArray<readonly [number, Uint32Array]>): void {
    let total = 0;
    for (const [, s] of items) total += s.byteLength;
    const buf = Buffer.allocUnsafe(total);
    let pos = 0;
    for (const [c, s] of items) {
      buf.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), pos);
      let i = this.slot.get(c);
      if (i === undefined) {
        i = this.slot.size;
        this.slot.set(c, i);
        if (i >= this.off.length) {
          const n = Math.max(1024, Math.ceil(this.off.length * GROWTH));
          const off = new Float64Array(n);
          off.set(this.off);
          const len = new Uint32Array(n);
          len.set(this.len);
          this.off = off;
          this.len = len;
        }
      }
      this.off[i] = this.fileBytes + pos;
      this.len[i] = s.length;
      pos += s.byteLength;
    }
    let done = 0;
    while (done < total) done += fs.writeSync(this.fd!, buf, done, total - done, this.fileBytes + done);
    this.fileBytes += total;
  }

  bytes(): number {
    return this.mem ? this.memBytes + this.mem.size * 100 : this.off.byteLength + this.len.byteLength + this.slot.size * 40;
  }

  close(): void {
    if (this.fd !== null) {
      const fd = this.fd;
      this.fd = null;
      this.handle.fd = null;
      registry.unregister(this);
      fs.closeSync(fd);
    }
    this.mem = new Map();
    this.memBytes = 0;
    this.slot.clear();
    this.values = 0;
  }
}

function readFull(fd: number, into: Uint8Array, position: number): void {
  let done = 0;
  while (done < into.byteLength) {
    const n = fs.readSync(fd, into, done, into.byteLength - done, position + done);
    if (n === 0) throw new Error('dedup sketch file: unexpected end of file');
    done += n;
  }
}

/** A temp file that is already unlinked: only the descriptor keeps it (freed at close or exit). */
function openAnonymousFile(): number {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-sketches-'));
  const file = path.join(dir, 'sketches.bin');
  const fd = fs.openSync(file, 'w+');
  fs.rmSync(dir, { recursive: true, force: true });
  return fd;
}

// An index dropped without close(): close its descriptor when it is garbage-collected.
const registry = new FinalizationRegistry<{ fd: number | null }>((h) => {
  if (h.fd !== null) fs.close(h.fd, () => undefined);
});
