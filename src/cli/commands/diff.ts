/**
 * `seed-clean diff A B`: clean two documents and show whether deduplication would judge them
 * duplicates, and why: exact key, shingle scheme and counts, shared shingles, Jaccard, the MinHash
 * estimate, shared LSH bands and the candidate probability at that Jaccard, the verification
 * threshold and the verdict (from a real DedupEngine run on the two cleaned texts), with a few
 * shared and differing shingles and lines as examples.
 */
import type { Command } from 'commander';
import { cleanDocument } from '../../core/clean.js';
import {
  DedupEngine,
  DEFAULT_OPTIONS,
  normalizeForDedup,
  shingle,
  jaccardSorted,
  jaccardBottomK,
  signature,
  estimateJaccard,
  bandKeys,
  candidateProbability,
  createMinHasher,
  exactKey,
  initExactHasher,
  type DedupOptions,
} from '../../dedup/index.js';
import { resolveConfig, ConfigError } from '../config.js';
import { safeText, type Colors } from '../format.js';
import { lineOwners } from '../explain.js';
import { stdoutColors } from './explain.js';
import { InputError, loadDocument } from './input.js';
import { clipColumns } from './text.js';

const EXAMPLES = 3;
const MAX_EXAMPLE = 100;

interface DiffOptions {
  json?: boolean;
  color?: boolean;
  config?: string;
  encoding?: string;
  textField?: string;
  idField?: string;
  urlField?: string;
  threshold?: string;
}

interface Side {
  source: { path: string; line?: number };
  id: string;
  chars: number;
  lines_kept: number;
  lines_in: number;
  exact_key: string;
  scheme: string;
  shingles: number;
  exact_only: boolean;
}

export interface DiffReport {
  a: Side;
  b: Side;
  exact_equal: boolean;
  shingles_shared: number;
  jaccard: number;
  /** Jaccard as the engine verifies it (bottom-k sketch; equal to jaccard for texts up to sketchSize shingles). */
  jaccard_verified: number;
  minhash: { permutations: number; estimate: number; bands: number; rows: number; bands_shared: number; min_band_hits: number; candidate: boolean; candidate_probability: number };
  threshold: number;
  min_shingles: number;
  verdict: { duplicate: boolean; method: 'exact' | 'minhash' | null; similarity: number | null; why: string };
  examples: {
    shared_shingles: string[];
    only_a_shingles: string[];
    only_b_shingles: string[];
    lines_shared: number;
    only_a_lines: Array<{ line: number; text: string }>;
    only_b_lines: Array<{ line: number; text: string }>;
  };
}

// Token boundaries as in dedup/shingle.ts (letter/digit/mark runs; each Han/kana/Hangul char alone),
// as strings: only for showing example shingles (counts and Jaccard come from the engine's hashes).
const WORD = /[\p{L}\p{N}\p{M}]/u;
function isCjk(c: number): boolean {
  return (
    (c >= 0x3040 && c <= 0x30ff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0x1100 && c <= 0x11ff) ||
    (c >= 0x3130 && c <= 0x318f) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0x31f0 && c <= 0x31ff) ||
    (c >= 0xff66 && c <= 0xff9f)
  );
}

