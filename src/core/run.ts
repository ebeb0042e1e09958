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
import { TemplateLearner, hashLineKeys, templateKeyHashes, type TemplateStats } from './templates.js';
import { cleanDocument, documentGroup, type CleanResult } from './clean.js';
import { loadLexicon } from './lexicon.js';
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import readline from 'node:readline';
import { DedupEngine, type DecisionColumns, type DedupOptions, type DedupDecision, type DedupIndex, type DedupInput, type TextSketch } from '../dedup/index.js';
import { DedupIndexError, dedupParams, openIndex, type PersistentDedupIndex } from '../dedup/open-index.js';
import { WorkerPool, BATCH_CHARS, BATCH_DOCS, docChars, type KeysResult } from './parallel.js';
import { dedupText, digestRecord, emptyDigest, mergeDigest, parseBatch, recordBatch, type RecordBatch, type RecordDigest } from './batch.js';
import { snapshotTemplates, TemplateSnapshot } from './snapshot.js';
import { ruleNumber } from './config.js';

export { emptyDedupText } from './batch.js';

export interface RunOptions {
  read?: ReadOptions;
  config?: CleanConfig;
  /** Keep the full CleanResult (findings, lines) on each event, for --explain. */
  withDetails?: boolean;
  /** Cross-document dedup on the cleaned text; null/undefined turns it off. */
  dedup?: DedupOptions | null;
  /**
   * Dedup index (`--index`): a SQLite file path or `redis://host:port/db[?ns=name]`. Documents are
   * then also deduplicated against everything earlier runs (or other workers) put in it, and this
   * run's documents are added to it. Only `keep: 'first'`. Default: an in-memory index for this run.
   * Failures are thrown as DedupIndexError (kind 'options', 'params' or 'failed') before any record
   * is yielded from pass 3, so a caller can abort its output.
   */
  index?: string;
  /** Documents per dedup engine batch (default DEDUP_BATCH_DOCS); the output does not depend on it. */
  dedupBatchDocs?: number;
  /**
   * Threads for template learning and cleaning (default 1: all in this thread): this thread and
   * jobs - 1 workers; this thread takes a batch itself whenever the workers are saturated
   * (parallel.ts LOCAL_AFTER_BACKLOG). Results are put back in input order, so the output is
   * byte-identical for every value. With withDetails (--explain) the run stays in one thread.
   */
  jobs?: number;
  /**
   * With dedup on, called once after the last record was yielded and before the dedup index session
   * is marked finished: commit the output here, so a run killed before its output is committed
   * leaves nothing final in a persistent index (`--index`). Without it the session is finished when
   * the last record has been consumed.
   */
  commitOutput?: () => Promise<void>;
  /**
   * Let a run without withDetails yield records already serialized where that saves work, as
   * `jsonl` events (UTF-8 JSONL with the digest the run summary needs) instead of `record` events;
   * the records are then never parsed in this thread. Clean-only, records cleaned by `jobs` workers
   * come a batch per event. With dedup, every record comes as its own event with `dropped` set,
   * its dedup fields spliced into the spooled JSON (the same bytes as `JSON.stringify` of the
   * `record` event); the digest of all records comes with the first of these events. The consumer
   * must handle both kinds.
   */
  serialized?: boolean;
  /** Called as documents are cleaned (documents so far, input characters so far); per batch with `jobs`. */
  onProgress?: (docs: number, chars: number) => void;
}

export type RunEvent =
  /** `dropped`: a duplicate (dedup on); it belongs in the rejects, or in the output with --keep-duplicates. */
  | { kind: 'record'; record: OutputRecord; dropped: boolean; details?: CleanResult }
  /**
   * With RunOptions.serialized: records in input order as UTF-8 JSONL (`JSON.stringify(record)` and
   * a newline per record, exactly what writing the `record` events one by one would write), with
   * their counts for the summary. With dedup: one record per event, `dropped` as on a `record`
   * event, and the whole run's digest on the first event (empty digests on the others).
   */
  | { kind: 'jsonl'; jsonl: Uint8Array; digest: RecordDigest; dropped?: boolean }
  /** With dedup on, records are released after the dedup pass; this event carries --explain details early. */
  | { kind: 'explain'; details: CleanResult }
  | { kind: 'error'; path: string; line?: number; message: string };

