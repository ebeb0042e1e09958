import fs from 'node:fs';
import type { Rule, DocContext } from '../rule.js';
import type { LineClass } from '../../core/classify.js';
import { ruleNumber } from '../../core/config.js';
import { rangesToFindings } from '../rule.js';
import { density } from './density.js';

/**
 * OPT-IN learned line classifier (issue 3): a logistic regression over the per-line features, the
 * context-free class, the neighbours' features and the density rule's own decision. Weights are data
 * (src/lexicons/line-model.json, written by scripts/train-line-model.py from features dumped by
 * scripts/dump-line-features.mjs); the JSON records the training command and out-of-sample scores.
 *
 * Off unless the config says `{"rules": {"content/line-model": {"enabled": true}}}`. With
 * content/density still on, it only removes further kept lines that score below `threshold`; with
 * `"content/density": {"enabled": false}` it replaces density (it computes density's decision itself,
 * as a feature, and decides every line density would have decided). SEED_CLEAN_LINE_MODEL=<file>
 * loads another weights file (used to score cross-validation folds).
 */
const ID = 'content/line-model';
const IGNORED = new Set(['normalize/empty-line', 'repeat/exact', 'repeat/near']);
const THRESHOLD = 0.5;
const NO_GOOD = 5000;

export interface LineModel {
  features: string[];
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
  threshold?: number;
}

const CLASSES: readonly LineClass[] = ['good', 'neargood', 'short', 'bad'];

/**
 * The feature vector of every line density would decide (not removed by an earlier rule, not blank
 * or repeated), by line index; other lines are undefined. Shared by the rule and the dump script, so
 * training and use see the same numbers. `names` lists the vector's entries.
 */
export function lineModelFeatures(ctx: DocContext): { names: string[]; rows: (number[] | undefined)[]; densityKeep: boolean[] } {
  // The view density had: claims by density itself (when it ran) are not counted.
  const pre = ctx.claimedBy.map((c) => (c === 'content/density' || c === ID ? undefined : c));
  const removed = new Set<number>();
  for (const f of density.run({ ...ctx, claimedBy: pre })) for (let i = f.lines[0]; i <= f.lines[1]; i++) removed.add(i);
  const n = ctx.lines.length;
  const idx: number[] = [];
  for (let i = 0; i < n; i++) if (!(pre[i] && IGNORED.has(pre[i]!))) idx.push(i);
  const m = idx.length;
  const free = (k: number): boolean => !pre[idx[k]!];
  const good = (k: number): boolean => free(k) && ctx.classes[idx[k]!] === 'good';
  let total = 0;
  let goodW = 0;
  let claimedW = 0;
  for (let k = 0; k < m; k++) {
    const w = ctx.features[idx[k]!]!.weight;
    total += w;
    if (good(k)) goodW += w;
    if (!free(k)) claimedW += w;
  }
  // Chars (weights) to the nearest good free line before / after.
  const distPrev: number[] = new Array(m).fill(NO_GOOD);
  const distNext: number[] = new Array(m).fill(NO_GOOD);
  let acc = -1;
  for (let k = 0; k < m; k++) {
    distPrev[k] = acc < 0 ? NO_GOOD : Math.min(acc, NO_GOOD);
    if (good(k)) acc = 0;
    else if (acc >= 0) acc += ctx.features[idx[k]!]!.weight;
  }
  acc = -1;
  for (let k = m - 1; k >= 0; k--) {
    distNext[k] = acc < 0 ? NO_GOOD : Math.min(acc, NO_GOOD);
    if (good(k)) acc = 0;
    else if (acc >= 0) acc += ctx.features[idx[k]!]!.weight;
  }
  const names: string[] = [];
  const own = ['logWeight', 'weight1k', 'stopwords', 'logPunct', 'endsSentence', 'digitRatio', 'letterRatio', 'cjk', 'logWords', 'endsColon', 'pipes', 'inTitle'];
  names.push(...own, ...CLASSES.map((c) => `class_${c}`), 'densityKeep', 'relIndex', 'relWeightPos');
  for (const side of ['prev', 'next']) {
    names.push(`${side}_exists`, `${side}_claimed`, ...CLASSES.map((c) => `${side}_class_${c}`), `${side}_logWeight`, `${side}_stopwords`, `${side}_densityKeep`);
  }
  names.push('logDistPrevGood', 'logDistNextGood', 'pageLogWeight', 'pageGoodShare', 'pageClaimedShare');
  const rows: (number[] | undefined)[] = new Array(n).fill(undefined);
  let before = 0;
  for (let k = 0; k < m; k++) {
    const i = idx[k]!;
    const f = ctx.features[i]!;
    const here = before;
    before += f.weight;
    if (!free(k)) continue;
    const text = ctx.lines[i]!.text;
    const key = ctx.lines[i]!.key;
    const cls = ctx.classes[i]!;
    const row: number[] = [
      Math.log1p(f.weight),
      Math.min(f.weight, 1000) / 1000,
      f.stopwordDensity,
      Math.log1p(f.punct),
      f.endsSentence ? 1 : 0,
      f.digitRatio,
      f.letterRatio,
      f.cjk ? 1 : 0,
      Math.log1p(f.words),
      /[:：]\s*$/.test(text) ? 1 : 0,
      Math.min((text.match(/[|·•»›]/g) ?? []).length, 5) / 5,
      key.length >= 10 && ctx.titleKey.includes(key) ? 1 : 0,
      ...CLASSES.map((c) => (cls === c ? 1 : 0)),
      removed.has(i) ? 0 : 1,
      m > 1 ? k / (m - 1) : 0,
      total > 0 ? here / total : 0,
    ];
    for (const dir of [-1, 1]) {
      const j = k + dir;
      if (j < 0 || j >= m) {
        row.push(0, 0, 0, 0, 0, 0, 0, 0, 0);
        continue;
      }
      const ni = idx[j]!;
      const nf = ctx.features[ni]!;
      const nfree = free(j);
      const nc = ctx.classes[ni]!;
      row.push(1, nfree ? 0 : 1, ...CLASSES.map((c) => (nfree && nc === c ? 1 : 0)), Math.log1p(nf.weight), nf.stopwordDensity, nfree && !removed.has(ni) ? 1 : 0);
    }
    row.push(Math.log1p(distPrev[k]!), Math.log1p(distNext[k]!), Math.log1p(total), total > 0 ? goodW / total : 0, total > 0 ? claimedW / total : 0);
    rows[i] = row;
  }
  return { names, rows, densityKeep: ctx.lines.map((_, i) => !removed.has(i)) };
}

