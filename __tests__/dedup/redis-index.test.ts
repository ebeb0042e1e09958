import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DedupEngine, MemoryDedupIndex, type DedupIndex, type MemberRecord } from '../../src/dedup/index.js';
import { dedupParams, openIndex } from '../../src/dedup/open-index.js';
import { RedisDedupIndex, parseRedisUrl } from '../../src/dedup/redis-index.js';
import { corpus, redisServerPath, startRedis, type Doc, type RedisServer } from '../helpers/redis-server.js';
import { runIndexContract } from './indexContract.js';

const haveRedis = redisServerPath() !== null;
if (!haveRedis) console.warn('redis-server is not installed: skipping the Redis dedup index tests (apt-get install -y redis-server)');
const d = haveRedis ? describe : describe.skip;

let server: RedisServer | null = null;
let params: Record<string, unknown>;
let nsCounter = 0;
const url = (ns = `t${process.pid}x${nsCounter++}`): string => `${server!.url}?ns=${ns}`;

beforeAll(async () => {
  params = await dedupParams({});
  if (haveRedis) server = await startRedis();
});
afterAll(async () => {
  await server?.stop();
});

async function reference(docs: Doc[]): Promise<MemberRecord[]> {
  const mem = new MemoryDedupIndex();
  const eng = await DedupEngine.create({}, mem);
  await eng.addBatch(docs);
  return [...mem.members()];
}

test('parseRedisUrl: host, port, db, namespace; bad URLs are refused', () => {
  expect(parseRedisUrl('redis://10.0.0.2:6380/3?ns=crawl')).toMatchObject({ host: '10.0.0.2', port: 6380, db: 3, namespace: 'crawl', tls: false });
  expect(parseRedisUrl('redis://h')).toMatchObject({ port: 6379, db: 0 });
  expect(parseRedisUrl('redis://u:secret@h:1/0').display).not.toContain('secret');
  expect(() => parseRedisUrl('redis://h:1/x')).toThrow(/database/);
});

d('Redis index', () => {
  // contract: a fresh namespace per index
  runIndexContract('redis', () => RedisDedupIndex.open(url(), params));

  test('openIndex routes redis:// URLs; another run/worker sees earlier documents', async () => {
    const u = url();
    const docs = corpus(15, 3);
    const half = docs.length / 2;
    const a = (await openIndex(u, params)) as RedisDedupIndex;
    expect(a).toBeInstanceOf(RedisDedupIndex);
    expect(await a.reserveOrdinals(half)).toBe(0);
    const e1 = await DedupEngine.create({}, a);
    await e1.addBatch(docs.slice(0, half));
    expect((await e1.finalize()).filter((x) => x.kept).length).toBe(15);
    await a.finishSession();
    await a.close();

    const b = await RedisDedupIndex.open(u, params);
    expect(await b.reserveOrdinals(docs.length - half)).toBe(half);
    const e2 = await DedupEngine.create({}, b);
    for (let i = half; i < docs.length; i += 7) await e2.addBatch(docs.slice(i, i + 7));
    const d2 = (await e2.finalize()).filter((x) => x.ordinal >= half);
    expect(d2.length).toBe(docs.length - half);
    for (const x of d2) {
      expect(x.kept).toBe(false);
      expect(x.duplicateOf).toBe(`g${docs[x.ordinal]!.group}c0`);
    }
    const all = await b.allMembers();
    const ref = await reference(docs);
    expect(all.map((m) => [m.ordinal, m.cluster, m.method])).toEqual(ref.map((m) => [m.ordinal, m.cluster, m.method]));
    const st = await b.stats();
    expect(st.members).toBe(docs.length);
    expect(st.representatives).toBe(15);
    expect(st.approxBytes).toBeGreaterThan(0);
    await b.destroyNamespace();
    await b.close();
  });

  test('other parameters are refused; keep longest is refused', async () => {
    const u = url();
    await (await RedisDedupIndex.open(u, params)).close();
    await expect(RedisDedupIndex.open(u, await dedupParams({ rows: 5 }))).rejects.toThrow(/other dedup parameters.*rows: index has 2, this run uses 5/);
    await expect(openIndex(u, { ...params, keep: 'longest' })).rejects.toThrow(/keep 'longest' is not supported/);
    const again = await RedisDedupIndex.open(u, params);
    await again.destroyNamespace();
    await again.close();
  });

  test('an unreachable server is a clear error at open', async () => {
    await expect(RedisDedupIndex.open('redis://127.0.0.1:1/0', params, { connectTimeoutMs: 1000 })).rejects.toThrow(/unreachable/);
  });

  test('two sessions racing on the same near-duplicates never both keep one (lease + atomic commit)', async () => {
    const u = url();
    const docs = corpus(30, 5);
    const a = await RedisDedupIndex.open(u, params);
    const b = await RedisDedupIndex.open(u, params);
    const ea = await DedupEngine.create({}, a);
    const eb = await DedupEngine.create({}, b);
    // interleave: a gets even ordinals, b odd, batches issued concurrently
    const feed = async (e: DedupEngine, mine: Doc[]): Promise<void> => {
      const ps: Array<Promise<void>> = [];
      for (let i = 0; i < mine.length; i += 10) ps.push(e.addBatch(mine.slice(i, i + 10)));
      await Promise.all(ps);
    };
    await Promise.all([feed(ea, docs.filter((x) => x.ordinal % 2 === 0)), feed(eb, docs.filter((x) => x.ordinal % 2 === 1))]);
    const da = (await ea.finalize()).filter((x) => x.ordinal >= 0 && x.ordinal % 2 === 0);
    const db = (await eb.finalize()).filter((x) => x.ordinal >= 0 && x.ordinal % 2 === 1);
    const kept = [...da, ...db].filter((x) => x.kept);
    expect(kept.length).toBe(30);
    expect(new Set(kept.map((x) => docs[x.ordinal]!.group)).size).toBe(30);
    for (const x of [...da, ...db].filter((y) => !y.kept)) {
      expect(kept.map((k) => k.id)).toContain(x.duplicateOf);
      expect(docs.find((y) => y.id === x.duplicateOf)!.group).toBe(docs[x.ordinal]!.group);
    }
    await a.destroyNamespace();
    await a.close();
    await b.close();
  });

  test('connection loss rejects the batch with a clear error (never "unique")', async () => {
    const own = await startRedis();
    const idx: DedupIndex = await RedisDedupIndex.open(`${own!.url}?ns=loss`, params);
    const eng = await DedupEngine.create({}, idx);
    const docs = corpus(5, 1);
    await eng.addBatch(docs.slice(0, 5));
    await own!.stop();
    await expect(eng.addBatch(docs.slice(5))).rejects.toThrow(/Redis dedup index .*(unreachable|failed).*nothing was treated as unique/);
    await expect(eng.finalize()).rejects.toThrow(/Redis dedup index/);
    await idx.close?.();
  });
});

