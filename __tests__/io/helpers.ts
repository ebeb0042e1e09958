import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { InputEvent, ReadOptions } from '../../src/io/read.js';
import { readInputs } from '../../src/io/read.js';

export function tmpDir(prefix = 'seed-clean-io-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Write files (relative path → content) under dir, creating folders. */
export function writeTree(dir: string, files: Record<string, string | Buffer>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

export async function collect(paths: string[], opts?: ReadOptions): Promise<InputEvent[]> {
  const out: InputEvent[] = [];
  for await (const ev of readInputs(paths, opts)) out.push(ev);
  return out;
}

export function docsOf(events: InputEvent[]) {
  return events.flatMap((e) => (e.kind === 'doc' ? [e.doc] : []));
}

export function errorsOf(events: InputEvent[]) {
  return events.flatMap((e) => (e.kind === 'error' ? [e] : []));
}
