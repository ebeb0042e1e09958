#!/usr/bin/env node
/**
 * Dedup benchmark: runs the built engine (dist/dedup/index.js) on a labelled make_corpus.py corpus
 * and scores it with ../shared/bench/score_dedup.py.
 *
 *   npx tsc -p tsconfig.build.json && node scripts/bench-dedup.mjs [options]
 *
 * Options: --corpus DIR (default /tmp/seed-clean-bench/c20k, generated if missing with
 *   --docs 20000 --mb 80 --seed 1), --out DIR (predictions/score; default a fresh temp dir),
 *   --limit N, --batch N (docs per addBatch, default 1 = add()), and engine options
 *   --bands --rows --shingle --cjk --threshold --cjk-threshold --cluster-sketches --min-shingles
 *   --sketch --keep --seed; --spill BYTES (in-memory index: sketches to a temp file above this).
 *   --json prints one JSON summary line (for sweeps). --input FILE: dedup this {id, text} JSONL instead.
 *   --clean: first clean the corpus with the pipeline's cleaner (dist/core/run.js runCorpus, two
 *   passes with site templates) and deduplicate the CLEANED text, which is what the pipeline feeds
 *   dedup. Cleaning time is excluded from dedup throughput; the cleaned JSONL is cached as
 *   <corpus>/cleaned.<hash of dist/core+rules>.jsonl (outside the repo).
 * Corpora are third-party text: they live outside the repo and are never committed.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = resolve(ROOT, '../shared/bench');

function parseArgs(argv) {
  const a = {};
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    if (!k.startsWith('--')) continue;
    const name = k.slice(2);
    const next = argv[i + 1];
    if (next === undefined || next.startsWith('--')) a[name] = true;
    else {
      a[name] = next;
      i++;
    }
  }
  return a;
}

const args = parseArgs(process.argv.slice(2));
const num = (k) => (args[k] === undefined ? undefined : Number(args[k]));

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc');

const distIndex = join(ROOT, 'dist/dedup/index.js');
if (!existsSync(distIndex)) {
  console.error('dist/dedup/index.js missing: run `npx tsc -p tsconfig.build.json` first');
  process.exit(2);
}
const { DedupEngine, MemoryDedupIndex } = await import(distIndex);

const corpusDir = resolve(args.corpus ?? '/tmp/seed-clean-bench/c20k');
if (corpusDir.startsWith(ROOT + '/')) {
  console.error('refusing to use a corpus inside the repo');
  process.exit(2);
}
if (!existsSync(join(corpusDir, 'labels.json')) || !existsSync(join(corpusDir, 'corpus.jsonl'))) {
  mkdirSync(dirname(corpusDir), { recursive: true });
  console.error(`generating corpus into ${corpusDir} ...`);
  const r = spawnSync('python3', [join(BENCH, 'make_corpus.py'), '--out', corpusDir, '--docs', '20000', '--mb', '80', '--seed', '1', '--format', 'jsonl'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const outDir = args.out ? resolve(args.out) : mkdtempSync(join(tmpdir(), 'seed-clean-dedup-'));
mkdirSync(outDir, { recursive: true });

/** Clean the corpus with the pipeline's cleaner; returns the JSONL path of {id, text}. */
async function cleanedCorpus() {
  const { createHash } = await import('node:crypto');
  const { readdirSync } = await import('node:fs');
  const h = createHash('sha1');
  // Everything cleaning depends on: compiled code (sub-folders included) and the lexicon data.
  const walk = (rel) => {
    const dir = join(ROOT, rel);
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (e.isDirectory()) walk(join(rel, e.name));
      else if (e.name.endsWith('.js') || e.name.endsWith('.json')) h.update(join(rel, e.name)).update(readFileSync(join(dir, e.name)));
    }
  };
  for (const d of ['dist/core', 'dist/rules', 'dist/meta', 'dist/io', 'src/lexicons']) walk(d);
  const cached = join(corpusDir, `cleaned.${h.digest('hex').slice(0, 12)}.jsonl`);
  if (existsSync(cached)) return cached;
  const { runCorpus } = await import(join(ROOT, 'dist/core/run.js'));
  const t = performance.now();
  const out = [];
  const it = runCorpus([join(corpusDir, 'corpus.jsonl')]);
  for (;;) {
    const r = await it.next();
    if (r.done) break;
    const e = r.value;
    if (e.kind === 'record') out.push(JSON.stringify({ id: e.record.id, text: e.record.text }));
    else if (e.kind === 'error') console.error('clean error', JSON.stringify(e).slice(0, 200));
  }
  writeFileSync(cached, out.join('\n') + '\n');
  console.error(`cleaned ${out.length} docs in ${((performance.now() - t) / 1000).toFixed(1)} s -> ${cached}`);
  return cached;
}
// --input FILE: a JSONL of {id, text} to deduplicate instead (e.g. an older cleaned.<hash>.jsonl, to
// compare dedup settings on one fixed cleaning while the cleaner changes)
const inputPath = args.input ? resolve(args.input) : args.clean ? await cleanedCorpus() : join(corpusDir, 'corpus.jsonl');

const opts = {
  seed: num('seed'),
  bands: num('bands'),
  rows: num('rows'),
  shingleSize: num('shingle'),
  cjkShingleSize: num('cjk'),
  threshold: num('threshold'),
  cjkThreshold: num('cjk-threshold'),
  clusterSketches: num('cluster-sketches'),
  minShingles: num('min-shingles'),
  sketchSize: num('sketch'),
  keep: args.keep,
};
const limit = num('limit') ?? Infinity;
const batchSize = num('batch') ?? 1;

