/**
 * End-of-run summary of `seed-clean PATHS`: counts, lines and characters removed per rule, the
 * groups (hosts) with the most learned template lines, time and throughput. A compact table on
 * stderr (colour only on a TTY: the caller's Colors), the same data as JSON on stdout with --json.
 * The first line is the one-line summary logs and CI grep for ("N documents (...), N errors, ...").
 */
import type { OutputRecord } from '../types.js';
import type { TemplateLearner } from '../core/templates.js';
import { ruleNumber, type CleanConfig } from '../core/config.js';
import { safeText, type Colors } from './format.js';
import { digestRecord, emptyDigest, mergeDigest, type RecordDigest } from '../core/batch.js';

/** How many template groups the summary lists. */
const TOP_GROUPS = 5;
/** Default of the site-template rule's minDocs (rules/boilerplate/site-template.ts). */
const TEMPLATE_MIN_DOCS = 3;

export interface RunSummaryJson {
  documents: number;
  kept: number;
  duplicates: number;
  emptied: number;
  errors: number;
  chars_in: number;
  chars_out: number;
  lines_removed_by_rule: Record<string, number>;
  chars_removed_by_rule: Record<string, number>;
  /** Groups (host:, site:, dir:) with the most template lines (line keys in >= minDocs documents). */
  template_groups: Array<{ group: string; docs: number; template_lines: number }>;
  seconds: number;
  mb_per_s: number | null;
  docs_per_s: number | null;
}

/** Accumulates what the records tell (lines and characters removed per rule). */
export class SummaryCollector {
  private readonly digest: RecordDigest = emptyDigest();

  get linesByRule(): Record<string, number> {
    return this.digest.linesByRule;
  }

  get charsByRule(): Record<string, number> {
    return this.digest.charsByRule;
  }

  /** Documents, characters in and out, and emptied records seen so far. */
  get totals(): Pick<RecordDigest, 'docs' | 'charsIn' | 'charsOut' | 'emptied'> {
    return this.digest;
  }

  add(r: OutputRecord): void {
    digestRecord(this.digest, r);
  }

  /** Records already summed up (a `jsonl` event of runCorpus). */
  addDigest(d: RecordDigest): void {
    mergeDigest(this.digest, d);
  }
}

export interface SummaryInput {
  documents: number;
  duplicates: number;
  emptied: number;
  errors: number;
  charsIn: number;
  charsOut: number;
  collector: SummaryCollector;
  templates: TemplateLearner | null;
  config: CleanConfig;
  seconds: number;
}

const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

export function buildSummary(i: SummaryInput): RunSummaryJson {
  const secs = i.seconds;
  const minDocs = ruleNumber(i.config, 'boilerplate/site-template', 'minDocs', TEMPLATE_MIN_DOCS);
  const lines = Object.entries(i.collector.linesByRule).sort(byCount);
  return {
    documents: i.documents,
    kept: i.documents - i.duplicates,
    duplicates: i.duplicates,
    emptied: i.emptied,
    errors: i.errors,
    chars_in: i.charsIn,
    chars_out: i.charsOut,
    lines_removed_by_rule: Object.fromEntries(lines),
    chars_removed_by_rule: Object.fromEntries(lines.map(([k]) => [k, i.collector.charsByRule[k] ?? 0])),
    template_groups: (i.templates?.topGroups(minDocs, TOP_GROUPS) ?? []).map((g) => ({ group: g.group, docs: g.docs, template_lines: g.templateLines })),
    seconds: Math.round(secs * 1000) / 1000,
    mb_per_s: secs > 0 ? Math.round((i.charsIn / 1e6 / secs) * 100) / 100 : null,
    docs_per_s: secs > 0 ? Math.round((i.documents / secs) * 10) / 10 : null,
  };
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** The stderr table (ends with a newline). */
export function formatSummary(s: RunSummaryJson, c: Colors, opts: { rejectsPath?: string } = {}): string {
  const out: string[] = [];
  const pct = s.chars_in ? ((100 * s.chars_out) / s.chars_in).toFixed(1) : '0';
  out.push(
    `seed-clean: ${plural(s.documents, 'document')} (${s.kept} kept, ${plural(s.duplicates, 'duplicate')}` +
      `${opts.rejectsPath && s.duplicates ? ` -> ${safeText(opts.rejectsPath)}` : ''}), ${plural(s.errors, 'error')}, ` +
      `kept ${pct}% of characters in ${s.seconds.toFixed(2)}s`,
  );
  const table = (head: string[], rows: string[][], total?: string[]): void => {
    const all = total ? [head, ...rows, total] : [head, ...rows];
    const w = head.map((_, k) => Math.max(...all.map((r) => (r[k] ?? '').length)));
    const fmt = (r: string[]) => '  ' + r.map((x, k) => (k === 0 ? x.padEnd(w[k]!) : x.padStart(w[k]!))).join('  ');
    out.push(c.bold(fmt(head)));
    for (const r of rows) out.push(fmt(r));
    if (total) out.push(c.dim(fmt(total)));
  };
  table(['', 'in', 'kept', 'duplicates', 'emptied', 'errors'], [['documents', s.documents, s.kept, s.duplicates, s.emptied, s.errors].map(String)]);
  const rules = Object.entries(s.lines_removed_by_rule);
  if (rules.length) {
    const n = (x: number) => x.toLocaleString('en-US');
    const totalLines = rules.reduce((a, [, v]) => a + v, 0);
    const totalChars = rules.reduce((a, [k]) => a + (s.chars_removed_by_rule[k] ?? 0), 0);
    const share = (x: number) => (s.chars_in ? `${((100 * x) / s.chars_in).toFixed(1)}%` : '-');
    table(
      ['removed by rule', 'lines', 'chars', 'of input'],
      rules.map(([k, v]) => [k, n(v), n(s.chars_removed_by_rule[k] ?? 0), share(s.chars_removed_by_rule[k] ?? 0)]),
      ['total', n(totalLines), n(totalChars), share(totalChars)],
    );
  }
  if (s.template_groups.length) {
    table(
      ['template lines by group', 'lines', 'docs'],
      s.template_groups.map((g) => [safeText(g.group), String(g.template_lines), String(g.docs)]),
    );
  }
  const mb = s.chars_in / 1e6;
  out.push(
    `  ${c.bold('speed')}  ${s.seconds.toFixed(2)} s, ${mb.toFixed(2)} MB, ${s.mb_per_s === null ? '-' : s.mb_per_s.toFixed(2)} MB/s, ${s.docs_per_s === null ? '-' : Math.round(s.docs_per_s)} docs/s`,
  );
  return out.join('\n') + '\n';
}

/** Print the summary: JSON on stdout with --json; the table on stderr unless --quiet. */
export function printSummary(s: RunSummaryJson, o: { json?: boolean; quiet?: boolean; colors: Colors; rejectsPath?: string }): void {
  if (o.json) process.stdout.write(JSON.stringify(s) + '\n');
  if (!o.quiet) process.stderr.write(formatSummary(s, o.colors, { rejectsPath: o.rejectsPath }));
}
