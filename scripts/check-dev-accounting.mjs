#!/usr/bin/env node
/**
 * Nothing-lost check on every page of the dev eval sets, with the built dist/ in plain node:
 *  1. accounting: per set, every input page ends up as a kept record, a dropped duplicate (the
 *     rejects) or an error event — runCorpus with dedup on (the CLI default), one run per set as
 *     the eval harness does (the set's top-level *.txt pages only, never gold/);
 *  2. rebuild: for every record, rebuildBody(record) equals the page's body as read by the same
 *     reader (readInputFile), byte for byte.
 *
 *   npm run build && node scripts/check-dev-accounting.mjs [DEV_DIR]   (default ../shared/eval/dev)
 * Exit 0 when everything is accounted for, 1 on any mismatch, 0 with a note when DEV_DIR is absent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const { runCorpus, readInputFile, rebuildBody } = await import(path.join(here, '..', 'dist', 'index.js'));

const devDir = path.resolve(process.argv[2] ?? path.join(here, '..', '..', 'shared', 'eval', 'dev'));
if (!fs.existsSync(devDir)) {
  console.log(`check-dev-accounting: ${devDir} not found; nothing to check`);
  process.exit(0);
}

const sets = fs
  .readdirSync(devDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

let failures = 0;
const rows = [];
const t0 = Date.now();
for (const set of sets) {
  const setDir = path.join(devDir, set);
  const pages = fs.readdirSync(setDir).filter((f) => f.endsWith('.txt')).sort();
  if (pages.length === 0) continue;
  const files = pages.map((p) => path.join(setDir, p));
  const t = Date.now();
  const seen = new Map(); // source.path -> record
  let kept = 0;
  let dropped = 0;
  const errors = [];
  const gen = runCorpus(files, { dedup: {} });
  let summary;
  for (;;) {
    const r = await gen.next();
    if (r.done) {
      summary = r.value;
      break;
    }
    const e = r.value;
    if (e.kind === 'record') {
      if (e.dropped) dropped++;
      else kept++;
      if (seen.has(e.record.source.path)) {
        failures++;
        console.log(`FAIL ${set}: ${e.record.source.path} produced two records`);
      }
      seen.set(e.record.source.path, e.record);
    } else if (e.kind === 'error') {
      errors.push(e);
    }
  }
  const errPaths = new Set(errors.map((e) => e.path));
  // accounting: every page is a record (kept or dropped) or an error
  const missing = files.filter((f) => !seen.has(f) && !errPaths.has(f));
  for (const m of missing) {
    failures++;
    console.log(`FAIL ${set}: ${m} is in neither the output, the rejects nor the errors`);
  }
  if (kept + dropped + errors.length !== pages.length) {
    failures++;
    console.log(`FAIL ${set}: ${pages.length} pages but ${kept} kept + ${dropped} dropped + ${errors.length} errors`);
  }
  if (summary.documents !== kept + dropped || summary.duplicates !== dropped || summary.errors !== errors.length) {
    failures++;
    console.log(`FAIL ${set}: summary ${JSON.stringify({ documents: summary.documents, duplicates: summary.duplicates, errors: summary.errors })} disagrees with the events`);
  }
  // rebuild: each record gives back the body read by the same reader
  let rebuilt = 0;
  let bad = 0;
  for (const f of files) {
    const rec = seen.get(f);
    if (!rec) continue;
    const docs = [];
    for await (const ev of readInputFile({ abs: f, rel: f, root: setDir })) if (ev.kind === 'doc') docs.push(ev.doc);
    const body = docs[0]?.bodyLines.join('\n');
    const got = rebuildBody(rec);
    if (docs.length !== 1 || got !== body) {
      bad++;
      failures++;
      if (bad <= 5) {
        let i = 0;
        while (i < Math.min(got.length, body?.length ?? 0) && got[i] === body[i]) i++;
        console.log(`FAIL ${set}: rebuild of ${path.basename(f)} differs at char ${i}: got ${JSON.stringify(got.slice(i, i + 60))} want ${JSON.stringify(body?.slice(i, i + 60))}`);
      }
    } else rebuilt++;
  }
  rows.push({ set, pages: pages.length, kept, dropped, errors: errors.length, rebuilt_exact: rebuilt, rebuild_failures: bad, seconds: (Date.now() - t) / 1000 });
}

console.log('| set | pages | kept | dropped (rejects) | errors | accounted | rebuild exact | seconds |');
console.log('| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |');
for (const r of rows) {
  const ok = r.kept + r.dropped + r.errors === r.pages;
  console.log(`| ${r.set} | ${r.pages} | ${r.kept} | ${r.dropped} | ${r.errors} | ${ok ? 'yes' : 'NO'} | ${r.rebuilt_exact}/${r.kept + r.dropped} | ${r.seconds.toFixed(1)} |`);
}
console.log(`\n${failures === 0 ? 'OK' : 'FAILED'}: ${failures} failure(s), ${((Date.now() - t0) / 1000).toFixed(1)} s`);
process.exit(failures === 0 ? 0 : 1);