let cached: { path: string; model: LineModel } | null = null;

function modelPath(): string {
  const env = process.env['SEED_CLEAN_LINE_MODEL'];
  // Resolves to <repo>/src/lexicons from both src/rules/content/*.ts and dist/rules/content/*.js.
  return env && env.length > 0 ? env : new URL('../../../src/lexicons/line-model.json', import.meta.url).pathname;
}

export function loadLineModel(): LineModel {
  const p = modelPath();
  if (cached && cached.path === p) return cached.model;
  const model = JSON.parse(fs.readFileSync(p, 'utf8')) as LineModel;
  cached = { path: p, model };
  return model;
}

export function scoreRow(model: LineModel, row: readonly number[]): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * ((row[j]! - model.mean[j]!) / (model.std[j]! || 1));
  return 1 / (1 + Math.exp(-z));
}

export const lineModel: Rule = {
  id: ID,
  description: 'Opt-in learned line classifier (logistic regression over line, neighbour and density features); off unless enabled in the config.',
  run(ctx) {
    if (ctx.config.rules[ID]?.enabled !== true) return [];
    const model = loadLineModel();
    const threshold = ruleNumber(ctx.config, ID, 'threshold', model.threshold ?? THRESHOLD);
    const { names, rows } = lineModelFeatures(ctx);
    if (names.join(',') !== model.features.join(',')) throw new Error(`${ID}: the model's feature list does not match this build (retrain: scripts/train-line-model.py)`);
    const out: number[] = [];
    const scores = new Map<number, number>();
    rows.forEach((row, i) => {
      if (!row || ctx.claimedBy[i]) return;
      const p = scoreRow(model, row);
      if (p < threshold) {
        out.push(i);
        scores.set(i, p);
      }
    });
    return rangesToFindings(out, ID, 'line model: unlikely to be main text', (a, b) => ({
      score: Math.round(Math.min(...Array.from({ length: b - a + 1 }, (_, k) => scores.get(a + k)!)) * 1000) / 1000,
      threshold,
    }));
  },
};
