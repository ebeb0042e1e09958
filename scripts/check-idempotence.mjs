#!/usr/bin/env node
/**
 * Idempotence on real pages (issue #5): clean every dev page (per document, no site templates,
 * default config), clean the kept text again as a headerless document, and count the pages where
 * the second pass removes something more (or changes the text).
 *
 *   npm run build && node scripts/check-idempotence.mjs [DEV_DIR] [--show N]
 * Prints one line per set and, with --show, the first N offending pages with the lines the second
 * pass removes and the rule that removes them. Exit 0 always (a count, not a gate).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { parseRawText, splitLines, cleanDocument, DEFAULT_CONFIG } = await import(path.join(here, '..', 'dist', 'index.js'));

const args = process.argv.slice(2);
const showAt = args.indexOf('--show');
const show = showAt >= 0 ? Number(args[showAt + 1]) : 0;
if (showAt >= 0) args.splice(showAt, 2);
const devDir = path.resolve(args[0] ?? path.join(here, '..', '..', 'shared', 'eval', 'dev'));
if (!fs.existsSync(devDir)) {
  console.log(`check-idempotence: ${devDir} not found; nothing to check`);
  process.exit(0);
}

function headerless(text) {
  return {
    inputId: null,
    source: { path: 'again.txt' },
    title: null,
    date: null,
    url: null,
    bodyLines: splitLines(text),
    bodyStartLine: 1,
    metadata: Object.create(null),
  };
}

let total = 0;
let totalBad = 0;
let shown = 0;
for (const set of fs.readdirSync(devDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
  const dir = path.join(devDir, set);
  const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  if (pages.length === 0) continue;
  let bad = 0;
  let linesAgain = 0;
  const byRule = {};
  for (const p of pages) {
    const doc = parseRawText(fs.readFileSync(path.join(dir, p), 'utf8'), path.join(set, p));
    const first = cleanDocument(doc, { config: DEFAULT_CONFIG, templates: null }).record;
    const again = cleanDocument(headerless(first.text), { config: DEFAULT_CONFIG, templates: null }).record;
    const nonBlank = again.removed.filter((r) => r.rule !== 'normalize/empty-line' || r.text.trim() !== '');
    if (nonBlank.length === 0 && again.text === first.text) continue;
    bad++;
    for (const r of nonBlank) {
      const n = r.lines[1] - r.lines[0] + 1;
      byRule[r.rule] = (byRule[r.rule] ?? 0) + n;
      linesAgain += n;
    }
    if (shown < show) {
      shown++;
      console.log(`-- ${set}/${p}: ${first.stats.lines_out} kept lines, second pass removes:`);
      for (const r of nonBlank) console.log(`   [${r.rule}] ${r.reason}: ${JSON.stringify(r.text.slice(0, 160))}`);
    }
  }
  total += pages.length;
  totalBad += bad;
  console.log(`${set.padEnd(14)} pages ${String(pages.length).padStart(4)}  not idempotent ${String(bad).padStart(4)}  lines removed again ${linesAgain}  ${JSON.stringify(byRule)}`);
}
console.log(`${'all'.padEnd(14)} pages ${String(total).padStart(4)}  not idempotent ${String(totalBad).padStart(4)}`);
