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

export interface RunOptions {
  read?: ReadOptions;
  config?: CleanConfig;
  /** Keep the full CleanResult (findings, lines) on each event, for --explain. */
  withDetails?: boolean;
}

export type RunEvent =
  | { kind: 'record'; record: OutputRecord; details?: CleanResult }
  | { kind: 'error'; path: string; line?: number; message: string };

export interface RunSummary {
  documents: number;
  errors: number;
  templates: TemplateLearner | null;
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
  for await (const e of documents(files, read, stdinCache, 2)) {
    if (e.kind === 'error') {
      errorCount++;
      yield e;
      continue;
    }
    docs++;
    const res = cleanDocument(e.doc as InputDocument, { config, templates, lexicon });
    yield opts.withDetails ? { kind: 'record', record: res.record, details: res } : { kind: 'record', record: res.record };
  }
  return { documents: docs, errors: errorCount, templates };
}
