/**
 * `seed-clean explain`, `seed-clean diff` and the end-of-run summary, through the built CLI
 * (`npm run build` first; `npm test` runs it in pretest). Runs are started together in beforeAll.
 */
import { describe, test, expect, beforeAll } from '@jest/globals';
import path from 'node:path';
import { runCliAsync, tmpDir, writeTree, type CliResult } from '../helpers/cli.js';
import { page } from '../helpers/clean.js';
import { EN, DE, ZH } from '../helpers/fixtures.js';
import { DEFAULT_OPTIONS } from '../../src/dedup/engine.js';

const ANSI = /\u001b\[/;

const NAV = ['Home', 'News', 'Sport', 'Business', 'Culture'];
const FOOT = ['© 2024 Example Gazette', 'Privacy Policy'];
const PAGE_A = page([...NAV, ...EN, ...FOOT], { title: 'Harbour bridge reopens | Example Gazette', url: 'https://gazette.example/news/bridge', date: '2024-03-08' });
// A near copy: the same article with one paragraph reworded and a line added (other site chrome).
const EN_B = [...EN];
EN_B[EN_B.length - 1] = EN_B[EN_B.length - 1]!.replace(/\b(the|a)\b/, 'one');
const PAGE_B = page(['Start', 'Politics', 'World', ...EN_B, 'Read more stories from the coast in our weekly newsletter, sent every Friday morning.', '© 2024 Coast Daily'], {
  title: 'Bridge reopens | Coast Daily',
  url: 'https://coast.example/2024/bridge',
});
const PAGE_DE = page(['Startseite » Backen » Sauerteig', ...DE, 'Impressum', 'Datenschutz'], { title: 'Sauerteig im Winter', url: 'https://brot.example/sauerteig' });
const PAGE_ZH = page(['首页 > 新闻 > 正文', ...ZH, '暂时没有评论', '-我已经到底线啦-'], { title: '青石镇老街改造完工', url: 'https://news.example/a/202405/20/x.html' });
const JSONL = [JSON.stringify({ id: 'j1', text: EN.join('\n'), url: 'https://j.example/1' }), JSON.stringify({ id: 'j2', text: DE.join('\n') })].join('\n') + '\n';

let work: string;
const r: Record<string, CliResult> = {};
const W = (p: string) => path.join(work, p);

beforeAll(async () => {
  work = tmpDir('explain-diff');
  const site = Object.fromEntries(
    [0, 1, 2].map((i) => [`site/p${i}.txt`, page([...NAV, `Story number ${i}: ${DE[i]}`, ...FOOT], { title: `Story ${i} | Example Gazette`, url: `https://gazette.example/s/${i}` })]),
  );
  writeTree(work, { 'a.txt': PAGE_A, 'b.txt': PAGE_B, 'de.txt': PAGE_DE, 'zh.txt': PAGE_ZH, 'docs.jsonl': JSONL, ...site });
  const runs: Record<string, () => Promise<CliResult>> = {
    // No NO_COLOR: stderr/stdout are pipes, which alone must turn colour off.
    explain: () => runCliAsync(['explain', W('zh.txt')], { env: { NO_COLOR: undefined } }),
    explainJson: () => runCliAsync(['explain', W('a.txt'), '--json']),
    explainLine: () => runCliAsync(['explain', `${W('docs.jsonl')}:2`]),
    explainLineOpt: () => runCliAsync(['explain', W('docs.jsonl'), '--line', '1', '--json']),
    explainBadLine: () => runCliAsync(['explain', `${W('docs.jsonl')}:5`]),
    explainMissing: () => runCliAsync(['explain', W('nope.txt')]),
    diffDup: () => runCliAsync(['diff', W('a.txt'), W('b.txt')]),
    diffDupJson: () => runCliAsync(['diff', W('a.txt'), W('b.txt'), '--json']),
    diffUnrelated: () => runCliAsync(['diff', W('a.txt'), W('de.txt')]),
    diffUnrelatedJson: () => runCliAsync(['diff', W('a.txt'), W('zh.txt'), '--json']),
    diffCjkThreshold: () => runCliAsync(['diff', W('zh.txt'), W('zh.txt'), '--threshold', '0.3', '--json']),
    diffJsonl: () => runCliAsync(['diff', `${W('docs.jsonl')}:1`, W('a.txt'), '--json']),
    summary: () => runCliAsync([W('a.txt'), W('b.txt'), W('de.txt'), W('zh.txt'), W('site'), '--output', W('out/all.jsonl'), '-j', '1']),
    summaryJson: () => runCliAsync([W('a.txt'), W('b.txt'), W('de.txt'), W('site'), '--output', W('out/j.jsonl'), '--json', '-j', '1']),
    summaryQuiet: () => runCliAsync([W('a.txt'), W('de.txt'), '--output', W('out/q.jsonl'), '--quiet']),
  };
  // A few at a time: each run is a node process (a loaded CI machine times out on a dozen at once).
  const queue = Object.entries(runs);
  const worker = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) r[next[0]] = await next[1]();
  };
  await Promise.all([worker(), worker(), worker()]);
}, 120000);

