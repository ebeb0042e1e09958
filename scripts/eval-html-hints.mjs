#!/usr/bin/env node
/**
 * Do the HTML structure hints help? (issue 5) Scores the same traf pages three ways:
 *   text      the dev set's converted text pages (<id>.txt), as run.sh would feed them
 *   html-off  the pages' HTML (<id>.html, read by src/io/html.ts), boilerplate/html-regions off
 *   html-on   the same HTML, boilerplate/html-regions on (the default)
 * and prints snippet P / R / F1 / acc from ../shared/eval/score.py plus the pages whose counts differ.
 *
 *   npm run build && node scripts/eval-html-hints.mjs [--work /tmp/htmleval] [--dev ../shared/eval/dev/traf]
 *   node scripts/eval-html-hints.mjs --fetch ~/src/trafilatura [--ids 0002,0043,...]   # fill <work>/html first
 *
 * The eval folder holds only converted text; the HTML is not in this repository (third-party pages).
 * Get it from trafilatura's own test cache: gold.json maps each page id to `file_original`, e.g.
 * `tests/cache/blog.python.org.html`; 106 traf pages come from there. `git clone
 * https://github.com/adbar/trafilatura` and pass the checkout to --fetch: it copies tests/cache/<name>
 * to <work>/html/<id>.html for the ids given (default: the 20 pages measured in README). Copies made by
 * hand work too — any <work>/html/<id>.html is used. A page is only scored when html_to_raw.py turns
 * its HTML into the dev page's exact body (a checkout may hold a newer version of a page): mismatches
 * are listed and skipped, so all three runs score the same pages.
 *
 * Writes <work>/txt/ (the pages' dev .txt + gold.json subset) and <work>/pred-{text,html-off,html-on}.jsonl.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const DEFAULT_IDS = '0002,0043,0046,0063,0078,0083,0093,0097,0099,0106,0149,0163,0170,0181,0231,0283,0542,0827,0880,0910';

const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  return i < 0 ? dflt : args[i + 1];
};
const work = resolve(flag('--work', '/tmp/htmleval'));
const dev = resolve(flag('--dev', join(ROOT, '..', 'shared', 'eval', 'dev', 'traf')));
const evalDir = resolve(dev, '..', '..');
const fetchFrom = flag('--fetch', null);
const ids = flag('--ids', DEFAULT_IDS).split(',');
const gold = JSON.parse(readFileSync(join(dev, 'gold.json'), 'utf8'));

const htmlDir = join(work, 'html');
const txtDir = join(work, 'txt');
mkdirSync(htmlDir, { recursive: true });

if (fetchFrom) {
  for (const id of ids) {
    const src = join(fetchFrom, gold[id]?.file_original ?? '');
    if (!gold[id]?.file_original?.startsWith('tests/cache/') || !existsSync(src)) {
      console.error(`# ${id}: not in ${fetchFrom}/tests/cache (${gold[id]?.file_original ?? 'no gold entry'})`);
      continue;
    }
    copyFileSync(src, join(htmlDir, `${id}.html`));
  }
}

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed:\n${r.stderr}`);
  return r.stdout;
}

// Which HTML pages convert to exactly the dev page's body (html_to_raw.py, the converter that built it)?
const have = readdirSync(htmlDir).filter((f) => f.endsWith('.html')).map((f) => f.slice(0, -5)).filter((id) => gold[id]).sort();
const check = run('python3', [
  '-c',
  `import sys, json
sys.path.insert(0, ${JSON.stringify(join(evalDir, 'tools'))})
from html_to_raw import convert
def body(t): return t.split('\\n\\n', 1)[1].rstrip('\\n') if '\\n\\n' in t else ''
out = {}
for id in sys.argv[1:]:
    mine = convert(open(${JSON.stringify(htmlDir)} + '/' + id + '.html', 'rb').read())
    ref = open(${JSON.stringify(dev)} + '/' + id + '.txt', encoding='utf-8').read()
    out[id] = body(mine) == body(ref)
print(json.dumps(out))`,
  ...have,
]);
const matches = JSON.parse(check);
const pages = have.filter((id) => matches[id]);
const skipped = have.filter((id) => !matches[id]);
console.log(`# ${have.length} HTML pages in ${htmlDir}; ${pages.length} convert to their dev page exactly${skipped.length ? `; skipped: ${skipped.join(' ')}` : ''}`);
if (pages.length === 0) process.exit(1);

rmSync(txtDir, { recursive: true, force: true });
mkdirSync(txtDir, { recursive: true });
const sub = {};
for (const id of pages) {
  copyFileSync(join(dev, `${id}.txt`), join(txtDir, `${id}.txt`));
  sub[id] = gold[id];
}
writeFileSync(join(txtDir, 'gold.json'), JSON.stringify(sub, null, 1));
// The HTML runs read only the matching pages.
const htmlIn = join(work, 'html-matching');
rmSync(htmlIn, { recursive: true, force: true });
mkdirSync(htmlIn);
for (const id of pages) copyFileSync(join(htmlDir, `${id}.html`), join(htmlIn, `${id}.html`));
const off = join(work, 'html-regions-off.json');
writeFileSync(off, JSON.stringify({ rules: { 'boilerplate/html-regions': { enabled: false } } }));

const cli = join(ROOT, 'bin', 'seed-clean.js');
const runs = [
  ['text', [txtDir, '--glob', '*.txt']],
  ['html-off', [htmlIn, '--config', off]],
  ['html-on', [htmlIn]],
];
const perPage = {};
console.log('\n| input | rule | snippets P | R | F1 | acc |\n| --- | --- | --- | --- | --- | --- |');
for (const [name, inArgs] of runs) {
  const pred = join(work, `pred-${name}.jsonl`);
  run('node', [cli, ...inArgs, '--output', pred, '--keep-duplicates', '--quiet']);
  const pp = join(work, `pages-${name}.jsonl`);
  const out = run('python3', [join(evalDir, 'score.py'), '--set', txtDir, '--pred', pred, '--json', '--per-page', pp]);
  // score.py --json: last line {"sets": {"<set dir name>": {"snippets": {precision, recall, f1, accuracy, ...}}}}
  const summary = JSON.parse(out.trim().split('\n').pop());
  const row = Object.values(summary.sets)[0].snippets;
  const label = name === 'text' ? ['text (.txt)', '—'] : ['HTML', name === 'html-on' ? 'on' : 'off'];
  console.log(`| ${label[0]} | ${label[1]} | ${f3(row.precision)} | ${f3(row.recall)} | ${f3(row.f1)} | ${f3(row.accuracy)} |`);
  perPage[name] = Object.fromEntries(readFileSync(pp, 'utf8').trim().split('\n').map((l) => JSON.parse(l)).map((r) => [r.id, r]));
}
console.log(`\n${pages.length} pages, ${Object.values(sub).reduce((n, g) => n + (g.with?.length ?? 0) + (g.without?.length ?? 0), 0)} snippets`);
for (const [a, b] of [['text', 'html-off'], ['html-off', 'html-on']]) {
  const diffs = pages.filter((id) => ['tp', 'fp', 'fn'].some((k) => perPage[a][id]?.[k] !== perPage[b][id]?.[k]));
  console.log(`\n${a} -> ${b}: ${diffs.length} page(s) differ`);
  for (const id of diffs) {
    const x = perPage[a][id];
    const y = perPage[b][id];
    console.log(`  ${id} ${gold[id].file_original.replace('tests/cache/', '')}: tp ${x.tp}->${y.tp} fp ${x.fp}->${y.fp} fn ${x.fn}->${y.fn}`);
  }
}

function f3(v) {
  return typeof v === 'number' ? v.toFixed(3).replace(/^0/, '') : '?';
}

