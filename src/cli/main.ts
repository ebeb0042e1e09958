/**
 * The seed-clean command line. Parses flags, loads config, prints with chalk; all work is done by
 * the library (src/core, src/io, src/dedup). Exit codes: 0 done; 1 some inputs failed (the others
 * were written); 2 usage error; 3 a CI gate failed.
 */
import fs from 'fs-extra';
import { Command, CommanderError, Option } from 'commander';
import { RULES } from '../rules/index.js';
import { runCorpus, type RunEvent, type RunSummary } from '../core/run.js';
import { availableCores } from '../core/parallel.js';
import type { OutputRecord } from '../types.js';
import { resolveConfig, ConfigError } from './config.js';
import { makeColors, safeText } from './format.js';
import { printExplain } from './explain.js';
import { SummaryCollector, buildSummary, printSummary } from './summary.js';
import { registerExplain } from './commands/explain.js';
import { registerDiff } from './commands/diff.js';
import { registerIndex } from './commands/index-cmd.js';
import { DedupIndexError } from '../dedup/open-index.js';
import { openOutput, type RecordSink } from './output.js';
import { VERSION } from '../version.js';
import type { CleanResult } from '../core/clean.js';
import { rebuildLines } from '../core/rebuild.js';
import { ReportBuilder } from '../report/index.js';
import path from 'node:path';

export const EXIT = { OK: 0, INPUT_ERRORS: 1, USAGE: 2, GATE: 3, INDEX: 4 } as const;

interface MainOptions {
  output?: string;
  glob?: string[];
  keepDuplicates?: boolean;
  explain?: boolean;
  config?: string;
  printConfig?: boolean;
  groupBy?: 'host' | 'dir' | 'none';
  encoding?: string;
  textField?: string;
  idField?: string;
  urlField?: string;
  errors?: string;
  quiet?: boolean;
  json?: boolean;
  color?: boolean;
  dedup?: boolean;
  keep?: 'first' | 'longest';
  rejects?: string;
  report?: string;
  maxDropRate?: string;
  maxDupRate?: string;
  maxErrors?: string;
  jobs?: string;
  progress?: boolean;
  index?: string;
}

const EXAMPLES = `
Examples:
  $ seed-clean seeds/ --output out/clean.jsonl        clean a folder into one JSONL file
  $ seed-clean page.txt                               print the cleaned record (JSONL) on stdout
  $ seed-clean corpus.jsonl --output out/             one pretty .json per document, mirroring inputs
  $ cat page.txt | seed-clean - --explain             show why each line was kept or removed
  $ seed-clean rules                                  list every rule id
  $ seed-clean explain page.txt                       per line: kept/removed, rule, reason, features
  $ seed-clean diff a.txt corpus.jsonl:7              would dedup judge these two duplicates, and why

Exit codes: 0 done; 1 some inputs failed (the others were still written); 2 usage error; 3 a CI gate failed;
4 the --index dedup index failed (unreachable, locked, damaged; nothing was written).`;


function writeErr(s: string): void {
  process.stderr.write(s.endsWith('\n') ? s : s + '\n');
}

