/**
 * CLI tests: spawn the built CLI (`npm run build` first; `npm test` runs it in pretest).
 * Independent runs are started together in beforeAll and awaited once, to keep the file fast.
 */
import { describe, test, expect, beforeAll } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { RULES } from '../../src/rules/index.js';
import { REPO, runCliAsync, tmpDir, writeTree, parseJsonl, type CliResult } from '../helpers/cli.js';
import { page } from '../helpers/clean.js';
import { EN, DE, ZH } from '../helpers/fixtures.js';

const PKG = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { version: string };
const ANSI = /\u001b\[/;

const PAGE_EN = page(['Home', 'News', 'Sport', 'Business', 'Culture', ...EN, '© 2024 Example Gazette', 'Privacy Policy'], {
  title: 'Harbour bridge reopens | Example Gazette',
  url: 'https://gazette.example/news/2024/03/08/bridge',
  date: '2024-03-08',
});
const PAGE_DE = page(['Startseite » Backen » Sauerteig', ...DE, 'Impressum', 'Datenschutz'], { title: 'Sauerteig im Winter', url: 'https://brot.example/sauerteig' });
const PAGE_ZH = page(['首页 > 新闻 > 正文', ...ZH, '暂时没有评论', '-我已经到底线啦-'], { title: '青石镇老街改造完工', url: 'https://news.example/a/202405/20/x.html' });
// JSONL texts distinct from the pages (dedup would rightly pair identical cleaned texts).
const J1 =
  'The night ferry to the islands will run twice a week from May, the operator said on Monday, after a trial last autumn carried more passengers than expected and the harbour master agreed to keep the quay open later.';
const J2 =
  'Der Wochenmarkt zieht im Sommer vom Rathausplatz an das Flussufer, weil auf dem Platz die Bühne für das Stadtfest aufgebaut wird und die Händler dort unter den alten Kastanien ohnehin mehr Schatten finden.';
const JSONL =
  [
    JSON.stringify({ id: 'doc-1', text: J1, url: 'https://j.example/1', lang: 'en', crawl: { at: '2024-01-01' } }),
    '',
    JSON.stringify({ id: 'doc-2', text: J2, source_site: 'markt' }),
  ].join('\n') + '\n';

let work: string;
const r: Record<string, CliResult> = {};

beforeAll(async () => {
  work = tmpDir('cli');
  // A corpus: nested folders, a JSONL file, a file the default glob skips.
  const corpus = {
    'en/bridge.txt': PAGE_EN,
    'de/blog/sauerteig.txt': PAGE_DE,
    'zh.txt': PAGE_ZH,
    'batch.jsonl': JSONL,
    'notes.md': 'not an input (glob)',
  };
  writeTree(path.join(work, 'corpus'), corpus);
  // The harness corpus adds an exact duplicate page (kept with --keep-duplicates).
  writeTree(path.join(work, 'harness'), { ...corpus, 'en/bridge-copy.txt': PAGE_EN });
  // Bad inputs next to good ones.
  writeTree(path.join(work, 'bad'), {
    'good.txt': PAGE_EN,
    'empty.txt': '',
    'binary.txt': Buffer.from(Array.from({ length: 2048 }, (_, k) => (k * 7919) % 256)),
    'invalid.txt': Buffer.concat([Buffer.from('Title: x\n\nGr'), Buffer.from([0xfc, 0xdf, 0xff, 0xfe, 0xfa, 0x80, 0x81, 0xc0, 0xaf]), Buffer.from(' kaputt\n')]),
    'lines.jsonl': '{"id": "ok-1", "text": "' + EN[0] + '"}\n{"id": "broken", "text": \n{"id": "ok-3", "text": "' + EN[1] + '"}\n',
  });
  fs.mkdirSync(path.join(work, 'nothing-here'));
  fs.writeFileSync(path.join(work, 'nothing-here', 'readme.md'), 'no inputs');
  writeTree(path.join(work, 'cfg'), {
    'invalid.json': JSON.stringify({ rules: { 'widgets/share': { enabled: 'yes' } } }),
    'good.json': JSON.stringify({ groupBy: 'dir', rules: { 'widgets/share': { enabled: false }, 'boilerplate/menu-run': { minRun: 5 } } }),
  });
  const C = (p: string) => path.join(work, p);
  const runs: Record<string, Promise<CliResult>> = {
    help: runCliAsync(['--help']),
    version: runCliAsync(['--version']),
    rules: runCliAsync(['rules']),
    stdout: runCliAsync([C('corpus'), '--quiet']),
    harness: runCliAsync([C('harness'), '--output', C('out/all.jsonl'), '--keep-duplicates']),
    dir: runCliAsync([C('corpus'), '--output', C('outdir') + '/']),
    // No NO_COLOR here: stderr is not a TTY, which alone must turn colour off.
    stdinExplain: runCliAsync(['-', '--explain'], { input: PAGE_ZH, env: { NO_COLOR: undefined } }),
    bad: runCliAsync([C('bad'), C('missing.txt'), C('nothing-here'), '--output', C('bad-out.jsonl')]),
    unknownOption: runCliAsync([C('corpus'), '--frobnicate']),
    invalidConfig: runCliAsync([C('corpus'), '--config', C('cfg/invalid.json')]),
    printConfig: runCliAsync(['--print-config', '--config', C('cfg/good.json')]),
  };
  await Promise.all(Object.entries(runs).map(async ([k, p]) => (r[k] = await p)));
}, 60000);

describe('help, version, rules', () => {
  test('--help shows usage and examples, exit 0', () => {
    expect(r.help!.code).toBe(0);
    expect(r.help!.stdout).toMatch(/Usage: seed-clean/);
    expect(r.help!.stdout).toMatch(/Examples:/);
    expect(r.help!.stdout).toContain('--output');
    expect(r.help!.stdout).toContain('--explain');
    expect(r.help!.stdout).toMatch(/Exit codes/);
  });

  test('--version prints the package version', () => {
    expect(r.version!.code).toBe(0);
    expect(r.version!.stdout.trim()).toBe(PKG.version);
  });

  test('rules lists every registry id with its description', () => {
    expect(r.rules!.code).toBe(0);
    const listed = r.rules!.stdout
      .trim()
      .split('\n')
      .map((l) => l.split(/\s+/)[0]);
    expect(listed).toEqual(RULES.map((x) => x.id));
    for (const rule of RULES) expect(r.rules!.stdout).toContain(rule.description);
  });
});

describe('outputs', () => {
  test('stdout is JSONL by default: one record per document, in input path order', () => {
    expect(r.stdout!.code).toBe(0);
    expect(r.stdout!.stderr).toBe('');
    const recs = parseJsonl(r.stdout!.stdout);
    expect(recs.map((x) => (x.source as { path: string; line?: number }).path + ((x.source as { line?: number }).line ? `:${(x.source as { line: number }).line}` : ''))).toEqual([
      'batch.jsonl:1',
      'batch.jsonl:3',
      'de/blog/sauerteig.txt',
      'en/bridge.txt',
      'zh.txt',
    ]);
    for (const line of r.stdout!.stdout.trimEnd().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
  });

  test('harness call: --output file.jsonl --keep-duplicates writes one record per input document', () => {
    expect(r.harness!.code).toBe(0);
    const recs = parseJsonl(fs.readFileSync(path.join(work, 'out/all.jsonl'), 'utf8'));
    expect(recs).toHaveLength(6);
    expect(r.harness!.stdout).toBe('');
    expect(r.harness!.stderr).toMatch(/6 documents\b.*, 0 errors/);
    const en = recs.filter((x) => (x.source as { path: string }).path.startsWith('en/'));
    expect(en).toHaveLength(2);
    expect(en[0]!.text).toBe(en[1]!.text);
    expect(en[0]!.text).toBe(EN.join('\n'));
    const zh = recs.find((x) => (x.source as { path: string }).path === 'zh.txt')!;
    expect(zh.text).toBe(ZH.join('\n'));
    expect(zh.language).toBe('zh');
  });

  test('JSONL input keeps its id and carries other fields into metadata', () => {
    const recs = parseJsonl(fs.readFileSync(path.join(work, 'out/all.jsonl'), 'utf8'));
    const d1 = recs.find((x) => x.id === 'doc-1')!;
    const d2 = recs.find((x) => x.id === 'doc-2')!;
    expect(d1.source).toEqual({ path: 'batch.jsonl', line: 1 });
    expect(d1.url).toBe('https://j.example/1');
    expect(d1.host).toBe('j.example');
    expect(d1.metadata).toEqual({ lang: 'en', crawl: { at: '2024-01-01' } });
    expect(d2.source).toEqual({ path: 'batch.jsonl', line: 3 });
    expect(d2.metadata).toEqual({ source_site: 'markt' });
    expect(d1.text).toBe(J1);
    expect(d2.text).toBe(J2);
  });

  test('--output dir/ writes one pretty .json per input, mirroring subfolders', () => {
    expect(r.dir!.code).toBe(0);
    const out = path.join(work, 'outdir');
    const files: string[] = [];
    const walk = (d: string, rel: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name), rel + e.name + '/');
        else files.push(rel + e.name);
      }
    };
    walk(out, '');
    // Only the .json records are checked (a rejects file for duplicates may sit next to them).
    expect(files.filter((f) => f.endsWith('.json')).sort()).toEqual(['batch.L1.json', 'batch.L3.json', 'de/blog/sauerteig.json', 'en/bridge.json', 'zh.json']);
    const raw = fs.readFileSync(path.join(out, 'de/blog/sauerteig.json'), 'utf8');
    expect(raw).toMatch(/^\{\n {2}"id"/);
    const rec = JSON.parse(raw) as { source: unknown; text: string };
    expect(rec.source).toEqual({ path: 'de/blog/sauerteig.txt' });
    expect(rec.text).toBe(DE.join('\n'));
  });

  test('- reads stdin; --explain marks every line (plain text without a TTY / with NO_COLOR)', () => {
    const x = r.stdinExplain!;
    expect(x.code).toBe(0);
    const recs = parseJsonl(x.stdout);
    expect(recs).toHaveLength(1);
    expect(recs[0]!.source).toEqual({ path: '-' });
    expect(recs[0]!.text).toBe(ZH.join('\n'));
    expect(x.stderr).not.toMatch(ANSI);
    expect(x.stderr).toMatch(/^== - /m);
    expect(x.stderr).toMatch(/^\s+5 drop\s+首页 > 新闻 > 正文\s+\[boilerplate\/breadcrumb: /m);
    expect(x.stderr).toMatch(/^\s+6 keep\s+历时一年半/m);
    expect(x.stderr).toMatch(/^\s+9 drop\s+暂时没有评论\s+\[widgets\/comments: /m);
    expect(x.stderr).toMatch(/^\s+10 drop\s+-我已经到底线啦-\s+\[widgets\/end-of-feed: /m);
    expect(x.stderr.match(/^\s+\d+ (keep|drop)/gm)).toHaveLength(6);
  });
});

describe('bad input', () => {
  test('each bad input gives one clear stderr line naming the file (and line); exit 1; good documents still written', () => {
    const x = r.bad!;
    expect(x.code).toBe(1);
    expect(x.stderr).not.toMatch(ANSI); // NO_COLOR=1 (set by runCliAsync)
    const errs = x.stderr.split('\n').filter((l) => /^seed-clean: error /.test(l));
    const expectOne = (re: RegExp) => expect([re.source, errs.filter((l) => re.test(l)).length]).toEqual([re.source, 1]);
    expectOne(/missing\.txt: no such file or directory/);
    expectOne(/nothing-here: no input files in directory/);
    expectOne(/empty\.txt: empty file/);
    expectOne(/binary\.txt: binary file/);
    expectOne(/invalid\.txt: invalid UTF-8/);
    expectOne(/lines\.jsonl:2: malformed JSON/);
    expect(errs).toHaveLength(6);
    expect(x.stderr).toMatch(/3 documents\b.*, 6 errors/);
    const recs = parseJsonl(fs.readFileSync(path.join(work, 'bad-out.jsonl'), 'utf8'));
    expect(recs.map((x) => x.id ?? x.source)).toEqual(expect.arrayContaining(['ok-1', 'ok-3']));
    expect(recs).toHaveLength(3);
    expect(recs.find((x) => (x.source as { path: string }).path === 'good.txt')!.text).toBe(EN.join('\n'));
  });

  test('unknown option: exit 2 with a message', () => {
    expect(r.unknownOption!.code).toBe(2);
    expect(r.unknownOption!.stderr).toMatch(/unknown option '--frobnicate'/);
    expect(r.unknownOption!.stdout).toBe('');
  });
});

describe('config', () => {
  test('an invalid config file: exit 2 naming the file and the key path, nothing written', () => {
    expect(r.invalidConfig!.code).toBe(2);
    expect(r.invalidConfig!.stderr).toMatch(/invalid\.json: rules\.widgets\/share\.enabled must be a boolean/);
    expect(r.invalidConfig!.stdout).toBe('');
  });

  test('--print-config prints the resolved configuration as JSON', () => {
    expect(r.printConfig!.code).toBe(0);
    const cfg = JSON.parse(r.printConfig!.stdout) as { groupBy: string; rules: Record<string, unknown> };
    expect(cfg.groupBy).toBe('dir');
    expect(cfg.rules).toEqual({ 'widgets/share': { enabled: false }, 'boilerplate/menu-run': { minRun: 5 } });
  });
});
