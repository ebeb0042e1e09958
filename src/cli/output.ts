/** Where records go: stdout (JSONL), one JSONL file (atomic), or a directory of pretty .json files. */
import path from 'node:path';
import fs from 'fs-extra';
import type { OutputRecord } from '../types.js';
import { openAtomicWriter, outputPathFor, writeJsonAtomic } from '../io/write.js';

export interface RecordSink {
  /** Absolute path to exclude from the inputs (an output inside an input directory). */
  excludePath: string | null;
  write(r: OutputRecord): Promise<void>;
  /** Records already serialized as UTF-8 JSONL (JSON.stringify + '\n' each); absent for a directory output. */
  writeJsonl?: (chunk: Uint8Array) => Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

function isDirTarget(p: string): boolean {
  if (p.endsWith('/') || p.endsWith(path.sep)) return true;
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

export async function openOutput(target: string | undefined, opts: { forceFile?: boolean } = {}): Promise<RecordSink> {
  if (target === undefined || target === '-') {
    const writeStdout = async (chunk: string | Uint8Array): Promise<void> => {
      if (!process.stdout.write(chunk)) await new Promise<void>((res) => process.stdout.once('drain', () => res()));
    };
    return {
      excludePath: null,
      write: (r) => writeStdout(JSON.stringify(r) + '\n'),
      writeJsonl: writeStdout,
      async commit() {},
      async abort() {},
    };
  }
  const abs = path.resolve(target);
  if (!opts.forceFile && isDirTarget(target)) {
    await fs.ensureDir(abs);
    return {
      excludePath: abs,
      write: (r) => writeJsonAtomic(outputPathFor(abs, r.source), r),
      async commit() {},
      async abort() {},
    };
  }
  const w = await openAtomicWriter(abs);
  return {
    excludePath: abs,
    write: (r) => w.write(JSON.stringify(r) + '\n'),
    writeJsonl: (chunk) => w.write(chunk),
    commit: () => w.commit(),
    abort: () => w.abort(),
  };
}