export interface RunSummary {
  documents: number;
  errors: number;
  duplicates: number;
  templates: TemplateLearner | null;
  dedupParams: Record<string, unknown> | null;
  /**
   * With workers (`jobs` > 1): how many batches this thread handled itself and how many went to the
   * workers, in pass 1 (template keys) and pass 2 (cleaning) together. Null without workers.
   */
  batches: { here: number; workers: number } | null;
}

/**
 * The dedup fields of a decision as the JSON text `applyDecision` + `JSON.stringify` append to a
 * record without them: `,"cluster_id":...` up to the closing brace and newline.
 */
export function decisionJsonSuffix(d: DedupDecision): string {
  const s = ',"cluster_id":' + JSON.stringify(d.clusterId);
  if (d.kept) return s + ',"duplicates":' + JSON.stringify(d.clusterSize - 1) + '}\n';
  const sim = d.similarity === null ? null : Math.round(d.similarity * 10000) / 10000;
  return s + ',"duplicate_of":' + JSON.stringify(d.duplicateOf) + ',"similarity":' + JSON.stringify(sim) + ',"method":' + JSON.stringify(d.method) + '}\n';
}

/**
 * A record's JSON line (`JSON.stringify(record)`, no newline; the record without dedup fields) with
 * the decision's fields spliced in before its closing brace, and a newline: the bytes of
 * `JSON.stringify(record after applyDecision) + '\n'`.
 */
export function spliceDecision(line: Uint8Array, d: DedupDecision): Uint8Array {
  const n = line.length;
  if (n < 2 || line[n - 1] !== 0x7d) throw new Error('dedup: a spooled record is not a JSON object');
  const suffix = decisionJsonSuffix(d);
  const out = Buffer.allocUnsafeSlow(n - 1 + Buffer.byteLength(suffix, 'utf8'));
  out.set(line.subarray(0, n - 1));
  out.write(suffix, n - 1, 'utf8');
  return out;
}

