/**
 * One document for `explain` and `diff`: a file (raw text, HTML, JSONL, WET; `-` for stdin), with
 * `FILE:LINE` (or an explicit line) picking one record of a multi-record file. The line is the
 * record's `source.line`: the physical line of a JSONL file, the record index of a WET file.
 */
import fs from 'node:fs';
import type { InputDocument } from '../../types.js';
import { listInputs, readInputFile, type ReadOptions } from '../../io/read.js';

export class InputError extends Error {}

export interface PickedDocument {
  doc: InputDocument;
  /** How many documents the file holds (counted up to the picked one when a line was given). */
  records: number;
  /** The input had several records and none was asked for: the first one was taken. */
  firstOfMany: boolean;
}

/** Split `FILE:LINE` when FILE exists and the whole argument does not. */
export function splitSpec(spec: string, line?: number): { file: string; line: number | undefined } {
  if (line !== undefined) return { file: spec, line };
  const m = /^(.*):(\d+)$/.exec(spec);
  if (m && !exists(spec) && (m[1] === '-' || exists(m[1]!))) return { file: m[1]!, line: Number(m[2]) };
  return { file: spec, line: undefined };
}

function exists(p: string): boolean {
  try {
    fs.statSync(p);
    return true;
  } catch {
    return false;
  }
}

export function parseLineOption(v: string | undefined): number | undefined | string {
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isInteger(n) && n >= 1 ? n : '--line must be a positive integer';
}

/** Read `spec` (see module comment) and return one document; throws InputError with a clear message. */
export async function loadDocument(spec: string, read: ReadOptions, line?: number): Promise<PickedDocument> {
  const s = splitSpec(spec, line);
  const { files, errors } = await listInputs([s.file], { ...read, glob: read.glob ?? ['**/*'] });
  for (const e of errors) if (e.kind === 'error') throw new InputError(`${e.path}: ${e.message}`);
  if (files.length !== 1) throw new InputError(`${s.file}: expected one file${files.length > 1 ? ` (a directory holds ${files.length})` : ''}`);
  let first: InputDocument | null = null;
  let records = 0;
  const seen: number[] = [];
  for await (const e of readInputFile(files[0]!, read)) {
    if (e.kind === 'error') {
      if (s.line !== undefined && e.line !== undefined && e.line !== s.line) continue;
      throw new InputError(`${e.path}${e.line !== undefined ? `:${e.line}` : ''}: ${e.message}`);
    }
    records++;
    if (s.line === undefined) {
      first ??= e.doc;
      continue;
    }
    if (e.doc.source.line === s.line) return { doc: e.doc, records, firstOfMany: false };
    if (e.doc.source.line !== undefined && seen.length < 5) seen.push(e.doc.source.line);
  }
  if (s.line !== undefined) {
    throw new InputError(
      `${s.file}: no record at line ${s.line}` + (seen.length ? ` (records start at lines ${seen.join(', ')}${records > seen.length ? ', …' : ''})` : ' (it is not a multi-record file)'),
    );
  }
  if (!first) throw new InputError(`${s.file}: no documents`);
  return { doc: first, records, firstOfMany: records > 1 };
}
