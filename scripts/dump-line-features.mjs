#!/usr/bin/env node
/**
 * Dump per-line feature vectors and labels of the dev sets for the opt-in line model
 * (src/rules/content/line-model.ts; trained by scripts/train-line-model.py).
 *
 *   npm run build && node scripts/dump-line-features.mjs [--eval ../shared/eval/dev] [--out /tmp/line-features.jsonl]
 *
 * For every page of traf, cleaneval-dev, portal and zh-cwce the real pipeline runs (site templates
 * learned per set as in a CLI run, every rule before content/density), and for each line the density
 * rule would decide, one JSON row is written: set, page, line index, the feature vector (names in the
 * first row), the context-free class, the density decision, the line length, and a label:
 *  - sets with gold full text (gold/<id>.txt): 1 if the whitespace-collapsed line is a substring of
 *    the whitespace-collapsed gold text, else 0 (lines under 10 characters: label kept, `short` set);
 *  - traf: 1 if the line contains a `with` snippet (or lies inside one, >= 20 chars), 0 for a
 *    `without` snippet, otherwise null (unlabelled).
 * Lines removed by earlier rules are written with `claimedBy` and no features (the model never
 * decides them). No gold text is written, only labels.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { readInputs } = await import(path.join(ROOT, 'dist/io/read.js'));
const { cleanDocument, documentGroup, templateKeys } = await import(path.join(ROOT, 'dist/core/clean.js'));
const { TemplateLearner } = await import(path.join(ROOT, 'dist/core/templates.js'));
const { DEFAULT_CONFIG } = await import(path.join(ROOT, 'dist/core/config.js'));
const { RULES } = await import(path.join(ROOT, 'dist/rules/index.js'));
const { lineModelFeatures } = await import(path.join(ROOT, 'dist/rules/content/line-model.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const EVAL = path.resolve(opt('--eval', path.join(ROOT, '../shared/eval/dev')));
const OUT = path.resolve(opt('--out', '/tmp/line-features.jsonl'));
const SETS = (opt('--sets', 'traf,cleaneval-dev,portal,zh-cwce')).split(',');

const norm = (s) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

// Every rule up to (not including) content/density; a probe in density's place records the context.
const before = RULES.slice(0, RULES.findIndex((r) => r.id === 'content/density'));
let probed = null;
const probe = {
  id: 'content/line-model',
  description: 'probe',
  run(ctx) {
    probed = { ctx, claimed: ctx.claimedBy.slice(), ...lineModelFeatures(ctx) };
    return [];
  },
};

const out = fs.createWriteStream(OUT);
let wroteNames = false;
const counts = {};
for (const set of SETS) {
  const dir = path.join(EVAL, set);
  const gold = JSON.parse(fs.readFileSync(path.join(dir, 'gold.json'), 'utf8'));
  const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f));
  const docs = [];
  for await (const e of readInputs(pages)) if (e.kind === 'doc') docs.push(e.doc);
  const config = DEFAULT_CONFIG;
  const templates = new TemplateLearner();
  for (const d of docs) templates.addDocument(documentGroup(d, config), templateKeys(d));
  const c = (counts[set] = { pages: 0, rows: 0, pos: 0, neg: 0 });
  for (const doc of docs) {
    const id = path.basename(doc.source.path, '.txt');
    const g = gold[id] ?? {};
    const goldFile = path.join(dir, 'gold', `${id}.txt`);
    const goldText = fs.existsSync(goldFile) ? norm(fs.readFileSync(goldFile, 'utf8')) : null;
    const withS = (g.with ?? []).map(norm).filter(Boolean);
    const withoutS = (g.without ?? []).map(norm).filter(Boolean);
    probed = null;
    cleanDocument(doc, { config, templates, rules: [...before, probe] });
    const { ctx, claimed, names, rows, densityKeep } = probed;
    if (!wroteNames) {
      out.write(JSON.stringify({ names }) + '\n');
      wroteNames = true;
    }
    c.pages++;
    ctx.lines.forEach((l, i) => {
      if (l.text === '') return;
      const t = norm(l.text);
      let label = null;
      if (goldText !== null) label = goldText.includes(t) ? 1 : 0;
      else {
        const inWith = withS.some((s) => t.includes(s) || (t.length >= 20 && s.includes(t)));
        const inWithout = withoutS.some((s) => t.includes(s) || (t.length >= 20 && s.includes(t)));
        if (inWith !== inWithout) label = inWith ? 1 : 0;
      }
      const row = rows[i];
      const rec = { set, page: id, line: i, len: t.length, label, cls: ctx.classes[i], claimedBy: claimed[i] ?? null, densityKeep: densityKeep[i] };
      if (row) {
        rec.x = row.map((v) => Math.round(v * 1e5) / 1e5);
        c.rows++;
        if (label === 1) c.pos++;
        if (label === 0) c.neg++;
      }
      out.write(JSON.stringify(rec) + '\n');
    });
  }
}
out.end();
await new Promise((r) => out.on('finish', r));
console.error(`wrote ${OUT}`);
for (const [set, c] of Object.entries(counts)) console.error(`${set}: ${c.pages} pages, ${c.rows} decidable lines (label 1: ${c.pos}, 0: ${c.neg})`);
