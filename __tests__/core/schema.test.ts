import { describe, test, expect, beforeAll } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020Import from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
import { runCorpus, type RunEvent } from '../../src/core/run.js';
import type { OutputRecord } from '../../src/types.js';
import { RULES } from '../../src/rules/index.js';
import { rebuildBody } from '../helpers/clean.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CASES = path.join(REPO, 'seeds', 'cases');
const SCHEMA = JSON.parse(fs.readFileSync(path.join(REPO, 'schema', 'record.schema.json'), 'utf8')) as object;

// ajv is CommonJS: under ESM the default import is module.exports (the class) or, through
// transpiled interop, an object whose .default is the class.
type AjvCtor = new (opts?: object) => { compile(schema: object): ValidateFunction };
const Ajv2020 = ((Ajv2020Import as unknown as { default?: AjvCtor }).default ?? Ajv2020Import) as unknown as AjvCtor;

let validate: ValidateFunction;

async function recordsOf(paths: string[]): Promise<OutputRecord[]> {
  const out: OutputRecord[] = [];
  const gen = runCorpus(paths, { withDetails: true });
  for (;;) {
    const step = await gen.next();
    if (step.done) break;
    const ev: RunEvent = step.value;
    if (ev.kind === 'record') {
      const r = JSON.parse(JSON.stringify(ev.record)) as OutputRecord;
      // Kept + removed lines rebuild the body (removed verbatim, kept in display form).
      const lines = ev.details!.lines;
      const rebuilt = rebuildBody(r, lines[0]?.lineNo ?? 1, lines.length);
      expect(rebuilt.lines).toEqual(lines.map((l, i) => (rebuilt.kept[i] ? l.text : l.raw)));
      out.push(r);
    }
    else if (ev.kind === 'error') throw new Error(`input error ${ev.path}: ${ev.message}`);
  }
  return out;
}

function expectValid(r: unknown): void {
  const ok = validate(r);
  if (!ok) throw new Error(`${(r as OutputRecord).source?.path}: ${JSON.stringify(validate.errors, null, 1)}`);
}

beforeAll(() => {
  validate = new Ajv2020({ allErrors: true, strict: true }).compile(SCHEMA);
});

describe('schema/record.schema.json', () => {
  test('every record from the seed and from every golden input validates (and rebuilds its body)', async () => {
    const inputs = [path.join(REPO, 'seeds', '000_d9bfca2f8f6a8f4a.txt')];
    for (const d of fs.readdirSync(CASES, { withFileTypes: true })) {
      if (d.isDirectory() && fs.existsSync(path.join(CASES, d.name, 'input'))) inputs.push(path.join(CASES, d.name, 'input'));
    }
    expect(inputs.length).toBeGreaterThanOrEqual(6);
    const records = await recordsOf(inputs);
    expect(records.length).toBeGreaterThanOrEqual(10);
    const ruleIds = new Set(RULES.map((r) => r.id));
    for (const r of records) {
      expectValid(r);
      for (const s of r.removed) expect(ruleIds.has(s.rule)).toBe(true);
      for (let k = 1; k < r.removed.length; k++) expect(r.removed[k]!.lines[0]).toBeGreaterThan(r.removed[k - 1]!.lines[1]);
    }
  });

  test('the committed golden expected.jsonl records validate', () => {
    let n = 0;
    for (const d of fs.readdirSync(CASES, { withFileTypes: true })) {
      const p = path.join(CASES, d.name, 'expected.jsonl');
      if (!d.isDirectory() || !fs.existsSync(p)) continue;
      for (const line of fs.readFileSync(p, 'utf8').split('\n')) {
        if (line.trim() === '') continue;
        expectValid(JSON.parse(line));
        n++;
      }
    }
    expect(n).toBeGreaterThanOrEqual(10);
  });

  test('the schema rejects malformed records', () => {
    const good = {
      id: 'abc',
      source: { path: 'a.txt' },
      url: null,
      host: null,
      title: null,
      title_raw: null,
      site_name: null,
      date: '2024-01-02',
      date_source: 'header',
      language: 'en',
      text: 'x',
      removed: [{ rule: 'widgets/share', reason: 'r', lines: [3, 4], text: 'a\nb' }],
      stats: { lines_in: 3, lines_out: 1, chars_in: 5, chars_out: 1, removed_by_rule: { 'widgets/share': 2 }, lines_normalized: 0, body_start_line: 1 },
      metadata: {},
    };
    expect(validate(good)).toBe(true);
    const bad: Array<[string, (r: any) => void]> = [
      ['missing text', (r) => delete r.text],
      ['date not ISO', (r) => (r.date = '02.01.2024')],
      ['unknown date_source', (r) => (r.date_source = 'guess')],
      ['lines with 3 items', (r) => (r.removed[0].lines = [1, 2, 3])],
      ['lines with 1 item', (r) => (r.removed[0].lines = [1])],
      ['lines not integers', (r) => (r.removed[0].lines = [1.5, 2])],
      ['line number 0', (r) => (r.removed[0].lines = [0, 1])],
      ['span without rule', (r) => delete r.removed[0].rule],
      ['stats count negative', (r) => (r.stats.lines_out = -1)],
      ['unknown top-level field', (r) => (r.extra = 1)],
      ['source line 0', (r) => (r.source.line = 0)],
      ['title a number', (r) => (r.title = 5)],
      ['stats without body_start_line', (r) => delete r.stats.body_start_line],
      ['normalized entry without raw', (r) => (r.normalized = [{ line: 2 }])],
      ['empty normalized list', (r) => (r.normalized = [])],
    ];
    for (const [name, mutate] of bad) {
      const r = JSON.parse(JSON.stringify(good));
      mutate(r);
      expect([name, validate(r)]).toEqual([name, false]);
    }
  });
});
