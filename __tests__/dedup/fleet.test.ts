/**
 * Fleet: several worker PROCESSES deduplicate disjoint shards of one corpus against a shared Redis
 * index and must produce the clusters one process produces (and keep exactly one doc per cluster).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DedupEngine, MemoryDedupIndex, type DedupDecision } from '../../src/dedup/index.js';
import { buildChildModules, corpus, redisServerPath, startRedis, type RedisServer } from '../helpers/redis-server.js';

const haveRedis = redisServerPath() !== null;
if (!haveRedis) console.warn('redis-server is not installed: skipping the dedup fleet test (apt-get install -y redis-server)');
const d = haveRedis ? describe : describe.skip;

const WORKER = `import fs from 'node:fs';
import { DedupEngine } from './dedup/engine.js';
import { RedisDedupIndex } from './dedup/redis-index.js';
import { dedupParams } from './dedup/open-index.js';
const [file, url, shard, shards, batch] = process.argv.slice(2);
const docs = JSON.parse(fs.readFileSync(file, 'utf8')).filter((d) => d.ordinal % Number(shards) === Number(shard));
const idx = await RedisDedupIndex.open(url, await dedupParams({}));
const eng = await DedupEngine.create({}, idx);
for (let i = 0; i < docs.length; i += Number(batch)) await eng.addBatch(docs.slice(i, i + Number(batch)));
const mine = new Set(docs.map((d) => d.ordinal));
const out = (await eng.finalize()).filter((d) => mine.has(d.ordinal));
await idx.close();
process.stdout.write(JSON.stringify(out));
`;

function run(script: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    c.stdout!.on('data', (x) => (out += x));
    c.stderr!.on('data', (x) => (err += x));
    c.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker exited ${code}: ${err}`))));
  });
}

/** Clusters as a canonical set of sorted member lists. */
function partition(ds: Array<{ ordinal: number; key: string }>): string[] {
  const m = new Map<string, number[]>();
  for (const x of ds) {
    let a = m.get(x.key);
    if (!a) m.set(x.key, (a = []));
    a.push(x.ordinal);
  }
  return [...m.values()].map((a) => a.sort((p, q) => p - q).join(',')).sort();
}

d('dedup fleet on a shared Redis index', () => {
  let server: RedisServer | null = null;
  let childDir = '';
  beforeAll(async () => {
    server = await startRedis();
    childDir = await buildChildModules();
  });
  afterAll(async () => {
    await server?.stop();
    if (childDir) fs.rmSync(childDir, { recursive: true, force: true });
  });

  test('3 concurrent worker processes on disjoint shards = the clusters of one process', async () => {
    const docs = corpus(60, 9); // 600 docs, 60 groups of near/exact copies, interleaved
    const file = path.join(childDir, 'fleet-corpus.json');
    fs.writeFileSync(file, JSON.stringify(docs));
    const script = path.join(childDir, 'fleet-worker.mjs');
    fs.writeFileSync(script, WORKER);
    const url = `${server!.url}?ns=fleet`;
    const SHARDS = 3;
    const outs = await Promise.all(Array.from({ length: SHARDS }, (_, k) => run(script, [file, url, String(k), String(SHARDS), '16'])));
    const fleet = outs.flatMap((o) => JSON.parse(o) as DedupDecision[]);

    // every document decided exactly once
    expect(fleet.map((x) => x.ordinal).sort((a, b) => a - b)).toEqual(docs.map((x) => x.ordinal));

    const eng = await DedupEngine.create({}, new MemoryDedupIndex());
    await eng.addBatch(docs);
    const one = await eng.finalize();
    expect(partition(fleet.map((x) => ({ ordinal: x.ordinal, key: x.clusterId })))).toEqual(
      partition(one.map((x) => ({ ordinal: x.ordinal, key: x.clusterId }))),
    );
    // exactly one kept per cluster, and every duplicate points at its cluster's kept document
    const kept = fleet.filter((x) => x.kept);
    expect(kept.length).toBe(60);
    const keptByCluster = new Map(kept.map((x) => [x.clusterId, x.id]));
    expect(keptByCluster.size).toBe(60);
    for (const x of fleet) if (!x.kept) expect(x.duplicateOf).toBe(keptByCluster.get(x.clusterId));
  });
});
