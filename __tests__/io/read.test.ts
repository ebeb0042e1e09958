import { describe, test, expect, afterAll } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { listInputs, readInputs } from '../../src/io/read.js';
import { collect, docsOf, errorsOf, tmpDir, writeTree } from './helpers.js';

const dirs: string[] = [];
function fresh(): string {
  const d = tmpDir();
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('raw text files', () => {
  test('header, CRLF, BOM, no trailing newline', async () => {
    const d = fresh();
    writeTree(d, {
      'a.txt': '\ufeffTitle: Hello\r\nDate: 2024-01-02\r\nURL: https://x.test/a\r\n\r\nline one\r\nline two',
      'b.txt': 'no header here\nsecond line\n',
    });
    const ev = await collect([d]);
    expect(errorsOf(ev)).toEqual([]);
    const [a, b] = docsOf(ev);
    expect(a!.source.path).toBe('a.txt');
    expect(a!.title).toBe('Hello');
    expect(a!.date).toBe('2024-01-02');
    expect(a!.url).toBe('https://x.test/a');
    expect(a!.bodyLines).toEqual(['line one', 'line two']);
    expect(a!.bodyStartLine).toBe(5);
    expect(a!.encoding).toBe('utf-8');
    expect(b!.title).toBeNull();
    expect(b!.bodyLines).toEqual(['no header here', 'second line']);
  });

  test('directory recursion is sorted by relative POSIX path, hidden entries skipped', async () => {
    const d = fresh();
    const names = ['z.txt', 'a/b.txt', 'a/a.txt', 'B.txt', 'a b/c.txt', 'a-z/d.txt', 'm/n/o/p.txt', '.hidden/x.txt', '.dot.txt', 'skip.md'];
    // Create in a scrambled order so file-system order differs from sorted order.
    for (const n of [...names].reverse()) writeTree(d, { [n]: `text of ${n}\n` });
    const { files, errors } = await listInputs([d]);
    expect(errors).toEqual([]);
    expect(files.map((f) => f.rel)).toEqual(['B.txt', 'a b/c.txt', 'a-z/d.txt', 'a/a.txt', 'a/b.txt', 'm/n/o/p.txt', 'z.txt']);
    expect(files.every((f) => f.root === d)).toBe(true);
    const docs = docsOf(await collect([d]));
    expect(docs.map((x) => x.bodyLines[0])).toEqual(files.map((f) => `text of ${f.rel}`));
  });

  test('glob filters directory contents; bare patterns match basenames at any depth; ! excludes', async () => {
    const d = fresh();
    writeTree(d, { 'x/keep.txt': 'k\n', 'x/drop.txt': 'd\n', 'top.txt': 't\n', 'x/data.jsonl': '{"text":"j"}\n' });
    const a = await listInputs([d], { glob: ['*.txt', '!**/drop.txt'] });
    expect(a.files.map((f) => f.rel)).toEqual(['top.txt', 'x/keep.txt']);
    const b = await listInputs([d], { glob: ['x/*.{jsonl,txt}'] });
    expect(b.files.map((f) => f.rel)).toEqual(['x/data.jsonl', 'x/drop.txt', 'x/keep.txt']);
  });

  test('several paths, a file given directly keeps its path as given; missing path is an error event', async () => {
    const d = fresh();
    writeTree(d, { 'dir/one.txt': 'one\n', 'two.txt': 'two\n' });
    const cwd = process.cwd();
    process.chdir(d);
    try {
      const ev = await collect(['./two.txt', 'dir', 'nope.txt', 'dir/one.txt']);
      const errs = errorsOf(ev);
      expect(errs).toEqual([{ kind: 'error', path: 'nope.txt', message: 'no such file or directory' }]);
      // dir/one.txt was already read via `dir`: read once.
      expect(docsOf(ev).map((x) => [x.source.path, x.bodyLines[0]])).toEqual([
        ['two.txt', 'two'],
        ['one.txt', 'one'],
      ]);
    } finally {
      process.chdir(cwd);
    }
  });

  test('empty directory, empty file and whitespace-only file are error events', async () => {
    const d = fresh();
    fs.mkdirSync(path.join(d, 'empty'));
    writeTree(d, { 'full/e.txt': '', 'full/w.txt': ' \n\n', 'full/ok.txt': 'ok\n' });
    const ev = await collect([path.join(d, 'empty'), path.join(d, 'full')]);
    const errs = errorsOf(ev);
    expect(errs.map((e) => [path.basename(e.path), e.message.split(' (')[0]])).toEqual([
      ['empty', 'no input files in directory'],
      ['e.txt', 'empty file'],
      ['w.txt', 'empty file'],
    ]);
    expect(docsOf(ev).map((x) => x.source.path)).toEqual(['ok.txt']);
  });

  test('binary files are rejected (NUL bytes, control characters)', async () => {
    const d = fresh();
    const ctrl = Buffer.alloc(2000);
    for (let i = 0; i < ctrl.length; i++) ctrl[i] = i % 3 === 0 ? 0x01 : 0x41;
    writeTree(d, { 'nul.txt': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x41]), 'ctrl.txt': ctrl, 'ok.txt': 'fine\n' });
    const ev = await collect([d]);
    expect(errorsOf(ev).map((e) => [e.path, e.message])).toEqual([
      ['ctrl.txt', 'binary file'],
      ['nul.txt', 'binary file'],
    ]);
    expect(docsOf(ev)).toHaveLength(1);
  });

  test('symlink loops terminate and linked files are read once', async () => {
    const d = fresh();
    writeTree(d, { 'sub/a.txt': 'a\n' });
    fs.symlinkSync(d, path.join(d, 'sub', 'loop'));
    fs.symlinkSync(path.join(d, 'sub'), path.join(d, 'again'));
    const { files } = await listInputs([d]);
    expect(files.map((f) => f.rel)).toEqual(['again/a.txt']);
  });

  test('exclude keeps an output directory inside the input tree out', async () => {
    const d = fresh();
    writeTree(d, { 'in.txt': 'x\n', 'out/previous.txt': 'y\n', 'out.jsonl': '{"text":"z"}\n' });
    const { files } = await listInputs([d], { exclude: [path.join(d, 'out'), path.join(d, 'out.jsonl')] });
    expect(files.map((f) => f.rel)).toEqual(['in.txt']);
  });
});

