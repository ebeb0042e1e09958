/**
 * Worker pool for `--jobs N`: documents go to worker threads in batches with sequence numbers and
 * their results come back in input order, so everything downstream (template learning, dedup,
 * the spool, the output) sees exactly the sequence a single thread would produce.
 */
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import v8 from 'node:v8';
import { fileURLToPath } from 'node:url';
import type { InputDocument } from '../types.js';
import type { CleanConfig } from './config.js';
import type { HashedKeys, SnapshotData } from './templates.js';
import type { RecordBatch } from './batch.js';
import type { DedupOptions } from '../dedup/engine.js';

/** A batch closes at this many documents or this many body characters, whichever comes first. */
export const BATCH_DOCS = 64;
export const BATCH_CHARS = 1_000_000;
/**
 * Old-space limit of a worker's V8 heap. Not a working-set need (a worker's live heap is ~60-80 MB
 * on the 20k bench corpus) but a GC setting: V8 lets a heap grow up to 4× its live size before a
 * full collection when the limit is large (the default, ~4 GB), only ~1.3-2× under a smaller one.
 * Measured on c20k (2 workers): each worker's heap peaked at ~265 MB by default, ~140 MB with 1024;
 * the run's peak RSS 835 -> 611 MB, output identical.
 */
const WORKER_OLD_SPACE_MB = 1024;
/** Batches in flight per worker (bounds memory; two keep a worker busy while one is collected). */
const IN_FLIGHT_PER_WORKER = 3;
/**
 * The calling thread is one of the `--jobs N` threads: it runs N - 1 workers and cleans a batch
 * itself whenever they already hold this many unanswered batches each (one being cleaned, one
 * waiting), so they never wait for work while it cleans. Before this, N workers and a calling
 * thread that only read and wrote competed for N cores (c20k, 2 cores: workers 27-29 CPU-s each,
 * the calling thread 4.3, V8's GC helpers 14-16 against 7.7 with one thread).
 */
export const LOCAL_AFTER_BACKLOG = 2;
/**
 * When the cleaning threads (the calling one and the workers) are at least as many as the cores,
 * the workers compile optimized code on their own thread (`--no-concurrent-recompilation` while
 * their isolates start). V8's background TurboFan jobs use a helper thread, which is free when a
 * core is idle (a lone `--jobs 1` run: ~2.5 CPU-s of compiles per isolate on 10,000 bench
 * documents, done beside the cleaning) but otherwise takes a core from a cleaning thread, with
 * the switching and cache cost on top. Measured on c10k (first 10,000 documents of the 20k bench
 * corpus), `--jobs 2 --no-dedup` on 2 cores, two sets of 5 alternating rounds: 12.56 -> 11.69 and
 * 14.79 -> 13.81 s wall (faster in 9 of the 10 rounds), CPU 23.1 -> 21.6 s; output identical. The
 * calling thread keeps its background compiles (its isolate was made before; a V8 flag is read
 * when an isolate starts).
 */
export function workersCompileInline(threads: number, cores: number = availableCores()): boolean {
  return threads >= cores;
}

/** The process was started with its own choice about background compiles: leave it alone. */
function compileFlagsGiven(): boolean {
  const args = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  return args.some((a) => /concurrent[-_]recompilation|^--single[-_]threaded(=|$)/.test(a));
}

/** Cores this process may use (the CLI's default `--jobs`). */
export function availableCores(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}


/** Pass 1 from a worker: the document's template group and its hashed keys (TemplateLearner.addHashed). */
export interface KeysResult extends HashedKeys {
  group: string | null;
}

type Reply = { seq: number; keys?: KeysResult[]; batch?: RecordBatch; error?: string };

function workerUrl(): URL {
  // From dist/core this is the sibling file; from src/core (tests run the TS sources) the built one.
  const local = new URL('./parallel-worker.js', import.meta.url);
  if (fs.existsSync(fileURLToPath(local))) return local;
  return new URL('../../dist/core/parallel-worker.js', import.meta.url);
}

interface Pending {
  resolve: (r: Reply) => void;
  reject: (e: Error) => void;
}