async function runClean(paths: string[], o: MainOptions): Promise<number> {
  const colors = makeColors(o.color);
  let config;
  try {
    config = await resolveConfig({ file: o.config, groupBy: o.groupBy });
  } catch (e) {
    if (e instanceof ConfigError) {
      writeErr(`seed-clean: ${e.message}`);
      return EXIT.USAGE;
    }
    throw e;
  }
  const gates = parseGates(o);
  if (typeof gates === 'string') {
    writeErr(`seed-clean: ${gates}`);
    return EXIT.USAGE;
  }
  if (o.printConfig) {
    process.stdout.write(JSON.stringify({ ...config, dedup: o.dedup === false ? null : { keep: o.keep ?? 'first' } }, null, 2) + '\n');
    return EXIT.OK;
  }
  if (paths.length === 0) {
    writeErr('seed-clean: no input paths given (use - for stdin; see --help)');
    return EXIT.USAGE;
  }
  const jobs = parseJobs(o.jobs);
  if (typeof jobs === 'string') {
    writeErr(`seed-clean: ${jobs}`);
    return EXIT.USAGE;
  }
  if (o.index !== undefined) {
    const bad = o.dedup === false ? '--index needs dedup on (drop --no-dedup)' : o.keep === 'longest' ? "--keep longest cannot be used with --index (documents emitted by earlier runs cannot be replaced); use --keep first" : o.index === '' ? '--index needs a SQLite file path or redis://host:port/db' : null;
    if (bad) {
      writeErr(`seed-clean: ${bad}`);
      return EXIT.USAGE;
    }
  }
  const started = Date.now();
  const progress = o.progress !== false && !o.quiet && !o.explain && !!process.stderr.isTTY && !process.env.CI ? new Progress(started) : null;
  const out = await openOutput(o.output);
  const rejectsPath = o.rejects ?? defaultRejectsPath(o.output);
  const rejects = rejectsPath ? await openOutput(rejectsPath, { forceFile: true }) : null;
  const exclude = [out.excludePath, rejects?.excludePath].filter((x): x is string => !!x);
  const report = o.report ? new ReportBuilder({ title: 'seed-clean audit report' }) : null;
  const errorsList: Array<{ path: string; line?: number; message: string }> = [];
  const collector = new SummaryCollector();
  let runSummary: RunSummary | null = null;
  let dropped = 0;
  // A record the dedup pass dropped goes to the rejects (and stays in the output with
  // --keep-duplicates); `send` writes it to one sink, as an object or as JSON text.
  const deliver = async (isDuplicate: boolean, send: (sink: RecordSink) => Promise<void>): Promise<void> => {
    if (!isDuplicate) return send(out);
    dropped++;
    if (rejects) await send(rejects);
    if (o.keepDuplicates) await send(out);
  };
  // With --index, the outputs are committed inside the run, before its index session is marked
  // finished (a run killed before that leaves nothing final in the index); once only.
  let outputCommitted = false;
  const commitOutputs = async (): Promise<void> => {
    if (outputCommitted) return;
    outputCommitted = true;
    await out.commit();
    if (rejects) await rejects.commit();
  };
  const gen = runCorpus(paths, {
    config,
    ...(o.index ? { commitOutput: commitOutputs } : {}),
    withDetails: !!o.explain,
    dedup: o.dedup === false ? null : { keep: o.keep ?? 'first' },
    ...(o.index ? { index: o.index } : {}),
    jobs,
    // Records go to the outputs as JSON text (from the workers, or spliced with their dedup fields),
    // unless something here needs them as objects (the audit report, one .json file per document).
    serialized: !report && out.writeJsonl !== undefined && (!rejects || rejects.writeJsonl !== undefined),
    ...(progress ? { onProgress: (n: number, c: number) => progress.update(n, c) } : {}),
    read: { glob: o.glob, exclude, encoding: o.encoding, textField: o.textField, idField: o.idField, urlField: o.urlField },
  });
  const explain = (d: CleanResult) => printExplain(d, colors, (s) => process.stderr.write(s));
  try {
    for (;;) {
      const step = await gen.next();
      if (step.done) {
        runSummary = step.value;
        break;
      }
      const ev: RunEvent = step.value;
      if (ev.kind === 'error') {
        errorsList.push({ path: ev.path, ...(ev.line !== undefined ? { line: ev.line } : {}), message: ev.message });
        writeErr(`seed-clean: ${colors.red('error')} ${safeText(ev.path)}${ev.line !== undefined ? `:${ev.line}` : ''}: ${safeText(ev.message)}`);
        continue;
      }
      if (ev.kind === 'explain') {
        explain(ev.details);
        continue;
      }
      if (ev.kind === 'jsonl') {
        // clean-only: a batch, nothing dropped; with dedup: one record (the run's digest comes once)
        collector.addDigest(ev.digest);
        await deliver(!!ev.dropped, (sink) => sink.writeJsonl!(ev.jsonl));
        continue;
      }
      const r: OutputRecord = ev.record;
      if (ev.details) explain(ev.details);
      collector.add(r);
      if (report) {
        const lines = rebuildLines(r);
        report.addRecord(r, lines.map((l) => l.raw), r.stats.body_start_line);
      }
      await deliver(ev.dropped, (sink) => sink.write(r));
    }
    progress?.done();
    await commitOutputs();
  } catch (e) {
    progress?.done();
    await out.abort();
    if (rejects) await rejects.abort();
    if (e instanceof DedupIndexError) {
      // 'options'/'params': this run's dedup options do not fit the index (usage); 'failed': the
      // index is unreachable, locked or damaged. Either way nothing was written.
      writeErr(`seed-clean: ${colors.red('dedup index error')}: ${safeText(e.message)}\nseed-clean: nothing was written`);
      return e.kind === 'failed' ? EXIT.INDEX : EXIT.USAGE;
    }
    throw e;
  }
  if (o.errors) {
    await fs.outputFile(o.errors, errorsList.map((e) => JSON.stringify(e)).join('\n') + (errorsList.length ? '\n' : ''));
  }
  if (report && o.report) await fs.outputFile(o.report, report.toHtml());
  const { docs, charsIn, charsOut, emptied } = collector.totals;
  const summary = buildSummary({
    documents: docs,
    duplicates: dropped,
    emptied,
    errors: errorsList.length,
    charsIn,
    charsOut,
    collector,
    templates: runSummary?.templates ?? null,
    config,
    seconds: (Date.now() - started) / 1000,
  });
  printSummary(summary, { json: o.json, quiet: o.quiet, colors, rejectsPath });
  if (docs === 0 && errorsList.length === 0) {
    writeErr('seed-clean: no documents found');
    return EXIT.INPUT_ERRORS;
  }
  const failed = checkGates(gates, { documents: docs, dropped, errors: errorsList.length, emptied });
  for (const f of failed) writeErr(`seed-clean: ${colors.red('gate failed')}: ${f}`);
  if (failed.length) return EXIT.GATE;
  return errorsList.length > 0 ? EXIT.INPUT_ERRORS : EXIT.OK;
}

