import { describe, test, expect, afterAll } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { openAtomicWriter, openWriterCount, outputPathFor, writeJsonAtomic } from '../../src/io/write.js';
import { tmpDir } from './helpers.js';

const dirs: string[] = [];
function fresh(): string {
  const d = tmpDir('seed-clean-write-');
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('openAtomicWriter', () => {
  test('nothing appears at the final path before commit; commit renames the complete file', async () => {
    const d = fresh();
    const final = path.join(d, 'sub', 'out.jsonl');
    const w = await openAtomicWriter(final);
    const line = `${JSON.stringify({ text: 'x'.repeat(1000) })}\n`;
    for (let i = 0; i < 3000; i++) await w.write(line); // ~3 MB: several flushes happen before commit
    expect(fs.existsSync(final)).toBe(false);
    expect(fs.existsSync(w.tempPath)).toBe(true);
    expect(path.dirname(w.tempPath)).toBe(path.dirname(final));
    await w.commit();
    expect(fs.existsSync(w.tempPath)).toBe(false);
    const content = fs.readFileSync(final, 'utf8');
    expect(content.length).toBe(line.length * 3000);
    expect(content.split('\n').filter(Boolean).every((l) => JSON.parse(l).text.length === 1000)).toBe(true);
    expect(openWriterCount()).toBe(0);
  });

  test('abort removes the temp file and leaves an existing final file untouched', async () => {
    const d = fresh();
    const final = path.join(d, 'out.jsonl');
    fs.writeFileSync(final, 'previous\n');
    const w = await openAtomicWriter(final);
    await w.write('partial');
    await w.abort();
    await w.abort(); // idempotent
    expect(fs.readFileSync(final, 'utf8')).toBe('previous\n');
    expect(fs.readdirSync(d)).toEqual(['out.jsonl']);
    await expect(w.write('more')).rejects.toThrow(/after aborted/);
    expect(openWriterCount()).toBe(0);
  });

  test('commit replaces an existing file atomically', async () => {
    const d = fresh();
    const final = path.join(d, 'o.txt');
    fs.writeFileSync(final, 'old');
    const w = await openAtomicWriter(final);
    await w.write('new ');
    await w.write('content');
    expect(fs.readFileSync(final, 'utf8')).toBe('old');
    await w.commit();
    expect(fs.readFileSync(final, 'utf8')).toBe('new content');
    await expect(w.commit()).rejects.toThrow(/after committed/);
  });

  test('in-process: the SIGTERM handler removes temp files and exits 143', async () => {
    const d = fresh();
    const final = path.join(d, 'killed.jsonl');
    const w = await openAtomicWriter(final);
    await w.write('partial data\n');
    expect(fs.existsSync(w.tempPath)).toBe(true);
    const realExit = process.exit;
    let code: number | undefined;
    (process as unknown as { exit: (c?: number) => void }).exit = (c?: number) => {
      code = c;
    };
    try {
      process.emit('SIGTERM', 'SIGTERM');
    } finally {
      process.exit = realExit;
    }
    expect(code).toBe(143);
    expect(fs.existsSync(w.tempPath)).toBe(false);
    expect(fs.existsSync(final)).toBe(false);
    expect(openWriterCount()).toBe(0);
  });

  test.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('real child process: %s mid-write leaves no partial output and exits %d', async (sig, expected) => {
    const d = fresh();
    const final = path.join(d, 'killed.jsonl');
    // Node 20 cannot run .ts: compile write.ts (node builtins only) with swc into a temp .mjs.
    const { transformSync } = await import('@swc/core');
    const src = fs.readFileSync(new URL('../../src/io/write.ts', import.meta.url), 'utf8');
    const js = transformSync(src, { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }).code;
    fs.writeFileSync(path.join(d, 'write.mjs'), js);
    fs.writeFileSync(
      path.join(d, 'child.mjs'),
      `import { openAtomicWriter } from './write.mjs';
       const w = await openAtomicWriter(${JSON.stringify(final)});
       await w.write('x'.repeat(3 * 1024 * 1024));
       process.stdout.write(w.tempPath + '\\n');
       setInterval(() => {}, 1000);`,
    );
    const child = spawn(process.execPath, [path.join(d, 'child.mjs')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const tempPath = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b: Buffer) => {
        out += b.toString();
        if (out.includes('\n')) resolve(out.trim());
      });
      child.on('error', reject);
      child.on('exit', () => reject(new Error(`child exited early: ${out}`)));
    });
    expect(fs.existsSync(tempPath)).toBe(true);
    const code = await new Promise<number | null>((resolve) => {
      child.removeAllListeners('exit');
      child.on('exit', (c) => resolve(c));
      child.kill(sig);
    });
    expect(code).toBe(expected);
    expect(fs.existsSync(tempPath)).toBe(false);
    expect(fs.existsSync(final)).toBe(false);
  });
});

describe('writeJsonAtomic and outputPathFor', () => {
  test('writes pretty JSON with a trailing newline', async () => {
    const d = fresh();
    const p = path.join(d, 'a', 'b.json');
    await writeJsonAtomic(p, { id: 'x', n: [1, 2] });
    expect(fs.readFileSync(p, 'utf8')).toBe('{\n  "id": "x",\n  "n": [\n    1,\n    2\n  ]\n}\n');
    expect(fs.readdirSync(path.join(d, 'a'))).toEqual(['b.json']);
  });

  test('mirrors the input tree and stays inside the output dir', () => {
    expect(outputPathFor('/out', { path: 'news/a.txt' })).toBe(path.join('/out', 'news', 'a.json'));
    expect(outputPathFor('/out', { path: 'c.jsonl', line: 12 })).toBe(path.join('/out', 'c.L12.json'));
    expect(outputPathFor('/out', { path: 'x/crawl.warc.wet.gz', line: 3 })).toBe(path.join('/out', 'x', 'crawl.L3.json'));
    expect(outputPathFor('/out', { path: '../../etc/passwd' })).toBe(path.join('/out', 'etc', 'passwd.json'));
    expect(outputPathFor('/out', { path: '/abs/p.txt' })).toBe(path.join('/out', 'abs', 'p.json'));
    expect(outputPathFor('/out', { path: '-' })).toBe(path.join('/out', 'stdin.json'));
  });
});