describe('JSONL', () => {
  test('one doc per line, empty lines skipped, malformed lines reported with their number', async () => {
    const d = fresh();
    const lines = [
      '{"id": 7, "text": "first\\nsecond", "url": "https://a.test/", "title": "T", "lang": "en"}',
      '',
      '{"text": "broken"',
      '[1,2]',
      '{"body": "no text field"}',
      '{"id": "x", "text": "last"}\r',
    ];
    writeTree(d, { 'c.jsonl': lines.join('\n') });
    const ev = await collect([path.join(d, 'c.jsonl')]);
    const docs = docsOf(ev);
    expect(docs.map((x) => [x.inputId, x.source.line, x.bodyLines])).toEqual([
      ['7', 1, ['first', 'second']],
      ['x', 6, ['last']],
    ]);
    expect(docs[0]!.metadata.lang).toBe('en');
    expect(docs[0]!.url).toBe('https://a.test/');
    expect(errorsOf(ev).map((e) => e.line)).toEqual([3, 4, 5]);
    expect(errorsOf(ev)[0]!.message).toMatch(/malformed JSON/);
  });

  test('custom field names', async () => {
    const d = fresh();
    writeTree(d, { 'f.jsonl': '{"doc_id": "q", "content": "hello", "link": "https://l.test/"}\n' });
    const docs = docsOf(await collect([d], { textField: 'content', idField: 'doc_id', urlField: 'link' }));
    expect(docs.map((x) => [x.inputId, x.bodyLines, x.url])).toEqual([['q', ['hello'], 'https://l.test/']]);
  });

  test('__proto__ keys stay plain data and do not pollute prototypes', async () => {
    const d = fresh();
    writeTree(d, { 'p.jsonl': '{"text":"t","__proto__":{"polluted":true},"constructor":{"prototype":{"bad":1}}}\n' });
    const [doc] = docsOf(await collect([d]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(doc!.metadata, '__proto__')).toBe(true);
    expect((doc!.metadata as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(doc!.metadata))).toEqual(JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"bad":1}}}'));
  });

  test('a line over maxLineBytes is an error for that line only; a large line under the limit is read', async () => {
    const d = fresh();
    const big = 'x'.repeat(3 * 1024 * 1024);
    const huge = 'y'.repeat(6 * 1024 * 1024);
    writeTree(d, {
      'h.jsonl': [`{"text":"a"}`, `{"text":"${huge}"}`, `{"text":"${big}"}`, `{"text":"b"}`].join('\n') + '\n',
    });
    const ev = await collect([d], { maxLineBytes: 4 * 1024 * 1024 });
    const docs = docsOf(ev);
    expect(docs.map((x) => x.source.line)).toEqual([1, 3, 4]);
    expect(docs[1]!.bodyLines[0]!.length).toBe(big.length);
    expect(errorsOf(ev)).toEqual([{ kind: 'error', path: 'h.jsonl', line: 2, message: expect.stringMatching(/line too long/) }]);
  });

  test('a 50 MB single line is read with the default limit', async () => {
    const d = fresh();
    const body = 'word '.repeat(10 * 1024 * 1024);
    writeTree(d, { 'big.jsonl': `{"text":"${body}"}` });
    const docs = docsOf(await collect([d]));
    expect(docs).toHaveLength(1);
    expect(docs[0]!.bodyLines[0]!.length).toBe(body.length);
  });

  test('a JSONL file with only blank lines is an empty-file error', async () => {
    const d = fresh();
    writeTree(d, { 'e.jsonl': '\n\n  \n' });
    expect(errorsOf(await collect([d]))).toEqual([{ kind: 'error', path: 'e.jsonl', message: 'empty file' }]);
  });
});

