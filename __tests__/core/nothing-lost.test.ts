/**
 * Nothing lost, on the real dev eval pages (../shared/eval/dev; skipped when absent, since CI
 * clones only this repository):
 *  - accounting: with dedup on (the CLI default), every input page ends up as a kept record, a
 *    dropped duplicate (the rejects) or an error event, and the run summary agrees;
 *  - rebuild: for every page, rebuildBody(record) equals the body read by the same reader.
 *
 * Time: under Jest (swc, VM modules) cleaning is several times slower than in plain node (all five
 * sets took 55-80 s on a loaded machine), so traf (990 pages) and cleaneval-dev (58 long pages) are
 * sampled deterministically (every 10th / every 2nd page in name order: 99 and 29 pages); the
 * other sets are checked whole. Every page of every set is checked in plain node by
 * `npm run build && node scripts/check-dev-accounting.mjs` (~30 s).
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCorpus, type RunEvent, type RunSummary } from '../../src/core/run.js';
import { readInputFile } from '../../src/io/read.js';
import { rebuildBody } from '../../src/core/rebuild.js';
import type { OutputRecord } from '../../src/types.js';

const DEV = path.resolve('..', 'shared', 'eval', 'dev');
const present = fs.existsSync(DEV);
/** Deterministic sample: every STEP-th page in name order (1 = all). */
const STEP: Record<string, number> = { traf: 10, 'cleaneval-dev': 2 };

const sets = present
  ? fs
      .readdirSync(DEV, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()
  : [];

function pagesOf(set: string): string[] {
  const dir = path.join(DEV, set);
  const all = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
  const step = STEP[set] ?? 1;
  const chosen = all.filter((_, i) => i % step === 0);
  return chosen.map((f) => path.join(dir, f));
}

const maybe = present ? describe : describe.skip;

maybe('nothing lost on the dev eval sets', () => {
  if (!present) return;
  test.each(sets.filter((s) => pagesOf(s).length > 0))(
    '%s: every page is output, rejected or an error; every record rebuilds its page',
    async (set) => {
      const files = pagesOf(set);
      const records = new Map<string, OutputRecord>();
      const errors: Array<Extract<RunEvent, { kind: 'error' }>> = [];
      let kept = 0;
      let dropped = 0;
      const gen = runCorpus(files, { dedup: {} });
      let summary: RunSummary | undefined;
      for (;;) {
        const r = await gen.next();
        if (r.done) {
          summary = r.value;
          break;
        }
        const e = r.value;
        if (e.kind === 'record') {
          expect(records.has(e.record.source.path)).toBe(false);
          records.set(e.record.source.path, e.record);
          if (e.dropped) dropped++;
          else kept++;
        } else if (e.kind === 'error') errors.push(e);
      }
      // accounting
      const errorPaths = new Set(errors.map((e) => e.path));
      const lost = files.filter((f) => !records.has(f) && !errorPaths.has(f));
      expect(lost).toEqual([]);
      expect(kept + dropped + errors.length).toBe(files.length);
      expect(summary).toMatchObject({ documents: kept + dropped, duplicates: dropped, errors: errors.length });

      // rebuild, page by page, against the same reader
      const mismatches: string[] = [];
      for (const f of files) {
        const rec = records.get(f);
        if (!rec) continue;
        const bodies: string[] = [];
        for await (const ev of readInputFile({ abs: f, rel: f, root: path.dirname(f) })) if (ev.kind === 'doc') bodies.push(ev.doc.bodyLines.join('\n'));
        if (bodies.length !== 1 || rebuildBody(rec) !== bodies[0]) mismatches.push(path.basename(f));
      }
      expect(mismatches).toEqual([]);
    },
    120_000,
  );
});

if (!present) {
  test.skip('dev eval sets absent (../shared/eval/dev): nothing-lost check skipped', () => undefined);
}
