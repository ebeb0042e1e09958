/**
 * Test helpers for the persistent dedup indexes:
 * - startRedis(): a throwaway `redis-server` on a free loopback port (null when not installed);
 * - buildChildModules(): src/dedup transpiled to plain ESM so child `node` processes can import it
 *   without a TypeScript loader (Jest transpiles only in-process).
 * - corpus(): a small generated corpus with exact and near duplicates.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { editWords, words } from '../dedup/textgen.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function redisServerPath(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const p = r.stdout.trim();
  return r.status === 0 && p ? p : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    let buf = '';
    s.setTimeout(500, () => {
      s.destroy();
      resolve(false);
    });
    s.on('error', () => resolve(false));
    s.on('connect', () => s.write('PING\r\n'));
    s.on('data', (d) => {
      buf += d.toString();
      if (buf.includes('\r\n')) {
        s.destroy();
        resolve(buf.startsWith('+PONG'));
      }
    });
  });
}

export interface RedisServer {
  port: number;
  url: string;
  pid: number;
  stop(): Promise<void>;
}

/** Start redis-server on 127.0.0.1:<free port>, no persistence; null when redis-server is missing. */
export async function startRedis(): Promise<RedisServer | null> {
  const bin = redisServerPath();
  if (!bin) return null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    let exited = false;
    child.on('exit', () => (exited = true));
    const deadline = Date.now() + 5000;
    while (!exited && Date.now() < deadline) {
      if (await ping(port)) {
        const pid = child.pid!;
        return {
          port,
          pid,
          url: `redis://127.0.0.1:${port}/0`,
          stop: () =>
            new Promise<void>((resolve) => {
              if (exited) return resolve();
              child.once('exit', () => resolve());
              process.kill(pid, 'SIGTERM');
              setTimeout(() => {
                if (!exited) process.kill(pid, 'SIGKILL');
              }, 3000).unref();
            }),
        };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!exited) process.kill(child.pid!, 'SIGKILL');
  }
  throw new Error('redis-server did not start');
}

/** Transpile src/dedup/*.ts to ESM under node_modules/.cache (so bare imports resolve); returns the dir. */
export async function buildChildModules(): Promise<string> {
  const swc = await import('@swc/core');
  const out = path.join(ROOT, 'node_modules', '.cache', 'seed-clean-test', `${process.pid}-${Date.now()}`);
  const srcDir = path.join(ROOT, 'src', 'dedup');
  fs.mkdirSync(path.join(out, 'dedup'), { recursive: true });
  for (const f of fs.readdirSync(srcDir)) {
    if (!f.endsWith('.ts')) continue;
    const r = await swc.transformFile(path.join(srcDir, f), {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    });
    fs.writeFileSync(path.join(out, 'dedup', f.replace(/\.ts$/, '.js')), r.code);
  }
  return out;
}

export interface Doc {
  ordinal: number;
  id: string;
  text: string;
  /** Ground-truth group (documents generated from the same base). */
  group: number;
}

/** `groups` base texts, each followed (interleaved across groups) by near copies and exact copies. */
export function corpus(groups: number, copies: number, seed = 7): Doc[] {
  const bases = Array.from({ length: groups }, (_, g) => words(120, seed * 100_003 + g));
  const docs: Doc[] = [];
  for (let c = 0; c <= copies; c++) {
    for (let g = 0; g < groups; g++) {
      const ws = c === 0 ? bases[g]! : c % 3 === 0 ? bases[g]! : editWords(bases[g]!, 3, seed + g * 31 + c);
      const ordinal = docs.length;
      docs.push({ ordinal, id: `g${g}c${c}`, text: ws.join(' '), group: g });
    }
  }
  return docs;
}