/** The lines of a file (bytes without the newline), read in large chunks. */
async function* fileLines(file: string): AsyncGenerator<Uint8Array> {
  let carry: Buffer[] = [];
  let carryBytes = 0;
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; from = nl + 1, nl = chunk.indexOf(0x0a, from)) {
      if (carryBytes > 0) {
        carry.push(chunk.subarray(from, nl));
        yield Buffer.concat(carry, carryBytes + nl - from);
        carry = [];
        carryBytes = 0;
      } else yield chunk.subarray(from, nl);
    }
    if (from < chunk.length) {
      carry.push(chunk.subarray(from));
      carryBytes += chunk.length - from;
    }
  }
  if (carryBytes > 0) yield Buffer.concat(carry, carryBytes);
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
  // The dedup index is opened before pass 1 so a bad --index fails before the long passes.
  const dedup = opts.dedup ? await openDedup(opts.dedup, opts.index, opts.dedupBatchDocs ?? DEDUP_BATCH_DOCS) : null;
  // `jobs` threads: this one and jobs - 1 workers (this thread cleans when the workers are saturated).
  const threads = Math.floor(opts.jobs ?? 1);
  // With workers, whoever cleans a batch also sketches it for dedup (Sketcher; the workers make
  // their own from the same options): the engine here only looks the sketches up.
  const pool = threads > 1 && !opts.withDetails ? new WorkerPool(threads - 1, config, dedup ? opts.dedup! : null) : null;
  const sketcher = pool && dedup ? dedup.engine.sketcher : null;
  const batchCount = { here: 0, workers: 0 };
  try {
  if (ruleEnabled(config, 'boilerplate/site-template') && config.groupBy !== 'none') {
    templates = new TemplateLearner();
    if (pool) {
      await learnParallel(pool, templates, documents(files, read, stdinCache, 1), config, batchCount);
    } else {
      for await (const e of documents(files, read, stdinCache, 1)) {
        if (e.kind === 'doc') learnOne(templates, e.doc, config);
      }
    }
    // Counts below the snapshot's minimum cannot fire the rule: free them (and pass-1-only state).
    templates.prune(snapshotMin(config));
  }
  let docs = 0;
  const engine = dedup ? dedup.engine : null;
  // With dedup, cleaned records wait in a spool file until every document has been seen
  // (decisions such as --keep longest and duplicate counts need the whole corpus); memory stays flat.
  const spoolDir = engine ? fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-')) : null;
  const spoolPath = spoolDir ? path.join(spoolDir, 'records.jsonl') : null;
  // A buffer of SPOOL_BUFFER bytes: the spool is written in the background while cleaning goes on
  // (with the default 16 KiB every batch waited for its own write: 7% of a `--jobs 1` run idle).
  const spool = spoolPath ? fs.createWriteStream(spoolPath, { highWaterMark: SPOOL_BUFFER }) : null;
  let charsIn = 0;
  // With dedup and a serialized output: the digest of every spooled record (for the summary).
  const spliced = !!engine && !!opts.serialized && !opts.withDetails;
  const spoolDigest = emptyDigest();
  try {
    if (pool) {
      // Documents go to the workers in batches; results come back in input order. A run whose
      // documents fit in one batch is cleaned here (starting workers would cost more).
      // A slot's documents come back as one RecordBatch (from a worker, or cleaned here with dedup
      // or a serialized output), or as records (cleaned here otherwise).
      type Done = { batch: RecordBatch; records?: undefined } | { records: OutputRecord[]; batch?: undefined };
      type Slot = { kind: 'error'; e: RunEvent } | { kind: 'docs'; p: Promise<Done>; ready: boolean; worker: boolean };
      const queue: Slot[] = [];
      let batch: InputDocument[] = [];
      let chars = 0;
      let inFlight = 0;
      let snapshotSent = false;
      // What this thread cleans with once the workers have the snapshot (the learner's lookups are
      // released then): the same snapshot the workers get.
      let localTemplates: TemplateStats | null = null;
      // A batch was cleaned here: let the workers' replies in before reading on.
      let cleanedHere = false;
      const cleanHere = (docsIn: InputDocument[], tpl: TemplateStats | null): void => {
        batchCount.here++;
        const records = docsIn.map((d) => cleanDocument(d, { config, templates: tpl, lexicon }).record);
        const done: Done = engine || opts.serialized ? { batch: recordBatch(records, sketcher) } : { records };
        queue.push({ kind: 'docs', p: Promise.resolve(done), ready: true, worker: false });
      };
      const dispatch = (final: boolean): void => {
        if (batch.length === 0) return;
        const docsIn = batch;
        batch = [];
        chars = 0;
        if (final && !pool.started) {
          cleanHere(docsIn, templates);
          return;
        }
        if (snapshotSent && pool.saturated) {
          cleanHere(docsIn, localTemplates);
          cleanedHere = true;
          return;
        }
        if (!snapshotSent) {
          snapshotSent = true;
          const snapshot = templates ? snapshotTemplates(templates, snapshotMin(config)) : null;
          localTemplates = snapshot ? new TemplateSnapshot(snapshot) : null;
          pool.setTemplates(snapshot);
        }
        inFlight++;
        batchCount.workers++;
        const slot: Slot = { kind: 'docs', p: pool.clean(docsIn, !!engine).then((b): Done => ({ batch: b })), ready: false, worker: true };
        // The workers have the snapshot now and clean everything from here on: this thread needs
        // the learned templates only for the summary (frees their key hashes for the rest of the run).
        templates?.releaseLookups();
        slot.p.then(
          () => (slot.ready = true),
          () => (slot.ready = true),
        );
        queue.push(slot);
      };
      const drain = async function* (final: boolean): AsyncGenerator<RunEvent> {
        while (queue.length > 0) {
          const head = queue[0]!;
          if (head.kind === 'error') {
            queue.shift();
            errorCount++;
            yield head.e;
            continue;
          }
          // (records cleaned here wait behind a worker's batch: bounded by MAX_QUEUED_SLOTS)
          if (!final && !head.ready && inFlight < pool.maxInFlight && queue.length < MAX_QUEUED_SLOTS) return;
          const done = await head.p;
          queue.shift();
          if (head.worker) inFlight--;
          const b = done.batch;
          if (!b) {
            for (const record of done.records) {
              yield { kind: 'record', record, dropped: false };
              docs++;
              charsIn += record.stats.chars_in;
              opts.onProgress?.(docs, charsIn);
            }
            continue;
          }
          if (engine && spool) {
            // Records go to the spool as the worker wrote them; dedup gets their ids and sketches.
            for (let i = 0; i < b.ids!.length; i++) await dedup!.feedSketch(b.ids![i]!, b.sketches![i]!, b.sketchKey!);
            if (spliced) mergeDigest(spoolDigest, b.digest);
            if (!spool.write(b.jsonl)) await new Promise<void>((res) => spool.once('drain', () => res()));
          } else if (opts.serialized) {
            yield { kind: 'jsonl', jsonl: b.jsonl, digest: b.digest };
          } else {
            for (const record of parseBatch(b.jsonl)) yield { kind: 'record', record, dropped: false };
          }
          docs += b.digest.docs;
          charsIn += b.digest.charsIn;
          opts.onProgress?.(docs, charsIn);
        }
      };
      for await (const e of documents(files, read, stdinCache, 2)) {
        if (e.kind === 'error') {
          dispatch(false);
          queue.push({ kind: 'error', e });
        } else {
          batch.push(e.doc);
          chars += docChars(e.doc);
          if (batch.length >= BATCH_DOCS || chars >= BATCH_CHARS) dispatch(false);
        }
        yield* drain(false);
        if (cleanedHere) {
          cleanedHere = false;
          await yieldToEventLoop();
        }
      }
      dispatch(true);
      yield* drain(true);
    } else {
    for await (const e of documents(files, read, stdinCache, 2)) {
      if (e.kind === 'error') {
        errorCount++;
        yield e;
        continue;
      }
      const res = cleanDocument(e.doc as InputDocument, { config, templates, lexicon });
      if (engine && spool) {
        await dedup!.feed(res.record.id, dedupText(res.record));
        if (spliced) digestRecord(spoolDigest, res.record);
        if (!spool.write(JSON.stringify(res.record) + '\n')) await new Promise<void>((r) => spool.once('drain', () => r()));
        if (opts.withDetails) yield { kind: 'explain', details: res };
      } else {
        yield opts.withDetails ? { kind: 'record', record: res.record, dropped: false, details: res } : { kind: 'record', record: res.record, dropped: false };
      }
      docs++;
      if (opts.onProgress) {
        charsIn += res.record.stats.chars_in;
        opts.onProgress(docs, charsIn);
      }
    }
    }
    let duplicates = 0;
    // Every document is cleaned: the workers' heaps are freed before dedup's finalize (the index is
    // at its largest then; finalize gives compact decision columns and frees an in-memory index).
    if (pool) await pool.close();
    if (engine && spool && spoolPath) {
      await new Promise<void>((res, rej) => spool.end((err?: Error | null) => (err ? rej(err) : res())));
      const decisions = await dedup!.finalize();
      // Only the summary needs the templates from here on (pass 2 is over).
      templates?.releaseLookups();
      // The spool holds the documents in the order they were fed, whose ordinals increase; the
      // decisions are sorted by ordinal. Match them by ordinal (a persistent index's ordinals are
      // global, with gaps), never by position.
      const fed = dedup!.fedOrdinals();
      let j = 0;
      let spoolLine = 0;
      const decisionFor = (what: () => string): DedupDecision => {
        spoolLine++;
        const o = fed.next();
        while (j < decisions.length && decisions.ordinal(j) < (o.done ? Infinity : o.value)) j++;
        if (o.done || j >= decisions.length || decisions.ordinal(j) !== o.value) {
          throw dedup!.wrap(new Error(`dedup: no decision for document ${what()} (ordinal ${o.done ? 'none' : o.value})`));
        }
        return decisions.get(j++);
      };
      if (spliced) {
        // The records stay JSON text: the decision's fields are spliced in before the closing brace.
        let digest: RecordDigest | null = spoolDigest;
        for await (const line of fileLines(spoolPath)) {
          const d = decisionFor(() => `on spool line ${spoolLine}`);
          if (!d.kept) duplicates++;
          yield { kind: 'jsonl', jsonl: spliceDecision(line, d), digest: digest ?? emptyDigest(), dropped: !d.kept };
          digest = null;
        }
      } else {
        const rl = readline.createInterface({ input: fs.createReadStream(spoolPath), crlfDelay: Infinity });
        for await (const line of rl) {
          const record = JSON.parse(line) as OutputRecord;
          const dropped = applyDecision(record, decisionFor(() => record.id));
          if (dropped) duplicates++;
          yield { kind: 'record', record, dropped };
        }
      }
    }
    if (dedup) {
      // Crash safety: the index session becomes final only after the caller's output is committed
      // (an unfinished session is ignored and collected by later runs; see open-index.ts).
      await opts.commitOutput?.();
      await dedup.finishSession();
    }
    return { documents: docs, errors: errorCount, duplicates, templates, dedupParams: engine ? engine.params() : null, batches: pool ? batchCount : null };
  } finally {
    if (spool && !spool.closed) {
      // an early exit (error, consumer stopped): writes still pending fail, nothing to report
      spool.on('error', () => undefined);
      spool.destroy();
    }
    if (spoolDir) fs.rmSync(spoolDir, { recursive: true, force: true });
  }
  } finally {
    if (pool) await pool.close();
    if (dedup) await dedup.close();
  }
}

