/**
 * `seed-clean explain FILE[:LINE]`: clean one document and show, line by line, whether it was kept
 * or removed, by which rule, why (reason, evidence), and the line features that decided it (class,
 * weight, stopword density). Text on stdout (colour on a TTY only), or `--json`.
 */
import { Chalk } from 'chalk';
import type { Command } from 'commander';
import { cleanDocument, type CleanResult } from '../../core/clean.js';
import { hasStopwords } from '../../core/stopwords.js';
import type { Finding } from '../../types.js';
import { resolveConfig, ConfigError } from '../config.js';
import { safeText, type Colors } from '../format.js';
import { lineFindings } from '../explain.js';
import { InputError, loadDocument, parseLineOption } from './input.js';
import { clipColumns } from './text.js';

const MAX_TEXT = 120;
const MAX_EVIDENCE = 160;

interface ExplainOptions {
  line?: string;
  json?: boolean;
  color?: boolean;
  config?: string;
  encoding?: string;
  textField?: string;
  idField?: string;
  urlField?: string;
}

export interface ExplainedLine {
  line: number;
  kept: boolean;
  text: string;
  rule: string | null;
  reason: string | null;
  evidence: Record<string, unknown> | null;
  /** Rules that matched the line too but came later (the first claim wins). */
  also: Array<{ rule: string; reason: string }>;
  features: {
    class: string;
    weight: number;
    stopword_density: number;
    words: number;
    length: number;
    cjk: boolean;
    punctuation: number;
    ends_sentence: boolean;
    letter_ratio: number;
    digit_ratio: number;
  };
}

export interface Explanation {
  source: { path: string; line?: number };
  id: string;
  title: string | null;
  url: string | null;
  language: string | null;
  /** Language whose stopword list measured the lines (null: no list; punctuation stands in). */
  stopword_language: string | null;
  stopword_list: boolean;
  /** Set when the input holds several records and the first was taken. */
  records_in_file?: number;
  stats: { lines_in: number; lines_out: number; chars_in: number; chars_out: number; removed_by_rule: Record<string, number> };
  lines: ExplainedLine[];
}

const round = (x: number, d = 3): number => Math.round(x * 10 ** d) / 10 ** d;

/** The explanation as plain data (also the `--json` output). */
export function explainResult(res: CleanResult): Explanation {
  const r = res.record;
  const covering = lineFindings(res);
  const lines: ExplainedLine[] = res.lines.map((l, i) => {
    const fs = covering[i] ?? [];
    const owner: Finding | undefined = fs[0];
    const f = res.features[i]!;
    return {
      line: l.lineNo,
      kept: !owner,
      text: l.text,
      rule: owner?.ruleId ?? null,
      reason: owner?.reason ?? null,
      evidence: owner?.evidence ?? null,
      also: fs.slice(1).filter((x) => x.ruleId !== owner?.ruleId).map((x) => ({ rule: x.ruleId, reason: x.reason })),
      features: {
        class: res.classes[i] ?? 'bad',
        weight: round(f.weight, 1),
        stopword_density: round(f.stopwordDensity),
        words: f.words,
        length: f.len,
        cjk: f.cjk,
        punctuation: f.punct,
        ends_sentence: f.endsSentence,
        letter_ratio: round(f.letterRatio),
        digit_ratio: round(f.digitRatio),
      },
    };
  });
  return {
    source: r.source,
    id: r.id,
    title: r.title,
    url: r.url,
    language: r.language,
    stopword_language: res.language,
    stopword_list: hasStopwords(res.language),
    stats: {
      lines_in: r.stats.lines_in,
      lines_out: r.stats.lines_out,
      chars_in: r.stats.chars_in,
      chars_out: r.stats.chars_out,
      removed_by_rule: r.stats.removed_by_rule,
    },
    lines,
  };
}

function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

/** Columns left for the line text after the row prefix (on a terminal: its width; else 120). */
function textColumns(): number {
  const cols = process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 0;
  return cols ? Math.max(30, cols - 44) : MAX_TEXT;
}

