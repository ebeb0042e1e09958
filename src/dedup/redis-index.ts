/**
 * Shared DedupIndex on Redis 7 (ioredis), for runs and workers that deduplicate against each other.
 *
 * Key layout: every key of a namespace starts with the hash tag `{sc:<ns>}:` so all of them live in
 * one Redis Cluster slot (multi-key Lua scripts are legal there; the namespace then lives on one
 * shard). Keys: meta (JSON header: engine.params() + toolVersion), ord (ordinal counter), sess
 * (session counter), lease, x (hash exactKey → "cluster:ordinal"), b (hash bandKey → "c1,c2,…"),
 * r (hash cluster → bottom-k sketch, uint32 LE), m (hash ordinal → member JSON), s:<session> (list of
 * the session's ordinals), st (hash of counters).
 *
 * Atomic check-and-insert. A batch's lookups and its commit must not interleave with another
 * worker's commit, or both could found a cluster for the same near-duplicate. getExact() (the
 * engine's first call of every batch) runs a Lua script that takes the namespace's batch lease
 * (SET NX PX, re-entrant for this session) together with the exact-key lookup; commit() runs one Lua
 * script (EVALSHA) that checks this session still holds the lease, rejects duplicate ordinals, applies
 * every write of the batch and releases the lease. Documents are sketched (the CPU-heavy part) outside
 * the lease, so workers still run in parallel; only the lookups + resolution + commit are serialised.
 * A worker that loses its lease (batch slower than leaseMs) gets an error, never a silent merge.
 *
 * Round trips per batch: 4 (lease+exact, bands, representatives, commit), whatever the batch size.
 * Connection loss: no reconnect, no offline queue; the pending and every later call reject with a
 * "Redis dedup index … unreachable" error, so a document is never treated as unique by mistake.
 * See open-index.ts for the semantics (global ordinals from reserveOrdinals, keep 'first' only).
 *
 * Sessions (crash safety, see open-index.ts "Sessions"): `open` is the set of unfinished sessions;
 * `alive:<id>` is a session's lease (PX sessionLeaseMs, renewed by a timer every quarter lease while
 * the process lives; deleted by close() without finishSession()). Each commit also logs what the
 * session added: sx:<id> (exact keys it set), sb:<id> ('bandKey cluster …' pairs it added), sr:<id>
 * (clusters whose representative it wrote). Entries of finished and of live sessions are visible to
 * every worker. The batch-lease lookup reports unfinished sessions whose lease is gone (dead); the
 * worker then collects them while it holds the batch lease (members, exact keys, band entries, its
 * member sketches inside representatives) before doing its own lookups, so a dead session's entries
 * never decide anything. A commit or finishSession() of a session that was collected (its process
 * stalled longer than the session lease) fails instead of writing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Redis, type Cluster } from 'ioredis';
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

export interface RedisIndexOptions {
  /** Namespace (several independent indexes in one Redis db). Default 'default' or the URL's ?ns=. */
  namespace?: string;
  /** Batch lease lifetime in ms (a batch's lookups → commit must finish within it). Default 30000. */
  leaseMs?: number;
  /** Give up waiting for another worker's lease after this many ms. Default 120000. */
  waitMs?: number;
  /** Per-command timeout in ms. Default 60000. */
  commandTimeoutMs?: number;
  /** Connect timeout in ms. Default 5000. */
  connectTimeoutMs?: number;
  /**
   * Session lease in ms: an unfinished session whose process has not renewed it for this long is
   * dead and its entries are collected. Default 120000.
   */
  sessionLeaseMs?: number;
}

type Client = Redis | Cluster;

/** Args per HMGET / per Lua unpack (Lua's C stack allows ~8000). */
const CHUNK = 4000;

// KEYS: lease x open; ARGV: token leaseMs prefix, exact keys. Returns {'!gc', id…} when unfinished
// sessions have lost their session lease (the caller collects them under the batch lease, then retries).
const LOOKUP_EXACT = `
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then return false end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
local dead = {'!gc'}
for _, s in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  if redis.call('EXISTS', ARGV[3] .. 'alive:' .. s) == 0 then dead[#dead + 1] = s end
end
if #dead > 1 then return dead end
if #ARGV < 4 then return {} end
return redis.call('HMGET', KEYS[2], unpack(ARGV, 4))
`;

