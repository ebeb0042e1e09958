/**
 * `--index` (persistent / shared dedup index) and `seed-clean index stats|verify`, through the built
 * CLI (`npm run build` first; `npm test` does it in pretest). Redis tests skip without redis-server.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { parseJsonl, runCli, runCliAsync, tmpDir } from '../helpers/cli.js';
import { article, jsonl, nearCopy } from '../helpers/articles.js';
import { redisServerPath, startRedis, type RedisServer } from '../helpers/redis-server.js';
import { dedupParams } from '../../src/dedup/open-index.js';
import { SqliteDedupIndex } from '../../src/dedup/sqlite-index.js';

const A = Array.from({ length: 6 }, (_, i) => ({ id: `a${i}`, url: `https://news${i}.example/story/${i}`, text: article(i) }));
const B = [
  { id: 'b0', text: A[0]!.text }, // exact copy of a0
  { id: 'b1', text: nearCopy(A[3]!.text) }, // near copy of a3
  { id: 'b2', text: article(100) }, // new
  { id: 'b3', text: article(100) }, // exact copy of b2 (same run)
];

function corpora(): string {
  const dir = tmpDir('index');
  fs.writeFileSync(path.join(dir, 'a.jsonl'), jsonl(A));
  fs.writeFileSync(path.join(dir, 'b.jsonl'), jsonl(B));
  return dir;
}

const pick = (r: Record<string, unknown>) => ({ id: r.id, duplicate_of: r.duplicate_of, method: r.method, cluster_id: r.cluster_id });

function expectRun2(dir: string, out: string): void {
  const kept = parseJsonl(fs.readFileSync(path.join(dir, `${out}.jsonl`), 'utf8'));
  const rejects = parseJsonl(fs.readFileSync(path.join(dir, `${out}.rejects.jsonl`), 'utf8'));
  expect(kept.map(pick)).toEqual([{ id: 'b2', duplicate_of: undefined, method: undefined, cluster_id: 'b2' }]);
  expect(rejects.map(pick)).toEqual([
    { id: 'b0', duplicate_of: 'a0', method: 'exact', cluster_id: 'a0' },
    { id: 'b1', duplicate_of: 'a3', method: 'minhash', cluster_id: 'a3' },
    { id: 'b3', duplicate_of: 'b2', method: 'exact', cluster_id: 'b2' },
  ]);
  expect(rejects[0]!.similarity).toBe(1);
  expect(rejects[1]!.similarity).toBeGreaterThan(0.6);
  expect(rejects[1]!.similarity).toBeLessThan(1);
}

describe('--index with a SQLite file', () => {
  test('a second run deduplicates against the first; index stats and verify describe it', () => {
    const dir = corpora();
    const r1 = runCli(['a.jsonl', '--index', 'idx.sqlite', '-o', 'out1.jsonl', '--jobs', '1'], { cwd: dir });
    expect(r1.stderr).not.toMatch(/index error|internal error/);
    expect(r1.code).toBe(0);
    expect(parseJsonl(fs.readFileSync(path.join(dir, 'out1.jsonl'), 'utf8')).map((r) => r.id)).toEqual(A.map((a) => a.id));
    const r2 = runCli(['b.jsonl', '--index', 'idx.sqlite', '-o', 'out2.jsonl', '--jobs', '2'], { cwd: dir });
    expect(r2.code).toBe(0);
    expectRun2(dir, 'out2');

    // a third run of the same corpus B: everything is now an earlier run's document
    const r3 = runCli(['b.jsonl', '--index', 'idx.sqlite', '-o', 'out3.jsonl'], { cwd: dir });
    expect(r3.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out3.jsonl'), 'utf8')).toBe('');
    const rej3 = parseJsonl(fs.readFileSync(path.join(dir, 'out3.rejects.jsonl'), 'utf8'));
    expect(rej3.map((r) => [r.id, r.duplicate_of])).toEqual([['b0', 'a0'], ['b1', 'a3'], ['b2', 'b2'], ['b3', 'b2']]);

    const st = runCli(['index', 'stats', 'idx.sqlite', '--json'], { cwd: dir });
    expect(st.code).toBe(0);
    const stats = JSON.parse(st.stdout) as Record<string, unknown>;
    expect(stats).toMatchObject({ members: 14, clusters: 7, sessions: 3, format: 2 });
    expect((stats.params as Record<string, unknown>).keep).toBe('first');

    const table = runCli(['index', 'stats', 'idx.sqlite'], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/documents\s+14/);
    expect(table.stdout).toMatch(/clusters\s+7/);
    expect(table.stdout).toMatch(/runs\s+3/);
    expect(table.stdout).toMatch(/parameters .*seed 42/);

    const v = runCli(['index', 'verify', 'idx.sqlite'], { cwd: dir });
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^ok .*no problems \(14 documents/);
    const vj = runCli(['index', 'verify', 'idx.sqlite', '--json'], { cwd: dir });
    expect(JSON.parse(vj.stdout)).toMatchObject({ ok: true, problems: [], integrity: ['ok'] });
  });

  test('index verify exits 1 on a damaged or foreign file; stats exits 1 on a missing one', () => {
    const dir = tmpDir('index-bad');
    fs.writeFileSync(path.join(dir, 'junk.sqlite'), Buffer.alloc(8192, 7));
    const v = runCli(['index', 'verify', 'junk.sqlite'], { cwd: dir });
    expect(v.code).toBe(1);
    expect(v.stdout).toMatch(/problems/);
    const vj = runCli(['index', 'verify', 'junk.sqlite', '--json'], { cwd: dir });
    expect(vj.code).toBe(1);
    expect(JSON.parse(vj.stdout)).toMatchObject({ ok: false });
    const s = runCli(['index', 'stats', 'missing.sqlite'], { cwd: dir });
    expect(s.code).toBe(1);
    expect(s.stderr).toMatch(/no such file/);
    // a Redis index that is not there: exit 1 (unreachable / no header)
    expect(runCli(['index', 'stats', 'redis://127.0.0.1:1/0'], { cwd: dir }).code).toBe(1);
  });

  test('an index built with other dedup parameters is refused (exit 2, nothing written)', async () => {
    const dir = corpora();
    const idx = SqliteDedupIndex.open(path.join(dir, 'idx.sqlite'), await dedupParams({ threshold: 0.91, seed: 7 }));
    idx.close();
    const r = runCli(['a.jsonl', '--index', 'idx.sqlite', '-o', 'out.jsonl'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/built with other dedup parameters/);
    expect(r.stderr).toMatch(/seed: index has 7/);
    expect(fs.existsSync(path.join(dir, 'out.jsonl'))).toBe(false);
  });

  test('--keep longest and --no-dedup with --index are usage errors', () => {
    const dir = corpora();
    const a = runCli(['a.jsonl', '--index', 'idx.sqlite', '--keep', 'longest', '-o', 'out.jsonl'], { cwd: dir });
    expect(a.code).toBe(2);
    expect(a.stderr).toMatch(/--keep longest cannot be used with --index/);
    const b = runCli(['a.jsonl', '--index', 'idx.sqlite', '--no-dedup', '-o', 'out.jsonl'], { cwd: dir });
    expect(b.code).toBe(2);
    expect(fs.existsSync(path.join(dir, 'idx.sqlite'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'out.jsonl'))).toBe(false);
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

test('--index redis://: unreachable Redis is an error (exit 4), no output is committed', async () => {
  const dir = corpora();
  fs.writeFileSync(path.join(dir, 'out.jsonl'), 'previous\n');
  const port = await closedPort();
  const r = await runCliAsync(['a.jsonl', '--index', `redis://127.0.0.1:${port}/0`, '-o', 'out.jsonl'], { cwd: dir });
  expect(r.code).toBe(4);
  expect(r.stderr).toMatch(/Redis dedup index redis:\/\/127\.0\.0\.1:\d+\/0 is unreachable/);
  expect(r.stderr).toMatch(/nothing was written/);
  expect(fs.readFileSync(path.join(dir, 'out.jsonl'), 'utf8')).toBe('previous\n');
  expect(fs.existsSync(path.join(dir, 'out.rejects.jsonl'))).toBe(false);
});

const haveRedis = redisServerPath() !== null;
if (!haveRedis) console.warn('redis-server is not installed: skipping the --index redis:// CLI tests');
(haveRedis ? describe : describe.skip)('--index with a shared Redis', () => {
  let server: RedisServer | null = null;
  beforeAll(async () => {
    server = await startRedis();
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('a second run (another worker) deduplicates against the first', async () => {
    const dir = corpora();
    const url = `${server!.url}?ns=cli${process.pid}`;
    const r1 = await runCliAsync(['a.jsonl', '--index', url, '-o', 'out1.jsonl'], { cwd: dir });
    expect(r1.code).toBe(0);
    const r2 = await runCliAsync(['b.jsonl', '--index', url, '-o', 'out2.jsonl', '--jobs', '2'], { cwd: dir });
    expect(r2.stderr).not.toMatch(/index error|internal error/);
    expect(r2.code).toBe(0);
    expectRun2(dir, 'out2');
    // another namespace is another index
    const r3 = await runCliAsync(['b.jsonl', '--index', `${server!.url}?ns=other${process.pid}`, '-o', 'out3.jsonl'], { cwd: dir });
    expect(r3.code).toBe(0);
    expect(parseJsonl(fs.readFileSync(path.join(dir, 'out3.jsonl'), 'utf8')).map((r) => r.id)).toEqual(['b0', 'b1', 'b2']);
  });
});

describe('--index crash safety (issue 6)', () => {
  test('kill -9 mid-run with a SQLite index, rerun the same input: every document is in the output, none kept twice', async () => {
    const dir = tmpDir('index-kill');
    // 3000 documents: 1500 distinct articles, each with one exact copy later in the input
    const uniq = Array.from({ length: 1500 }, (_, i) => ({ id: `u${i}`, text: article(1000 + i) }));
    const docs = [...uniq, ...uniq.map((d) => ({ id: `${d.id}copy`, text: d.text }))];
    fs.writeFileSync(path.join(dir, 'in.jsonl'), jsonl(docs));
    const { spawn } = await import('node:child_process');
    const { BIN } = await import('../helpers/cli.js');
    const child = spawn(process.execPath, [BIN, 'in.jsonl', '--index', 'idx.sqlite', '-o', 'out.jsonl', '--jobs', '1', '-q'], { cwd: dir, stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // kill once batches have been committed (the WAL grows past its first pages)
    const wal = path.join(dir, 'idx.sqlite-wal');
    const t0 = Date.now();
    while (Date.now() - t0 < 20000) {
      if (fs.existsSync(wal) && fs.statSync(wal).size > 200_000) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    expect(await exited).toBeNull(); // killed, not finished
    expect(fs.existsSync(path.join(dir, 'out.jsonl'))).toBe(false);

    const r2 = await runCliAsync(['in.jsonl', '--index', 'idx.sqlite', '-o', 'out.jsonl', '--jobs', '1', '--json'], { cwd: dir });
    expect(r2.stderr).not.toMatch(/index error|internal error/);
    expect(r2.code).toBe(0);
    const kept = parseJsonl(fs.readFileSync(path.join(dir, 'out.jsonl'), 'utf8'));
    const rejects = parseJsonl(fs.readFileSync(path.join(dir, 'out.rejects.jsonl'), 'utf8'));
    expect(kept.map((r) => r.id)).toEqual(uniq.map((d) => d.id));
    expect(rejects.length).toBe(uniq.length);
    for (const r of rejects) expect(r.duplicate_of).toBe(String(r.id).replace(/copy$/, ''));
    const st = JSON.parse(runCli(['index', 'stats', 'idx.sqlite', '--json'], { cwd: dir }).stdout) as Record<string, unknown>;
    expect(st).toMatchObject({ members: docs.length, sessions: 1, unfinishedSessions: 0, collectedSessions: 1 });
    expect(runCli(['index', 'verify', 'idx.sqlite'], { cwd: dir }).code).toBe(0);
    // a third run of the same input: everything is now a duplicate of run 2
    const r3 = await runCliAsync(['in.jsonl', '--index', 'idx.sqlite', '-o', 'out3.jsonl', '--jobs', '1'], { cwd: dir });
    expect(r3.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'out3.jsonl'), 'utf8')).toBe('');
  }, 60000);
});
