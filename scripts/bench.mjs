#!/usr/bin/env node
/**
 * Throughput and dedup benchmark (`npm run bench`; the npm script builds first).
 *
 * Corpora come from ../shared/bench/make_corpus.py and are cached in /tmp/seed-clean-bench
 * (never in the repo: they hold third-party page text). For each corpus, in one run:
 *   - the ceiling: ../shared/bench/limits_node.js --mode full (plain-Node parse + sha1 per line);
 *   - seed-clean clean-only (--no-dedup) and clean+dedup, each with --jobs 1 and --jobs 2;
 *   - byte-identity of the --jobs 1 and --jobs 2 outputs;
 *   - dedup quality with score_dedup.py (pairwise P/R/F1, wrongly dropped uniques);
 *   - wall time, MB/s (JSONL file MB, as the ceiling counts them), docs/s, % of the ceiling, peak RSS
 *     (/usr/bin/time -v when present, else the child's resourceUsage via a wrapper).
 * Prints a markdown table and writes it to /tmp/seed-clean-bench/results.md.
 *
 * Flags: --full adds 200k docs (~800 MB), --big adds the 1 GB corpus (--mb 1000), --sizes 2k,20k
 * picks corpora, --dir also times the directory form (jobs 1, clean-only), --keep keeps outputs,
 * --in-place runs the working tree's build instead of a snapshot of it, --no-scaling skips the
 * two-core yardstick below, --rounds N (default 1)
 * repeats every timing N times in turn (ceiling, clean -j1, clean -j2, dedup -j1, dedup -j2, then
 * again) and reports medians: on a shared host one run of a command can be 1.3x slower than the
 * next, so a single `--jobs 2` / `--jobs 1` ratio says little. With rounds, the speed-up is the
 * median of the per-round ratios (each from two runs made one after the other).
 *
 * What two cores give on this machine, as the yardstick for `--jobs 2` (each round; --no-scaling
 * leaves it out): the ceiling as two processes on the two halves of the file at once
 * (limits_node --start/--end, the issue's "one process per core on disjoint halves"), and
 * seed-clean --jobs 1 --no-dedup likewise on the two halves (split at the middle line; each half
 * learns its own templates, so the output is not compared). Two independent processes need no
 * coordination: if they are not 2x as fast as one, the cores are not two cores' worth
 * (shared caches and memory bandwidth, a busy host), and `--jobs 2` cannot be either.
 */
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SHARED = path.resolve(ROOT, '../shared/bench');
const BENCH = '/tmp/seed-clean-bench';
const args0 = process.argv.slice(2);
/**
 * The CLI under test runs from a snapshot of the build (dist/, bin/, src/lexicons, package.json,
 * node_modules linked): a rebuild in the working tree during a long run cannot mix two builds.
 */
function snapshotApp() {
  const app = path.join(BENCH, 'app');
  fs.rmSync(app, { recursive: true, force: true });
  fs.mkdirSync(path.join(app, 'src'), { recursive: true });
  for (const d of ['dist', 'bin']) fs.cpSync(path.join(ROOT, d), path.join(app, d), { recursive: true });
  fs.cpSync(path.join(ROOT, 'src/lexicons'), path.join(app, 'src/lexicons'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(app, 'package.json'));
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(app, 'node_modules'));
  return app;
}
const APP = args0.includes('--in-place') ? ROOT : snapshotApp();
const BIN = path.join(APP, 'bin/seed-clean.js');
const args = process.argv.slice(2);
const flag = (f) => args.includes(f);
const opt = (f, d) => {
  const i = args.indexOf(f);
  return i >= 0 && args[i + 1] ? args[i + 1] : d;
};

