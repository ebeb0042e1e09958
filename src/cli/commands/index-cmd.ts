/**
 * `seed-clean index stats PATH` and `seed-clean index verify PATH`: inspect a persistent SQLite
 * dedup index (the file given to `--index`). A readable table by default, `--json` for JSON.
 * Exit codes: 0 fine; 1 the index cannot be read (stats) or verify found problems; 2 usage error.
 * A Redis index (`redis://...`) is not read here (its counters are in the `{sc:<ns>}:st` hash).
 */
import type { Command } from 'commander';
import { makeColors, safeText } from '../format.js';

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;

interface IndexCmdOptions {
  json?: boolean;
  color?: boolean;
}

function writeErr(s: string): void {
  process.stderr.write(s.endsWith('\n') ? s : s + '\n');
}

function isRedis(spec: string): boolean {
  return /^rediss?:\/\//i.test(spec);
}

const REDIS_NOTE =
  'index stats/verify read a SQLite index file; a Redis index keeps its counters in the hash {sc:<namespace>}:st (redis-cli HGETALL)';

function num(n: number): string {
  return n.toLocaleString('en-US');
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 * 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  return `${(n / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}

/** One line summary of the dedup parameters stored in the index header. */
export function describeParams(p: Record<string, unknown>): string {
  const s = (k: string): string => (p[k] === undefined ? '?' : String(p[k]));
  return (
    `algorithm v${s('version')}, seed ${s('seed')}, ${s('bands')} bands x ${s('rows')} rows, ` +
    `shingles ${s('shingleSize')} words / ${s('cjkShingleSize')} CJK chars, threshold ${s('threshold')}, ` +
    `sketch ${s('sketchSize')}, min shingles ${s('minShingles')}, keep ${s('keep')}`
  );
}

type Stats = import('../../dedup/sqlite-index.js').SqliteIndexStats;

function statsTable(st: Stats): string {
  const rows: Array<[string, string, string?]> = [
    ['documents', num(st.members), 'members, all runs'],
    ['clusters', num(st.clusters), 'distinct documents kept over all runs'],
    ['runs', num(st.sessions), 'sessions that opened the index'],
    ['exact keys', num(st.exactKeys)],
    ['band entries', num(st.bandEntries), `${num(st.buckets)} buckets`],
    ['representatives', num(st.representatives), `${num(st.representativeValues)} sketch values`],
    ['file size', bytes(st.fileBytes), st.members ? `${bytes(st.bytesPerMember)} per document` : undefined],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  const v = Math.max(...rows.map((r) => r[1].length));
  const lines = [
    `dedup index ${safeText(st.path)} (format ${st.format}, seed-clean ${String(st.params.toolVersion ?? '?')}, created ${String(st.params.createdAt ?? '?')})`,
    ...rows.map(([k, val, note]) => `  ${k.padEnd(w)}  ${val.padStart(v)}${note ? `  (${note})` : ''}`),
    `  ${'parameters'.padEnd(w)}  ${describeParams(st.params)}`,
  ];
  return lines.join('\n') + '\n';
}

async function statsCmd(spec: string, o: IndexCmdOptions): Promise<number> {
  if (isRedis(spec)) {
    writeErr(`seed-clean: ${REDIS_NOTE}`);
    return EXIT_USAGE;
  }
  const { indexStats } = await import('../../dedup/sqlite-index.js');
  let st: Stats;
  try {
    st = indexStats(spec);
  } catch (e) {
    writeErr(`seed-clean: ${safeText((e as Error).message)}`);
    return EXIT_FAILED;
  }
  process.stdout.write(o.json ? JSON.stringify(st) + '\n' : statsTable(st));
  return EXIT_OK;
}

async function verifyCmd(spec: string, o: IndexCmdOptions): Promise<number> {
  if (isRedis(spec)) {
    writeErr(`seed-clean: ${REDIS_NOTE}`);
    return EXIT_USAGE;
  }
  const { verifyIndex } = await import('../../dedup/sqlite-index.js');
  const r = verifyIndex(spec);
  if (o.json) {
    process.stdout.write(JSON.stringify(r) + '\n');
  } else {
    const c = makeColors(o.color);
    const lines: string[] = [];
    if (r.ok) {
      lines.push(`${c.green('ok')} dedup index ${safeText(r.path)}: integrity check ok, no problems` + (r.stats ? ` (${num(r.stats.members)} documents, ${num(r.stats.clusters)} clusters, ${num(r.stats.sessions)} runs)` : ''));
    } else {
      lines.push(`${c.red('problems')} in dedup index ${safeText(r.path)}:`);
      for (const p of r.problems) lines.push(`  - ${safeText(p)}`);
      if (r.integrity.length && !(r.integrity.length === 1 && r.integrity[0] === 'ok')) {
        lines.push('  integrity check:');
        for (const l of r.integrity.slice(0, 20)) lines.push(`    ${safeText(l)}`);
        if (r.integrity.length > 20) lines.push(`    ... ${r.integrity.length - 20} more`);
      }
    }
    process.stdout.write(lines.join('\n') + '\n');
  }
  return r.ok ? EXIT_OK : EXIT_FAILED;
}

/** Register `index stats|verify PATH` on the program; the exit code goes to result.code. */
export function registerIndex(program: Command, result: { code: number }): void {
  const cmd = program
    .command('index')
    .description('inspect a persistent SQLite dedup index (the file given to --index)')
    .exitOverride();
  cmd
    .command('stats')
    .description('documents, clusters, runs, sizes and the dedup parameters the index was built with')
    .argument('<path>', 'SQLite index file')
    .option('--json', 'print JSON instead of a table')
    .exitOverride()
    .action(async (p: string, _o: IndexCmdOptions, c: Command) => {
      // --json / --no-color are also options of the main program, which may claim them
      result.code = await statsCmd(p, c.optsWithGlobals<IndexCmdOptions>());
    });
  cmd
    .command('verify')
    .description('SQLite integrity check plus consistency checks; exit 1 if a problem is found')
    .argument('<path>', 'SQLite index file')
    .option('--json', 'print JSON instead of text')
    .option('--no-color', 'no colour')
    .exitOverride()
    .action(async (p: string, _o: IndexCmdOptions, c: Command) => {
      result.code = await verifyCmd(p, c.optsWithGlobals<IndexCmdOptions>());
    });
}
