/**
 * `seed-clean index stats PATH` and `seed-clean index verify PATH`: inspect a persistent SQLite
 * dedup index (the file given to `--index`). A readable table by default, `--json` for JSON.
 * Exit codes: 0 fine; 1 the index cannot be read (stats) or verify found problems; 2 usage error.
 * A Redis index (`redis://host:port/db[?ns=name]`): its counters, header and sessions (live,
 * unfinished-and-dead); verify compares the counters with the stored keys.
 */
import type { Command } from 'commander';
import { makeColors, safeText } from '../format.js';

const EXIT_OK = 0;
const EXIT_FAILED = 1;

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

type RStats = import('../../dedup/redis-index.js').RedisIndexStats;

function redisTable(st: RStats): string {
  const rows: Array<[string, string, string?]> = [
    ['documents', num(st.members), 'members, all runs and workers'],
    ['runs', num(st.sessions), 'finished sessions'],
    ['live sessions', num(st.liveSessions.length), st.liveSessions.length ? `running: ${st.liveSessions.join(', ')}` : undefined],
    ['dead sessions', num(st.deadSessions.length), st.deadSessions.length ? `unfinished, lease expired, collected by the next batch: ${st.deadSessions.join(', ')}` : undefined],
    ['collected', num(st.collectedSessions), 'failed sessions garbage-collected'],
    ['exact keys', num(st.exactKeys)],
    ['band entries', num(st.bandEntries), `${num(st.buckets)} buckets`],
    ['representatives', num(st.representatives), `${num(st.representativeValues)} sketch values`],
    ['memory', bytes(st.approxBytes), st.members ? `${bytes(Math.round(st.approxBytes / st.members))} per document` : undefined],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  const v = Math.max(...rows.map((r) => r[1].length));
  return (
    [
      `dedup index ${safeText(st.url)} namespace ${safeText(st.namespace)} (seed-clean ${String(st.params.toolVersion ?? '?')}, created ${String(st.params.createdAt ?? '?')})`,
      ...rows.map(([k, val, note]) => `  ${k.padEnd(w)}  ${val.padStart(v)}${note ? `  (${note})` : ''}`),
      `  ${'parameters'.padEnd(w)}  ${describeParams(st.params)}`,
    ].join('\n') + '\n'
  );
}

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
    ['runs', num(st.sessions), 'finished sessions (output committed)'],
    ['unfinished', num(st.unfinishedSessions), 'a run holding the index, or a failed one (collected on the next open)'],
    ['collected', num(st.collectedSessions), 'failed or killed sessions garbage-collected'],
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
    const { redisIndexStats } = await import('../../dedup/redis-index.js');
    let st: RStats;
    try {
      st = await redisIndexStats(spec);
    } catch (e) {
      writeErr(`seed-clean: ${safeText((e as Error).message)}`);
      return EXIT_FAILED;
    }
    process.stdout.write(o.json ? JSON.stringify(st) + '\n' : redisTable(st));
    return EXIT_OK;
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
    const { redisVerifyIndex } = await import('../../dedup/redis-index.js');
    const r = await redisVerifyIndex(spec);
    if (o.json) process.stdout.write(JSON.stringify(r) + '\n');
    else {
      const c = makeColors(o.color);
      const head = r.ok
        ? `${c.green('ok')} dedup index ${safeText(r.url)}: counters match the stored keys` +
          (r.stats ? ` (${num(r.stats.members)} documents, ${num(r.stats.sessions)} runs, ${r.stats.liveSessions.length} live, ${r.stats.deadSessions.length} dead sessions)` : '')
        : `${c.red('problems')} in dedup index ${safeText(r.url)}:`;
      process.stdout.write([head, ...r.problems.map((p) => `  - ${safeText(p)}`)].join('\n') + '\n');
    }
    return r.ok ? EXIT_OK : EXIT_FAILED;
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
    .description('inspect a persistent dedup index (the SQLite file or redis:// URL given to --index)')
    .exitOverride();
  cmd
    .command('stats')
    .description('documents, clusters, runs, sizes and the dedup parameters the index was built with')
    .argument('<path>', 'SQLite index file or redis://host:port/db[?ns=name]')
    .option('--json', 'print JSON instead of a table')
    .exitOverride()
    .action(async (p: string, _o: IndexCmdOptions, c: Command) => {
      // --json / --no-color are also options of the main program, which may claim them
      result.code = await statsCmd(p, c.optsWithGlobals<IndexCmdOptions>());
    });
  cmd
    .command('verify')
    .description('SQLite integrity check plus consistency checks; exit 1 if a problem is found')
    .argument('<path>', 'SQLite index file or redis://host:port/db[?ns=name]')
    .option('--json', 'print JSON instead of text')
    .option('--no-color', 'no colour')
    .exitOverride()
    .action(async (p: string, _o: IndexCmdOptions, c: Command) => {
      result.code = await verifyCmd(p, c.optsWithGlobals<IndexCmdOptions>());
    });
}
