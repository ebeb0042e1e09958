/**
 * runCorpus with a persistent dedup index (RunOptions.index): global ordinals reserved per batch,
 * decisions matched by ordinal (not position), earlier runs' documents as duplicates' targets, and
 * failures as DedupIndexError before any record is released. A fresh index gives exactly the output
 * of the in-memory index (same ordinals, same batches).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { runCorpus, type RunEvent, type RunOptions } from '../../src/core/run.js';

/** Small engine batches keep these corpora small (the output does not depend on the batch size). */
const BATCH = 16;
import { DedupIndexError, dedupParams } from '../../src/dedup/open-index.js';
import { SqliteDedupIndex } from '../../src/dedup/sqlite-index.js';
import type { OutputRecord } from '../../src/types.js';
import { article, jsonl, nearCopy } from '../helpers/articles.js';
import { tmpDir } from '../helpers/cli.js';
import { redisServerPath, startRedis } from '../helpers/redis-server.js';

interface Out {
  records: Array<{ record: OutputRecord; dropped: boolean }>;
  errors: number;
}

async function run(paths: string[], opts: RunOptions): Promise<Out> {
  const out: Out = { records: [], errors: 0 };
  for await (const e of runCorpus(paths, opts) as AsyncGenerator<RunEvent>) {
    if (e.kind === 'record') out.records.push({ record: e.record, dropped: e.dropped });
    else if (e.kind === 'error') out.errors++;
  }
  return out;
}

/** n documents: every 5th an exact copy of the one before, every 7th a near copy of one two back. */
function bigCorpus(n: number): Array<{ id: string; text: string }> {
  const docs: Array<{ id: string; text: string }> = [];
  for (let i = 0; i < n; i++) {
    const text = i % 5 === 4 ? docs[i - 1]!.text : i % 7 === 6 ? nearCopy(docs[i - 2]!.text, 9) : article(1000 + i, 4);
    docs.push({ id: `d${i}`, text });
  }
  return docs;
}

const lines = (o: Out): string[] => o.records.map((r) => JSON.stringify(r.record) + (r.dropped ? ' dropped' : ''));

describe('runCorpus with a SQLite index', () => {
  let dir: string;
  let big: string;
  const N = 3 * BATCH + 5; // four engine batches
  beforeAll(() => {
    dir = tmpDir('index-run');
    big = path.join(dir, 'big.jsonl');
    fs.writeFileSync(big, jsonl(bigCorpus(N)));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a fresh index gives the in-memory output exactly (jobs 1 and 2)', async () => {
    const mem = await run([big], { dedup: {}, jobs: 1 });
    expect(mem.records.length).toBe(N);
    expect(mem.records.filter((r) => r.dropped).length).toBeGreaterThan(10);
    expect(lines(await run([big], { dedup: {}, jobs: 1, dedupBatchDocs: BATCH }))).toEqual(lines(mem));
    const one = await run([big], { dedup: {}, index: path.join(dir, 'fresh1.sqlite'), jobs: 1, dedupBatchDocs: BATCH });
    expect(lines(one)).toEqual(lines(mem));
    const two = await run([big], { dedup: {}, index: path.join(dir, 'fresh2.sqlite'), jobs: 2, dedupBatchDocs: BATCH });
    expect(lines(two)).toEqual(lines(mem));
  });

  test('a second run: global ordinals per batch; duplicates of earlier documents point at them', async () => {
    const p = path.join(dir, 'runs.sqlite');
    const a = path.join(dir, 'a.jsonl');
    const b = path.join(dir, 'b.jsonl');
    fs.writeFileSync(a, jsonl([0, 1, 2].map((i) => ({ id: `a${i}`, text: article(i) }))));
    fs.writeFileSync(b, jsonl([{ id: 'b0', text: article(50) }, { id: 'b1', text: nearCopy(article(2)) }, { id: 'b2', text: article(0) }]));
    const r1 = await run([a], { dedup: {}, index: p });
    expect(r1.records.map((r) => r.dropped)).toEqual([false, false, false]);
    const r2 = await run([b], { dedup: {}, index: p });
    expect(r2.records.map((r) => [r.record.id, r.dropped, r.record.duplicate_of ?? null, r.record.method ?? null])).toEqual([
      ['b0', false, null, null],
      ['b1', true, 'a2', 'minhash'],
      ['b2', true, 'a0', 'exact'],
    ]);
    expect(r2.records[1]!.record.similarity).toBeGreaterThan(0.6);
    expect(r2.records[1]!.record.cluster_id).toBe('a2');
    const idx = SqliteDedupIndex.open(p, await dedupParams({}));
    try {
      expect([...idx.allMembers()].map((m) => [m.ordinal, m.id])).toEqual([
        [0, 'a0'], [1, 'a1'], [2, 'a2'], [3, 'b0'], [4, 'b1'], [5, 'b2'],
      ]);
    } finally {
      idx.close();
    }
  });

  test('keep longest and a locked index are DedupIndexErrors before any record', async () => {
    const p = path.join(dir, 'lock.sqlite');
    const a = path.join(dir, 'one.jsonl');
    fs.writeFileSync(a, jsonl([{ id: 'x', text: article(9) }]));
    await expect(run([a], { dedup: { keep: 'longest' }, index: p })).rejects.toMatchObject({ name: 'DedupIndexError', kind: 'options' });
    const holder = SqliteDedupIndex.open(p, await dedupParams({}));
    try {
      const gen = runCorpus([a], { dedup: {}, index: p });
      const err = await gen.next().then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(DedupIndexError);
      expect((err as DedupIndexError).kind).toBe('failed');
      expect((err as Error).message).toMatch(/in use by another seed-clean process/);
    } finally {
      holder.close();
    }
  });
});

const haveRedis = redisServerPath() !== null;
(haveRedis ? test : test.skip)('Redis lost in the middle of a run: DedupIndexError, no record released', async () => {
  const server = (await startRedis())!;
  const dir = tmpDir('index-run-redis');
  try {
    const big = path.join(dir, 'big.jsonl');
    fs.writeFileSync(big, jsonl(bigCorpus(2 * BATCH + 5)));
    let killed = false;
    const events: RunEvent[] = [];
    const gen = runCorpus([big], {
      dedup: {},
      index: server.url,
      dedupBatchDocs: BATCH,
      onProgress: (n) => {
        // after the first engine batch was committed
        if (n === BATCH + 5 && !killed) {
          killed = true;
          process.kill(server.pid, 'SIGKILL');
        }
      },
    });
    let err: unknown = null;
    try {
      for await (const e of gen) events.push(e);
    } catch (e) {
      err = e;
    }
    expect(killed).toBe(true);
    expect(err).toBeInstanceOf(DedupIndexError);
    expect((err as DedupIndexError).kind).toBe('failed');
    expect((err as Error).message).toMatch(/Redis dedup index/);
    expect(events.filter((e) => e.kind === 'record')).toEqual([]);
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
