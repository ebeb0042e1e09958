/**
 * Embedded persistent DedupIndex on SQLite (better-sqlite3 12).
 *
 * One file holds everything the engine needs across runs: exact keys, LSH band entries, the
 * representatives' bottom-k shingle sketches (BLOB, uint32 little-endian) and member records.
 * - WAL journal, one transaction per commit (= per engine batch): a killed process leaves the index
 *   as of its last completed batch (the WAL is replayed or discarded on the next open).
 *   synchronous=NORMAL: durable against process crashes; an OS crash / power loss may lose the last
 *   batches but never corrupts (pass { synchronous: 'FULL' } to fsync every batch).
 * - Exclusive locking mode: one writer process at a time; a second opener gets a clear error.
 * - `meta` holds the header (engine.params() + toolVersion + format); opening with other parameters
 *   is refused. See open-index.ts for the cross-run semantics (global ordinals, keep 'first').
 * - Sessions (crash safety): every open inserts a `session` row with `finished` NULL; the run marks
 *   it finished (finishSession) only after its output file is committed. Member rows and band rows
 *   carry their session; exact keys and representatives are tied to member ordinals. Since one
 *   process writes at a time, a session still unfinished when the index is next opened for writing
 *   belongs to a run that failed or was killed: open() garbage-collects it in one transaction (its
 *   members, exact keys, band entries, the representatives it founded, and its member sketches
 *   appended to other clusters' representatives), so the index is exactly as if it never ran and
 *   rerunning its input loses nothing. Within a session its own entries are visible (intra-run dedup).
 *   Format 1 files (no `finished` column) are migrated on the first write-open; their sessions count
 *   as finished.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import type { DedupIndex, ExactEntry, IndexStats, IndexWrite, MemberRecord } from './store.js';
import { packClusterSketch, unpackClusterSketch } from './minhash.js';
import {
  bufferToSketch,
  checkSameParams,
  checkUsableParams,
  headerFor,
  sessionView,
  sketchToBuffer,
  type PersistentDedupIndex,
} from './open-index.js';

/** Version of this file's schema (stored in meta.format). */
export const SQLITE_INDEX_FORMAT = 2;

export interface SqliteIndexOptions {
  /** 'NORMAL' (default, crash-safe for process kills) or 'FULL' (also survives power loss). */
  synchronous?: 'NORMAL' | 'FULL';
  /** Milliseconds to wait for a lock held by another process before failing. Default 2000. */
  busyTimeoutMs?: number;
}

type DB = Database.Database;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS exact (key TEXT PRIMARY KEY, cluster INTEGER NOT NULL, ordinal INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS band (key INTEGER NOT NULL, cluster INTEGER NOT NULL, session INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (key, cluster)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS rep (cluster INTEGER PRIMARY KEY, sketch BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS member (
  ordinal INTEGER PRIMARY KEY, id TEXT NOT NULL, cluster INTEGER NOT NULL, method INTEGER NOT NULL,
  similarity REAL, against INTEGER, length INTEGER NOT NULL, session INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS member_session ON member (session, ordinal);
CREATE TABLE IF NOT EXISTS session (id INTEGER PRIMARY KEY, started TEXT NOT NULL, pid INTEGER, tool_version TEXT, finished TEXT);
`;

const METHOD_CODE = { null: 0, exact: 1, minhash: 2 } as const;
const METHOD_NAME = [null, 'exact', 'minhash'] as const;

interface MemberRow {
  ordinal: number;
  id: string;
  cluster: number;
  method: number;
  similarity: number | null;
  against: number | null;
  length: number;
}

function rowToMember(r: MemberRow): MemberRecord {
  return {
    ordinal: r.ordinal,
    id: r.id,
    cluster: r.cluster,
    method: METHOD_NAME[r.method] ?? null,
    similarity: r.similarity,
    against: r.against,
    length: r.length,
  };
}

function describe(path: string): string {
  return `dedup index ${path}`;
}

function openDb(path: string, opts: SqliteIndexOptions, readonly: boolean): DB {
  let db: DB;
  try {
    db = new Database(path, { readonly, fileMustExist: readonly, timeout: opts.busyTimeoutMs ?? 2000 });
  } catch (e) {
    throw new Error(`${describe(path)}: cannot open (${(e as Error).message})`);
  }
  try {
    if (!readonly) {
      db.pragma('locking_mode = EXCLUSIVE');
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${opts.synchronous ?? 'NORMAL'}`);
      // take the write lock now so a second writer fails at open, not mid-run
      db.exec('BEGIN IMMEDIATE; COMMIT;');
    } else {
      db.pragma('query_only = 1');
      db.prepare('SELECT 1 FROM sqlite_master LIMIT 1').get();
    }
  } catch (e) {
    db.close();
    const msg = (e as Error).message;
    if (/locked|busy/i.test(msg)) {
      throw new Error(`${describe(path)} is in use by another seed-clean process (${msg}); one writer at a time`);
    }
    if (/not a database|malformed|file is encrypted/i.test(msg)) {
      throw new Error(`${describe(path)}: not a seed-clean SQLite index or damaged (${msg})`);
    }
    throw new Error(`${describe(path)}: ${msg}`);
  }
  return db;
}

