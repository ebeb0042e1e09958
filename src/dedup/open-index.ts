/**
 * Opening a dedup index from a `--index` spec, plus what the persistent backends share.
 *
 *   openIndex(undefined, params)            → MemoryDedupIndex (per run, nothing persisted)
 *   openIndex('redis://host:port/db', params) → RedisDedupIndex (shared; `?ns=name` picks a namespace)
 *   openIndex('path/to/index.sqlite', params) → SqliteDedupIndex (embedded, one writer process)
 *
 * `params` is `engine.params()` for the options the run will use (`dedupParams(opts)` computes it
 * without an index). A persistent index records them on creation and refuses to open with others.
 *
 * Semantics of a persistent / shared index ("seen in an earlier run or by another worker"):
 * - Ordinals are GLOBAL to the index: unique across runs and workers, and they should increase in
 *   arrival order. Take them from the index: `const base = await idx.reserveOrdinals(n)` and feed
 *   ordinals base..base+n-1 (committing an ordinal the index already holds is rejected).
 * - Only `keep: 'first'` is supported: the kept member of a cluster is its founder, the first document
 *   of the cluster that reached the index (in commit order across workers). `keep: 'longest'` cannot be
 *   honoured once an earlier run has emitted its document, so opening with it is refused.
 * - `members()` yields the members committed through THIS index object (this run / worker) plus, as
 *   read-only context, the earlier records they point at (cluster founders, exact twins), so the
 *   engine's finalize() marks a document that duplicates an earlier-run document as dropped with
 *   `duplicateOf` = that earlier id. Context records carry `external: true` and finalize() returns
 *   no decision for them (their ordinals are other runs' ordinals, or negative when presented out of
 *   order). A context founder is always presented below this run's members of its cluster, so it is
 *   the one kept.
 *
 * Sessions (crash safety: a killed run leaves a usable index). Every open of a persistent index is a
 * session. Its writes are visible to itself at once (intra-run dedup), but they become final only when
 * the run calls `finishSession()`, which it does AFTER its output is committed (runCorpus calls
 * RunOptions.commitOutput first). A session that never finishes (failure, exit 4, crash, kill -9)
 * is garbage-collected, so rerunning its input keeps every document instead of dropping them all as
 * duplicates of themselves:
 * - SQLite (one writer at a time): every unfinished session found when the file is opened for
 *   writing is dead and is collected right away, before this run's first lookup.
 * - Redis (many live workers): a session holds a session lease (`alive:<id>`, renewed by a timer)
 *   while its process lives. Entries of finished sessions and of LIVE unfinished sessions are visible
 *   to everyone (so two workers never both keep the same near-duplicate); entries of a session that is
 *   unfinished AND whose lease expired are collected by the next worker that takes the batch lease,
 *   before its lookups. Caveat: a worker that dropped a document as a duplicate of a live worker's
 *   document keeps it dropped if that worker then dies; rerunning the dead worker's shard re-emits it.
 * A process killed between committing its output and finishSession() leaves its documents in the
 * output but not in the index (a rerun of the next input may then keep one of them again).
 *
 * Errors meant for the user are `DedupIndexError`s: kind 'options' (keep 'longest' with a persistent
 * index), 'params' (the index was built with other parameters); runCorpus wraps every other failure
 * of a persistent index (unreachable, locked, damaged, lost lease) as kind 'failed'.
 */
import fs from 'node:fs';
import { DedupEngine, type DedupOptions } from './engine.js';
import { MemoryDedupIndex, type DedupIndex, type MemberRecord } from './store.js';

/** A DedupIndex that persists across runs (SQLite) or is shared by workers (Redis). */
export interface PersistentDedupIndex extends DedupIndex {
  /** Reserve `n` consecutive global ordinals; returns the first. */
  reserveOrdinals(n: number): number | Promise<number>;
  /** Parameters the index was created with (engine.params() + toolVersion). */
  readonly storedParams: Record<string, unknown>;
  /** Mark this session finished (after the run's output is committed); see "Sessions" above. */
  finishSession(): void | Promise<void>;
  close(): void | Promise<void>;
}

/** Open the index named by `spec` (see file comment). */
export async function openIndex(spec: string | undefined, params: Record<string, unknown>): Promise<DedupIndex> {
  if (spec === undefined || spec === '') return new MemoryDedupIndex();
  if (/^rediss?:\/\//i.test(spec)) {
    const { RedisDedupIndex } = await import('./redis-index.js');
    return RedisDedupIndex.open(spec, params);
  }
  const { SqliteDedupIndex } = await import('./sqlite-index.js');
  return SqliteDedupIndex.open(spec, params);
}

/** engine.params() for these options, without an index. */
export async function dedupParams(opts?: DedupOptions): Promise<Record<string, unknown>> {
  return (await DedupEngine.create(opts)).params();
}

let cachedVersion: string | undefined;
/** seed-clean's package version (recorded in the index header, not compared). */
export function toolVersion(): string {
  if (cachedVersion !== undefined) return cachedVersion;
  cachedVersion = 'unknown';
  // src/dedup/ and dist/dedup/ are both two levels below package.json
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(fs.readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'seed-clean' && pkg.version) {
        cachedVersion = pkg.version;
        break;
      }
    } catch {
      /* try the next */
    }
  }
  return cachedVersion;
}

