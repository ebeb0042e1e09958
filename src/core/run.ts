/**
 * Corpus runner: the library entry point the CLI uses. Two passes over the inputs so that the
 * result never depends on input order:
 *   pass 1 learns site templates (line keys per group), pass 2 cleans every document.
 * Streams documents: only template counts (and, with dedup, its index) grow with the corpus.
 * Errors in inputs are reported as events; the run goes on.
 */
import type { InputDocument, OutputRecord } from '../types.js';
import { listInputs, readInputFile, type InputEvent, type InputFile, type ReadOptions } from '../io/read.js';
import { DEFAULT_CONFIG, ruleEnabled, type CleanConfig } from './config.js';
import { TemplateLearner } from './templates.js';
import { cleanDocument, documentGroup, templateKeys, type CleanResult } from './clean.js';
import { loadLexicon } from './lexicon.js';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import readline from 'node:readline';
import { DedupEngine, type DedupOptions, type DedupDecision } from '../dedup/index.js';

export interface RunOptions {
  read?: ReadOptions;
  config?: CleanConfig;
  /** Keep the full CleanResult (findings, lines) on each event, for --explain. */
  withDetails?: boolean;
  /** Cross-document dedup on the cleaned text; null/undefined turns it off. */
  dedup?: DedupOptions | null;
}

export type RunEvent =
  /** `dropped`: a duplicate (dedup on); it belongs in the rejects, or in the output with --keep-duplicates. */
  | { kind: 'record'; record: OutputRecord; dropped: boolean; details?: CleanResult }
  /** With dedup on, records are released after the dedup pass; this event carries --explain details early. */
  | { kind: 'explain'; details: CleanResult }
  | { kind: 'error'; path: string; line?: number; message: string };

export interface RunSummary {
  documents: number;
  errors: number;
  duplicates: number;
  templates: TemplateLearner | null;
  dedupParams: Record<string, unknown> | null;
}

/** Attach the dedup decision to a record (fields documented in types.ts). */
export function applyDecision(r: OutputRecord, d: DedupDecision): boolean {
  r.cluster_id = d.clusterId;
  if (d.kept) {
    r.duplicates = d.clusterSize - 1;
    return false;
  }
  r.duplicate_of = d.duplicateOf;
  r.similarity = d.similarity === null ? null : Math.round(d.similarity * 10000) / 10000;
  r.method = d.method;
  return true;
}

/** Yield every document of every input (replaying stdin, which cannot be read twice). */
async function* documents(files: InputFile[], read: ReadOptions, stdinCache: Map<string, InputEvent[]>, pass: number): AsyncGenerator<InputEvent> {
  for (const f of files) {
    if (f.abs === '-') {
      const cached = stdinCache.get(f.abs);
      if (cached) {
        yield* cached;
        continue;
      }
      const buf: InputEvent[] = [];
      for await (const e of readInputFile(f, read)) {
        buf.push(e);
        yield e;
      }
      if (pass === 1) stdinCache.set(f.abs, buf);
      continue;
    }
    yield* readInputFile(f, read);
  }
}

export async function* runCorpus(paths: string[], opts: RunOptions = {}): AsyncGenerator<RunEvent, RunSummary> {
  const config = opts.config ?? DEFAULT_CONFIG;
  const read = opts.read ?? {};
  const lexicon = loadLexicon(config.lexicon);
  const { files, errors } = await listInputs(paths, read);
  let errorCount = 0;
  for (const e of errors) {
    if (e.kind !== 'error') continue;
    errorCount++;
    yield e;
  }
  const stdinCache = new Map<string, InputEvent[]>();
  let templates: TemplateLearner | null = null;
  if (ruleEnabled(config, 'boilerplate/site-template') && config.groupBy !== 'none') {
    templates = new TemplateLearner();
    for await (const e of documents(files, read, stdinCache, 1)) {
      if (e.kind === 'doc') templates.addDocument(documentGroup(e.doc, config), templateKeys(e.doc));
    }
  }
  let docs = 0;
  const engine = opts.dedup ? await DedupEngine.create(opts.dedup) : null;
  // With dedup, cleaned records wait in a spool file until every document has been seen
  // (decisions such as --keep longest and duplicate counts need the whole corpus); memory stays flat.
  const spoolDir = engine ? fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-')) : null;
  const spoolPath = spoolDir ? path.join(spoolDir, 'records.jsonl') : null;
  const spool = spoolPath ? fs.createWriteStream(spoolPath) : null;
  try {
    for await (const e of documents(files, read, stdinCache, 2)) {
      if (e.kind === 'error') {
        errorCount++;
        yield e;
        continue;
      }
      const res = cleanDocument(e.doc as InputDocument, { config, templates, lexicon });
      if (engine && spool) {
        await engine.add(docs, res.record.id, res.record.text);
        if (!spool.write(JSON.stringify(res.record) + '\n')) await new Promise<void>((r) => spool.once('drain', () => r()));
        if (opts.withDetails) yield { kind: 'explain', details: res };
      } else {
        yield opts.withDetails ? { kind: 'record', record: res.record, dropped: false, details: res } : { kind: 'record', record: res.record, dropped: false };
      }
      docs++;
    }
    let duplicates = 0;
    if (engine && spool && spoolPath) {
      await new Promise<void>((res, rej) => spool.end((err?: Error | null) => (err ? rej(err) : res())));
      const decisions = await engine.finalize();
      const rl = readline.createInterface({ input: fs.createReadStream(spoolPath), crlfDelay: Infinity });
      let i = 0;
      for await (const line of rl) {
        const record = JSON.parse(line) as OutputRecord;
        const d = decisions[i++];
        const dropped = d ? applyDecision(record, d) : false;
        if (dropped) duplicates++;
        yield { kind: 'record', record, dropped };
      }
    }
    return { documents: docs, errors: errorCount, duplicates, templates, dedupParams: engine ? engine.params() : null };
  } finally {
    if (spool && !spool.closed) spool.destroy();
    if (spoolDir) fs.rmSync(spoolDir, { recursive: true, force: true });
  }
}