/** Cleaning threads (this one and jobs - 1 workers): --jobs, else one per core. */
function parseJobs(v: string | undefined): number | string {
  if (v === undefined) return defaultJobs();
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 256) return '--jobs must be an integer from 1 to 256';
  return n;
}

function defaultJobs(): number {
  return Math.max(1, availableCores());
}

/** One status line on stderr (a TTY), redrawn at most every 200 ms. */
class Progress {
  private last = 0;
  private shown = false;
  constructor(private readonly started: number) {}
  update(docs: number, chars: number): void {
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    const secs = Math.max(0.001, (now - this.started) / 1000);
    const mb = chars / 1e6;
    process.stderr.write(`\r\x1b[2Kseed-clean: ${docs} documents, ${mb.toFixed(1)} MB, ${(mb / secs).toFixed(2)} MB/s, ${Math.round(docs / secs)} docs/s`);
    this.shown = true;
  }
  done(): void {
    if (this.shown) process.stderr.write('\r\x1b[2K');
    this.shown = false;
  }
}

interface Gates {
  maxDropRate?: number;
  maxDupRate?: number;
  maxErrors?: number;
}

function parseGates(o: MainOptions): Gates | string {
  const g: Gates = {};
  const rate = (v: string | undefined, name: string): number | undefined | string => {
    if (v === undefined) return undefined;
    const x = Number(v);
    return Number.isFinite(x) && x >= 0 && x <= 1 ? x : `${name} must be a number between 0 and 1`;
  };
  const a = rate(o.maxDropRate, '--max-drop-rate');
  const b = rate(o.maxDupRate, '--max-dup-rate');
  if (typeof a === 'string') return a;
  if (typeof b === 'string') return b;
  if (a !== undefined) g.maxDropRate = a;
  if (b !== undefined) g.maxDupRate = b;
  if (o.maxErrors !== undefined) {
    const x = Number(o.maxErrors);
    if (!Number.isInteger(x) || x < 0) return '--max-errors must be a non-negative integer';
    g.maxErrors = x;
  }
  return g;
}

/** CI gates. Drop rate = documents that leave the output (duplicates, or emptied by cleaning) / documents. */
function checkGates(g: Gates, c: { documents: number; dropped: number; errors: number; emptied: number }): string[] {
  const failed: string[] = [];
  const n = Math.max(1, c.documents);
  const dropRate = (c.dropped + c.emptied) / n;
  if (g.maxDropRate !== undefined && dropRate > g.maxDropRate) failed.push(`drop rate ${dropRate.toFixed(3)} > --max-drop-rate ${g.maxDropRate}`);
  if (g.maxDupRate !== undefined && c.dropped / n > g.maxDupRate) failed.push(`duplicate rate ${(c.dropped / n).toFixed(3)} > --max-dup-rate ${g.maxDupRate}`);
  if (g.maxErrors !== undefined && c.errors > g.maxErrors) failed.push(`${c.errors} errors > --max-errors ${g.maxErrors}`);
  return failed;
}