const CORPORA = {
  '2k': ['--docs', '2000', '--mb', '8', '--seed', '1'],
  '20k': ['--docs', '20000', '--mb', '80', '--seed', '1'],
  '200k': ['--docs', '200000', '--mb', '800', '--seed', '1'],
  '1g': ['--mb', '1000', '--seed', '1'],
};
let sizes = opt('--sizes', '2k,20k').split(',');
if (flag('--full') && !sizes.includes('200k')) sizes.push('200k');
if (flag('--big') && !sizes.includes('1g')) sizes.push('1g');

const log = (s) => process.stderr.write(s + '\n');
const HAVE_TIME = fs.existsSync('/usr/bin/time');

function corpus(name) {
  const dir = path.join(BENCH, `c${name}`);
  const spec = CORPORA[name];
  if (!spec) throw new Error(`unknown corpus ${name}`);
  const stamp = path.join(dir, '.args');
  const want = JSON.stringify(spec);
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === want && fs.existsSync(path.join(dir, 'corpus.jsonl'))) return dir;
  fs.rmSync(dir, { recursive: true, force: true });
  log(`generating ${name} corpus (${spec.join(' ')}) ...`);
  // Directory form only where it is cheap enough to keep around.
  const format = name === '2k' || name === '20k' ? 'both' : 'jsonl';
  execFileSync('python3', [path.join(SHARED, 'make_corpus.py'), '--out', dir, ...spec, '--format', format, '--verify-sample', '0', '--measure-jaccard', '0'], { stdio: ['ignore', 'ignore', 'inherit'] });
  fs.writeFileSync(stamp, want);
  return dir;
}

/** [program, args] running cmd under /usr/bin/time when present (its report goes to stderr: timeReport). */
function underTime(cmd, cmdArgs) {
  return HAVE_TIME ? ['/usr/bin/time', ['-f', '__RSS__ %M %U %S', cmd, ...cmdArgs]] : [cmd, cmdArgs];
}
/** Peak RSS (MB) and CPU seconds (user + system) from underTime's stderr; nulls without /usr/bin/time. */
function timeReport(stderr) {
  const m = /__RSS__ (\d+) ([\d.]+) ([\d.]+)/.exec(stderr ?? '');
  return m ? { rss: Number(m[1]) / 1024, cpu: Number(m[2]) + Number(m[3]) } : { rss: null, cpu: null };
}