/**
 * The smallest template count the site-template rule can act on: keys counted in fewer documents
 * are left out of the workers' snapshot. The rule needs at least `minDocs` (default 3) documents;
 * 2 is used unless the config sets minDocs below 2.
 */
function snapshotMin(config: CleanConfig): number {
  const minDocs = ruleNumber(config, 'boilerplate/site-template', 'minDocs', 2);
  return Math.max(1, Math.min(2, Math.ceil(minDocs)));
}

/**
 * Slots waiting for output in pass 2 with workers, at most (a worker's batch at the head, batches
 * cleaned here behind it); then this thread waits for the head. Bounds memory if a worker stalls.
 */
const MAX_QUEUED_SLOTS = 64;

/** Bytes the dedup spool buffers before the run waits for the disk (≈ 2,000 bench records). */
const SPOOL_BUFFER = 8 * 1024 * 1024;

/** Let pending I/O and worker replies be handled (a batch cleaned in this thread held the loop). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((res) => setImmediate(res));
}

/** Pass 1 for one document in this thread (a document without a group teaches nothing: no keys built). */
function learnOne(templates: TemplateLearner, doc: InputDocument, config: CleanConfig): void {
  const group = documentGroup(doc, config);
  if (group) templates.addHashed(group, hashLineKeys(templateKeyHashes(doc.bodyLines)));
}

