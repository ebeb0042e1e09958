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
 */
import { createHash, randomBytes } from 'node:crypto';
import { Redis, type Cluster } from 'ioredis';
import type { DedupIndex, ExactEntry, IndexStats, IndexWrite, MemberRecord } from './store.js';
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
}

type Client = Redis | Cluster;

/** Args per HMGET / per Lua unpack (Lua's C stack allows ~8000). */
const CHUNK = 4000;

const LOOKUP_EXACT = `
local cur = redis.call('GET', KEYS[1])
if cur and cur ~= ARGV[1] then return false end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if #ARGV < 3 then return {} end
return redis.call('HMGET', KEYS[2], unpack(ARGV, 3))
`;

// KEYS: lease x b r m st sessionList; ARGV: token mustHold nMembers nExact nBands nReps, member pairs,
// exact pairs, ONE string 'bandKey cluster bandKey cluster …' (few big args instead of 2 per entry), rep pairs
const COMMIT = `
local cur = redis.call('GET', KEYS[1])
if ARGV[2] == '1' then
  if cur ~= ARGV[1] then return {'LOST'} end
elseif cur and cur ~= ARGV[1] then
  return {'BUSY'}
end
local nm, nx, nb, nr = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local i = 7
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
  ax = ax + redis.call('HSETNX', KEYS[2], ARGV[i + 2 * k], ARGV[i + 2 * k + 1])
end
i = i + 2 * nx
local be, bk = 0, 0
if nb > 0 then
  for key, c in string.gmatch(ARGV[i], '(%S+) (%S+)') do
    if redis.call('HSETNX', KEYS[3], key, c) == 1 then
      be = be + 1
      bk = bk + 1
    else
      local v = redis.call('HGET', KEYS[3], key)
      if not string.find(',' .. v .. ',', ',' .. c .. ',', 1, true) then
        redis.call('HSET', KEYS[3], key, v .. ',' .. c)
        be = be + 1
      end
    end
  end
end
i = i + 1
local nrep, nval = 0, 0
for k = 0, nr - 1 do
  local c, blob = ARGV[i + 2 * k], ARGV[i + 2 * k + 1]
  local old = redis.call('HGET', KEYS[4], c)
  if old then nval = nval - #old / 4 else nrep = nrep + 1 end
  redis.call('HSET', KEYS[4], c, blob)
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
const SCRIPTS = { lookup: script(LOOKUP_EXACT), bands: script(LOOKUP_BANDS), commit: script(COMMIT), release: script(RELEASE) };

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
  }

  /** Connect to `url` (redis://host:port/db[?ns=name]) and open its index for `params`. */
  static async open(url: string, params: Record<string, unknown>, opts: RedisIndexOptions = {}): Promise<RedisDedupIndex> {
    const u = parseRedisUrl(url);
    const where = `Redis dedup index ${u.display}`;
    checkUsableParams(params, where);
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
      connectTimeout: opts.connectTimeoutMs ?? 5000,
      commandTimeout: opts.commandTimeoutMs ?? 60_000,
    });
    let lastError: Error | null = null;
    client.on('error', (e: Error) => (lastError = e));
    try {
      await client.connect();
    } catch (e) {
      client.disconnect();
      throw new Error(`${where} is unreachable (${(lastError ?? (e as Error)).message})`);
    }
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
      const idx = new RedisDedupIndex(client, label, ns, session, stored, opts, ownsClient);
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
        res = (await this.evalsha(SCRIPTS.lookup, [`${this.p}lease`, `${this.p}x`], [this.token, this.leaseMs, ...first])) as Array<string | null> | null;
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
      const keys = ['lease', 'x', 'b', 'r', 'm', 'st', `s:${this.session}`].map((k) => this.p + k);
      const mustHold = this.holding;
      const deadline = Date.now() + this.waitMs;
      let delay = 1;
      for (;;) {
        const head = [this.token, mustHold ? '1' : '0', w.members.length, w.exact.length, w.bands.length, w.representatives.length];
        const r = (await this.evalsha(SCRIPTS.commit, keys, [...head, ...args])) as string[];
        if (r[0] === 'OK') break;
        if (r[0] === 'DUP') {
          this.holding = false;
          await this.evalsha(SCRIPTS.release, [`${this.p}lease`], [this.token]);
          throw new Error(`duplicate ordinal ${r[1]} committed to the dedup index (ordinals must be unique across runs and workers; use reserveOrdinals)`);
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
    try {
      if (this.holding && !this.broken) await this.evalsha(SCRIPTS.release, [`${this.p}lease`], [this.token]);
    } catch {
      /* the lease expires by itself */
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