function readHeader(db: DB, path: string): { params: Record<string, unknown>; format: number } | null {
  const hasMeta = db.prepare("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").get();
  if (!hasMeta) return null;
  const get = db.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  const p = get.get('params') as string | undefined;
  if (p === undefined) return null;
  const format = Number(get.get('format'));
  if (format !== SQLITE_INDEX_FORMAT && format !== 1) {
    throw new Error(`${describe(path)} has storage format ${format}; this seed-clean reads format ${SQLITE_INDEX_FORMAT}`);
  }
  return { params: JSON.parse(p) as Record<string, unknown>, format };
}

export class SqliteDedupIndex implements DedupIndex, PersistentDedupIndex {
  readonly storedParams: Record<string, unknown>;
  /** Id of this run in the index (members committed through this object carry it). */
  readonly session: number;
  private closed = false;
  private readonly st: ReturnType<SqliteDedupIndex['prepare']>;
  private readonly commitTx: (w: IndexWrite) => void;

  private constructor(
    private readonly db: DB,
    readonly path: string,
    storedParams: Record<string, unknown>,
  ) {
    this.storedParams = storedParams;
    this.st = this.prepare();
    const info = db
      .prepare('INSERT INTO session (started, pid, tool_version) VALUES (?, ?, ?)')
      .run(new Date().toISOString(), process.pid, String(storedParams.toolVersion ?? ''));
    this.session = Number(info.lastInsertRowid);
    this.commitTx = db.transaction((w: IndexWrite) => this.applyWrite(w));
  }

