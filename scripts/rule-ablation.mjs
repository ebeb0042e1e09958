#!/usr/bin/env node
/**
 * Per-rule contribution on the dev sets: F1 (and P/R) per set with all rules on, then with each
 * rule switched off in turn (a config file `{"rules": {"<id>": {"enabled": false}}}` given to the
 * CLI with -c), through the eval harness (../shared/eval/run.sh, one set at a time).
 *
 *   npm run build && node scripts/rule-ablation.mjs [--sets traf,cleaneval-dev,portal,zh-cwce] [--rules id,id] [--parallel N] [--out FILE.md]
 *
 * The built CLI (bin/, dist/, src/lexicons/) is copied to a temporary snapshot first, so rebuilding
 * the worktree while it runs does not mix versions. Prints a markdown table (Δ = F1 with the rule
 * off minus F1 with everything on: a negative Δ means the rule helps that set).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const devDir = path.resolve(root, opt('--dev', '../shared/eval/dev'));
const runSh = path.resolve(devDir, '..', 'run.sh');
const sets = opt('--sets', 'traf,cleaneval-dev,portal,zh-cwce').split(',');
const outFile = opt('--out', null);
/** Sets scored at the same time (default 1: one after another; the machine may be shared). */
const lanes = Number(opt('--parallel', '1'));

const snap = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-ablation-'));
for (const d of ['bin', 'dist', path.join('src', 'lexicons')]) fs.cpSync(path.join(root, d), path.join(snap, d), { recursive: true });
fs.copyFileSync(path.join(root, 'package.json'), path.join(snap, 'package.json'));
fs.symlinkSync(fs.realpathSync(path.join(root, 'node_modules')), path.join(snap, 'node_modules'));
// --no-dedup: with --keep-duplicates (the harness) dedup only adds fields; cleaning is the same.
const cli = `node ${path.join(snap, 'bin', 'seed-clean.js')} --no-dedup`;

const allRules = execFileSync('node', [path.join(snap, 'bin', 'seed-clean.js'), 'rules'], { encoding: 'utf8' })
  .split('\n')
  .map((l) => l.split(/\s+/)[0])
  .filter((id) => id && id.includes('/'));
const rules = opt('--rules', null)?.split(',') ?? allRules.filter((r) => r !== 'content/line-model' && r !== 'normalize/empty-line');

async function score(configRules) {
  const cfg = path.join(snap, `config-${Date.now()}.json`);
  fs.writeFileSync(cfg, JSON.stringify({ rules: configRules }));
  const res = {};
  const one = async (s) => {
    const { stdout } = await promisify(execFile)(runSh, [path.join(devDir, s), `${cli} -c ${cfg} -q`], {
      encoding: 'utf8',
      cwd: snap,
      env: { ...process.env, SCORE_ARGS: '--json' },
      maxBuffer: 64 * 1024 * 1024,
    });
    const j = JSON.parse(stdout.trim().split('\n').pop());
    const r = j.sets[s];
    const m = r.shingles ?? r.snippets;
    res[s] = { p: m.precision, r: m.recall, f1: m.f1 };
  };
  const queue = [...sets];
  await Promise.all(Array.from({ length: Math.max(1, lanes) }, async () => {
    while (queue.length) await one(queue.shift());
  }));
  return res;
}

const f = (x) => x.toFixed(3);
const d = (x) => (x >= 0 ? '+' : '−') + Math.abs(x).toFixed(3);
const lines = [];
const all = await score({});
lines.push(`| rule switched off | ${sets.map((s) => `${s} F1 (Δ)`).join(' | ')} |`);
lines.push(`| --- | ${sets.map(() => '---').join(' | ')} |`);
lines.push(`| (none: all rules on) | ${sets.map((s) => `${f(all[s].f1)} (P ${f(all[s].p)} R ${f(all[s].r)})`).join(' | ')} |`);
console.log(lines.join('\n'));
for (const id of rules) {
  const r = await score({ [id]: { enabled: false } });
  const row = `| \`${id}\` | ${sets.map((s) => `${f(r[s].f1)} (${d(r[s].f1 - all[s].f1)})`).join(' | ')} |`;
  lines.push(row);
  console.log(row);
}
if (outFile) fs.writeFileSync(outFile, lines.join('\n') + '\n');
fs.rmSync(snap, { recursive: true, force: true });