describe('explain', () => {
  test('marks removed lines with their rule, reason and features; plain without a TTY', () => {
    const x = r.explain!;
    expect(x.code).toBe(0);
    expect(x.stdout).not.toMatch(ANSI);
    expect(x.stdout).toMatch(/^== .*zh\.txt {2}青石镇老街改造完工$/m);
    expect(x.stdout).toMatch(/^\s+line\s+verdict\s+class\s+weight\s+stopw\s+text$/m);
    // line 5: the breadcrumb; the next line names the rule and reason
    expect(x.stdout).toMatch(/^\s+5\s+removed\s+\w+\s+\d+\s+\d\.\d\d\s+首页 > 新闻 > 正文\n\s+↳ boilerplate\/breadcrumb: /m);
    expect(x.stdout).toMatch(/^\s+6\s+kept\s+good\s+\d+\s+\d\.\d\d\s+历时一年半/m);
    expect(x.stdout).toMatch(/^\s+9\s+removed\s+.*暂时没有评论\n\s+↳ widgets\/comments: /m);
    expect(x.stdout).toMatch(/↳ widgets\/end-of-feed: .*"lexicon":"end-of-feed"/);
    expect(x.stdout.match(/^\s+\d+\s+(kept|removed)\s/gm)).toHaveLength(6);
    expect(x.stderr).toBe('');
  });

  test('--json: every line with kept/rule/reason/evidence and its features', () => {
    const x = r.explainJson!;
    expect(x.code).toBe(0);
    const e = JSON.parse(x.stdout) as {
      source: { path: string };
      stopword_language: string;
      lines: Array<{ line: number; kept: boolean; text: string; rule: string | null; reason: string | null; features: { class: string; weight: number; stopword_density: number } }>;
    };
    expect(e.source.path).toMatch(/a\.txt$/);
    expect(e.stopword_language).toBe('en');
    expect(e.lines).toHaveLength(NAV.length + EN.length + FOOT.length);
    const home = e.lines.find((l) => l.text === 'Home')!;
    expect(home.kept).toBe(false);
    expect(home.rule).toMatch(/^boilerplate\//);
    expect(home.reason).toBeTruthy();
    expect(home.features.class).toBe('short');
    const prose = e.lines.find((l) => l.text === EN[0])!;
    expect(prose.kept).toBe(true);
    expect(prose.rule).toBeNull();
    expect(prose.features.weight).toBe(EN[0]!.length);
    expect(prose.features.stopword_density).toBeGreaterThan(0.3);
    expect(e.lines.find((l) => l.text === FOOT[0])!.rule).toMatch(/^footer\//);
  });

  test('FILE:LINE and --line pick one JSONL record; a bad line or file is a clear error', () => {
    expect(r.explainLine!.code).toBe(0);
    expect(r.explainLine!.stdout).toMatch(/^== .*docs\.jsonl:2\b/m);
    expect(r.explainLine!.stdout).toContain(DE[0]!.slice(0, 40));
    const one = JSON.parse(r.explainLineOpt!.stdout) as { id: string; source: { line: number } };
    expect(one).toMatchObject({ id: 'j1', source: { line: 1 } });
    expect(r.explainBadLine!.code).toBe(1);
    expect(r.explainBadLine!.stderr).toMatch(/^seed-clean explain: .*docs\.jsonl: no record at line 5 \(records start at lines 1, 2\)/m);
    expect(r.explainMissing!.code).toBe(1);
    expect(r.explainMissing!.stderr).toMatch(/nope\.txt: no such file or directory/);
  });
});

interface DiffJson {
  exact_equal: boolean;
  jaccard: number;
  threshold: number;
  shingles_shared: number;
  a: { scheme: string; shingles: number };
  b: { scheme: string; shingles: number };
  minhash: { estimate: number; bands: number; rows: number; bands_shared: number; min_band_hits: number; candidate_probability: number };
  verdict: { duplicate: boolean; method: string | null; why: string };
  examples: { shared_shingles: string[]; only_a_shingles: string[]; only_b_lines: Array<{ line: number; text: string }> };
}

describe('diff', () => {
  test('near-duplicate pages: duplicate, Jaccard above the threshold, with reasons and examples', () => {
    const x = r.diffDup!;
    expect(x.code).toBe(0);
    expect(x.stdout).not.toMatch(ANSI);
    expect(x.stdout).toMatch(/^exact hash\s+different/m);
    expect(x.stdout).toMatch(/^shingles\s+word 5-grams: A \d+, B \d+, shared \d+/m);
    const j = Number(/^Jaccard\s+([\d.]+)/m.exec(x.stdout)![1]);
    expect(j).toBeGreaterThan(DEFAULT_OPTIONS.threshold);
    expect(x.stdout).toMatch(new RegExp(String.raw`^MinHash\s+estimate [\d.]+ \(100 permutations\); \d+ of ${DEFAULT_OPTIONS.bands} bands shared \(${DEFAULT_OPTIONS.minBandHits} needed\) -> LSH candidate`, 'm'));
    expect(x.stdout).toMatch(new RegExp(String.raw`^LSH\s+P\(candidate\) at J=[\d.]+ with ${DEFAULT_OPTIONS.bands} bands x ${DEFAULT_OPTIONS.rows} rows, ${DEFAULT_OPTIONS.minBandHits} shared: [\d.]+`, 'm'));
    expect(x.stdout).toMatch(new RegExp(`^threshold\\s+${DEFAULT_OPTIONS.threshold}\\b`, "m"));
    expect(x.stdout).toMatch(/^verdict\s+DUPLICATE \(minhash, similarity [\d.]+\)/m);
    expect(x.stdout).toMatch(/^shared e\.g\.\s+"/m);
    expect(x.stdout).toMatch(/^\s+\+ B:\d+\s+Read more stories/m);
  });

  test('--json of the near duplicates parses and agrees', () => {
    const d = JSON.parse(r.diffDupJson!.stdout) as DiffJson;
    expect(d.exact_equal).toBe(false);
    expect(d.a.scheme).toBe('word 5-grams');
    expect(d.jaccard).toBeGreaterThan(d.threshold);
    expect(d.threshold).toBe(DEFAULT_OPTIONS.threshold);
    expect(d.shingles_shared).toBeGreaterThan(0);
    expect(d.shingles_shared).toBeLessThanOrEqual(Math.min(d.a.shingles, d.b.shingles));
    expect(d.minhash).toMatchObject({ bands: DEFAULT_OPTIONS.bands, rows: DEFAULT_OPTIONS.rows, min_band_hits: DEFAULT_OPTIONS.minBandHits });
    expect(d.minhash.bands_shared).toBeGreaterThanOrEqual(d.minhash.min_band_hits);
    expect(d.minhash.candidate_probability).toBeGreaterThan(0.9);
    expect(d.verdict).toMatchObject({ duplicate: true, method: 'minhash' });
    expect(d.examples.shared_shingles.length).toBeGreaterThan(0);
    expect(d.examples.only_b_lines.some((l) => l.text.startsWith('Read more stories'))).toBe(true);
  });

  test('unrelated pages: not duplicates', () => {
    const x = r.diffUnrelated!;
    expect(x.code).toBe(0);
    expect(x.stdout).toMatch(/^verdict\s+NOT duplicates/m);
    expect(Number(/^Jaccard\s+([\d.]+)/m.exec(x.stdout)![1])).toBeLessThan(DEFAULT_OPTIONS.threshold);
    const d = JSON.parse(r.diffUnrelatedJson!.stdout) as DiffJson;
    expect(d.verdict.duplicate).toBe(false);
    expect(d.verdict.why).toMatch(new RegExp(String.raw`^0 of ${DEFAULT_OPTIONS.bands} LSH bands shared \(a candidate needs ${DEFAULT_OPTIONS.minBandHits}\)`));
    expect(d.jaccard).toBe(0);
    expect(d.b.scheme).toBe('CJK character 3-grams');
  });

  test('--threshold is the threshold of CJK pairs too', () => {
    const d = JSON.parse(r.diffCjkThreshold!.stdout) as DiffJson & { a: { scheme: string } };
    expect(d.a.scheme).toBe('CJK character 3-grams');
    expect(d.threshold).toBe(0.3);
    expect(DEFAULT_OPTIONS.cjkThreshold).not.toBe(0.3);
  });

  test('a JSONL record (FILE:LINE) with the same text as a page is an exact duplicate', () => {
    const d = JSON.parse(r.diffJsonl!.stdout) as DiffJson;
    expect(d.exact_equal).toBe(true);
    expect(d.verdict).toMatchObject({ duplicate: true, method: 'exact' });
  });
});

describe('run summary', () => {
  test('the stderr table lists counts, rules with lines and characters, template groups and speed', () => {
    const x = r.summary!;
    expect(x.code).toBe(0);
    const err = x.stderr;
    expect(err).not.toMatch(ANSI);
    expect(err).toMatch(/^seed-clean: 7 documents \(6 kept, 1 duplicate -> .*all\.rejects\.jsonl\), 0 errors, kept [\d.]+% of characters in [\d.]+s$/m);
    expect(err).toMatch(/^\s+in\s+kept\s+duplicates\s+emptied\s+errors$/m);
    expect(err).toMatch(/^\s+documents\s+7\s+6\s+1\s+0\s+0$/m);
    expect(err).toMatch(/^\s+removed by rule\s+lines\s+chars\s+of input$/m);
    expect(err).toMatch(/^\s+boilerplate\/[a-z-]+\s+\d+\s+[\d,]+\s+[\d.]+%$/m);
    expect(err).toMatch(/^\s+widgets\/comments\s+1\s+6\s+[\d.]+%$/m);
    expect(err).toMatch(/^\s+total\s+\d+\s+[\d,]+\s+[\d.]+%$/m);
    expect(err).toMatch(/^\s+template lines by group\s+lines\s+docs\n\s+host:gazette\.example\s+\d+\s+4$/m);
    expect(err).toMatch(/^\s+speed\s+[\d.]+ s, [\d.]+ MB, [\d.]+ MB\/s, \d+ docs\/s$/m);
  });

  test('--json prints the summary fields on stdout; --quiet prints nothing', () => {
    const x = r.summaryJson!;
    expect(x.code).toBe(0);
    const s = JSON.parse(x.stdout) as Record<string, unknown>;
    for (const k of ['documents', 'kept', 'duplicates', 'emptied', 'errors', 'chars_in', 'chars_out', 'lines_removed_by_rule', 'chars_removed_by_rule', 'template_groups', 'seconds', 'mb_per_s', 'docs_per_s']) {
      expect(s).toHaveProperty(k);
    }
    expect(s).toMatchObject({ documents: 6, kept: 5, duplicates: 1, errors: 0 });
    const lines = s.lines_removed_by_rule as Record<string, number>;
    const chars = s.chars_removed_by_rule as Record<string, number>;
    expect(Object.keys(chars)).toEqual(Object.keys(lines));
    expect(Object.values(chars).every((v) => typeof v === 'number' && v >= 0)).toBe(true);
    expect((s.template_groups as Array<{ group: string }>)[0]).toMatchObject({ group: 'host:gazette.example', docs: 4 });
    expect(r.summaryQuiet!.code).toBe(0);
    expect(r.summaryQuiet!.stdout).toBe('');
    expect(r.summaryQuiet!.stderr).toBe('');
  });
});
