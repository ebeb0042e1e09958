#!/usr/bin/env node
/**
 * Dedup index backends benchmark: memory vs SQLite vs Redis on a generated corpus (no third-party text).
 *
 *   npx tsc -p tsconfig.build.json && node scripts/bench-index.mjs [--docs 20000] [--batch 1000]
 *       [--words 150] [--redis redis://127.0.0.1:6379/0] [--backends memory,sqlite,redis] [--json]
 *
 * Without --redis a throwaway `redis-server` is started on a free loopback port (skipped if missing).
 * Reports per backend: end-to-end engine docs/s (sketching + verification + finalize included),
 * index-only docs/s (= docs / time spent inside the index's getExact/queryBands/getRepresentatives/
 * commit calls, round trips included), and bytes per document
 * (SQLite: file + WAL; Redis: used_memory delta; memory: stats().approxBytes).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => pathToFileURL(path.join(ROOT, 'dist', p)).href;
const { DedupEngine, MemoryDedupIndex } = await import(dist('dedup/index.js'));
const { SqliteDedupIndex } = await import(dist('dedup/sqlite-index.js'));
const { RedisDedupIndex } = await import(dist('dedup/redis-index.js'));

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : true]);
    return acc;
  }, []),
);
const N = Number(args.docs ?? 20000);
const BATCH = Number(args.batch ?? 1000);
const WORDS = Number(args.words ?? 150);
const backends = String(args.backends ?? 'memory,sqlite,redis').split(',');

// --- corpus: 1/4 originals, the rest near copies (k edited words) or exact copies, shuffled
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const r = rng(1);
const vocab = Array.from({ length: 20000 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}`);
const originals = [];
const docs = [];
for (let i = 0; i < N; i++) {
  let ws;
  if (originals.length === 0 || r() < 0.25) {
    ws = Array.from({ length: WORDS }, () => vocab[Math.floor(r() * vocab.length)]);
    originals.push(ws);
  } else {
    ws = originals[Math.floor(r() * originals.length)].slice();
    if (r() < 0.7) for (let k = 0; k < 3; k++) ws[Math.floor(r() * ws.length)] = vocab[Math.floor(r() * vocab.length)];
  }
  docs.push({ ordinal: i, id: `d${i}`, text: ws.join(' ') });
}

async function sketchTime() {
  const eng = await DedupEngine.create({});
  const t = performance.now();
  for (const d of docs) eng.sketch(d.ordinal, d.id, d.text);
  return (performance.now() - t) / 1000;
}

async function runEngine(index) {
  // time spent inside the index (its own work + round trips), separately from sketching/verification
  let inIndex = 0;
  for (const m of ['getExact', 'queryBands', 'getRepresentatives', 'commit']) {
    const f = index[m].bind(index);
    index[m] = async (...a) => {
      const t = performance.now();
      try {
        return await f(...a);
      } finally {
        inIndex += performance.now() - t;
      }
    };
  }
  const eng = await DedupEngine.create({}, index);
  const t = performance.now();
  for (let i = 0; i < N; i += BATCH) await eng.addBatch(docs.slice(i, i + BATCH));
  const decisions = await eng.finalize();
  const secs = (performance.now() - t) / 1000;
  return { secs, indexSecs: inIndex / 1000, kept: decisions.filter((x) => x.kept && x.ordinal >= 0).length };
}

function freePort() {
  return new Promise((res, rej) => {
    const s = net.createServer();
    s.on('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const p = s.address().port;
      s.close(() => res(p));
    });
  });
}

async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await new Promise((res, rej) => {
    child.once('error', rej);
    const t0 = Date.now();
    const tryConnect = () => {
      const s = net.connect(port, '127.0.0.1');
      s.on('connect', () => {
        s.destroy();
        res();
      });
      s.on('error', () => (Date.now() - t0 > 5000 ? rej(new Error('redis-server did not start')) : setTimeout(tryConnect, 50)));
    };
    tryConnect();
  });
  return { url: `redis://127.0.0.1:${port}/0`, stop: () => process.kill(child.pid, 'SIGTERM') };
}

const sk = await sketchTime();
const results = [];
const report = (name, res, bytes) => {
  const indexSecs = Math.max(res.indexSecs, 1e-9);
  const row = {
    backend: name,
    docs: N,
    batch: BATCH,
    kept: res.kept,
    endToEndDocsPerSec: Math.round(N / res.secs),
    indexOnlyDocsPerSec: Math.round(N / indexSecs),
    bytesPerDoc: Math.round(bytes / N),
  };
  results.push(row);
  if (!args.json) console.log(`${name.padEnd(7)} e2e ${row.endToEndDocsPerSec} docs/s, index-only ${row.indexOnlyDocsPerSec} docs/s, ${row.bytesPerDoc} B/doc, kept ${row.kept}`);
};
if (!args.json) console.log(`${N} docs × ${WORDS} words, batch ${BATCH}; sketching alone: ${Math.round(N / sk)} docs/s`);

const params = (await DedupEngine.create({})).params();
if (backends.includes('memory')) {
  const idx = new MemoryDedupIndex();
  const res = await runEngine(idx);
  report('memory', res, idx.stats().approxBytes);
}
if (backends.includes('sqlite')) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-index-'));
  const p = path.join(dir, 'idx.sqlite');
  const idx = SqliteDedupIndex.open(p, params);
  const res = await runEngine(idx);
  idx.close();
  const size = (f) => (fs.existsSync(f) ? fs.statSync(f).size : 0);
  report('sqlite', res, size(p) + size(`${p}-wal`));
  fs.rmSync(dir, { recursive: true, force: true });
}
if (backends.includes('redis')) {
  let server = null;
  let url = args.redis;
  if (!url) {
    try {
      server = await startRedis();
      url = server.url;
    } catch (e) {
      console.log(`redis: skipped (${e.message})`);
    }
  }
  if (url) {
    const ns = `bench${process.pid}`;
    const idx = await RedisDedupIndex.open(`${url}${url.includes('?') ? '&' : '?'}ns=${ns}`, params);
    const mem = async () => Number(/used_memory:(\d+)/.exec(await idx['client'].info('memory'))[1]);
    const before = await mem();
    const res = await runEngine(idx);
    const after = await mem();
    await idx.destroyNamespace();
    await idx.close();
    report('redis', res, after - before);
    server?.stop();
  }
}
if (args.json) console.log(JSON.stringify(results));
