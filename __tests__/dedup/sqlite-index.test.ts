import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DedupEngine, MemoryDedupIndex, type MemberRecord } from '../../src/dedup/index.js';
import { dedupParams, openIndex } from '../../src/dedup/open-index.js';
import { SqliteDedupIndex, indexStats, verifyIndex } from '../../src/dedup/sqlite-index.js';
import { buildChildModules, corpus, type Doc } from '../helpers/redis-server.js';
import { runIndexContract } from './indexContract.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sc-sqlite-'));
let n = 0;
const tmp = (): string => path.join(dir, `idx${n++}.sqlite`);
let params: Record<string, unknown>;

beforeAll(async () => {
  params = await dedupParams({});
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

runIndexContract('sqlite', () => SqliteDedupIndex.open(tmp(), params));

async function reference(docs: Doc[]): Promise<MemberRecord[]> {
  const mem = new MemoryDedupIndex();
  const eng = await DedupEngine.create({}, mem);
  await eng.addBatch(docs);
  return [...mem.members()];
}

describe('SQLite index: persistence and parameters', () => {
  test('a second run sees the first run: earlier documents are kept, new duplicates dropped', async () => {
    const p = tmp();
    const docs = corpus(20, 3);
    const half = docs.length / 2;
    const a = SqliteDedupIndex.open(p, params);
    const base1 = a.reserveOrdinals(half);
    expect(base1).toBe(0);
    const e1 = await DedupEngine.create({}, a);
    await e1.addBatch(docs.slice(0, half));
    const d1 = await e1.finalize();
    a.finishSession();
    a.close();

    const b = SqliteDedupIndex.open(p, params);
    const base2 = b.reserveOrdinals(docs.length - half);
    expect(base2).toBe(half);
    const e2 = await DedupEngine.create({}, b);
    await e2.addBatch(docs.slice(half));
    const d2 = (await e2.finalize()).filter((d) => d.ordinal >= half);
    const all = [...b.allMembers()];
    b.close();

    // same clustering as one run over everything
    const ref = await reference(docs);
    expect(all.map((m) => [m.ordinal, m.cluster])).toEqual(ref.map((m) => [m.ordinal, m.cluster]));
    // every second-run doc is a duplicate of a first-run founder (groups were all seen in run 1)
    expect(d1.filter((d) => d.kept).length).toBe(20);
    expect(d2.length).toBe(docs.length - half);
    for (const d of d2) {
      expect(d.kept).toBe(false);
      expect(d.duplicateOf).toBe(`g${docs[d.ordinal]!.group}c0`);
      expect(d.comparedWith).not.toBeNull();
    }
  });

  test('reusing an ordinal across runs is rejected', async () => {
    const p = tmp();
    const a = SqliteDedupIndex.open(p, params);
    const e1 = await DedupEngine.create({}, a);
    await e1.add(0, 'x', 'some text here');
    a.finishSession();
    a.close();
    const b = SqliteDedupIndex.open(p, params);
    const e2 = await DedupEngine.create({}, b);
    await expect(e2.add(0, 'y', 'other text')).rejects.toThrow(/duplicate ordinal 0/);
    b.close();
  });

  test('opening with other parameters is refused with a clear message; keep longest is refused', async () => {
    const p = tmp();
    SqliteDedupIndex.open(p, params).close();
    const other = await dedupParams({ bands: 20, rows: 5 });
    expect(() => SqliteDedupIndex.open(p, other)).toThrow(/other dedup parameters.*bands: index has 50, this run uses 20/);
    await expect(openIndex(p, await dedupParams({ seed: 1 }))).rejects.toThrow(/seed: index has 42, this run uses 1/);
    expect(() => SqliteDedupIndex.open(tmp(), { ...params, keep: 'longest' })).toThrow(/keep 'longest' is not supported/);
    // the same parameters still open
    SqliteDedupIndex.open(p, params).close();
  });

  test('a second writer is refused while the index is open; garbage files are refused', () => {
    const p = tmp();
    const a = SqliteDedupIndex.open(p, params);
    expect(() => SqliteDedupIndex.open(p, params, { busyTimeoutMs: 50 })).toThrow(/in use by another seed-clean process/);
    a.close();
    const junk = tmp();
    fs.writeFileSync(junk, 'this is not a database, just text '.repeat(100));
    expect(() => SqliteDedupIndex.open(junk, params)).toThrow(/not a seed-clean SQLite index or damaged/);
  });

  test('openIndex: undefined → memory, a path → SQLite', async () => {
    expect(await openIndex(undefined, params)).toBeInstanceOf(MemoryDedupIndex);
    const s = await openIndex(tmp(), params);
    expect(s).toBeInstanceOf(SqliteDedupIndex);
    await s.close?.();
  });

  test('indexStats and verifyIndex report counts, header and problems', async () => {
    const p = tmp();
    const docs = corpus(10, 2);
    const a = SqliteDedupIndex.open(p, params);
    const eng = await DedupEngine.create({}, a);
    await eng.addBatch(docs);
    a.finishSession();
    a.close();
    const st = indexStats(p);
    expect(st.members).toBe(docs.length);
    expect(st.clusters).toBe(10);
    expect(st.representatives).toBe(10);
    expect(st.sessions).toBe(1);
    expect(st.params.seed).toBe(42);
    expect(typeof st.params.toolVersion).toBe('string');
    expect(st.bytesPerMember).toBeGreaterThan(0);
    const v = verifyIndex(p);
    expect(v).toMatchObject({ ok: true, integrity: ['ok'], problems: [] });
    expect(verifyIndex(path.join(dir, 'missing.sqlite')).ok).toBe(false);
  });
});

describe('SQLite index: crash safety', () => {
  let childDir: string;
  beforeAll(async () => {
    childDir = await buildChildModules();
  });
  afterAll(() => fs.rmSync(childDir, { recursive: true, force: true }));

  test('kill -9 mid-run: the index verifies, holds whole batches, and a resumed run loses and doubles nothing', async () => {
    // the engine runs in child processes (plain node, ~30× faster than inside Jest's VM modules)
    const docs = corpus(60, 19); // 1200 docs, 60 groups
    const corpusFile = path.join(dir, 'crash-corpus.json');
    fs.writeFileSync(corpusFile, JSON.stringify(docs));
    const p = tmp();
    const BATCH = 20;
    const script = path.join(childDir, 'crash-child.mjs');
    fs.writeFileSync(
      script,
      `import fs from 'node:fs';
import { DedupEngine } from './dedup/engine.js';
import { MemoryDedupIndex } from './dedup/store.js';
import { SqliteDedupIndex } from './dedup/sqlite-index.js';
import { dedupParams } from './dedup/open-index.js';
const [mode, file, idxPath, batch, delay] = process.argv.slice(2);
const docs = JSON.parse(fs.readFileSync(file, 'utf8'));
if (mode === 'ref') {
  const mem = new MemoryDedupIndex();
  const eng = await DedupEngine.create({}, mem);
  await eng.addBatch(docs);
  process.stdout.write(JSON.stringify([...mem.members()]));
} else {
  const idx = SqliteDedupIndex.open(idxPath, await dedupParams({}));
  const from = idx.stats().members;
  if (mode === 'resume') idx.reserveOrdinals(docs.length - from);
  const eng = await DedupEngine.create({}, idx);
  for (let i = from; i < docs.length; i += Number(batch)) {
    await eng.addBatch(docs.slice(i, i + Number(batch)));
    process.stdout.write('done ' + Math.min(docs.length, i + Number(batch)) + '\\n');
    if (Number(delay)) await new Promise((r) => setTimeout(r, Number(delay)));
  }
  const decisions = (await eng.finalize()).filter((d) => d.ordinal >= from);
  process.stdout.write('RESULT ' + JSON.stringify({ from, decisions, all: [...idx.allMembers()] }) + '\\n');
  idx.finishSession();
  idx.close();
}
`,
    );
    const child = spawn(process.execPath, [script, 'run', corpusFile, p, String(BATCH), '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lastDone = 0;
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    await new Promise<void>((resolve, reject) => {
      let buf = '';
      child.stdout!.on('data', (d: Buffer) => {
        buf += d.toString();
        const m = [...buf.matchAll(/done (\d+)/g)].pop();
        if (m) lastDone = Number(m[1]);
        if (lastDone >= 400) {
          process.kill(child.pid!, 'SIGKILL');
          resolve();
        }
        if (buf.includes('RESULT')) reject(new Error('child finished before it could be killed'));
      });
      child.on('exit', () => (lastDone >= 400 ? resolve() : reject(new Error(`child exited early: ${stderr}`))));
    });
    await exited;

    const v = verifyIndex(p);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    // the killed run never finished its session: the next open collects it (nothing of it counts)
    const idx = SqliteDedupIndex.open(p, params);
    const have = [...idx.allMembers()].map((m) => m.ordinal);
    idx.close();
    expect(have).toEqual([]);
    expect(indexStats(p)).toMatchObject({ members: 0, exactKeys: 0, bandEntries: 0, representatives: 0, unfinishedSessions: 1, collectedSessions: 1 });

    // resume in a new process: feed what is missing
    const runChild = (mode: string): Promise<string> =>
      new Promise((resolve, reject) => {
        const c = spawn(process.execPath, [script, mode, corpusFile, p, String(BATCH), '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        let err = '';
        c.stdout!.on('data', (x) => (out += x));
        c.stderr!.on('data', (x) => (err += x));
        c.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`child ${mode} exited ${code}: ${err}`))));
      });
    const [resumed, refOut] = await Promise.all([runChild('resume'), runChild('ref')]);
    const res = JSON.parse(resumed.slice(resumed.indexOf('RESULT ') + 7)) as {
      from: number;
      decisions: Array<{ ordinal: number; kept: boolean }>;
      all: MemberRecord[];
    };
    const ref = JSON.parse(refOut) as MemberRecord[];
    expect(res.from).toBe(have.length);
    expect(verifyIndex(p).ok).toBe(true);
    expect(res.all.length).toBe(docs.length);
    expect(res.all.map((m) => [m.ordinal, m.cluster, m.method])).toEqual(ref.map((m) => [m.ordinal, m.cluster, m.method]));
    // the rerun decides every document again: one kept per generated group, none a self-duplicate
    expect(res.all.filter((m) => m.cluster === m.ordinal).length).toBe(60);
    expect(res.decisions.length).toBe(docs.length);
    expect(res.decisions.filter((d) => d.kept).length).toBe(60);
    expect(indexStats(p)).toMatchObject({ sessions: 1, unfinishedSessions: 0, members: docs.length });
  });
});