/** Run a command; wall seconds, peak RSS (MB) and CPU seconds (user + system; null without /usr/bin/time). */
function timed(cmd, cmdArgs) {
  const t0 = process.hrtime.bigint();
  const [bin, argv] = underTime(cmd, cmdArgs);
  const r = spawnSync(bin, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { secs, ...timeReport(r.stderr), stdout: r.stdout };
}

/** Two commands at once, each under /usr/bin/time when present: wall seconds until both end, CPU summed, RSS the larger. */
function timedPair(a, b) {
  const one = ([cmd, cmdArgs]) =>
    new Promise((resolve, reject) => {
      const [bin, argv] = underTime(cmd, cmdArgs);
      const p = spawn(bin, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      p.stdout.on('data', (d) => (out += d));
      p.stderr.on('data', (d) => (err += d));
      p.on('error', reject);
      p.on('close', (code) => {
        if (code !== 0 && code !== 1) return reject(new Error(`${cmd} ${cmdArgs.join(' ')} failed (${code}): ${err}`));
        resolve({ stdout: out, ...timeReport(err) });
      });
    });
  const t0 = process.hrtime.bigint();
  return Promise.all([one(a), one(b)]).then(([x, y]) => ({
    secs: Number(process.hrtime.bigint() - t0) / 1e9,
    rss: Math.max(x.rss ?? 0, y.rss ?? 0) || null,
    cpu: x.cpu === null || y.cpu === null ? null : x.cpu + y.cpu,
    stdout: [x.stdout, y.stdout],
  }));
}

/** The JSONL file split at the line nearest its middle byte, as two files in dir. */
function halves(jsonl, dir) {
  const buf = fs.readFileSync(jsonl);
  let mid = buf.indexOf(0x0a, buf.length >> 1);
  mid = mid < 0 ? buf.length : mid + 1;
  const a = path.join(dir, 'half-1.jsonl');
  const b = path.join(dir, 'half-2.jsonl');
  fs.writeFileSync(a, buf.subarray(0, mid));
  fs.writeFileSync(b, buf.subarray(mid));
  return [a, b];
}

const ROUNDS = Math.max(1, Number.parseInt(opt('--rounds', '1'), 10) || 1);
const median = (xs) => {
  const a = xs.filter((x) => x !== null && x !== undefined).sort((x, y) => x - y);
  if (a.length === 0) return null;
  return a.length % 2 ? a[a.length >> 1] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
};
/** Per-round ratios of two lists of wall times measured in the same rounds. */
const ratios = (a, b) => a.map((x, i) => x / b[i]);

function sameBytes(a, b) {
  return spawnSync('cmp', ['-s', a, b]).status === 0;
}

const rows = [];
const scores = [];
const speedups = [];
// Other processes skew every timing: the load averages at the start and the end go in the header.
const loadAvg = () => os.loadavg().map((x) => x.toFixed(2)).join(' ');
const loadStart = loadAvg();
for (const name of sizes) {
  const dir = corpus(name);
  const stats = JSON.parse(fs.readFileSync(path.join(dir, 'corpus_stats.json'), 'utf8'));
  const jsonl = path.join(dir, 'corpus.jsonl');
  const mb = fs.statSync(jsonl).size / 1e6;
  const docs = stats.docs;
  const outDir = path.join(BENCH, 'out', name);
  fs.mkdirSync(outDir, { recursive: true });
  // Every timing ROUNDS times, in turn; `runs` holds the measurements per configuration.
  const runs = { ceiling: [], ceiling2: [], halves: [] };
  const scaling = !flag('--no-scaling');
  const half = scaling ? halves(jsonl, outDir) : null;
  const size = fs.statSync(jsonl).size;
  const configs = [];
  for (const mode of ['clean', 'dedup']) for (const jobs of [1, 2]) configs.push({ mode, jobs, key: `${mode}-j${jobs}` });
  for (const c of configs) runs[c.key] = [];
  const ceilSpeed = [];
  const identical = { clean: true, dedup: true };
  for (let round = 1; round <= ROUNDS; round++) {
    const tag = ROUNDS > 1 ? ` (round ${round}/${ROUNDS})` : '';
    log(`[${name}] ${docs} docs, ${mb.toFixed(1)} MB: ceiling${tag} ...`);
    const lim = timed('node', [path.join(SHARED, 'limits_node.js'), '--in', jsonl, '--out', '/dev/null', '--mode', 'full']);
    const ceil = JSON.parse(lim.stdout.trim().split('\n').pop());
    runs.ceiling.push({ secs: ceil.seconds, rss: lim.rss, cpu: lim.cpu });
    ceilSpeed.push(ceil.mb_per_s);
    if (scaling) {
      log(`[${name}] ceiling on two cores (two processes, halves)${tag} ...`);
      const lim2 = path.join(SHARED, 'limits_node.js');
      const mid = String(Math.floor(size / 2));
      const c2 = await timedPair(['node', [lim2, '--in', jsonl, '--out', '/dev/null', '--mode', 'full', '--start', '0', '--end', mid]], ['node', [lim2, '--in', jsonl, '--out', '/dev/null', '--mode', 'full', '--start', mid, '--end', String(size)]]);
      // Its own timings, as the one-process ceiling's (no Node start-up): the later of the two ends.
      runs.ceiling2.push({ ...c2, secs: Math.max(...c2.stdout.map((o) => JSON.parse(o.trim().split('\n').pop()).seconds)) });
    }
    for (const c of configs) {
      const out = path.join(outDir, `${c.key}.jsonl`);
      const extra = c.mode === 'clean' ? ['--no-dedup'] : ['--keep-duplicates'];
      log(`[${name}] seed-clean ${c.mode} --jobs ${c.jobs}${tag} ...`);
      const r = timed('node', [BIN, jsonl, '--output', out, '-q', '--no-progress', '--jobs', String(c.jobs), ...extra]);
      runs[c.key].push(r);
      if (c.jobs === 2 && !sameBytes(path.join(outDir, `${c.mode}-j1.jsonl`), out)) identical[c.mode] = false;
    }
    if (scaling) {
      log(`[${name}] seed-clean --no-dedup --jobs 1 on two cores (two processes, halves)${tag} ...`);
      const cmd = (h, i) => ['node', [BIN, h, '--output', path.join(outDir, `half-${i}.out.jsonl`), '-q', '--no-progress', '--jobs', '1', '--no-dedup']];
      runs.halves.push(await timedPair(cmd(half[0], 1), cmd(half[1], 2)));
    }
    if (round === 1) {
      const sj = path.join(outDir, 'score.json');
      execFileSync('python3', [path.join(SHARED, 'score_dedup.py'), '--labels', path.join(dir, 'labels.json'), '--pred', path.join(outDir, 'dedup-j1.jsonl'), '--json', sj], { stdio: ['ignore', 'ignore', 'inherit'] });
      const s = JSON.parse(fs.readFileSync(sj, 'utf8'));
      scores.push({ corpus: name, ...s.pairwise, wrongly_dropped_unique: s.doc_level.wrongly_dropped_unique, kept: s.doc_level.kept, dropped: s.doc_level.dropped });
    }
  }
  const ceilMbps = median(ceilSpeed);
  const spread = (xs) => (xs.length > 1 ? `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}` : '');
  const row = (what, jobs, list, same) => {
    const secs = median(list.map((r) => r.secs));
    const mbps = mb / secs;
    return { corpus: name, what, jobs, secs, spread: spread(list.map((r) => r.secs)), mbps, docs, mb, rss: Math.max(...list.map((r) => r.rss ?? 0)) || null, cpu: median(list.map((r) => r.cpu)), pct: (100 * mbps) / ceilMbps, same };
  };
  rows.push({ ...row('ceiling (limits_node --mode full)', 1, runs.ceiling, ''), mbps: ceilMbps, pct: 100 });
  for (const c of configs) {
    const what = c.mode === 'clean' ? 'seed-clean --no-dedup' : 'seed-clean (dedup)';
    rows.push(row(what, c.jobs, runs[c.key], c.jobs === 2 ? (identical[c.mode] ? 'identical' : 'DIFFERENT') : ''));
  }
  if (scaling) {
    rows.push(row('ceiling, 2 processes on the halves', 2, runs.ceiling2, ''));
    rows.push(row('seed-clean --no-dedup --jobs 1, 2 processes on the halves', 2, runs.halves, ''));
  }
  speedups.push({
    corpus: name,
    ceiling: scaling ? ratios(runs.ceiling.map((r) => r.secs), runs.ceiling2.map((r) => r.secs)) : null,
    halves: scaling ? ratios(runs['clean-j1'].map((r) => r.secs), runs.halves.map((r) => r.secs)) : null,
    clean: ratios(runs['clean-j1'].map((r) => r.secs), runs['clean-j2'].map((r) => r.secs)),
    dedup: ratios(runs['dedup-j1'].map((r) => r.secs), runs['dedup-j2'].map((r) => r.secs)),
  });
  if (flag('--dir') && fs.existsSync(path.join(dir, 'docs'))) {
    log(`[${name}] seed-clean directory form ...`);
    const r = timed('node', [BIN, path.join(dir, 'docs'), '--output', path.join(outDir, 'dir.jsonl'), '-q', '--no-progress', '--jobs', '1', '--no-dedup']);
    rows.push({ corpus: name, what: 'seed-clean --no-dedup (docs/ dir)', jobs: 1, secs: r.secs, mbps: stats.bytes / 1e6 / r.secs, docs, mb: stats.bytes / 1e6, rss: r.rss, cpu: r.cpu, pct: (100 * stats.bytes) / 1e6 / r.secs / ceilMbps, same: '' });
  }
  if (!flag('--keep')) fs.rmSync(outDir, { recursive: true, force: true });
}

const f = (x, d = 2) => (x === null || x === undefined ? '—' : Number(x).toFixed(d));
let md = `# seed-clean bench (${new Date().toISOString()}, node ${process.version}, ${spawnSync('nproc').stdout?.toString().trim()} cores, load average ${loadStart} at the start, ${loadAvg()} at the end)\n\n`;
if (ROUNDS > 1) md += `${ROUNDS} rounds: wall s, MB/s, docs/s and CPU s are medians (wall min–max beside them), peak RSS the largest.\n\n`;
md += '| corpus | what | jobs | wall s | MB/s | docs/s | % of ceiling | CPU s | peak RSS MB | jobs 2 vs 1 |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n';
for (const r of rows) md += `| ${r.corpus} | ${r.what} | ${r.jobs} | ${f(r.secs)}${r.spread ? ` (${r.spread})` : ''} | ${f(r.mbps)} | ${f(r.docs / r.secs, 0)} | ${f(r.pct, 1)}% | ${f(r.cpu, 1)} | ${f(r.rss, 0)} | ${r.same} |\n`;
md += '\n| corpus | jobs 2 speed-up (clean) | jobs 2 speed-up (dedup) | two cores, ceiling (2 processes / 1) | two cores, seed-clean --jobs 1 (2 processes / 1) |\n| --- | ---: | ---: | ---: | ---: |\n';
const speedCell = (xs) => (xs === null ? '—' : `${f(median(xs))}x${xs.length > 1 ? ` (rounds: ${xs.map((x) => f(x)).join(', ')})` : ''}`);
for (const sp of speedups) md += `| ${sp.corpus} | ${speedCell(sp.clean)} | ${speedCell(sp.dedup)} | ${speedCell(sp.ceiling)} | ${speedCell(sp.halves)} |\n`;
const ordered = sizes.filter((s) => s !== '1g');
if (ordered.length > 1) {
  md += '\n| growth | docs ratio | time ratio (clean, jobs 1) | time ratio (dedup, jobs 1) |\n| --- | ---: | ---: | ---: |\n';
  for (let i = 1; i < ordered.length; i++) {
    const a = ordered[i - 1];
    const b = ordered[i];
    const t = (n, what) => rows.find((r) => r.corpus === n && r.what === what && r.jobs === 1);
    const ca = t(a, 'seed-clean --no-dedup');
    const cb = t(b, 'seed-clean --no-dedup');
    const da = t(a, 'seed-clean (dedup)');
    const db = t(b, 'seed-clean (dedup)');
    md += `| ${a} → ${b} | ${f(cb.docs / ca.docs, 1)} | ${f(cb.secs / ca.secs, 2)} | ${f(db.secs / da.secs, 2)} |\n`;
  }
}
md += '\n| corpus | pairwise P | R | F1 | tp / fp / fn pairs | kept / dropped | wrongly dropped uniques |\n| --- | ---: | ---: | ---: | --- | --- | ---: |\n';
for (const s of scores) md += `| ${s.corpus} | ${f(s.precision, 4)} | ${f(s.recall, 4)} | ${f(s.f1, 4)} | ${s.tp_pairs} / ${s.fp_pairs} / ${s.fn_pairs} | ${s.kept} / ${s.dropped} | ${s.wrongly_dropped_unique} |\n`;
fs.mkdirSync(BENCH, { recursive: true });
fs.writeFileSync(path.join(BENCH, 'results.md'), md);
process.stdout.write(md);
log(`written ${path.join(BENCH, 'results.md')}`);
