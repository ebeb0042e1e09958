/**
 * Golden end-to-end cases: every directory `seeds/cases/<name>/` holds
 *   input/          one or more raw inputs (read as a directory, so source paths are relative to it)
 *   config.json     optional: `{"args": [...]}` extra CLI flags, plus any seed-clean config keys
 *                   (`rules`, `groupBy`, `lexicon`) which are written to a temp file and passed with --config
 *   expected.jsonl  the exact output
 * The built CLI runs as `node bin/seed-clean.js <case>/input --output <tmp>/out.jsonl [args] [--config ...]`
 * and its output must equal expected.jsonl byte for byte.
 *
 * To regenerate after an intended behaviour change (then READ the diff before committing):
 *   npm run build && UPDATE_GOLDEN=1 node --experimental-vm-modules node_modules/jest/bin/jest.js __tests__/golden
 */
import { describe, test, expect } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, runCli, tmpDir, parseJsonl } from '../helpers/cli.js';

const CASES = path.join(REPO, 'seeds', 'cases');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

export interface CaseRun {
  name: string;
  code: number | null;
  stderr: string;
  output: string;
  expectedPath: string;
}

export function caseNames(): string[] {
  return fs
    .readdirSync(CASES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(CASES, d.name, 'input')))
    .map((d) => d.name)
    .sort();
}

export function runCase(name: string): CaseRun {
  const dir = path.join(CASES, name);
  const tmp = tmpDir(`golden-${name}`);
  const out = path.join(tmp, 'out.jsonl');
  const args = [path.join(dir, 'input'), '--output', out, '--quiet'];
  const cfgPath = path.join(dir, 'config.json');
  if (fs.existsSync(cfgPath)) {
    const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8')) as Record<string, unknown>;
    const { args: extra, ...rest } = cfg;
    if (extra !== undefined) {
      if (!Array.isArray(extra) || !extra.every((a) => typeof a === 'string')) throw new Error(`${cfgPath}: "args" must be an array of strings`);
      args.push(...extra);
    }
    if (Object.keys(rest).length > 0) {
      const cleanCfg = path.join(tmp, 'seed-clean.config.json');
      fs.writeFileSync(cleanCfg, JSON.stringify(rest));
      args.push('--config', cleanCfg);
    }
  }
  const r = runCli(args, { cwd: tmp });
  return { name, code: r.code, stderr: r.stderr, output: fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '', expectedPath: path.join(dir, 'expected.jsonl') };
}

const names = caseNames();

describe('golden cases', () => {
  test('there are golden cases', () => {
    expect(names).toEqual(expect.arrayContaining(['seed', 'en-news', 'de-blog', 'zh-portal', 'two-host-templates']));
  });

  test.each(names)('%s', (name) => {
    const run = runCase(name);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    if (UPDATE) {
      fs.writeFileSync(run.expectedPath, run.output);
      return;
    }
    expect(fs.existsSync(run.expectedPath)).toBe(true);
    const expected = fs.readFileSync(run.expectedPath, 'utf8');
    // Compare line by line first for a readable diff, then byte for byte.
    expect(run.output.split('\n')).toEqual(expected.split('\n'));
    expect(Buffer.from(run.output).equals(Buffer.from(expected))).toBe(true);
  });

  test('seed: the user seed file is cleaned as specified', () => {
    const [r, ...more] = parseJsonl(fs.readFileSync(path.join(CASES, 'seed', 'expected.jsonl'), 'utf8')) as any[];
    expect(more).toHaveLength(0);
    const raw = fs.readFileSync(path.join(CASES, 'seed', 'input', '000_d9bfca2f8f6a8f4a.txt'), 'utf8').split('\n');
    // Body: file lines 5..16 are slugs, 17..31 the 15 paragraphs, 32..46 their second copy.
    const paragraphs = raw.slice(16, 31);
    expect(paragraphs).toHaveLength(15);
    const kept: string[] = r.text.split('\n');
    expect(kept).toHaveLength(15);
    // Each paragraph once, in order (display form: whitespace runs collapsed).
    expect(kept).toEqual(paragraphs.map((p) => p.replace(/\s+/g, ' ').trim()));
    for (const p of kept) expect(kept.filter((q) => q === p)).toHaveLength(1);
    expect(raw.slice(31, 46)).toEqual(paragraphs);

    const span = (rule: string) => r.removed.filter((s: any) => s.rule === rule);
    expect(span('boilerplate/nav-slugs')).toEqual([expect.objectContaining({ lines: [5, 16], text: raw.slice(4, 16).join('\n') })]);
    expect(raw.slice(4, 16).join(' ')).toBe('xuexi redian shizheng chanye qinao dawanqu zhengwuhao xiangzhou jinwan doumen gaoxin wanshan');
    expect(span('repeat/exact')).toEqual([expect.objectContaining({ lines: [32, 46], evidence: { firstCopyLine: 17 } })]);
    expect(span('widgets/comments')).toEqual([expect.objectContaining({ lines: [47, 47], text: '暂时没有评论' })]);
    expect(span('widgets/end-of-feed')).toEqual([expect.objectContaining({ lines: [48, 48], text: '-我已经到底线啦-' })]);
    expect(r.removed).toHaveLength(4);
    expect(r.stats.removed_by_rule).toEqual({ 'boilerplate/nav-slugs': 12, 'repeat/exact': 15, 'widgets/comments': 1, 'widgets/end-of-feed': 1 });

    expect(r.title).toBe('中国共产党珠海市金湾区第五届代表大会第五次会议召开');
    expect(r.url).toBe('https://pub-zhtb.hizh.cn/a/202501/15/AP6787686ae4b0a15f7cfd15a9.html');
    expect(r.host).toBe('pub-zhtb.hizh.cn');
    expect(r.date).toBe('2025-01-15');
    expect(r.date_source).toBe('url');
    expect(r.language).toBe('zh');
    expect(r.source).toEqual({ path: '000_d9bfca2f8f6a8f4a.txt' });
  });
});