/** Dropped duplicates are never silently lost: with a file output they go next to it by default. */
function defaultRejectsPath(output: string | undefined): string | undefined {
  if (!output || output === '-') return undefined;
  if (output.endsWith('/') || isDirectory(output)) return path.join(output, 'rejects.jsonl');
  return output.replace(/(\.jsonl?)?$/i, '.rejects.jsonl');
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export function buildProgram(result: { code: number }): Command {
  const program = new Command();
  program
    .name('seed-clean')
    .description('Turn raw scraped web text into clean, deduplicated, normalized JSON records.')
    .version(VERSION, '-V, --version')
    .argument('[paths...]', 'files, directories (recursive) or - for stdin')
    .option('-o, --output <path>', 'write JSONL to a file, or one .json per document to a directory (ends with / or exists); default stdout')
    .option('--glob <pattern...>', 'file patterns for directory inputs (default **/*.txt **/*.jsonl and compressed/HTML/WET forms)')
    .option('--keep-duplicates', 'keep duplicate documents in the main output too (with duplicate_of, similarity, method set)')
    .option('--no-dedup', 'turn cross-document deduplication off')
    .addOption(new Option('--keep <which>', 'which document of a duplicate cluster is kept').choices(['first', 'longest']).default('first'))
    .option('--rejects <file>', 'write dropped duplicates here (default: <output>.rejects.jsonl next to a file output)')
    .option('--report <file.html>', 'write a self-contained HTML audit report')
    .option('--max-drop-rate <rate>', 'CI gate: exit 3 if more than this share of documents is dropped or emptied')
    .option('--max-dup-rate <rate>', 'CI gate: exit 3 if more than this share of documents are duplicates')
    .option('--max-errors <n>', 'CI gate: exit 3 if more than this many inputs fail')
    .option('--explain', 'print every original line marked kept or removed, with its rule (stderr)')
    .option('-c, --config <file>', 'config file (default: ./seed-clean.config.json if present)')
    .option('--print-config', 'print the resolved configuration and exit')
    .addOption(new Option('--group-by <how>', 'group documents for site-template learning').choices(['host', 'dir', 'none']))
    .option('--encoding <name>', 'force the input encoding (default: detect)')
    .option('--text-field <name>', 'JSONL field holding the text', 'text')
    .option('--id-field <name>', 'JSONL field holding the id', 'id')
    .option('--url-field <name>', 'JSONL field holding the URL', 'url')
    .option('--errors <file>', 'write input errors as JSONL to this file')
    .option('--index <path|url>', 'persistent dedup index: a SQLite file, or redis://host:port/db[?ns=name] shared by a fleet; documents seen by earlier runs (or other workers) are duplicates too')
    .option('-j, --jobs <n>', 'threads for cleaning: this one and n-1 workers (default: one per core; 1 = no workers); output is identical for every value')
    .option('--no-progress', 'no progress line on stderr (it is shown only on a terminal, and never when CI is set)')
    .option('-q, --quiet', 'no summary or progress on stderr')
    .option('--json', 'print the run summary as JSON on stdout (use with --output)')
    .option('--no-color', 'no colour (NO_COLOR is honoured too)')
    .addHelpText('after', EXAMPLES)
    .showHelpAfterError()
    .action(async (paths: string[], o: MainOptions) => {
      result.code = await runClean(paths, o);
    });
  program
    .command('rules')
    .description('list every rule id with what it does')
    .action(() => {
      for (const r of RULES) process.stdout.write(`${r.id.padEnd(28)} ${r.description}\n`);
      result.code = EXIT.OK;
    });
  registerExplain(program, result);
  registerDiff(program, result);
  registerIndex(program, result);
  program.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const result = { code: 0 };
  const program = buildProgram(result);
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.OK;
      return EXIT.USAGE;
    }
    throw e;
  }
  return result.code;
}