function tokenStrings(norm: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (const ch of norm) {
    const c = ch.codePointAt(0)!;
    if (c < 0x10000 && isCjk(c) && WORD.test(ch)) {
      if (cur) out.push(cur);
      cur = '';
      out.push(ch);
    } else if (WORD.test(ch)) cur += ch;
    else {
      if (cur) out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

function ngramStrings(tokens: string[], n: number, cjk: boolean): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = tokens.slice(i, i + n).join(cjk ? '' : ' ');
    if (!seen.has(g)) {
      seen.add(g);
      out.push(g);
    }
  }
  return out;
}

/** Spread picks over the list (first, middle, ...), so examples are not all from the opening lines. */
function spread<T>(xs: T[], k: number): T[] {
  if (xs.length <= k) return xs;
  const out: T[] = [];
  for (let i = 0; i < k; i++) out.push(xs[Math.floor((i * xs.length) / k)]!);
  return out;
}

function clip(s: string): string {
  return clipColumns(s, MAX_EXAMPLE);
}

interface Cleaned {
  source: { path: string; line?: number };
  id: string;
  text: string;
  linesIn: number;
  kept: Array<{ line: number; text: string }>;
}

/** Compare two cleaned documents as the dedup engine would (pure apart from the engine run). */
export async function diffDocuments(a: Cleaned, b: Cleaned, opts: DedupOptions = {}): Promise<DiffReport> {
  const o = { ...DEFAULT_OPTIONS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) };
  await initExactHasher();
  const na = normalizeForDedup(a.text);
  const nb = normalizeForDedup(b.text);
  const sa = shingle(na, o);
  const sb = shingle(nb, o);
  const mh = createMinHasher(o.bands * o.rows, o.seed);
  const siga = signature(mh, sa.hashes);
  const sigb = signature(mh, sb.hashes);
  const ka = bandKeys(siga, o.bands, o.rows, o.seed);
  const kb = bandKeys(sigb, o.bands, o.rows, o.seed);
  let bandsShared = 0;
  for (let i = 0; i < ka.length; i++) if (ka[i] === kb[i]) bandsShared++;
  let shared = 0;
  {
    const setB = new Set(sb.hashes);
    for (const h of sa.hashes) if (setB.has(h)) shared++;
  }
  const jaccard = jaccardSorted(sa.hashes, sb.hashes);
  // as the engine verifies B against A's stored sketch (its sketchSize smallest shingle hashes)
  const verified = jaccardBottomK(sb.hashes, sa.hashes.slice(0, o.sketchSize), o.sketchSize);
  const exactOnlyA = sa.hashes.length < o.minShingles;
  const exactOnlyB = sb.hashes.length < o.minShingles;

  // The verdict is the engine's own: A first, B second.
  const engine = await DedupEngine.create(opts);
  await engine.add(0, 'A', a.text);
  await engine.add(1, 'B', b.text);
  const decisions = await engine.finalize();
  const d = decisions[1]!;
  const duplicate = !d.kept;
  const exactEqual = na.length > 0 && exactKey(na) === exactKey(nb);
  const lshCandidate = !exactOnlyA && !exactOnlyB && bandsShared >= o.minBandHits;
  // CJK texts (character n-grams) are verified with their own threshold, as in the engine.
  const threshold = sa.cjk || sb.cjk ? o.cjkThreshold : o.threshold;
  const f2 = (x: number) => x.toFixed(4);
  let why: string;
  if (na.length === 0 || nb.length === 0) why = 'a cleaned text is empty: empty texts are never merged';
  else if (exactEqual) why = 'the normalised texts are identical (exact hash)';
  else if (exactOnlyA || exactOnlyB)
    why = `${exactOnlyA ? 'A' : 'B'} has fewer than ${o.minShingles} distinct shingles: such texts are deduplicated exactly only`;
  else if (!lshCandidate)
    why = `${bandsShared} of ${o.bands} LSH bands shared (a candidate needs ${o.minBandHits}), so the pair is never compared; Jaccard ${f2(jaccard)}`;
  else if (duplicate) why = `LSH candidate (${bandsShared} of ${o.bands} bands shared) and verified Jaccard ${f2(d.similarity ?? verified)} >= threshold ${threshold}`;
  else why = `LSH candidate (${bandsShared} of ${o.bands} bands shared) but verified Jaccard ${f2(verified)} < threshold ${threshold}`;

  const ta = tokenStrings(na);
  const tb = tokenStrings(nb);
  const ga = ngramStrings(ta, sa.n, sa.cjk);
  const gb = ngramStrings(tb, sb.n, sb.cjk);
  const setGa = new Set(ga);
  const setGb = new Set(gb);
  const la = new Set(a.kept.map((l) => normalizeForDedup(l.text)));
  const lb = new Set(b.kept.map((l) => normalizeForDedup(l.text)));
  const scheme = (s: { cjk: boolean; n: number }) => (s.cjk ? `CJK character ${s.n}-grams` : `word ${s.n}-grams`);
  const side = (c: Cleaned, norm: string, s: typeof sa, exactOnly: boolean): Side => ({
    source: c.source,
    id: c.id,
    chars: c.text.length,
    lines_kept: c.kept.length,
    lines_in: c.linesIn,
    exact_key: exactKey(norm),
    scheme: scheme(s),
    shingles: s.hashes.length,
    exact_only: exactOnly,
  });
  return {
    a: side(a, na, sa, exactOnlyA),
    b: side(b, nb, sb, exactOnlyB),
    exact_equal: exactEqual,
    shingles_shared: shared,
    jaccard: round(jaccard),
    jaccard_verified: round(verified),
    minhash: {
      permutations: o.bands * o.rows,
      estimate: round(estimateJaccard(siga, sigb)),
      bands: o.bands,
      rows: o.rows,
      bands_shared: bandsShared,
      min_band_hits: o.minBandHits,
      candidate: lshCandidate,
      candidate_probability: round(candidateProbability(jaccard, o.bands, o.rows, o.minBandHits)),
    },
    threshold,
    min_shingles: o.minShingles,
    verdict: { duplicate, method: d.method, similarity: d.similarity === null ? null : round(d.similarity), why },
    examples: {
      shared_shingles: spread(ga.filter((g) => setGb.has(g)), EXAMPLES).map(clip),
      only_a_shingles: spread(ga.filter((g) => !setGb.has(g)), EXAMPLES).map(clip),
      only_b_shingles: spread(gb.filter((g) => !setGa.has(g)), EXAMPLES).map(clip),
      lines_shared: [...la].filter((x) => x !== '' && lb.has(x)).length,
      only_a_lines: spread(a.kept.filter((l) => !lb.has(normalizeForDedup(l.text))), EXAMPLES).map((l) => ({ line: l.line, text: clip(l.text) })),
      only_b_lines: spread(b.kept.filter((l) => !la.has(normalizeForDedup(l.text))), EXAMPLES).map((l) => ({ line: l.line, text: clip(l.text) })),
    },
  };
}

