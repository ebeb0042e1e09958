/**
 * --jobs N must not change the output: the same corpus cleaned with 1 and 2 worker threads gives
 * byte-identical records, rejects and error order. Spawns the built CLI (pretest builds dist/).
 * The corpus is synthetic: several hosts sharing template lines (site-template learning goes
 * through the workers' snapshot), near and exact copies (dedup), and a broken JSONL line in the
 * middle (error events keep their place).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workersCompileInline } from '../../src/core/parallel.js';
import { runCorpus, type RunEvent, type RunOptions } from '../../src/core/run.js';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const BIN = path.join(ROOT, 'bin/seed-clean.js');

function corpus(n: number): string {
  const lines: string[] = [];
  const words = ['river', 'market', 'council', 'weather', 'school', 'bridge', 'garden', 'festival', 'railway', 'harbour'];
  for (let i = 0; i < n; i++) {
    const host = `site${i % 7}.example`;
    const w = (k: number): string => words[(i * 7 + k * 3 + Math.floor(i / 10) * k) % words.length]! + (((i * 31 + k * 17) % 97).toString(36));
    const body = [
      'Home | News | Sport | Contact',
      `Welcome to ${host}`,
      `The ${w(1)} report ${i % 50} was discussed on Monday by the local ${w(2)} committee, which met in the town hall for the ${w(3)} of the year.`,
      `Residents said that the ${w(4)} and the ${w(5)} had changed a lot since ${1990 + (i % 30)}, and that they would like more information about it.`,
      i % 3 === 0 ? 'Share on Facebook' : `Published 1${i % 9}.0${(i % 8) + 1}.2021`,
      '© 2021 Example Media. All rights reserved.',
    ].join('\n');
    lines.push(JSON.stringify({ id: `d${String(i).padStart(5, '0')}`, url: `https://${host}/news/${i}`, title: `Report ${i % 50} | ${host}`, text: body }));
    if (i === Math.floor(n / 2)) lines.push('{"id": "broken", "text": ');
  }
  return lines.join('\n') + '\n';
}

function run(dir: string, jobs: number, extra: string[] = []): { out: Buffer; rejects: Buffer | null; stderr: string; code: number | null } {
  const out = path.join(dir, `out-${jobs}${extra.join('')}.jsonl`);
  const r = spawnSync(process.execPath, [BIN, path.join(dir, 'corpus.jsonl'), '--output', out, '--jobs', String(jobs), '--no-color', ...extra], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  const rej = out.replace(/\.jsonl$/, '.rejects.jsonl');
  return { out: fs.readFileSync(out), rejects: fs.existsSync(rej) ? fs.readFileSync(rej) : null, stderr: r.stderr.replace(/in [\d.]+s/, '').replace(/^ +speed .*$/m, '').replace(/out-\d+/g, 'out'), code: r.status };
}

describe('--jobs', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-jobs-'));
    fs.writeFileSync(path.join(dir, 'corpus.jsonl'), corpus(400));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('jobs 1 and 2 give byte-identical output, rejects and errors (dedup on)', () => {
    const a = run(dir, 1);
    const b = run(dir, 2);
    expect(a.code).toBe(1); // the broken line
    expect(b.code).toBe(a.code);
    expect(a.out.length).toBeGreaterThan(0);
    expect(b.out.equals(a.out)).toBe(true);
    expect(b.rejects?.equals(a.rejects!)).toBe(true);
    expect(b.stderr).toBe(a.stderr);
  }, 120_000);

  test('jobs 1 and 2 give byte-identical output (clean only)', () => {
    const a = run(dir, 1, ['--no-dedup']);
    const b = run(dir, 2, ['--no-dedup']);
    expect(a.out.toString().split('\n').length).toBeGreaterThan(400);
    expect(b.out.equals(a.out)).toBe(true);
    // the summary (per-rule table) comes from the workers' digests with --jobs 2
    expect(a.stderr).toMatch(/removed by rule/);
    expect(b.stderr).toBe(a.stderr);
  }, 120_000);

  test('bad --jobs is a usage error', () => {
    const r = spawnSync(process.execPath, [BIN, path.join(dir, 'corpus.jsonl'), '--jobs', '0'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--jobs/);
  });
});

describe('workersCompileInline', () => {
  test('workers compile on their own thread only when no core is left idle', () => {
    expect(workersCompileInline(2, 2)).toBe(true);
    expect(workersCompileInline(3, 2)).toBe(true);
    expect(workersCompileInline(2, 4)).toBe(false);
    expect(workersCompileInline(4, 4)).toBe(true);
  });
});

describe('--jobs 2 keeps records and errors in input order', () => {
  // Broken lines in the first batch, two in a row, at the very end, and a Latin-1 line (not UTF-8:
  // decoded by the legacy-encoding path) among UTF-8 ones.
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-raw-'));
    const lines = corpus(400).trimEnd().split('\n').filter((l) => !l.includes('"broken"'));
    const broken = (k: number): string => (k % 2 === 0 ? `{"id": "broken${k}", "text": ` : `["not", "an", "object", ${k}]`);
    for (const at of [3, 130, 131, 260]) lines.splice(at, 0, broken(at));
    const chunks: Buffer[] = lines.map((l) => Buffer.from(l + '\n', 'utf8'));
    chunks.splice(150, 0, Buffer.from(JSON.stringify({ id: 'latin1', url: 'https://site1.example/x', text: 'Caf\u00e9 cr\u00e8me \u00e0 la gare.\nAu revoir.' }) + '\n', 'latin1'));
    chunks.push(Buffer.from(broken(401) + '\n'));
    file = path.join(dir, 'corpus.jsonl');
    fs.writeFileSync(file, Buffer.concat(chunks));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Every event, in order, as one line: records by id, errors by line, serialized batches by their records' ids. */
  async function events(opts: RunOptions): Promise<string[]> {
    const out: string[] = [];
    for await (const e of runCorpus([file], opts) as AsyncGenerator<RunEvent>) {
      // (a run without workers gives record events even when serialized output is asked for)
      if (e.kind === 'record') out.push(`record ${e.record.id}`);
      else if (e.kind === 'error') out.push(`error ${e.line} ${e.message}`);
      else if (e.kind === 'jsonl') for (const l of Buffer.from(e.jsonl).toString('utf8').trimEnd().split('\n')) out.push(`record ${JSON.parse(l).id}`);
    }
    return out;
  }

  test('records and errors come in input order, as with --jobs 1 (records, serialized, dedup)', async () => {
    const variants: RunOptions[] = [{}, { serialized: true }, { dedup: {} }];
    for (const opts of variants) {
      const one = await events({ ...opts, jobs: 1 });
      const two = await events({ ...opts, jobs: 2 });
      expect(two).toEqual(one);
      expect(one.filter((l) => l.startsWith('error')).length).toBe(5);
      expect(one.some((l) => l.startsWith('record latin1'))).toBe(true);
    }
  }, 120_000);
});