// Guarded apply of a dead session's collection. KEYS: lease alive:<dead> open; ARGV: token dead,
// then ops: name nargs key arg… (HDEL/HSET/HINCRBY/DEL/SREM, all in this namespace).
const APPLY_GC = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 'LOST' end
if redis.call('EXISTS', KEYS[2]) == 1 then return 'ALIVE' end
if redis.call('SISMEMBER', KEYS[3], ARGV[2]) == 0 then return 'DONE' end
local i = 3
while i <= #ARGV do
  local op, n = ARGV[i], tonumber(ARGV[i + 1])
  redis.call(op, unpack(ARGV, i + 2, i + 1 + n))
  i = i + 2 + n
end
return 'OK'
`;

// KEYS: open alive:<id> st sx sb sr; ARGV: id
const FINISH = `
if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then return 'GONE' end
redis.call('SREM', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2], KEYS[4], KEYS[5], KEYS[6])
redis.call('HINCRBY', KEYS[3], 'sessions', 1)
return 'OK'
`;

// KEYS: lease x b r m st sessionList open sx sb sr; ARGV: token mustHold nMembers nExact nBands nReps session, member pairs,
// exact pairs, ONE string 'bandKey cluster bandKey cluster …' (few big args instead of 2 per entry), rep pairs
const COMMIT = `
local cur = redis.call('GET', KEYS[1])
if ARGV[2] == '1' then
  if cur ~= ARGV[1] then return {'LOST'} end
elseif cur and cur ~= ARGV[1] then
  return {'BUSY'}
end
if redis.call('SISMEMBER', KEYS[8], ARGV[7]) == 0 then return {'GONE'} end
local nm, nx, nb, nr = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local i = 8
local seen = {}
for k = 0, nm - 1 do
  local o = ARGV[i + 2 * k]
  if seen[o] or redis.call('HEXISTS', KEYS[5], o) == 1 then return {'DUP', o} end
  seen[o] = true
end
for k = 0, nm - 1 do
  redis.call('HSET', KEYS[5], ARGV[i + 2 * k], ARGV[i + 2 * k + 1])
  redis.call('RPUSH', KEYS[7], ARGV[i + 2 * k])
end
i = i + 2 * nm
local ax = 0
for k = 0, nx - 1 do
  local added = redis.call('HSETNX', KEYS[2], ARGV[i + 2 * k], ARGV[i + 2 * k + 1])
  if added == 1 then redis.call('RPUSH', KEYS[9], ARGV[i + 2 * k]) end
  ax = ax + added