/** Human-readable explanation (one row per line; removed lines get their rule, reason and evidence below). */
export function formatExplanation(e: Explanation, c: Colors): string {
  const out: string[] = [];
  const src = `${e.source.path}${e.source.line !== undefined ? `:${e.source.line}` : ''}`;
  out.push(c.bold(`== ${safeText(src)}${e.title ? `  ${safeText(e.title)}` : ''}`));
  out.push(
    c.dim(
      `   url=${safeText(e.url ?? '-')} language=${e.language ?? '-'} stopwords=${e.stopword_list ? e.stopword_language : `none (${e.stopword_language ?? '-'}; punctuation stands in)`}` +
        (e.records_in_file ? `  (first of ${e.records_in_file} records; pick one with FILE:LINE or --line N)` : ''),
    ),
  );
  const removed = e.stats.lines_in - e.stats.lines_out;
  const pct = e.stats.chars_in ? ((100 * e.stats.chars_out) / e.stats.chars_in).toFixed(1) : '0.0';
  out.push(`   ${e.stats.lines_in} lines: ${e.stats.lines_out} kept, ${removed} removed; ${pct}% of characters kept`);
  out.push(c.dim(`${'line'.padStart(6)}  ${'verdict'.padEnd(7)}  ${'class'.padEnd(8)}  ${'weight'.padStart(6)}  ${'stopw'.padStart(5)}  text`));
  const width = textColumns();
  for (const l of e.lines) {
    const f = l.features;
    const no = String(l.line).padStart(6);
    const feats = `${f.class.padEnd(8)}  ${String(Math.round(f.weight)).padStart(6)}  ${f.stopword_density.toFixed(2).padStart(5)}`;
    const text = safeText(clipColumns(l.text, width));
    if (l.kept) {
      out.push(`${no}  ${c.green('kept'.padEnd(7))}  ${feats}  ${text}`);
      continue;
    }
    if (l.text === '') {
      out.push(c.dim(`${no}  ${'removed'.padEnd(7)}  ${feats}  (empty)  ${l.rule}`));
      continue;
    }
    out.push(`${no}  ${c.red('removed')}  ${feats}  ${c.dim(text)}`);
    const ev = l.evidence && Object.keys(l.evidence).length ? `  ${c.dim(safeText(clip(JSON.stringify(l.evidence), MAX_EVIDENCE)))}` : '';
    out.push(`${' '.repeat(8)}${c.yellow(`↳ ${l.rule}`)}: ${safeText(l.reason ?? '')}${ev}`);
    if (l.also.length) out.push(c.dim(`${' '.repeat(10)}also matched: ${l.also.map((a) => `${a.rule} (${safeText(a.reason)})`).join('; ')}`));
  }
  const rules = Object.entries(e.stats.removed_by_rule).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (rules.length) out.push(`   removed by rule: ${rules.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return out.join('\n') + '\n';
}

/** Colour for a result printed on stdout: only on a TTY, never with NO_COLOR or --no-color. */
export function stdoutColors(enabled: boolean | undefined): Colors {
  const on = enabled !== false && process.env.NO_COLOR === undefined && !!process.stdout.isTTY;
  return new Chalk({ level: on ? 1 : 0 });
}

async function runExplain(spec: string, o: ExplainOptions): Promise<number> {
  const line = parseLineOption(o.line);
  if (typeof line === 'string') {
    process.stderr.write(`seed-clean explain: ${line}\n`);
    return 2;
  }
  let config;
  try {
    config = await resolveConfig({ file: o.config });
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`seed-clean explain: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  let picked;
  try {
    picked = await loadDocument(spec, { encoding: o.encoding, textField: o.textField, idField: o.idField, urlField: o.urlField }, line);
  } catch (e) {
    if (e instanceof InputError) {
      process.stderr.write(`seed-clean explain: ${safeText(e.message)}\n`);
      return 1;
    }
    throw e;
  }
  // One document alone: site templates (learned across a corpus) are not available here.
  const res = cleanDocument(picked.doc, { config, templates: null });
  const e = explainResult(res);
  if (picked.firstOfMany) e.records_in_file = picked.records;
  if (o.json) process.stdout.write(JSON.stringify(e) + '\n');
  else process.stdout.write(formatExplanation(e, stdoutColors(o.color)));
  return 0;
}

/** Register `explain` on the program; the exit code goes to `result.code`. */
export function registerExplain(program: Command, result: { code: number }): void {
  program
    .command('explain')
    .description('clean one document and show why each line was kept or removed (rule, reason, evidence, line features)')
    .argument('<file>', 'a file (raw text, HTML, JSONL, WET) or - for stdin; FILE:LINE picks one JSONL record')
    .option('--line <n>', 'the JSONL line (or WET record) to explain')
    .option('--json', 'print the explanation as JSON')
    .option('--no-color', 'no colour')
    .option('-c, --config <file>', 'config file (default: ./seed-clean.config.json if present)')
    .option('--encoding <name>', 'force the input encoding')
    .option('--text-field <name>', 'JSONL field holding the text')
    .option('--id-field <name>', 'JSONL field holding the id')
    .option('--url-field <name>', 'JSONL field holding the URL')
    .addHelpText('after', '\nSite-template lines are learned across a corpus, so that rule does not fire for one document here.')
    .action(async (file: string, _o: ExplainOptions, cmd: Command) => {
      // Options the root program also defines (--json, --config, ...) may land on it: merge them.
      result.code = await runExplain(file, cmd.optsWithGlobals<ExplainOptions>());
    });
}
