/**
 * Property tests (fast-check) for the input layer: random bytes written to a temp file (every
 * input format by name, gzipped or not) and read through readInputs and runCorpus never throw;
 * bad input comes out as error events, and every event is a doc/record or an error.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { readInputs } from '../../src/io/read.js';
import { runCorpus, type RunEvent } from '../../src/core/run.js';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20240611;
const RUNS = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 100;

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-prop-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const NAMES = ['page.txt', 'corpus.jsonl', 'page.html', 'crawl.warc.wet', 'page.txt.gz', 'corpus.jsonl.gz', 'crawl.wet.gz', 'noext'];

/** Bytes that look partly like real input: structure tokens, BOMs, UTF-8/UTF-16/GBK pieces, junk. */
const chunk = fc.oneof(
  { weight: 4, arbitrary: fc.uint8Array({ maxLength: 64 }) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(
        'Title: x\n', 'URL: https://e.com/\n', '\n', '\r\n', '{"text":"a\\nb","id":1}\n', '{"text":', '{"id":2}\n', '[1]\n', 'null\n',
        'WARC/1.0\r\nWARC-Type: conversion\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n', 'WARC/1.0\r\nContent-Length: 99999999\r\n\r\n',
        '<html><head><meta charset="gbk"><title>t</title></head><body><p>x</p>', '<script>', '<!--', '</p>', '&amp;', '&#xD800;',
        '中文', 'ü', '\u0000', '\uFEFF', '\uD800',
      )
      .map((s) => new Uint8Array(Buffer.from(s, 'utf8'))),
  },
  { weight: 1, arbitrary: fc.constantFrom(new Uint8Array([0xef, 0xbb, 0xbf]), new Uint8Array([0xff, 0xfe]), new Uint8Array([0xfe, 0xff]), new Uint8Array([0xd6, 0xd0, 0xce, 0xc4]), new Uint8Array([0x1f, 0x8b, 0x08])) },
);
const bytes = fc.array(chunk, { maxLength: 24 }).map((cs) => Buffer.concat(cs.map((c) => Buffer.from(c))));

let n = 0;
function writeCase(name: string, data: Buffer, gzipIt: boolean): string {
  const sub = path.join(dir, `c${n++}`);
  fs.mkdirSync(sub);
  const file = path.join(sub, name);
  // a `.gz` name holds real gzip of the random bytes half the time, raw random bytes otherwise
  fs.writeFileSync(file, name.endsWith('.gz') && gzipIt ? zlib.gzipSync(data) : data);
  return sub;
}

async function collect<T>(gen: AsyncGenerator<T, unknown>): Promise<T[]> {
  const out: T[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

describe('random bytes never make the reader or the runner throw', () => {
  test('readInputs: every event is a doc or an error', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), bytes, fc.boolean(), async (name, data, gz) => {
        const sub = writeCase(name, data, gz);
        const events = await collect(readInputs([path.join(sub, name)]));
        for (const e of events) {
          expect(['doc', 'error']).toContain(e.kind);
          if (e.kind === 'error') expect(typeof e.message).toBe('string');
        }
        // a file yields at least one event (a doc, or an error such as `empty file`)
        expect(events.length).toBeGreaterThan(0);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('runCorpus (dedup on): every document is a record or an error; no throw', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NAMES), bytes, fc.boolean(), async (name, data, gz) => {
        const sub = writeCase(name, data, gz);
        const read = await collect(readInputs([sub], { glob: ['*'] }));
        const events: RunEvent[] = await collect(runCorpus([sub], { read: { glob: ['*'] }, dedup: {} }));
        const docs = read.filter((e) => e.kind === 'doc').length;
        const readErrors = read.filter((e) => e.kind === 'error').length;
        expect(events.filter((e) => e.kind === 'record').length).toBe(docs);
        expect(events.filter((e) => e.kind === 'error').length).toBe(readErrors);
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 2) },
    );
  });
});