end
i = i + 2 * nx
local be, bk = 0, 0
local blog = {}
if nb > 0 then
  for key, c in string.gmatch(ARGV[i], '(%S+) (%S+)') do
    if redis.call('HSETNX', KEYS[3], key, c) == 1 then
      be = be + 1
      bk = bk + 1
      blog[#blog + 1] = key .. ' ' .. c
    else
      local v = redis.call('HGET', KEYS[3], key)
      if not string.find(',' .. v .. ',', ',' .. c .. ',', 1, true) then
        redis.call('HSET', KEYS[3], key, v .. ',' .. c)
        be = be + 1
        blog[#blog + 1] = key .. ' ' .. c
      end
    end
  end
end
if #blog > 0 then redis.call('RPUSH', KEYS[10], table.concat(blog, ' ')) end
i = i + 1
local nrep, nval = 0, 0
for k = 0, nr - 1 do
  local c, blob = ARGV[i + 2 * k], ARGV[i + 2 * k + 1]
  local old = redis.call('HGET', KEYS[4], c)
  if old then nval = nval - #old / 4 else nrep = nrep + 1 end
  redis.call('HSET', KEYS[4], c, blob)
  redis.call('SADD', KEYS[11], c)
  nval = nval + #blob / 4
end
redis.call('HINCRBY', KEYS[6], 'members', nm)
redis.call('HINCRBY', KEYS[6], 'exactKeys', ax)
redis.call('HINCRBY', KEYS[6], 'bandEntries', be)
redis.call('HINCRBY', KEYS[6], 'buckets', bk)
redis.call('HINCRBY', KEYS[6], 'representatives', nrep)
redis.call('HINCRBY', KEYS[6], 'representativeValues', nval)
if cur == ARGV[1] then redis.call('DEL', KEYS[1]) end
return {'OK'}
`;

// KEYS: b; ARGV[1]: 'k1 k2 …' → 'i=c1,c2 j=…' for the 1-based positions that have a bucket
const LOOKUP_BANDS = `
local keys = {}
for k in string.gmatch(ARGV[1], '%S+') do keys[#keys + 1] = k end
local out = {}
for s = 1, #keys, 4000 do
  local e = math.min(s + 3999, #keys)
  local vals = redis.call('HMGET', KEYS[1], unpack(keys, s, e))
  for j = 1, #vals do
    if vals[j] then out[#out + 1] = (s + j - 1) .. '=' .. vals[j] end
  end
end
return table.concat(out, ' ')
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

interface Script {
  lua: string;
  sha: string;
}
const script = (lua: string): Script => ({ lua, sha: createHash('sha1').update(lua).digest('hex') });
const SCRIPTS = {
  lookup: script(LOOKUP_EXACT),
  bands: script(LOOKUP_BANDS),
  commit: script(COMMIT),
  release: script(RELEASE),
  gc: script(APPLY_GC),
  finish: script(FINISH),
};

const METHODS = [null, 'exact', 'minhash'] as const;
type PackedMember = [id: string, cluster: number, method: 0 | 1 | 2, similarity: number | null, against: number | null, length: number, session: number];

function packMember(m: MemberRecord, session: number): string {
  const p: PackedMember = [m.id, m.cluster, m.method === 'exact' ? 1 : m.method === 'minhash' ? 2 : 0, m.similarity, m.against, m.length, session];
  return JSON.stringify(p);
}

function unpackMember(ordinal: number, s: string): MemberRecord {
  const [id, cluster, method, similarity, against, length] = JSON.parse(s) as PackedMember;
  return { ordinal, id, cluster, method: METHODS[method] ?? null, similarity, against, length };
}

function chunks<T>(a: readonly T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < a.length; i += n) out.push(a.slice(i, i + n));
  return out;
}

/** `redis://[user:pass@]host:port/db[?ns=name]` → connection options + namespace (password never echoed). */
export function parseRedisUrl(url: string): { host: string; port: number; db: number; username?: string; password?: string; tls: boolean; namespace?: string; display: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`bad Redis URL ${JSON.stringify(url)} (expected redis://host:port/db)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`bad Redis URL ${url}: scheme must be redis:// or rediss://`);
  const dbPart = u.pathname.replace(/^\//, '');
  const db = dbPart === '' ? 0 : Number(dbPart);
  if (!Number.isInteger(db) || db < 0) throw new Error(`bad Redis URL ${url}: database must be a non-negative integer`);
  const ns = u.searchParams.get('ns') ?? undefined;
  const display = `${u.protocol}//${u.hostname}:${u.port || 6379}/${db}${ns ? `?ns=${ns}` : ''}`;
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 6379,
    db,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    tls: u.protocol === 'rediss:',
    ...(ns ? { namespace: ns } : {}),
    display,
  };
}

export class RedisDedupIndex implements DedupIndex, PersistentDedupIndex {
  readonly storedParams: Record<string, unknown>;
  private readonly p: string;
  private readonly token: string;
  private holding = false;
  private closed = false;
  private broken: Error | null = null;
  private readonly leaseMs: number;
  private readonly waitMs: number;
  private readonly sessionLeaseMs: number;
  private heartbeat: NodeJS.Timeout | null = null;
  private finished = false;
  /** Dead sessions this object collected (diagnostics, tests). */
  collected = 0;

  private constructor(
    private readonly client: Client,
    readonly where: string,
    readonly namespace: string,
    readonly session: number,
    storedParams: Record<string, unknown>,
    opts: RedisIndexOptions,
    private readonly ownsClient: boolean,
  ) {
    this.p = `{sc:${namespace}}:`;
    this.storedParams = storedParams;
    this.token = `${session}:${process.pid}:${randomBytes(8).toString('hex')}`;
    this.leaseMs = opts.leaseMs ?? 30_000;
    this.waitMs = opts.waitMs ?? 120_000;
    this.sessionLeaseMs = opts.sessionLeaseMs ?? 120_000;
  }

  /** Renew the session lease every quarter lease; a lease found gone means this session was collected. */
  private startHeartbeat(): void {
    const every = Math.max(10, Math.floor(this.sessionLeaseMs / 4));
    this.heartbeat = setInterval(() => {
      if (this.closed || this.broken) return this.stopHeartbeat();
      this.client.pexpire(`${this.p}alive:${this.session}`, this.sessionLeaseMs).then(
        (n) => {
          if (n === 0 && !this.closed && !this.finished) this.broken = new Error(`session ${this.session} lease expired (process stalled longer than ${this.sessionLeaseMs} ms)`);
        },
        () => undefined,
      );
    }, every);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** Connect to `url` (redis://host:port/db[?ns=name]) and open its index for `params`. */
  static async open(url: string, params: Record<string, unknown>, opts: RedisIndexOptions = {}): Promise<RedisDedupIndex> {
    const u = parseRedisUrl(url);
    const where = `Redis dedup index ${u.display}`;
    checkUsableParams(params, where);
    const client = await connectClient(u, where, { connectTimeout: opts.connectTimeoutMs ?? 5000, commandTimeout: opts.commandTimeoutMs ?? 60_000 });
    return RedisDedupIndex.withClient(client, params, { ...opts, namespace: opts.namespace ?? u.namespace }, where, true);
  }

  /** Use an existing ioredis client (Redis or Cluster); it is not closed by close(). */
  static async withClient(
    client: Client,
    params: Record<string, unknown>,
    opts: RedisIndexOptions = {},
    where = 'Redis dedup index',
    ownsClient = false,
  ): Promise<RedisDedupIndex> {
    const ns = opts.namespace ?? 'default';
    if (!/^[\w.-]{1,100}$/.test(ns)) throw new Error(`${where}: bad namespace ${JSON.stringify(ns)} (letters, digits, _ . -)`);
    const label = `${where} namespace ${ns}`;
    checkUsableParams(params, label);
    const p = `{sc:${ns}}:`;
    try {
      await client.set(`${p}meta`, JSON.stringify(headerFor(params)), 'NX');
      const raw = await client.get(`${p}meta`);
      if (raw === null) throw new Error('header vanished');
      const stored = JSON.parse(raw) as Record<string, unknown>;
      checkSameParams(stored, params, label);
      const session = await client.incr(`${p}sess`);
      await client.multi().sadd(`${p}open`, String(session)).set(`${p}alive:${session}`, String(process.pid), 'PX', opts.sessionLeaseMs ?? 120_000).exec();
      const idx = new RedisDedupIndex(client, label, ns, session, stored, opts, ownsClient);
      idx.startHeartbeat();
      client.on('close', () => {
        if (!idx.closed && !idx.broken) idx.broken = new Error('connection closed');
      });
      client.on('error', (e: Error) => {
        if (!idx.closed) idx.broken = e;
      });
      return idx;
    } catch (e) {
      if (ownsClient) client.disconnect();
      if ((e as Error).message.includes('other dedup parameters')) throw e;
      throw new Error(`${label}: ${(e as Error).message}`);
    }
  }

  private fail(op: string, e: unknown): Error {
    const msg = (e as Error)?.message ?? String(e);
    if (msg.startsWith(this.where)) return e as Error;
    return new Error(
      `${this.where}: ${op} failed (${this.broken ? `unreachable: ${this.broken.message}` : msg}); ` +
        'the batch was not confirmed and nothing was treated as unique — rerun when Redis is back',
    );
  }

  private async call<T>(op: string, fn: () => Promise<T>): Promise<T> {
    if (this.closed) throw new Error(`${this.where} is closed`);
    if (this.broken) throw this.fail(op, this.broken);
    try {
      return await fn();
    } catch (e) {
      throw this.fail(op, e);
    }
  }

  private async evalsha(s: Script, keys: string[], args: Array<string | Buffer | number>): Promise<unknown> {
    try {
      return await this.client.evalsha(s.sha, keys.length, ...keys, ...args);
    } catch (e) {
      if (!/NOSCRIPT/.test((e as Error).message)) throw e;
      await this.client.script('LOAD', s.lua);
      return await this.client.evalsha(s.sha, keys.length, ...keys, ...args);
    }
  }

  /** Takes (or renews) the batch lease, then looks the keys up. */
  getExact(keys: readonly string[]): Promise<Array<ExactEntry | undefined>> {
    return this.call('exact lookup', async () => {
      const first = keys.slice(0, CHUNK);
      const deadline = Date.now() + this.waitMs;
      let delay = 1;
      let res: Array<string | null> | null;
      for (;;) {
        res = (await this.evalsha(SCRIPTS.lookup, [`${this.p}lease`, `${this.p}x`, `${this.p}open`], [this.token, this.leaseMs, this.p, ...first])) as Array<string | null> | null;
        if (res !== null && res[0] === '!gc') {
          // dead sessions: collect them under the batch lease we now hold, then look up again
          this.holding = true;
          for (const d of res.slice(1).map(Number)) {
            if (d === this.session) throw new Error(`session ${d} lease expired (process stalled longer than ${this.sessionLeaseMs} ms); its entries were collected`);
            await this.collect(d);
          }
          continue;
        }
        if (res !== null) break;
        if (Date.now() > deadline) throw new Error(`another worker held the batch lease for over ${this.waitMs} ms`);
        await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
        delay = Math.min(delay * 2, 50);
      }
      this.holding = true;
      const all = res.slice();
      for (const c of chunks(keys.slice(CHUNK))) all.push(...(await this.client.hmget(`${this.p}x`, ...c)));
      return all.map((v) => {
        if (v === null || v === undefined) return undefined;
        const i = v.indexOf(':');
        return { cluster: Number(v.slice(0, i)), ordinal: Number(v.slice(i + 1)) };
      });
    });
  }

  queryBands(keys: readonly number[]): Promise<Array<readonly number[]>> {
    return this.call('band lookup', async () => {
      if (!keys.length) return [];
      const res = (await this.evalsha(SCRIPTS.bands, [`${this.p}b`], [keys.join(' ')])) as string;
      const out: Array<readonly number[]> = keys.map(() => []);
      if (res) {
        for (const hit of res.split(' ')) {
          const eq = hit.indexOf('=');
          const ids = hit.slice(eq + 1).split(',').map(Number);
          out[Number(hit.slice(0, eq)) - 1] = [...new Set(ids)].sort((a, b) => a - b);
        }
      }
      return out;
    });
  }

  getRepresentatives(clusters: readonly number[]): Promise<Array<Uint32Array | undefined>> {
    return this.call('representative lookup', async () => {
      if (!clusters.length) return [];
      const pl = this.client.pipeline();
      for (const c of chunks(clusters)) pl.hmgetBuffer(`${this.p}r`, ...c.map(String));
      const out: Array<Uint32Array | undefined> = [];
      for (const [err, vals] of (await pl.exec()) ?? []) {
        if (err) throw err;
        for (const v of vals as Array<Buffer | null>) out.push(v ? bufferToSketch(v) : undefined);
      }
      return out;
    });
  }

  /** One Lua script: lease check, duplicate-ordinal check, all writes, lease release. */
  commit(w: IndexWrite): Promise<void> {
    return this.call('commit', async () => {
      const args: Array<string | Buffer | number> = [];
      for (const m of w.members) args.push(String(m.ordinal), packMember(m, this.session));
      for (const [k, e] of w.exact) args.push(k, `${e.cluster}:${e.ordinal}`);
      const bandParts: string[] = [];
      for (const [k, c] of w.bands) bandParts.push(`${k} ${c}`);
      args.push(bandParts.join(' '));
      for (const [c, s] of w.representatives) args.push(String(c), sketchToBuffer(s));
      const sx = this.session;
      const keys = ['lease', 'x', 'b', 'r', 'm', 'st', `s:${sx}`, 'open', `sx:${sx}`, `sb:${sx}`, `sr:${sx}`].map((k) => this.p + k);
      const mustHold = this.holding;
      const deadline = Date.now() + this.waitMs;
      let delay = 1;
      for (;;) {
        const head = [this.token, mustHold ? '1' : '0', w.members.length, w.exact.length, w.bands.length, w.representatives.length, sx];
        const r = (await this.evalsha(SCRIPTS.commit, keys, [...head, ...args])) as string[];
        if (r[0] === 'OK') break;
        if (r[0] === 'DUP') {
          this.holding = false;
          await this.evalsha(SCRIPTS.release, [`${this.p}lease`], [this.token]);
          throw new Error(`duplicate ordinal ${r[1]} committed to the dedup index (ordinals must be unique across runs and workers; use reserveOrdinals)`);
        }
        if (r[0] === 'GONE') {
          this.holding = false;
          await this.evalsha(SCRIPTS.release, [`${this.p}lease`], [this.token]);
          throw new Error(`session ${sx} was collected as dead (its session lease expired: process stalled longer than ${this.sessionLeaseMs} ms); the batch was not written`);
        }
        if (r[0] === 'LOST') {
          this.holding = false;
          throw new Error(`the batch lease expired before the commit (batch slower than ${this.leaseMs} ms); the batch was not written`);
        }
        // BUSY: another worker's batch is in flight (only when commit was not preceded by getExact)
        if (Date.now() > deadline) throw new Error(`another worker held the batch lease for over ${this.waitMs} ms`);
        await new Promise((res) => setTimeout(res, delay + Math.random() * delay));
        delay = Math.min(delay * 2, 50);
      }
      this.holding = false;
    });
  }

  /**
   * Collect dead session `d` (unfinished, session lease gone) while holding the batch lease: remove
   * its member records, the exact keys and band entries it added, the representatives it founded and
   * its member sketches inside other representatives. Computed here, applied by a guarded script
   * (batch lease still ours, `d` still dead and unfinished) in chunks; every chunk is recomputed from
   * the current state, so a collection cut short is completed by the next attempt.
   */
  private async collect(d: number): Promise<void> {
    const p = this.p;
    const ords = new Set((await this.client.lrange(`${p}s:${d}`, 0, -1)).map(Number));
    const exactKeys = await this.client.lrange(`${p}sx:${d}`, 0, -1);
    const bandLog = await this.client.lrange(`${p}sb:${d}`, 0, -1);
    const repClusters = (await this.client.smembers(`${p}sr:${d}`)).map(Number);
    const ops: Array<Array<string | Buffer | number>> = [];
    // exact keys it set (their ordinal is one of its members)
    let dx = 0;
    for (const c of chunks(exactKeys)) {
      const vals = await this.client.hmget(`${p}x`, ...c);
      vals.forEach((v, i) => {
        if (v && ords.has(Number(v.slice(v.indexOf(':') + 1)))) {
          ops.push(['HDEL', `${p}x`, c[i]!]);
          dx++;
        }
      });
    }
    // band pairs it added
    const drop = new Map<string, Set<string>>();
    for (const line of bandLog) {
      const t = line.split(' ');
      for (let i = 0; i + 1 < t.length; i += 2) {
        let set = drop.get(t[i]!);
        if (!set) drop.set(t[i]!, (set = new Set()));
        set.add(t[i + 1]!);
      }
    }
    let db = 0;
    let dk = 0;
    const bandKeysList = [...drop.keys()];
    for (const c of chunks(bandKeysList)) {
      const vals = await this.client.hmget(`${p}b`, ...c);
      vals.forEach((v, i) => {
        if (!v) return;
        const gone = drop.get(c[i]!)!;
        const all = v.split(',');
        const rest = all.filter((x) => !gone.has(x));
        if (rest.length === all.length) return;
        db += all.length - rest.length;
        if (rest.length) ops.push(['HSET', `${p}b`, c[i]!, rest.join(',')]);
        else {
          ops.push(['HDEL', `${p}b`, c[i]!]);
          dk++;
        }
      });
    }
    // representatives: drop its member sketches (a representative left empty goes)
    let dr = 0;
    let dv = 0;
    for (const c of chunks(repClusters)) {
      const vals = await this.client.hmgetBuffer(`${p}r`, ...c.map(String));
      vals.forEach((v, i) => {
        if (!v) return;
        const packed = bufferToSketch(v);
        const members = unpackClusterSketch(packed);
        const kept = members.filter((m) => !ords.has(m.ordinal));
        if (kept.length === members.length) return;
        if (kept.length) {
          const next = packClusterSketch(kept);
          dv += packed.length - next.length;
          ops.push(['HSET', `${p}r`, String(c[i]), sketchToBuffer(next)]);
        } else {
          dv += packed.length;
          dr++;
          ops.push(['HDEL', `${p}r`, String(c[i])]);
        }
      });
    }
    let dm = 0;
    for (const c of chunks([...ords])) {
      const ex = await this.client.hmget(`${p}m`, ...c.map(String));
      dm += ex.filter((x) => x !== null).length;
      ops.push(['HDEL', `${p}m`, ...c.map(String)]);
    }
    ops.push(
      ['HINCRBY', `${p}st`, 'members', -dm],
      ['HINCRBY', `${p}st`, 'exactKeys', -dx],
      ['HINCRBY', `${p}st`, 'bandEntries', -db],
      ['HINCRBY', `${p}st`, 'buckets', -dk],
      ['HINCRBY', `${p}st`, 'representatives', -dr],
      ['HINCRBY', `${p}st`, 'representativeValues', -dv],
      ['HINCRBY', `${p}st`, 'collectedSessions', 1],
      ['DEL', `${p}s:${d}`, `${p}sx:${d}`, `${p}sb:${d}`, `${p}sr:${d}`],
      ['SREM', `${p}open`, String(d)],
    );
    // chunks of ops; the counters, logs and the set membership go with the last one
    const LIMIT = 20_000;
    const gcKeys = [`${p}lease`, `${p}alive:${d}`, `${p}open`];
    let batch: Array<string | Buffer | number> = [];
    const flush = async (): Promise<void> => {
      if (!batch.length) return;
      const r = await this.evalsha(SCRIPTS.gc, gcKeys, [this.token, String(d), ...batch]);
      batch = [];
      if (r === 'LOST') throw new Error(`the batch lease expired while collecting dead session ${d}`);
    };
    const tail = 9;
    // apply everything but the tail in chunks, then the tail
    const body = ops.slice(0, ops.length - tail);
    for (const op of body) {
      const [name, ...rest] = op;
      batch.push(name as string, rest.length, ...rest);
      if (batch.length >= LIMIT) await flush();
    }
    await flush();
    for (const op of ops.slice(ops.length - tail)) {
      const [name, ...rest] = op;
      batch.push(name as string, rest.length, ...rest);
    }
    await flush();
    this.collected++;
  }

  /**
   * Mark this session finished (after the run's output is committed): its entries stay for good. Fails
   * if the session was collected as dead (it stalled longer than the session lease).
   */
  finishSession(): Promise<void> {
    return this.call('finish', async () => {
      const s = this.session;
      const keys = ['open', `alive:${s}`, 'st', `sx:${s}`, `sb:${s}`, `sr:${s}`].map((k) => this.p + k);
      const r = await this.evalsha(SCRIPTS.finish, keys, [String(s)]);
      if (r !== 'OK') throw new Error(`session ${s} was collected as dead before it finished (its session lease expired)`);
      this.finished = true;
      this.stopHeartbeat();
    });
  }

  private async fetchMembers(ordinals: readonly number[]): Promise<Array<MemberRecord | undefined>> {
    const out: Array<MemberRecord | undefined> = [];
    for (const c of chunks(ordinals)) {
      const vals = await this.client.hmget(`${this.p}m`, ...c.map(String));
      vals.forEach((v, i) => out.push(v ? unpackMember(c[i]!, v) : undefined));
    }
    return out;
  }

  /** This session's members plus the earlier records they reference (see open-index.ts). */
  async *members(): AsyncIterable<MemberRecord> {
    const view = await this.call('member listing', async () => {
      const ords = (await this.client.lrange(`${this.p}s:${this.session}`, 0, -1)).map(Number);
      const own = (await this.fetchMembers(ords)).filter((m): m is MemberRecord => m !== undefined);
      return sessionView(own, (o) => this.fetchMembers(o));
    });
    yield* view;
  }

  /** Every member in the namespace (all runs and workers), ascending ordinal. Loads them all. */
  async allMembers(): Promise<MemberRecord[]> {
    return this.call('member listing', async () => {
      const all = await this.client.hgetall(`${this.p}m`);
      return Object.entries(all)
        .map(([o, v]) => unpackMember(Number(o), v))
        .sort((a, b) => a.ordinal - b.ordinal);
    });
  }

  /** Reserve `n` consecutive global ordinals (INCRBY, shared by all workers); returns the first. */
  reserveOrdinals(n: number): Promise<number> {
    return this.call('ordinal reservation', async () => {
      if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`reserveOrdinals: bad count ${n}`);
      const end = await this.client.incrby(`${this.p}ord`, n);
      return end - n;
    });
  }

  stats(): Promise<IndexStats> {
    return this.call('stats', async () => {
      const st = await this.client.hgetall(`${this.p}st`);
      const n = (k: string): number => Number(st[k] ?? 0);
      let bytes = 0;
      for (const k of ['x', 'b', 'r', 'm', 'meta', 'st']) {
        const u = (await this.client.call('MEMORY', 'USAGE', this.p + k, 'SAMPLES', '5')) as number | null;
        bytes += u ?? 0;
      }
      return {
        exactKeys: n('exactKeys'),
        bandEntries: n('bandEntries'),
        buckets: n('buckets'),
        representatives: n('representatives'),
        representativeValues: n('representativeValues'),
        members: n('members'),
        approxBytes: bytes,
      };
    });
  }

  /** Delete every key of this namespace (tests, `index reset`). */
  async destroyNamespace(): Promise<void> {
    await this.call('destroy', async () => {
      let cursor = '0';
      do {
        const [next, keys] = await this.client.scan(cursor, 'MATCH', `${this.p.replace(/[{}[\]*?\\]/g, '\\$&')}*`, 'COUNT', 1000);
        if (keys.length) await this.client.del(...keys);
        cursor = next;
      } while (cursor !== '0');
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.stopHeartbeat();
    try {
      if (this.holding && !this.broken) await this.evalsha(SCRIPTS.release, [`${this.p}lease`], [this.token]);
    } catch {
      /* the lease expires by itself */
    }
    try {
      // closed without finishing (a failed run): dead now, collected by the next worker's batch
      if (!this.finished && !this.broken) await this.client.del(`${this.p}alive:${this.session}`);
    } catch {
      /* the session lease expires by itself */
    }
    this.closed = true;
    if (this.ownsClient) {
      try {
        await this.client.quit();
      } catch {
        this.client.disconnect();
      }
    }
  }
}

/** `seed-clean index stats redis://…`: what a namespace holds, read without opening a session. */
export interface RedisIndexStats extends IndexStats {
  url: string;
  namespace: string;
  /** Header: engine parameters the index was built with, toolVersion, createdAt. */
  params: Record<string, unknown>;
  /** Finished sessions (runs/workers whose output was committed). */
  sessions: number;
  /** Unfinished sessions whose process still renews its session lease (running now). */
  liveSessions: number[];
  /** Unfinished sessions whose lease expired (failed/killed; collected by the next worker's batch). */
  deadSessions: number[];
  collectedSessions: number;
  /** Key counts read from Redis (HLEN), to compare with the counters. */
  actual: { members: number; exactKeys: number; buckets: number; representatives: number };
}

export interface RedisVerifyResult {
  ok: boolean;
  url: string;
  problems: string[];
  stats: RedisIndexStats | null;
}

/**
 * A client that fails fast instead of queueing or retrying: a lost index must surface as an error,
 * never as a document treated as unique.
 */
async function connectClient(u: ReturnType<typeof parseRedisUrl>, where: string, t: { connectTimeout: number; commandTimeout?: number }): Promise<Redis> {
  const client = new Redis({
    host: u.host,
    port: u.port,
    db: u.db,
    ...(u.username ? { username: u.username } : {}),
    ...(u.password ? { password: u.password } : {}),
    ...(u.tls ? { tls: {} } : {}),
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    connectTimeout: t.connectTimeout,
    ...(t.commandTimeout !== undefined ? { commandTimeout: t.commandTimeout } : {}),
  });
  let lastError: Error | null = null;
  client.on('error', (e: Error) => (lastError = e));
  try {
    await client.connect();
  } catch (e) {
    client.disconnect();
    throw new Error(`${where} is unreachable (${(lastError ?? (e as Error)).message})`);
  }
  return client;
}

/** Read a namespace's header, counters and sessions (no session is opened, nothing is written). */
export async function redisIndexStats(url: string, opts: { namespace?: string; connectTimeoutMs?: number } = {}): Promise<RedisIndexStats> {
  const u = parseRedisUrl(url);
  const ns = opts.namespace ?? u.namespace ?? 'default';
  const where = `Redis dedup index ${u.display}`;
  const client = await connectClient(u, where, { connectTimeout: opts.connectTimeoutMs ?? 5000 });
  try {
    const p = `{sc:${ns}}:`;
    const raw = await client.get(`${p}meta`);
    if (raw === null) throw new Error(`${where}: namespace ${ns} holds no seed-clean dedup index (no header)`);
    const st = await client.hgetall(`${p}st`);
    const n = (k: string): number => Number(st[k] ?? 0);
    const open = (await client.smembers(`${p}open`)).map(Number).sort((a, b) => a - b);
    const live: number[] = [];
    const dead: number[] = [];
    for (const s of open) ((await client.exists(`${p}alive:${s}`)) ? live : dead).push(s);
    let bytes = 0;
    for (const k of ['x', 'b', 'r', 'm', 'meta', 'st']) bytes += ((await client.call('MEMORY', 'USAGE', p + k, 'SAMPLES', '5')) as number | null) ?? 0;
    return {
      url: u.display,
      namespace: ns,
      params: JSON.parse(raw) as Record<string, unknown>,
      exactKeys: n('exactKeys'),
      bandEntries: n('bandEntries'),
      buckets: n('buckets'),
      representatives: n('representatives'),
      representativeValues: n('representativeValues'),
      members: n('members'),
      approxBytes: bytes,
      sessions: n('sessions'),
      liveSessions: live,
      deadSessions: dead,
      collectedSessions: n('collectedSessions'),
      actual: {
        members: await client.hlen(`${p}m`),
        exactKeys: await client.hlen(`${p}x`),
        buckets: await client.hlen(`${p}b`),
        representatives: await client.hlen(`${p}r`),
      },
    };
  } finally {
    client.disconnect();
  }
}

/** `seed-clean index verify redis://…`: the counters match the stored keys (dead sessions are reported, not a problem). */
export async function redisVerifyIndex(url: string): Promise<RedisVerifyResult> {
  let stats: RedisIndexStats;
  try {
    stats = await redisIndexStats(url);
  } catch (e) {
    return { ok: false, url, problems: [(e as Error).message], stats: null };
  }
  const problems: string[] = [];
  for (const k of ['members', 'exactKeys', 'buckets', 'representatives'] as const) {
    if (stats[k] !== stats.actual[k]) problems.push(`counter ${k} is ${stats[k]} but ${stats.actual[k]} are stored`);
  }
  return { ok: problems.length === 0, url: stats.url, problems, stats };
}