/** Pass 1 on the workers: template keys come back in input order and are learned here. */
async function learnParallel(pool: WorkerPool, templates: TemplateLearner, events: AsyncGenerator<InputEvent>, config: CleanConfig, count: { here: number; workers: number }): Promise<void> {
  const queue: Array<Promise<void>> = [];
  let batch: InputDocument[] = [];
  let chars = 0;
  // Results are applied strictly in order: each batch's learning waits for the previous one.
  let tail: Promise<void> = Promise.resolve();
  let hashedHere = false;
  const dispatch = (final: boolean): void => {
    if (batch.length === 0) return;
    const docs = batch;
    batch = [];
    if (final && !pool.started) {
      for (const d of docs) learnOne(templates, d, config);
      chars = 0;
      count.here++;
      return;
    }
    chars = 0;
    if (pool.saturated) {
      count.here++;
      // The workers are busy: the keys are hashed here (what a worker sends back) and learned in order.
      const res = docs.map((doc): KeysResult => {
        const group = documentGroup(doc, config);
        return group ? { group, ...hashLineKeys(templateKeyHashes(doc.bodyLines)) } : { group, body: 0, keys: new Float64Array(0), sketch: new Float64Array(0) };
      });
      hashedHere = true;
      tail = tail.then(() => {
        for (const r of res) templates.addHashed(r.group, r);
      });
      return;
    }
    count.workers++;
    const p = pool.keys(docs);
    tail = tail.then(() =>
      p.then((res) => {
        for (const r of res) templates.addHashed(r.group, r);
      }),
    );
    tail.catch(() => undefined); // awaited below; this only keeps an early exit from leaving it unhandled
    queue.push(tail);
  };
  for await (const e of events) {
    if (e.kind !== 'doc') continue;
    batch.push(e.doc);
    chars += docChars(e.doc);
    if (batch.length >= BATCH_DOCS || chars >= BATCH_CHARS) dispatch(false);
    // Bounded read-ahead: wait for the oldest batch when too many are in flight.
    while (queue.length >= pool.maxInFlight) await queue.shift();
    if (hashedHere) {
      hashedHere = false;
      await yieldToEventLoop();
    }
  }
  dispatch(true);
  while (queue.length > 0) await queue.shift();
  // batches hashed here are chained on `tail` without a queue entry
  await tail;
}

/** Documents per engine.addBatch (one index round trip per lookup kind and one commit per batch). */
export const DEDUP_BATCH_DOCS = 512;
/** ... or this many characters of cleaned text, whichever comes first. */
export const DEDUP_BATCH_CHARS = 8_000_000;