/** Keys of engine.params() that are NOT compared when reopening (informational only). */
const NOT_COMPARED = new Set(['toolVersion', 'createdAt']);

/** An error about the dedup index the user should see as such (see the file comment). */
export class DedupIndexError extends Error {
  constructor(
    message: string,
    readonly kind: 'options' | 'params' | 'failed',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DedupIndexError';
  }
}

/** Throw unless `params` may be used with a shared/persistent index at all. */
export function checkUsableParams(params: Record<string, unknown>, where: string): void {
  if (params.keep !== undefined && params.keep !== 'first') {
    throw new DedupIndexError(
      `${where}: keep '${String(params.keep)}' is not supported with a persistent/shared dedup index ` +
        "(documents emitted by earlier runs or other workers cannot be replaced); use keep 'first'",
      'options',
    );
  }
}

/** Throw a clear error when the index was built with other parameters than `current`. */
export function checkSameParams(stored: Record<string, unknown>, current: Record<string, unknown>, where: string): void {
  const keys = new Set([...Object.keys(stored), ...Object.keys(current)].filter((k) => !NOT_COMPARED.has(k)));
  const diff: string[] = [];
  for (const k of [...keys].sort()) {
    const a = JSON.stringify(stored[k]);
    const b = JSON.stringify(current[k]);
    if (a !== b) diff.push(`${k}: index has ${a ?? 'nothing'}, this run uses ${b ?? 'nothing'}`);
  }
  if (diff.length) {
    throw new DedupIndexError(
      `${where} was built with other dedup parameters and cannot be used with these (${diff.join('; ')}). ` +
        'Rerun with the same dedup options (and a seed-clean with the same dedup defaults), or use a new index.',
      'params',
    );
  }
}

/** Header stored in a new index: the engine parameters plus the tool version. */
export function headerFor(params: Record<string, unknown>): Record<string, unknown> {
  return { ...params, toolVersion: toolVersion(), createdAt: new Date().toISOString() };
}

/** Uint32Array → little-endian bytes (copy). */
export function sketchToBuffer(a: Uint32Array): Buffer {
  const b = Buffer.allocUnsafe(a.length * 4);
  for (let i = 0; i < a.length; i++) b.writeUInt32LE(a[i]!, i * 4);
  return b;
}

/** Little-endian bytes → Uint32Array (copy, aligned). */
export function bufferToSketch(b: Uint8Array): Uint32Array {
  const n = b.byteLength >>> 2;
  const out = new Uint32Array(n);
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < n; i++) out[i] = dv.getUint32(i * 4, true);
  return out;
}

/**
 * The members() view of one session: its own records plus the earlier records they reference
 * (`fetch` returns records by ordinal; missing ones are ignored), arranged so the engine's
 * lowest-ordinal rule keeps each cluster's founder. Yields in ascending (presented) ordinal order.
 */
export async function sessionView(
  own: MemberRecord[],
  fetch: (ordinals: number[]) => Promise<Array<MemberRecord | undefined>> | Array<MemberRecord | undefined>,
): Promise<MemberRecord[]> {
  const ownSet = new Set(own.map((m) => m.ordinal));
  const need = new Set<number>();
  for (const m of own) {
    if (!ownSet.has(m.cluster)) need.add(m.cluster);
    if (m.against !== null && !ownSet.has(m.against)) need.add(m.against);
  }
  const ext = new Map<number, MemberRecord>();
  let want = [...need];
  for (let round = 0; round < 2 && want.length; round++) {
    const got = await fetch(want);
    for (const r of got) if (r) ext.set(r.ordinal, r);
    // founders of the clusters of fetched exact twins
    want = [...new Set([...ext.values()].map((r) => r.cluster))].filter((c) => !ownSet.has(c) && !ext.has(c));
  }
  const byCluster = new Map<number, { own: MemberRecord[]; ext: MemberRecord[] }>();
  const group = (m: MemberRecord, isOwn: boolean): void => {
    let g = byCluster.get(m.cluster);
    if (!g) byCluster.set(m.cluster, (g = { own: [], ext: [] }));
    (isOwn ? g.own : g.ext).push(m);
  };
  for (const m of own) group(m, true);
  for (const m of ext.values()) group(m, false);
  const out: MemberRecord[] = [...own.map((m) => ({ ...m }))];
  let synthetic = 0;
  for (const [cluster, g] of byCluster) {
    const founderOwn = g.own.some((m) => m.ordinal === cluster);
    const founderExt = g.ext.find((m) => m.ordinal === cluster);
    const founderOrdinal = founderOwn || founderExt ? cluster : Infinity;
    for (const m of g.ext) {
      if (m === founderExt) continue;
      // context twins that would sort below the founder are left out (comparedWith → null)
      if (m.ordinal > founderOrdinal) out.push({ ...m, external: true });
    }
    if (founderExt) {
      const minOwn = Math.min(...g.own.map((m) => m.ordinal));
      // present an earlier-committed founder below this session's members so it is the one kept
      out.push(minOwn < cluster ? { ...founderExt, ordinal: -1 - synthetic++, external: true } : { ...founderExt, external: true });
    }
  }
  out.sort((a, b) => a.ordinal - b.ordinal);
  return out;
}
