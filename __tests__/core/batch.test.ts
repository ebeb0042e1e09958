/**
 * Record batches (core/batch.ts): the JSONL bytes workers send must be exactly what writing the
 * records one by one writes, and the digest what the summary collects from the records.
 * runCorpus with `serialized` and `jobs: 2` must give the same records as one thread.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { recordBatch, parseBatch, emptyDigest, digestRecord, mergeDigest, dedupText } from '../../src/core/batch.js';
import { applyDecision, decisionJsonSuffix, runCorpus, spliceDecision, type RunEvent, type RunOptions, type RunSummary } from '../../src/core/run.js';
import { Sketcher, type DedupDecision } from '../../src/dedup/index.js';
import { SummaryCollector } from '../../src/cli/summary.js';
import type { OutputRecord } from '../../src/types.js';

function record(i: number, text: string, removed: OutputRecord['removed'] = []): OutputRecord {
  return {
    id: `r${i}`,
    source: { path: 'x.jsonl', line: i },
    url: null,
    host: null,
    title: 'T\u00e9st \u2014 \ud83d\ude00',
    title_raw: null,
    site_name: null,
    date: null,
    date_source: null,
    language: null,
    text,
    removed,
    stats: { lines_in: 3, lines_out: 1, chars_in: 40 + i, chars_out: text.length, removed_by_rule: Object.fromEntries(removed.map((s) => [s.rule, s.lines[1] - s.lines[0] + 1])), lines_normalized: 0, body_start_line: 1 },
    metadata: { note: 'line\nbreak', lone: '\ud800x', n: -0, '2': 'two' },
  };
}

test('recordBatch: UTF-8 JSONL bytes identical to JSON.stringify per record; digest as the collector', async () => {
  const sketcher = await Sketcher.create({});
  const recs = [
    record(1, 'plain ascii'),
    record(2, '中文内容，全角。\nsecond line', [{ rule: 'a/b', reason: 'r', lines: [2, 3], text: 'x\nyz' }]),
    record(3, '', [{ rule: 'c/d', reason: 'r', lines: [1, 1], text: 'Ünïcödé \ud83d\ude00' }, { rule: 'a/b', reason: 'r', lines: [2, 2], text: 'q' }]),
  ];
  const b = recordBatch(recs, sketcher);
  const expected = Buffer.from(recs.map((r) => JSON.stringify(r) + '\n').join(''), 'utf8');
  expect(Buffer.from(b.jsonl).equals(expected)).toBe(true);
  expect(b.jsonl.byteOffset).toBe(0);
  expect(b.jsonl.buffer.byteLength).toBe(b.jsonl.byteLength);
  expect(parseBatch(b.jsonl)).toEqual(JSON.parse(JSON.stringify(recs)));
  expect(b.ids).toEqual(['r1', 'r2', 'r3']);
  // each record's sketch is the sketch of what dedup is fed for it (an emptied record: its body's hash)
  expect(b.sketches).toEqual(recs.map((r) => sketcher.sketch(dedupText(r))));
  expect(dedupText(recs[2]!)).toMatch(/^emptied [0-9a-f]{40}$/);
  expect(b.sketchKey).toBe(sketcher.key);
  const c = new SummaryCollector();
  for (const r of recs) c.add(r);
  expect(b.digest.linesByRule).toEqual(c.linesByRule);
  expect(b.digest.charsByRule).toEqual(c.charsByRule);
  expect(b.digest).toMatchObject({ docs: 3, emptied: 1, charsIn: 126, charsOut: recs[0]!.text.length + recs[1]!.text.length });
  expect(recordBatch(recs, null).ids).toBeNull();
  // merging digests of any split gives the digest of the whole
  const whole = emptyDigest();
  for (const r of recs) digestRecord(whole, r);
  const merged = emptyDigest();
  mergeDigest(merged, recordBatch(recs.slice(0, 1), null).digest);
  mergeDigest(merged, recordBatch(recs.slice(1), null).digest);
  expect(merged).toEqual(whole);
  expect(recordBatch([], null).jsonl.byteLength).toBe(0);
});

test('spliceDecision: the spooled JSON with the decision spliced in is JSON.stringify of the applied record', () => {
  const base: DedupDecision = { ordinal: 0, id: 'r1', kept: true, clusterId: 'r1', duplicateOf: null, similarity: null, method: null, comparedWith: null, clusterSize: 1 };
  const decisions: DedupDecision[] = [
    base,
    { ...base, clusterSize: 4 },
    { ...base, kept: false, clusterId: 'c\u00e9 "q" \ud83d\ude00', duplicateOf: 'k\\1\n', similarity: 1, method: 'exact', comparedWith: 'k' },
    { ...base, kept: false, clusterId: 'c', duplicateOf: 'k', similarity: 0.734562, method: 'minhash', comparedWith: 'k' },
    { ...base, kept: false, clusterId: 'c', duplicateOf: 'k', similarity: 0.55, method: 'minhash', comparedWith: 'k' },
    { ...base, kept: false, clusterId: 'c', duplicateOf: 'k', similarity: null, method: null, comparedWith: null },
  ];
  const recs = [record(1, 'plain'), record(2, '中文 \ud800 x'), record(3, '')];
  for (const r of recs) {
    for (const d of decisions) {
      const line = Buffer.from(JSON.stringify(r), 'utf8');
      const applied = JSON.parse(JSON.stringify(r)) as OutputRecord;
      applyDecision(applied, d);
      const expected = JSON.stringify(applied) + '\n';
      expect(Buffer.from(spliceDecision(line, d)).toString('utf8')).toBe(expected);
      expect(decisionJsonSuffix(d).endsWith('}\n')).toBe(true);
    }
  }
  expect(() => spliceDecision(Buffer.from('[1]'), base)).toThrow(/not a JSON object/);
});

describe('runCorpus with jobs 2', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-batch-'));
    const lines: string[] = [];
    for (let i = 0; i < 300; i++) {
      const host = `h${i % 5}.example`;
      const body = ['Home | News | Contact', `Story ${i} about the river and the bridge, told by the council of ${host} on Monday — «quoted».`, i % 4 === 0 ? '中文的段落，这里有一些内容。' : 'Share on Facebook', '© 2021 Example'].join('\n');
      lines.push(JSON.stringify({ id: `d${i}`, url: `https://${host}/n/${i}`, title: `Story ${i} | ${host}`, text: body }));
    }
    fs.writeFileSync(path.join(dir, 'c.jsonl'), lines.join('\n') + '\n');
    // with exact and near copies, for dedup
    for (let i = 0; i < 40; i++) {
      const src = JSON.parse(lines[i * 7]!) as { text: string; url: string; title: string };
      const text = i % 2 === 0 ? src.text : src.text.replace('Monday', 'Tuesday');
      lines.push(JSON.stringify({ id: `copy${i}`, url: src.url + '?copy', title: src.title, text }));
    }
    fs.writeFileSync(path.join(dir, 'd.jsonl'), lines.join('\n') + '\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function collect(opts: RunOptions): Promise<RunEvent[]> {
    const out: RunEvent[] = [];
    for await (const e of runCorpus([path.join(dir, 'c.jsonl')], opts) as AsyncGenerator<RunEvent>) out.push(e);
    return out;
  }

  test('records (plain and serialized) are those of one thread', async () => {
    const one = await collect({ jobs: 1 });
    const two = await collect({ jobs: 2 });
    const ser = await collect({ jobs: 2, serialized: true });
    const records = one.flatMap((e) => (e.kind === 'record' ? [e.record] : []));
    expect(records.length).toBe(300);
    expect(two.flatMap((e) => (e.kind === 'record' ? [e.record] : []))).toEqual(records);
    const bytes = Buffer.concat(ser.flatMap((e) => (e.kind === 'jsonl' ? [e.jsonl] : e.kind === 'record' ? [Buffer.from(JSON.stringify(e.record) + '\n')] : [])));
    expect(bytes.toString('utf8')).toBe(records.map((r) => JSON.stringify(r) + '\n').join(''));
    expect(ser.some((e) => e.kind === 'jsonl')).toBe(true);
    const c = new SummaryCollector();
    for (const r of records) c.add(r);
    const s = new SummaryCollector();
    for (const e of ser) if (e.kind === 'jsonl') s.addDigest(e.digest);
    else if (e.kind === 'record') s.add(e.record);
    expect(s.linesByRule).toEqual(c.linesByRule);
    expect(s.charsByRule).toEqual(c.charsByRule);
  }, 60_000);

  test('this thread cleans batches too once the workers are saturated: records of jobs 2 and 3 are those of one thread', async () => {
    // many small batches: with one worker (jobs 2) this thread takes batches as soon as the worker
    // holds LOCAL_AFTER_BACKLOG of them (a worker starts in ~0.3 s, this thread reads in ms)
    const file = path.join(dir, 'many.jsonl');
    const src = fs.readFileSync(path.join(dir, 'c.jsonl'), 'utf8').trimEnd().split('\n');
    const lines: string[] = [];
    for (let k = 0; k < 4; k++) for (const l of src) lines.push(l.replace(/"id":"d/, `"id":"r${k}-d`).replace('Story ', `Story ${k}-`));
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const run = async (opts: RunOptions): Promise<{ records: string[]; summary: RunSummary }> => {
      const records: string[] = [];
      const it = runCorpus([file], opts) as AsyncGenerator<RunEvent, RunSummary>;
      for (;;) {
        const n = await it.next();
        if (n.done) return { records, summary: n.value };
        if (n.value.kind === 'record') records.push(JSON.stringify(n.value.record));
        if (n.value.kind === 'jsonl') records.push(...Buffer.from(n.value.jsonl).toString('utf8').trimEnd().split('\n'));
      }
    };
    const one = await run({ jobs: 1 });
    expect(one.records.length).toBe(1200);
    expect(one.summary.batches).toBeNull();
    for (const opts of [{ jobs: 2 }, { jobs: 2, serialized: true }, { jobs: 3, serialized: true }, { jobs: 2, serialized: true, dedup: {} }]) {
      const r = await run(opts);
      expect(r.records).toEqual(opts.dedup ? (await run({ jobs: 1, serialized: true, dedup: {} })).records : one.records);
      expect(r.summary.batches!.here).toBeGreaterThan(0);
      expect(r.summary.batches!.workers).toBeGreaterThan(0);
    }
  }, 120_000);

  test('with dedup, serialized records (spliced decisions) are the bytes of the record events', async () => {
    const file = path.join(dir, 'd.jsonl');
    const run = async (opts: RunOptions): Promise<RunEvent[]> => {
      const out: RunEvent[] = [];
      for await (const e of runCorpus([file], { dedup: {}, ...opts }) as AsyncGenerator<RunEvent>) out.push(e);
      return out;
    };
    const plain = await run({ jobs: 1 });
    const records = plain.flatMap((e) => (e.kind === 'record' ? [e] : []));
    expect(records.length).toBe(340);
    expect(records.filter((e) => e.dropped).length).toBeGreaterThanOrEqual(20);
    const c = new SummaryCollector();
    for (const e of records) c.add(e.record);
    for (const jobs of [1, 2]) {
      const ser = await run({ jobs, serialized: true });
      const lines = ser.flatMap((e) => (e.kind === 'jsonl' ? [e] : []));
      expect(lines.length).toBe(340);
      expect(ser.length).toBe(340);
      expect(lines.map((e) => Buffer.from(e.jsonl).toString('utf8'))).toEqual(records.map((e) => JSON.stringify(e.record) + '\n'));
      expect(lines.map((e) => e.dropped)).toEqual(records.map((e) => e.dropped));
      const s = new SummaryCollector();
      for (const e of lines) s.addDigest(e.digest);
      expect(s.linesByRule).toEqual(c.linesByRule);
      expect(s.charsByRule).toEqual(c.charsByRule);
      expect(lines.reduce((n, e) => n + e.digest.docs, 0)).toBe(340);
    }
  }, 60_000);
});