  /**
   * Open (creating if missing) the index at `path` for a run with engine parameters `params`
   * (engine.params()). Throws if it was built with other parameters, is locked by another process,
   * or is not an index.
   */
  static open(path: string, params: Record<string, unknown>, opts: SqliteIndexOptions = {}): SqliteDedupIndex {
    checkUsableParams(params, describe(path));
    const db = openDb(path, opts, false);
    try {
      db.exec(SCHEMA);
      let header = readHeader(db, path);
      if (!header) {
        const h = headerFor(params);
        const put = db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)');
        db.transaction(() => {
          put.run('params', JSON.stringify(h));
          put.run('format', String(SQLITE_INDEX_FORMAT));
          put.run('next_ordinal', '0');
        })();
        header = { params: h, format: SQLITE_INDEX_FORMAT };
      }
      checkSameParams(header.params, params, describe(path));
      if (header.format === 1) migrateFormat1(db);
      collectUnfinished(db);
      return new SqliteDedupIndex(db, path, header.params);
    } catch (e) {
      db.close();
      throw e;
    }
  }

  private prepare() {
    const db = this.db;
    return {
      getExact: db.prepare('SELECT cluster, ordinal FROM exact WHERE key = ?'),
      band: db.prepare('SELECT cluster FROM band WHERE key = ? ORDER BY cluster').pluck(),
      rep: db.prepare('SELECT sketch FROM rep WHERE cluster = ?').pluck(),
      insExact: db.prepare('INSERT OR IGNORE INTO exact (key, cluster, ordinal) VALUES (?, ?, ?)'),
      insBand: db.prepare('INSERT OR IGNORE INTO band (key, cluster, session) VALUES (?, ?, ?)'),
      insRep: db.prepare('INSERT OR REPLACE INTO rep (cluster, sketch) VALUES (?, ?)'),
      insMember: db.prepare(
        'INSERT INTO member (ordinal, id, cluster, method, similarity, against, length, session) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      hasMember: db.prepare('SELECT 1 FROM member WHERE ordinal = ?').pluck(),
      member: db.prepare('SELECT ordinal, id, cluster, method, similarity, against, length FROM member WHERE ordinal = ?'),
      sessionMembers: db.prepare(
        'SELECT ordinal, id, cluster, method, similarity, against, length FROM member WHERE session = ? ORDER BY ordinal',
      ),
      allMembers: db.prepare('SELECT ordinal, id, cluster, method, similarity, against, length FROM member ORDER BY ordinal'),
      getMeta: db.prepare('SELECT value FROM meta WHERE key = ?').pluck(),
      putMeta: db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)'),
      maxOrdinal: db.prepare('SELECT MAX(ordinal) FROM member').pluck(),
    };
  }

  private live(): void {
    if (this.closed) throw new Error(`${describe(this.path)} is closed`);
  }

  getExact(keys: readonly string[]): Array<ExactEntry | undefined> {
    this.live();
    const q = this.st.getExact;
    return keys.map((k) => {
      const r = q.get(k) as ExactEntry | undefined;
      return r ? { cluster: r.cluster, ordinal: r.ordinal } : undefined;
    });
  }

  queryBands(keys: readonly number[]): Array<readonly number[]> {
    this.live();
    const q = this.st.band;
    return keys.map((k) => q.all(k) as number[]);
  }

  getRepresentatives(clusters: readonly number[]): Array<Uint32Array | undefined> {
    this.live();
    const q = this.st.rep;
    return clusters.map((c) => {
      const b = q.get(c) as Buffer | undefined;
      return b ? bufferToSketch(b) : undefined;
    });
  }

  /** One transaction: all of the write becomes visible (and durable) together, or none of it. */
  commit(w: IndexWrite): void {
    this.live();
    this.commitTx(w);
  }

  private applyWrite(w: IndexWrite): void {
    const s = this.st;
    // members first: a duplicate ordinal aborts the transaction before anything else is written
    const seen = new Set<number>();
    for (const m of w.members) {
      if (seen.has(m.ordinal) || s.hasMember.get(m.ordinal) !== undefined) {
        throw new Error(`duplicate ordinal ${m.ordinal} committed to the dedup index (ordinals must be unique across runs; use reserveOrdinals)`);
      }
      seen.add(m.ordinal);
      s.insMember.run(m.ordinal, m.id, m.cluster, METHOD_CODE[m.method ?? 'null'], m.similarity, m.against, m.length, this.session);
    }
    for (const [k, e] of w.exact) s.insExact.run(k, e.cluster, e.ordinal);
    for (const [k, c] of w.bands) s.insBand.run(k, c, this.session);
    for (const [c, sk] of w.representatives) s.insRep.run(c, sketchToBuffer(sk));
  }

  /** This run's members plus the earlier records they reference (see open-index.ts). */
  async *members(): AsyncIterable<MemberRecord> {
    this.live();
    const own = (this.st.sessionMembers.all(this.session) as MemberRow[]).map(rowToMember);
    const view = await sessionView(own, (ords) => ords.map((o) => {
      const r = this.st.member.get(o) as MemberRow | undefined;
      return r ? rowToMember(r) : undefined;
    }));
    yield* view;
  }

  /** Every member ever committed to this index, in ordinal order (all runs). */
  *allMembers(): Iterable<MemberRecord> {
    this.live();
    for (const r of this.st.allMembers.iterate() as IterableIterator<MemberRow>) yield rowToMember(r);
  }

  /** Reserve `n` consecutive global ordinals (persisted); returns the first. */
  reserveOrdinals(n: number): number {
    this.live();
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`reserveOrdinals: bad count ${n}`);
    return this.db.transaction(() => {
      const stored = Number(this.st.getMeta.get('next_ordinal') ?? 0);
      const max = this.st.maxOrdinal.get() as number | null;
      const base = Math.max(stored, max === null ? 0 : max + 1);
      this.st.putMeta.run('next_ordinal', String(base + n));
      return base;
    })();
  }

  /**
   * Mark this run's session finished: call it after the run's output is committed. Until then its
   * entries count for nothing to later runs (an unfinished session is collected on the next open).
   */
  finishSession(): void {
    this.live();
    this.db.prepare('UPDATE session SET finished = ? WHERE id = ?').run(new Date().toISOString(), this.session);
  }

  stats(): IndexStats {
    this.live();
    return countStats(this.db);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/** Format 1 → 2: session.finished (old sessions count as finished), band.session (0 = legacy). */
function migrateFormat1(db: DB): void {
  db.transaction(() => {
    const cols = (t: string): string[] => (db.prepare(`PRAGMA table_info(${t})`).all() as Array<{ name: string }>).map((c) => c.name);
    if (!cols('session').includes('finished')) {
      db.exec('ALTER TABLE session ADD COLUMN finished TEXT; UPDATE session SET finished = started;');
    }
    if (!cols('band').includes('session')) db.exec('ALTER TABLE band ADD COLUMN session INTEGER NOT NULL DEFAULT 0');
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('format', String(SQLITE_INDEX_FORMAT));
  })();
}

/**
 * Garbage-collect every unfinished session (runs that failed or were killed; only called while this
 * process holds the exclusive write lock, so none of them is still running). Returns how many.
 */
export function collectUnfinished(db: DB): number {
  const dead = db.prepare('SELECT id FROM session WHERE finished IS NULL').pluck().all() as number[];
  if (!dead.length) return 0;
  db.transaction(() => {
    const memberOf = db.prepare('SELECT ordinal, cluster FROM member WHERE session = ?');
    const ords = new Set<number>();
    const joined = new Set<number>();
    for (const s of dead) {
      for (const r of memberOf.all(s) as Array<{ ordinal: number; cluster: number }>) {
        ords.add(r.ordinal);
        if (r.ordinal !== r.cluster) joined.add(r.cluster);
      }
    }
    const delExact = db.prepare('DELETE FROM exact WHERE ordinal = ?');
    const delRep = db.prepare('DELETE FROM rep WHERE cluster = ?');
    for (const o of ords) {
      delExact.run(o);
      delRep.run(o);
    }
    // member sketches the dead sessions appended to surviving clusters' representatives
    const getRep = db.prepare('SELECT sketch FROM rep WHERE cluster = ?').pluck();
    const putRep = db.prepare('UPDATE rep SET sketch = ? WHERE cluster = ?');
    for (const c of joined) {
      if (ords.has(c)) continue;
      const b = getRep.get(c) as Buffer | undefined;
      if (!b) continue;
      const members = unpackClusterSketch(bufferToSketch(b));
      const kept = members.filter((m) => !ords.has(m.ordinal));
      if (kept.length === members.length) continue;
      if (kept.length === 0) delRep.run(c);
      else putRep.run(sketchToBuffer(packClusterSketch(kept)), c);
    }
    const delBand = db.prepare('DELETE FROM band WHERE session = ?');
    const delMembers = db.prepare('DELETE FROM member WHERE session = ?');
    const delSession = db.prepare('DELETE FROM session WHERE id = ?');
    for (const s of dead) {
      delBand.run(s);
      delMembers.run(s);
      delSession.run(s);
    }
    const get = db.prepare("SELECT value FROM meta WHERE key = 'collected_sessions'").pluck();
    const before = Number(get.get() ?? 0);
    db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run('collected_sessions', String(before + dead.length));
  })();
  return dead.length;
}

function countStats(db: DB): IndexStats {
  const one = (sql: string): number => Number(db.prepare(sql).pluck().get() ?? 0);
  const pageSize = one('PRAGMA page_size');
  const pages = one('PRAGMA page_count');
  return {
    exactKeys: one('SELECT COUNT(*) FROM exact'),
    bandEntries: one('SELECT COUNT(*) FROM band'),
    buckets: one('SELECT COUNT(*) FROM (SELECT DISTINCT key FROM band)'),
    representatives: one('SELECT COUNT(*) FROM rep'),
    representativeValues: one('SELECT COALESCE(SUM(LENGTH(sketch)), 0) / 4 FROM rep'),
    members: one('SELECT COUNT(*) FROM member'),
    approxBytes: pageSize * pages,
  };
}

/** `seed-clean index stats PATH`. */
export interface SqliteIndexStats extends IndexStats {
  path: string;
  format: number;
  /** Header: engine parameters the index was built with, toolVersion, createdAt. */
  params: Record<string, unknown>;
  /** Finished sessions (runs whose output was committed). */
  sessions: number;
  /** Unfinished sessions: the run holding the index now, or one that failed (collected on the next run's open). */
  unfinishedSessions: number;
  /** Failed/killed sessions garbage-collected so far. */
  collectedSessions: number;
  clusters: number;
  /** Size of the database file plus its WAL, in bytes. */
  fileBytes: number;
  /** fileBytes / members (0 when empty). */
  bytesPerMember: number;
}

function withReadonly<T>(path: string, fn: (db: DB) => T): T {
  if (!fs.existsSync(path)) throw new Error(`${describe(path)}: no such file`);
  const db = openDb(path, {}, true);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function indexStats(path: string): SqliteIndexStats {
  return withReadonly(path, (db) => {
    const header = readHeader(db, path);
    if (!header) throw new Error(`${describe(path)}: not a seed-clean dedup index (no header)`);
    const base = countStats(db);
    const one = (sql: string): number => Number(db.prepare(sql).pluck().get() ?? 0);
    const size = (p: string): number => (fs.existsSync(p) ? fs.statSync(p).size : 0);
    const fileBytes = size(path) + size(`${path}-wal`);
    return {
      path,
      format: header.format,
      params: header.params,
      ...base,
      sessions: header.format === 1 ? one('SELECT COUNT(*) FROM session') : one('SELECT COUNT(*) FROM session WHERE finished IS NOT NULL'),
      unfinishedSessions: header.format === 1 ? 0 : one('SELECT COUNT(*) FROM session WHERE finished IS NULL'),
      collectedSessions: Number(db.prepare("SELECT value FROM meta WHERE key = 'collected_sessions'").pluck().get() ?? 0),
      clusters: one('SELECT COUNT(*) FROM member WHERE ordinal = cluster'),
      fileBytes,
      bytesPerMember: base.members ? Math.round(fileBytes / base.members) : 0,
    };
  });
}

/** `seed-clean index verify PATH`. ok = SQLite integrity check passed and no problem was found. */
export interface VerifyResult {
  ok: boolean;
  path: string;
  /** Lines of `PRAGMA integrity_check` (['ok'] when fine). */
  integrity: string[];
  /** Logical inconsistencies, each a sentence with a count. */
  problems: string[];
  stats: SqliteIndexStats | null;
}

export function verifyIndex(path: string): VerifyResult {
  const problems: string[] = [];
  let integrity: string[] = [];
  try {
    withReadonly(path, (db) => {
      integrity = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
      if (integrity.length !== 1 || integrity[0] !== 'ok') problems.push('SQLite integrity check failed');
      if (!readHeader(db, path)) {
        problems.push('no parameter header (not a seed-clean index)');
        return;
      }
      const one = (sql: string): number => Number(db.prepare(sql).pluck().get() ?? 0);
      const checks: Array<[string, string]> = [
        ['SELECT COUNT(*) FROM member m WHERE NOT EXISTS (SELECT 1 FROM member f WHERE f.ordinal = m.cluster)', 'members whose cluster founder is missing'],
        ['SELECT COUNT(*) FROM member m WHERE m.against IS NOT NULL AND NOT EXISTS (SELECT 1 FROM member f WHERE f.ordinal = m.against)', 'members compared with a missing record'],
        ['SELECT COUNT(*) FROM member WHERE ordinal = cluster AND method <> 0', 'cluster founders marked as duplicates'],
        ['SELECT COUNT(*) FROM exact e WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.ordinal = e.ordinal)', 'exact keys without their member'],
        ['SELECT COUNT(*) FROM rep r WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.ordinal = r.cluster AND m.cluster = r.cluster)', 'representatives without a founding member'],
        ['SELECT COUNT(*) FROM (SELECT DISTINCT cluster FROM band) b WHERE NOT EXISTS (SELECT 1 FROM member m WHERE m.ordinal = b.cluster)', 'band clusters without a founding member'],
      ];
      for (const [sql, what] of checks) {
        const n = one(sql);
        if (n > 0) problems.push(`${n} ${what}`);
      }
    });
  } catch (e) {
    return { ok: false, path, integrity, problems: [...problems, (e as Error).message], stats: null };
  }
  let stats: SqliteIndexStats | null = null;
  try {
    stats = indexStats(path);
  } catch (e) {
    problems.push((e as Error).message);
  }
  return { ok: problems.length === 0 && integrity[0] === 'ok', path, integrity, problems, stats };
}