class PoolWorker {
  readonly worker: Worker;
  readonly pending = new Map<number, Pending>();
  /** Settles when the worker runs (its isolate made) or failed to start. */
  readonly started: Promise<void>;
  constructor(config: CleanConfig, dedup: DedupOptions | null, onFatal: (e: Error) => void) {
    this.worker = new Worker(workerUrl(), { workerData: { config, dedup }, resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_SPACE_MB } });
    this.started = new Promise<void>((resolve) => {
      this.worker.once('online', resolve);
      this.worker.once('error', () => resolve());
      this.worker.once('exit', () => resolve());
    });
    this.worker.on('message', (r: Reply) => {
      const p = this.pending.get(r.seq);
      if (!p) return;
      this.pending.delete(r.seq);
      if (r.error !== undefined) p.reject(new Error(`worker: ${r.error}`));
      else p.resolve(r);
    });
    this.worker.on('error', (e) => onFatal(e instanceof Error ? e : new Error(String(e))));
    this.worker.on('exit', (code) => {
      if (this.pending.size > 0) onFatal(new Error(`worker exited with code ${code}`));
    });
  }
}

export class WorkerPool {
  private workers: PoolWorker[] = [];
  private seq = 0;
  private fatal: Error | null = null;
  private snapshot: { value: SnapshotData | null } | null = null;

  /** `dedup`: the run's dedup options, so workers can sketch what they clean (null: no dedup). */
  constructor(
    readonly size: number,
    private readonly config: CleanConfig,
    private readonly dedup: DedupOptions | null = null,
  ) {}

  get maxInFlight(): number {
    return this.size * IN_FLIGHT_PER_WORKER;
  }

  /** Batches sent to the workers and not answered yet (their replies handled). */
  get backlog(): number {
    let n = 0;
    for (const w of this.workers) n += w.pending.size;
    return n;
  }

  /** The workers are busy enough for the calling thread to clean the next batch itself. */
  get saturated(): boolean {
    return this.workers.length > 0 && this.backlog >= this.size * LOCAL_AFTER_BACKLOG;
  }

  private start(): void {
    if (this.workers.length > 0) return;
    const onFatal = (e: Error): void => {
      if (!this.fatal) this.fatal = e;
      for (const w of this.workers) {
        for (const p of w.pending.values()) p.reject(e);
        w.pending.clear();
      }
    };
    // V8 flags are process-wide: set for the workers' isolates only, and restored once they run.
    const inline = workersCompileInline(this.size + 1) && !compileFlagsGiven();
    if (inline) v8.setFlagsFromString('--no-concurrent-recompilation');
    for (let i = 0; i < this.size; i++) this.workers.push(new PoolWorker(this.config, this.dedup, onFatal));
    if (inline) void Promise.all(this.workers.map((w) => w.started)).then(() => v8.setFlagsFromString('--concurrent-recompilation'));
    if (this.snapshot) for (const w of this.workers) w.worker.postMessage({ type: 'templates', snapshot: this.snapshot.value });
    // each worker has its own copy now (postMessage clones it): this thread's can go
    this.snapshot = null;
  }

  private send(msg: { type: 'keys'; docs: InputDocument[] } | { type: 'clean'; docs: InputDocument[]; dedup: boolean }): Promise<Reply> {
    this.start();
    if (this.fatal) return Promise.reject(this.fatal);
    const seq = this.seq++;
    // The least busy worker; ties go to the lowest index.
    let w = this.workers[0]!;
    for (const x of this.workers) if (x.pending.size < w.pending.size) w = x;
    return new Promise<Reply>((resolve, reject) => {
      w.pending.set(seq, { resolve, reject });
      w.worker.postMessage({ ...msg, seq });
    });
  }

  keys(docs: InputDocument[]): Promise<KeysResult[]> {
    return this.send({ type: 'keys', docs }).then((r) => r.keys!);
  }

  /** Clean documents on a worker: their records as one batch (with dedup ids and sketches when `dedup`). */
  clean(docs: InputDocument[], dedup: boolean): Promise<RecordBatch> {
    return this.send({ type: 'clean', docs, dedup }).then((r) => r.batch!);
  }

  /** Send the learned templates; every later 'clean' message is handled after it (per-worker FIFO). */
  setTemplates(snapshot: SnapshotData | null): void {
    if (this.workers.length === 0) this.snapshot = { value: snapshot };
    for (const w of this.workers) w.worker.postMessage({ type: 'templates', snapshot });
  }

  get started(): boolean {
    return this.workers.length > 0;
  }

  async close(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    this.snapshot = null;
    await Promise.all(ws.map((w) => w.worker.terminate()));
  }
}

/** Size of a document for batching (body characters). */
export function docChars(doc: InputDocument): number {
  let n = 0;
  for (const l of doc.bodyLines) n += l.length + 1;
  return n;
}