const round = (x: number): number => Math.round(x * 10000) / 10000;

export function formatDiff(r: DiffReport, c: Colors): string {
  const out: string[] = [];
  const name = (s: Side) => safeText(`${s.source.path}${s.source.line !== undefined ? `:${s.source.line}` : ''}`);
  const row = (k: string, v: string) => out.push(`${c.bold(k.padEnd(14))}  ${v}`);
  row('A', `${name(r.a)}  ${r.a.chars} chars after cleaning (${r.a.lines_kept} of ${r.a.lines_in} lines kept)`);
  row('B', `${name(r.b)}  ${r.b.chars} chars after cleaning (${r.b.lines_kept} of ${r.b.lines_in} lines kept)`);
  row('exact hash', r.exact_equal ? c.green('equal') : `different (${r.a.exact_key.slice(0, 12)}… vs ${r.b.exact_key.slice(0, 12)}…)`);
  const schemes = r.a.scheme === r.b.scheme ? r.a.scheme : `A ${r.a.scheme}, B ${r.b.scheme} (different schemes share almost nothing)`;
  row('shingles', `${schemes}: A ${r.a.shingles}, B ${r.b.shingles}, shared ${r.shingles_shared}`);
  row('Jaccard', `${r.jaccard.toFixed(4)}${r.jaccard_verified !== r.jaccard ? ` (verified on the bottom-k sketch: ${r.jaccard_verified.toFixed(4)})` : ''}`);
  const m = r.minhash;
  row('MinHash', `estimate ${m.estimate.toFixed(2)} (${m.permutations} permutations); ${m.bands_shared} of ${m.bands} bands shared (${m.min_band_hits} needed) -> ${m.candidate ? 'LSH candidate' : 'not a candidate'}`);
  row('LSH', `P(candidate) at J=${r.jaccard.toFixed(2)} with ${m.bands} bands x ${m.rows} rows, ${m.min_band_hits} shared: ${m.candidate_probability.toFixed(4)}`);
  row('threshold', `${r.threshold} (verified Jaccard vs the cluster's stored member sketches; under ${r.min_shingles} shingles: exact only)`);
  const v = r.verdict;
  row('verdict', `${v.duplicate ? c.red.bold(`DUPLICATE (${v.method}${v.similarity !== null ? `, similarity ${v.similarity}` : ''}): B would be dropped as a copy of A`) : c.green.bold('NOT duplicates: both kept')}`);
  row('why', v.why);
  const ex = r.examples;
  const list = (k: string, xs: string[]) => {
    if (xs.length) row(k, xs.map((x) => `"${safeText(x)}"`).join(c.dim(' | ')));
  };
  list('shared e.g.', ex.shared_shingles);
  list('only in A e.g.', ex.only_a_shingles);
  list('only in B e.g.', ex.only_b_shingles);
  row('lines', `${ex.lines_shared} shared, ${r.a.lines_kept - ex.lines_shared} only in A, ${r.b.lines_kept - ex.lines_shared} only in B (kept lines)`);
  for (const l of ex.only_a_lines) out.push(`  ${c.red(`- A:${l.line}`)}  ${safeText(l.text)}`);
  for (const l of ex.only_b_lines) out.push(`  ${c.green(`+ B:${l.line}`)}  ${safeText(l.text)}`);
  return out.join('\n') + '\n';
}