gc();
const heap0 = process.memoryUsage();
// --spill BYTES: where the in-memory index moves representative sketches to its temp file
// (default 16 MiB; Infinity keeps them in memory). The measured bytes/doc exclude the file.
const spill = args.spill === undefined ? undefined : Number(args.spill);
const engine = await DedupEngine.create(opts, spill === undefined ? undefined : new MemoryDedupIndex({ spillBytes: spill }));

const t0 = performance.now();
const cpu0 = process.cpuUsage();
let docs = 0;
let textBytes = 0;
let parseMs = 0;
const rl = createInterface({ input: createReadStream(inputPath), crlfDelay: Infinity });
let batch = [];
for await (const line of rl) {
  if (!line) continue;
  if (docs >= limit) break;
  const p0 = performance.now();
  const rec = JSON.parse(line);
  parseMs += performance.now() - p0;
  textBytes += Buffer.byteLength(rec.text, 'utf8');
  if (batchSize <= 1) await engine.add(docs, rec.id, rec.text);
  else {
    batch.push({ ordinal: docs, id: rec.id, text: rec.text });
    if (batch.length >= batchSize) {
      await engine.addBatch(batch);
      batch = [];
    }
  }
  docs++;
}
if (batch.length) await engine.addBatch(batch);
const tAdd = performance.now();
gc();
const heap1 = process.memoryUsage();
const stats = await engine.index.stats();
const decisions = await engine.finalize();
const t1 = performance.now();
const cpu = process.cpuUsage(cpu0);
const cpuS = (cpu.user + cpu.system) / 1e6;

const predPath = join(outDir, 'pred.jsonl');
writeFileSync(
  predPath,
  decisions.map((d) => JSON.stringify({ id: d.id, duplicate_of: d.duplicateOf, cluster_id: d.clusterId })).join('\n') + '\n',
);
const scorePath = join(outDir, 'score.json');
const sc = spawnSync('python3', [join(BENCH, 'score_dedup.py'), '--labels', join(corpusDir, 'labels.json'), '--pred', predPath, '--json', scorePath], {
  encoding: 'utf8',
});
if (sc.status !== 0) {
  console.error(sc.stderr);
  process.exit(1);
}
const score = JSON.parse(readFileSync(scorePath, 'utf8'));
const wall = (t1 - t0) / 1000;
const mb = textBytes / 1e6;
const heapDelta = heap1.heapUsed + heap1.arrayBuffers - (heap0.heapUsed + heap0.arrayBuffers);
const summary = {
  input: args.clean ? 'cleaned' : 'raw',
  params: engine.params(),
  docs,
  text_mb: +mb.toFixed(2),
  wall_s: +wall.toFixed(2),
  json_parse_s: +(parseMs / 1000).toFixed(2),
  docs_per_s: Math.round(docs / wall),
  // CPU seconds of this process (user+system): a throughput figure that holds on a loaded machine
  cpu_s: +cpuS.toFixed(2),
  docs_per_cpu_s: Math.round(docs / cpuS),
  mb_per_s: +(mb / wall).toFixed(2),
  peak_rss_mb: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
  index_bytes_per_doc_measured: Math.round(heapDelta / docs),
  index_bytes_per_doc_estimated: Math.round(stats.approxBytes / docs),
  index: stats,
  sketches_spilled: engine.index.spilled ?? null,
  candidate_pairs_verified: engine.counters().candidatePairs,
  pairwise: score.pairwise,
  doc_level: score.doc_level,
  recall_by_injection: score.recall_by_injection,
  fp_pairs_by_category: score.fp_pairs_by_category,
  examples: score.examples,
  pred: predPath,
  score: scorePath,
};
if (args.json) {
  console.log(JSON.stringify(summary));
} else {
  const pw = score.pairwise;
  const dl = score.doc_level;
  console.log(sc.stdout.trim());
  console.log('---');
  console.log(`input        ${summary.input} text (${inputPath})`);
  console.log(`params       ${JSON.stringify({ bands: summary.params.bands, rows: summary.params.rows, shingleSize: summary.params.shingleSize, cjkShingleSize: summary.params.cjkShingleSize, threshold: summary.params.threshold, cjkThreshold: summary.params.cjkThreshold, clusterSketches: summary.params.clusterSketches, minShingles: summary.params.minShingles, sketchSize: summary.params.sketchSize, keep: summary.params.keep, seed: summary.params.seed })}`);
  console.log(`pairwise     P=${pw.precision} R=${pw.recall} F1=${pw.f1}  (fp pairs ${pw.fp_pairs}, fn pairs ${pw.fn_pairs})`);
  console.log(`uniques      wrongly dropped ${dl.wrongly_dropped_unique}; lost clusters ${dl.lost_clusters}`);
  console.log(`throughput   ${docs} docs, ${mb.toFixed(1)} MB in ${wall.toFixed(2)} s (JSON parse ${(parseMs / 1000).toFixed(2)} s): ${summary.docs_per_s} docs/s, ${summary.mb_per_s} MB/s; CPU ${cpuS.toFixed(2)} s = ${summary.docs_per_cpu_s} docs per CPU-second`);
  console.log(`memory       peak RSS ${summary.peak_rss_mb} MB; index ${summary.index_bytes_per_doc_measured} B/doc measured (heap+arrayBuffers delta after GC), ${summary.index_bytes_per_doc_estimated} B/doc estimated; sketches spilled to a temp file: ${summary.sketches_spilled}`);
  console.log(`index        ${JSON.stringify(stats)}; candidate pairs verified ${summary.candidate_pairs_verified}`);
  console.log(`files        ${predPath} ${scorePath}`);
}