d('Redis index sessions (crash safety)', () => {
  test('an aborted session whose lease expired is ignored and collected; live and finished sessions are visible', async () => {
    const { Redis } = await import('ioredis');
    const { redisIndexStats, redisVerifyIndex } = await import('../../src/dedup/redis-index.js');
    const u = url();
    const ns = parseRedisUrl(u).namespace!;
    const docs = corpus(10, 2);
    // worker A commits everything, then its process "dies" (connection dropped, no finishSession)
    const ca = new Redis(parseRedisUrl(u).port, parseRedisUrl(u).host);
    const a = await RedisDedupIndex.withClient(ca, params, { namespace: ns, sessionLeaseMs: 2000 });
    const ea = await DedupEngine.create({}, a);
    await a.reserveOrdinals(docs.length);
    await ea.addBatch(docs);
    // a live session's entries are visible to another worker
    const live = await RedisDedupIndex.open(u, params);
    const el = await DedupEngine.create({}, live);
    const base = await live.reserveOrdinals(1);
    await el.addBatch([{ ordinal: base, id: 'probe', text: docs[0]!.text }]);
    expect((await el.finalize())[0]).toMatchObject({ kept: false, duplicateOf: docs[0]!.id });
    await live.close(); // closed unfinished: dead at once
    ca.disconnect();
    await new Promise((r) => setTimeout(r, 2500));
    const before = await redisIndexStats(u);
    expect(before.deadSessions.length).toBe(2);
    expect(before.liveSessions).toEqual([]);

    // rerun of the same input: nothing of A decides anything, every group is kept once
    const b = await RedisDedupIndex.open(u, params);
    const eb = await DedupEngine.create({}, b);
    const bb = await b.reserveOrdinals(docs.length);
    await eb.addBatch(docs.map((x, i) => ({ ...x, ordinal: bb + i })));
    const dec = await eb.finalize();
    expect(b.collected).toBe(2);
    expect(dec.filter((x) => x.kept).map((x) => x.id)).toEqual(docs.filter((x) => x.id.endsWith('c0')).map((x) => x.id));
    for (const x of dec) if (!x.kept) expect(x.duplicateOf).toBe(`g${docs[x.ordinal - bb]!.group}c0`);
    await b.finishSession();
    await b.close();
    const after = await redisIndexStats(u);
    expect(after).toMatchObject({ members: docs.length, sessions: 1, liveSessions: [], deadSessions: [], collectedSessions: 2, representatives: 10 });
    expect((await redisVerifyIndex(u)).problems).toEqual([]);
  });
});