interface DedupSession {
  engine: DedupEngine;
  /** Queue one cleaned document (in output order); flushes a batch when it is full. */
  feed(id: string, text: string): Promise<void>;
  /** feed() for a document already sketched (by a Sketcher with key `sketchKey`). */
  feedSketch(id: string, sketch: TextSketch, sketchKey: string): Promise<void>;
  /**
   * Flush, then engine.finalizeCompact(): one decision per fed document, sorted by ordinal. An
   * in-memory index is closed (its tables freed) once the decisions are made.
   */
  finalize(): Promise<DecisionColumns>;
  /** The ordinals given to the fed documents, in feed order (increasing). */
  fedOrdinals(): Iterator<number>;
  /** Mark the index session finished (persistent index; no-op in memory). After the output commit. */
  finishSession(): Promise<void>;
  /** A persistent index's failure as DedupIndexError 'failed' (unchanged with the memory index). */
  wrap(e: unknown): unknown;
  close(): Promise<void>;
}

function isPersistent(idx: DedupIndex): idx is PersistentDedupIndex {
  return typeof (idx as Partial<PersistentDedupIndex>).reserveOrdinals === 'function';
}

/**
 * Open the dedup index and engine for a run: params → index → engine. Documents go to the engine
 * in batches; with a persistent index each batch takes `reserveOrdinals(n)` global ordinals, with
 * the in-memory index ordinals are 0, 1, 2, ... in output order.
 */
async function openDedup(opts: DedupOptions, spec: string | undefined, batchDocs: number): Promise<DedupSession> {
  if (!Number.isInteger(batchDocs) || batchDocs < 1) throw new RangeError('dedupBatchDocs must be a positive integer');
  const persistentSpec = spec !== undefined && spec !== '';
  const wrap = (e: unknown): unknown => {
    if (!persistentSpec || e instanceof DedupIndexError) return e;
    const msg = e instanceof Error ? e.message : String(e);
    return new DedupIndexError(msg, 'failed', { cause: e });
  };
  const p = await dedupParams(opts);
  let idx: DedupIndex;
  try {
    idx = await openIndex(spec, p);
  } catch (e) {
    throw wrap(e);
  }
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    try {
      await idx.close?.();
    } catch (e) {
      throw wrap(e);
    }
  };
  let engine: DedupEngine;
  try {
    engine = await DedupEngine.create(opts, idx);
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
  const persistent = isPersistent(idx) ? idx : null;
  // fed ordinals as [first, count] runs (contiguous within a batch)
  const runs: Array<[number, number]> = [];
  let next = 0;
  let pending: Array<{ id: string; text: string } | { id: string; sketch: TextSketch; sketchKey: string }> = [];
  let pendingChars = 0;
  const flush = async (): Promise<void> => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingChars = 0;
    try {
      const base = persistent ? await persistent.reserveOrdinals(batch.length) : next;
      next = base + batch.length;
      const last = runs[runs.length - 1];
      if (last && last[0] + last[1] === base) last[1] += batch.length;
      else runs.push([base, batch.length]);
      const docs: DedupInput[] = batch.map((d, i) => ({ ordinal: base + i, ...d }));
      await engine.addBatch(docs);
    } catch (e) {
      throw wrap(e);
    }
  };
  const queue = async (entry: (typeof pending)[number], chars: number): Promise<void> => {
    pending.push(entry);
    pendingChars += chars;
    if (pending.length >= batchDocs || pendingChars >= DEDUP_BATCH_CHARS) await flush();
  };
  return {
    engine,
    feed: (id, text) => queue({ id, text }, text.length),
    // (a sketch counts its normalized length: where a batch ends changes no decision, see DedupEngine.addBatch)
    feedSketch: (id, sketch, sketchKey) => queue({ id, sketch, sketchKey }, sketch.length),
    async finalize() {
      await flush();
      let decisions: DecisionColumns;
      try {
        decisions = await engine.finalizeCompact();
      } catch (e) {
        throw wrap(e);
      }
      if (!persistent) await close();
      return decisions;
    },
    async finishSession() {
      try {
        await idx.finishSession?.();
      } catch (e) {
        throw wrap(e);
      }
    },
    *fedOrdinals() {
      for (const [first, n] of runs) for (let i = 0; i < n; i++) yield first + i;
    },
    wrap,
    close,
  };
}