async function runDiff(specA: string, specB: string, o: DiffOptions): Promise<number> {
  const fail = (msg: string, code: number) => {
    process.stderr.write(`seed-clean diff: ${safeText(msg)}\n`);
    return code;
  };
  let threshold: number | undefined;
  if (o.threshold !== undefined) {
    threshold = Number(o.threshold);
    if (!(threshold > 0 && threshold <= 1)) return fail('--threshold must be a number in (0, 1]', 2);
  }
  let config;
  try {
    config = await resolveConfig({ file: o.config });
  } catch (e) {
    if (e instanceof ConfigError) return fail(e.message, 2);
    throw e;
  }
  const read = { encoding: o.encoding, textField: o.textField, idField: o.idField, urlField: o.urlField };
  const sides: Cleaned[] = [];
  for (const spec of [specA, specB]) {
    try {
      const picked = await loadDocument(spec, read);
      const res = cleanDocument(picked.doc, { config, templates: null });
      const owner = lineOwners(res);
      const kept = res.lines.filter((l) => !owner[l.index]);
      sides.push({
        source: res.record.source,
        id: res.record.id,
        text: res.record.text,
        linesIn: res.lines.length,
        kept: kept.map((l) => ({ line: l.lineNo, text: l.text })),
      });
    } catch (e) {
      if (e instanceof InputError) return fail(e.message, 1);
      throw e;
    }
  }
  // one threshold to try, whichever scheme the pair is shingled with (CJK pairs use cjkThreshold)
  const report = await diffDocuments(sides[0]!, sides[1]!, threshold !== undefined ? { threshold, cjkThreshold: threshold } : {});
  if (o.json) process.stdout.write(JSON.stringify(report) + '\n');
  else process.stdout.write(formatDiff(report, stdoutColors(o.color)));
  return 0;
}

/** Register `diff` on the program; the exit code goes to `result.code`. */
export function registerDiff(program: Command, result: { code: number }): void {
  program
    .command('diff')
    .description('clean two documents and show whether dedup would judge them duplicates, and why')
    .argument('<a>', 'first document: a file, or FILE:LINE for a JSONL record')
    .argument('<b>', 'second document (judged as the later one: dropped if it duplicates A)')
    .option('--json', 'print the comparison as JSON')
    .option('--threshold <j>', `verification threshold to try (default ${DEFAULT_OPTIONS.threshold}, ${DEFAULT_OPTIONS.cjkThreshold} for CJK texts)`)
    .option('--no-color', 'no colour')
    .option('-c, --config <file>', 'config file (default: ./seed-clean.config.json if present)')
    .option('--encoding <name>', 'force the input encoding')
    .option('--text-field <name>', 'JSONL field holding the text')
    .option('--id-field <name>', 'JSONL field holding the id')
    .option('--url-field <name>', 'JSONL field holding the URL')
    .action(async (a: string, b: string, _o: DiffOptions, cmd: Command) => {
      result.code = await runDiff(a, b, cmd.optsWithGlobals<DiffOptions>());
    });
}
