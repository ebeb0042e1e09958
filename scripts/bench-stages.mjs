#!/usr/bin/env node
/**
 * Where clean-only time goes, stage by stage, against the issue-8 ceiling.
 *
 *   npm run build && node scripts/bench-stages.mjs [corpus.jsonl] [--rounds N]
 *
 * Default corpus: /tmp/seed-clean-bench/c20k/corpus.jsonl (made by `npm run bench`). With the
 * whole corpus parsed into memory first, it times each stage of a clean-only run on its own: parsing the records, learning the site templates (pass 1's own work), cleaning every
 * document (pass 2's own work), cleaning with no rule enabled (what every document costs before
 * any rule runs: lines, line features, stopword lists, language, title, date, applying), each
 * rule's own time (a separate pass with every rule's `run` timed), and `JSON.stringify` of the
 * records. None of these includes reading the file from disk, the worker or stream plumbing, or
 * writing. The ceiling (../shared/bench/limits_node.js --mode full) is the whole minimal
 * pipeline, disk included, on the same file, run before each round.
 *
 * The question it answers: can clean-only `--jobs 1` reach 40% of the ceiling (issue 8) by
 * trimming overhead, or does the cleaning itself cost more than that budget? Rounds alternate the
 * measurements and the medians are reported (this host's timings swing by 30% between identical
 * runs). Each measurement runs in a fresh process (see child()).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const roundsAt = args.indexOf('--rounds');
const rounds = roundsAt >= 0 ? Math.max(1, Number(args[roundsAt + 1])) : 3;
// `--child MODE` (all, base, timed): one measurement, run by this script in a fresh process.
const file = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds' && args[i - 1] !== '--child') ?? '/tmp/seed-clean-bench/c20k/corpus.jsonl';
if (!fs.existsSync(file)) {
  console.error(`bench-stages: ${file}: no such file (run \`npm run bench\` once to make the bench corpora)`);
  process.exit(2);
}
const childAt = args.indexOf('--child');
// Only a measuring child loads the library; the parent just runs the children and the ceiling.
const dist = (p) => pathToFileURL(path.join(ROOT, 'dist', p)).href;
const { parseJsonlRecord, cleanDocument, TemplateLearner, documentGroup, DEFAULT_CONFIG, loadLexicon, RULES } = childAt >= 0 ? await import(dist('index.js')) : {};
const { hashLineKeys, templateKeyHashes } = childAt >= 0 ? await import(dist('core/templates.js')) : {};

const now = () => Number(process.hrtime.bigint()) / 1e9;
const config = DEFAULT_CONFIG;
const lexicon = childAt >= 0 ? loadLexicon() : null;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function ceiling() {
  const r = spawnSync(process.execPath, [path.resolve(ROOT, '../shared/bench/limits_node.js'), '--in', file, '--out', '/dev/null', '--mode', 'full'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`limits_node.js failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()).seconds;
}

function parseAll() {
  const text = fs.readFileSync(file, 'utf8');
  const t = now();
  const docs = [];
  let n = 0;
  for (const line of text.split('\n')) {
    n++;
    if (line.trim() !== '') docs.push(parseJsonlRecord(line, file, n));
  }
  return [now() - t, docs];
}

function learn(docs) {
  const t = now();
  const tl = new TemplateLearner();
  for (const d of docs) {
    const g = documentGroup(d, config);
    // As run.ts learnOne: hashed keys, no key strings.
    if (g) tl.addHashed(g, hashLineKeys(templateKeyHashes(d.bodyLines)));
  }
  tl.prune(2); // run.ts snapshotMin with the default minDocs
  return [now() - t, tl];
}

function clean(docs, templates, rules, keep) {
  const out = keep ? [] : null;
  const t = now();
  for (const d of docs) {
    const r = cleanDocument(d, { config, templates, lexicon, rules }).record;
    if (out) out.push(r);
  }
  return [now() - t, out];
}

const childRuleTime = new Map();
const timedRules = (RULES ?? []).map((r) => ({
  ...r,
  run(ctx) {
    const a = process.hrtime.bigint();
    const f = r.run(ctx);
    childRuleTime.set(r.id, (childRuleTime.get(r.id) ?? 0n) + process.hrtime.bigint() - a);
    return f;
  },
}));

/**
 * One measurement in this (fresh) process: parse, learn, then clean with `mode`'s rules once. A
 * fresh process per measurement, not passes in a loop: cleaning keeps bounded memos (tinyld's word
 * scores, CJK segment counts, the last language sample), and a second pass over the same
 * documents would find them warm, which a real run over new documents does not.
 */
function child(mode) {
  const [tp, docs] = parseAll();
  const [tl, templates] = learn(docs);
  const rules = mode === 'base' ? [] : mode === 'timed' ? timedRules : undefined;
  const [tc, records] = clean(docs, templates, rules, mode === 'all');
  let ts = 0;
  if (records) {
    const t = now();
    for (const r of records) JSON.stringify(r);
    ts = now() - t;
  }
  const ruleSeconds = Object.fromEntries([...childRuleTime].map(([id, v]) => [id, Number(v) / 1e9]));
  process.stdout.write(JSON.stringify({ docs: docs.length, parse: tp, learn: tl, clean: tc, stringify: ts, rules: ruleSeconds }) + '\n');
}

if (childAt >= 0) {
  child(args[childAt + 1]);
  process.exit(0);
}

function runChild(mode) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), file, '--child', mode], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench-stages --child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const times = { ceiling: [], parse: [], learn: [], clean: [], base: [], stringify: [] };
let docCount = 0;
const ruleTime = new Map();
for (let round = 0; round < rounds; round++) {
  times.ceiling.push(ceiling());
  const all = runChild('all');
  docCount = all.docs;
  for (const k of ['parse', 'learn', 'clean', 'stringify']) times[k].push(all[k]);
  times.base.push(runChild('base').clean);
  if (round === rounds - 1) for (const [id, v] of Object.entries(runChild('timed').rules)) ruleTime.set(id, v);
}

const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
const budget = m.ceiling / 0.4;
const row = (name, s) => `| ${name} | ${s.toFixed(2)} | ${(s / m.ceiling).toFixed(2)}× | ${((100 * s) / budget).toFixed(0)}% |`;
let rulesSum = 0;
for (const v of ruleTime.values()) rulesSum += v;
const lines = [
  `${path.basename(path.dirname(file))}/${path.basename(file)}: ${docCount} documents, ${rounds} round(s), medians; Node ${process.version}`,
  '',
  `| stage (input in memory, no disk) | s | × ceiling | share of the 40% budget (${budget.toFixed(2)} s) |`,
  '| --- | ---: | ---: | ---: |',
  row('ceiling: limits_node.js --mode full (whole pipeline, disk included)', m.ceiling),
  row('parse the records (parseJsonlRecord)', m.parse),
  row('pass 1: site templates (keys + TemplateLearner)', m.learn),
  row('pass 2: cleanDocument, every rule', m.clean),
  row('  of which: cleanDocument with no rule (lines, features, lists, language, title, date)', m.base),
  row('  of which: the rules (timed separately, last round)', rulesSum),
  row('JSON.stringify of the records', m.stringify),
  row('sum of the stages', m.parse + m.learn + m.clean + m.stringify),
  '',
  'Rules by own time (last round):',
  '',
  ...[...ruleTime]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([id, v]) => `- ${id}: ${v.toFixed(2)} s`),
];
console.log(lines.join('\n'));
