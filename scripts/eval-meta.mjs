#!/usr/bin/env node
/**
 * Evaluate title splitting and date extraction against the dev gold.
 *
 *   npx tsc -p tsconfig.build.json && node scripts/eval-meta.mjs [devDir] [--build DIR] [--verbose] [--set traf|zh-cwce]
 *
 * Reads every page of <devDir>/traf (title + date gold) and <devDir>/zh-cwce (date gold), runs
 * splitTitle (with the host and all body lines) and extractDate (header date, page URL, all body
 * lines, header title), and prints accuracies. Title: exact match after whitespace collapse;
 * date: first 10 characters. The page URL is the page file's own `URL:` header (the gold `url`
 * field is an evaluation key, not the page URL).
 */
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  if (i < 0) return null;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const verbose = args.includes('--verbose') ? (args.splice(args.indexOf('--verbose'), 1), true) : false;
const buildDir = flag('--build') ?? resolve(import.meta.dirname, '..', 'dist');
const onlySet = flag('--set');
const devDir = args[0] ?? resolve(import.meta.dirname, '..', '..', 'shared', 'eval', 'dev');

const meta = await import(pathToFileURL(join(buildDir, 'meta', 'index.js')).href);
const { splitTitle, extractDate, parseUrl } = meta;

const ws = (s) => String(s).replace(/\s+/g, ' ').trim();

/** Raw scraped-text format: `Key: value` lines, blank line, body. `None` means no value. */
function parsePage(text) {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r\n|\n|\r/);
  const header = {};
  let i = 0;
  for (; i < lines.length && i < 40; i++) {
    const m = /^([A-Za-z][A-Za-z0-9 _-]{0,39}):(?:[ \t]+(.*)|)$/.exec(lines[i]);
    if (!m) break;
    const v = (m[2] ?? '').trim();
    header[m[1].toLowerCase()] = v === '' || v.toLowerCase() === 'none' ? null : v;
  }
  if (lines[i] === '') i++;
  const body = lines.slice(i);
  if (body.length && body[body.length - 1] === '') body.pop();
  return { title: header.title ?? null, date: header.date ?? null, url: header.url ?? null, body };
}

function evalSet(name) {
  const dir = join(devDir, name);
  if (!existsSync(join(dir, 'gold.json'))) return;
  const gold = JSON.parse(readFileSync(join(dir, 'gold.json'), 'utf8'));
  const files = new Set(readdirSync(dir));
  const t = { n: 0, ok: 0, base: 0 };
  const d = { n: 0, ok: 0, found: 0, wrong: 0, bySource: {} };
  let ms = 0;
  for (const [id, g] of Object.entries(gold)) {
    if (!files.has(`${id}.txt`)) continue;
    const page = parsePage(readFileSync(join(dir, `${id}.txt`), 'utf8'));
    const { url, host } = parseUrl(page.url);
    const t0 = performance.now();
    const st = splitTitle(page.title, { host, bodyLines: page.body });
    const dt = extractDate({ headerDate: page.date, url, lines: page.body, title: page.title });
    ms += performance.now() - t0;
    if (g.title) {
      t.n++;
      const ok = st.title !== null && ws(st.title) === ws(g.title);
      if (ok) t.ok++;
      if (page.title !== null && ws(page.title) === ws(g.title)) t.base++;
      if (!ok && verbose) console.log(`T ${id} | ${page.title}\n    got:  ${st.title}\n    gold: ${g.title}`);
    }
    if (g.date) {
      d.n++;
      const got = dt.date ? dt.date.slice(0, 10) : null;
      const ok = got === g.date.slice(0, 10);
      if (got) d.found++;
      if (ok) d.ok++;
      else if (got) d.wrong++;
      const s = (d.bySource[dt.source ?? 'none'] ??= { n: 0, ok: 0 });
      s.n++;
      if (ok) s.ok++;
      if (!ok && verbose) console.log(`D ${id} [${dt.source}] got ${got} gold ${g.date} ${url ?? ''}`);
    }
  }
  const pct = (a, b) => (b ? (a / b).toFixed(3) : 'n/a');
  console.log(`${name}:`);
  if (t.n) console.log(`  title accuracy ${pct(t.ok, t.n)} (${t.ok}/${t.n}; header title as is ${pct(t.base, t.n)})`);
  if (d.n) {
    const src = Object.entries(d.bySource).map(([k, v]) => `${k} ${v.ok}/${v.n}`).join(', ');
    console.log(`  date accuracy  ${pct(d.ok, d.n)} (${d.ok}/${d.n}; found ${d.found}, wrong ${d.wrong}; by source: ${src})`);
  }
  console.log(`  ${(ms / Object.keys(gold).length).toFixed(3)} ms per page (splitTitle + extractDate)`);
}

for (const name of ['traf', 'zh-cwce']) if (!onlySet || onlySet === name) evalSet(name);