describe('stdin', () => {
  test('raw text on stdin', async () => {
    const stdin = Readable.from([Buffer.from('Title: From stdin\n\nbody line\n')]);
    const docs = docsOf(await collect(['-'], { stdin }));
    expect(docs.map((x) => [x.source.path, x.title, x.bodyLines])).toEqual([['-', 'From stdin', ['body line']]]);
  });

  test('JSONL on stdin when every non-empty line starts with {', async () => {
    const stdin = Readable.from([Buffer.from('{"text":"a"}\n\n  {"text":"b"}\n')]);
    const docs = docsOf(await collect(['-'], { stdin }));
    expect(docs.map((x) => [x.source.path, x.source.line, x.bodyLines])).toEqual([
      ['-', 1, ['a']],
      ['-', 3, ['b']],
    ]);
  });

  test('text starting with { but not all lines is raw text; stdinFormat forces', async () => {
    const mk = () => Readable.from([Buffer.from('{"text":"a"}\nplain line\n')]);
    const auto = docsOf(await collect(['-'], { stdin: mk() }));
    expect(auto).toHaveLength(1);
    expect(auto[0]!.bodyLines).toEqual(['{"text":"a"}', 'plain line']);
    const forced = await collect(['-'], { stdin: mk(), stdinFormat: 'jsonl' });
    expect(docsOf(forced)).toHaveLength(1);
    expect(errorsOf(forced).map((e) => e.line)).toEqual([2]);
  });
});

describe('generator behaviour', () => {
  test('stopping early releases the file (no hang)', async () => {
    const d = fresh();
    writeTree(d, { 'many.jsonl': Array.from({ length: 1000 }, (_, i) => `{"text":"t${i}"}`).join('\n') });
    let n = 0;
    for await (const ev of readInputs([d])) {
      if (ev.kind === 'doc') n++;
      if (n === 3) break;
    }
    expect(n).toBe(3);
  });
});
