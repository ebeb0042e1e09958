#!/usr/bin/env node
/**
 * Pathological-line benchmark: one document whose body is a single very long line of a repeated
 * pattern goes through the full per-document cleaning (parseRawText + cleanDocument, default config).
 * Each case runs at 100 KB and 1 MB in a child process (with a time limit) and reports seconds per
 * MB; a 1 MB / 100 KB time ratio above ~15 (linear is ~10) flags super-linear behaviour.
 *
 *   npm run build && node scripts/bench-regex.mjs [--only name,name] [--timeout SECONDS] [--json]
 *   node --cpu-prof scripts/bench-regex.mjs --case NAME --bytes N   # one run in this process (profiling)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist', 'index.js');

/** name -> unit repeated to fill the line (characters; sizes are measured in UTF-8 bytes). */
const CASES = {
  a: 'a',
  dot: '.',
  space: ' ',
  lt: '<',
  'a-space': 'a ',
  '1.': '1.',
  'http://': 'http://',
  '©': '©',
  cjk: '中文字符测试',
  pipe: '|',
  'punct-alt': '.,;:!?-_/|',
  'dot-space': '. ',
  'word-pipe': 'Home | ',
  'cjk-punct': '中，',
  'digits': '0123456789',
  'url-ish': 'http://a.b/',
  'hyphen-word': 'a-',
  'tab': '\t',
  // repeated unit then a character that makes a match fail at the very end (classic backtracking trigger)
  'a!': { unit: 'a', suffix: '!' },
  'slug-fail': { unit: 'ab-', suffix: 'a!' },
  'dotted-fail': { unit: 'ab.', suffix: 'ab!' },
  '1.x': { unit: '1.', suffix: 'x' },
  'spaces-x': { unit: ' \u00a0', suffix: 'x' },
};
const unitOf = (c) => (typeof c === 'string' ? c : c.unit);
const suffixOf = (c) => (typeof c === 'string' ? '' : c.suffix);

function build(c, bytes) {
  const unit = unitOf(c);
  const ub = Buffer.byteLength(unit, 'utf8');
  return unit.repeat(Math.max(1, Math.round(bytes / ub))) + suffixOf(c);
}

async function runOne(name, bytes, reps = 3) {
  const { parseRawText, cleanDocument } = await import(dist);
  // warm-up on a small input so JIT/lexicon loading is not in the timing
  cleanDocument(parseRawText('Title: t\n\n' + build(CASES[name], 2000) + '\n', 'warm.txt'));
  const line = build(CASES[name], bytes);
  const text = `Title: Bench page\nURL: https://example.com/x\n\n${line}\nA normal closing sentence of the page.\n`;
  // best of `reps` runs: the machine is shared, the minimum is the least noisy estimate
  let secs = Infinity;
  let res;
  for (let i = 0; i < reps; i++) {
    const t0 = process.hrtime.bigint();
    // a distinct first line per run, so no per-line memo carries over between runs
    res = cleanDocument(parseRawText(text.replace('\n\n', `\n\nrun ${i} of the benchmark\n`), 'bench.txt'));
    secs = Math.min(secs, Number(process.hrtime.bigint() - t0) / 1e9);
    if (secs > 10) break; // slow enough: one run is a good measure
  }
  return { secs, removed: res.record.removed.length, chars_out: res.record.stats.chars_out };
}

const argv = process.argv.slice(2);
const opt = (k) => {
  const i = argv.indexOf(k);
  return i >= 0 ? argv[i + 1] : undefined;
};

if (opt('--case')) {
  const r = await runOne(opt('--case'), Number(opt('--bytes') ?? 1e6));
  process.stdout.write(JSON.stringify(r) + '\n');
  process.exit(0);
}

const timeout = Number(opt('--timeout') ?? 120);
const only = opt('--only')?.split(',');
const names = Object.keys(CASES).filter((n) => !only || only.includes(n));
const SMALL = 100_000;
const BIG = 1_000_000;
const HUGE = 3_000_000;

function child(name, bytes, attempt = 1) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--case', name, '--bytes', String(bytes)], {
    encoding: 'utf8',
    timeout: timeout * 1000,
    maxBuffer: 1 << 20,
  });
  const timedOut = r.error?.code === 'ETIMEDOUT' || r.signal;
  // dist/ may be mid-rebuild by a concurrent `npm run build`: retry a failed import once or twice
  if (!timedOut && (r.error || r.status !== 0) && attempt < 3) return child(name, bytes, attempt + 1);
  if (r.error || r.status !== 0) {
    const why = r.error?.code === 'ETIMEDOUT' || r.signal ? `timeout >${timeout}s` : `exit ${r.status}: ${(r.stderr || '').trim().split('\n').slice(-3).join(' / ')}`;
    return { secs: null, error: why };
  }
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const rows = [];
let flagged = 0;
for (const name of names) {
  const small = child(name, SMALL);
  const big = small.secs === null ? { secs: null, error: 'skipped (100 KB failed)' } : child(name, BIG);
  const ratio = small.secs && big.secs ? big.secs / small.secs : null;
  // A suspicious ratio is confirmed at 3 MB (linear: 3 MB / 1 MB ~ 3; quadratic ~ 9).
  let huge = null;
  if (ratio !== null && ratio > 15) huge = child(name, HUGE);
  const ratio3 = huge && huge.secs && big.secs ? huge.secs / big.secs : null;
  const superLinear = big.secs === null || (ratio !== null && ratio > 15 && big.secs > 0.05 && (ratio3 === null || ratio3 > 4.5));
  if (superLinear) flagged++;
  rows.push({
    case: name,
    unit: JSON.stringify(unitOf(CASES[name])) + (suffixOf(CASES[name]) ? ' + ' + JSON.stringify(suffixOf(CASES[name])) : ''),
    s_100KB: small.secs,
    s_1MB: big.secs,
    s_per_MB: big.secs,
    ratio,
    s_3MB: huge?.secs ?? null,
    ratio_3MB_1MB: ratio3,
    super_linear: superLinear,
    note: small.error ?? big.error ?? '',
  });
}

if (argv.includes('--json')) {
  process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
} else {
  const f = (x, d = 3) => (x === null || x === undefined ? '—' : x.toFixed(d));
  console.log('| case | unit | 100 KB (s) | 1 MB (s) = s/MB | ratio 1MB/100KB | 3 MB (s), ratio 3MB/1MB (only if ratio > 15) | super-linear |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | --- |');
  for (const r of rows) {
    console.log(`| ${r.case} | \`${r.unit}\` | ${f(r.s_100KB)} | ${f(r.s_1MB)} | ${f(r.ratio, 1)} | ${r.s_3MB === null ? '' : f(r.s_3MB) + ', ' + f(r.ratio_3MB_1MB, 1)} | ${r.super_linear ? 'YES' : 'no'}${r.note ? ' ' + r.note : ''} |`);
  }
  console.log(`\n${flagged} of ${rows.length} cases flagged super-linear (ratio 1MB/100KB > 15 confirmed by 3MB/1MB > 4.5, or 1 MB over ${timeout}s)`);
}
process.exit(flagged ? 4 : 0);
