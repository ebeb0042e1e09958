import { describe, expect, test } from '@jest/globals';
import { DedupEngine, MemoryDedupIndex } from '../../src/dedup/index.js';
import { runIndexContract } from './indexContract.js';

runIndexContract('memory', () => new MemoryDedupIndex());
// every representative sketch in the temp file from the first commit on
runIndexContract('memory (sketches spilled to a file)', () => new MemoryDedupIndex({ spillBytes: 0 }));

describe('MemoryDedupIndex compact storage', () => {
  test('spilling the sketches to a file changes no decision', async () => {
    const docs = Array.from({ length: 60 }, (_, i) => {
      const base = Array.from({ length: 120 }, (_, j) => `t${(j * 31 + (i % 7) * 3) % 500}u${j}`).join(' ');
      return { ordinal: i, id: `d${i}`, text: i % 5 === 0 ? base : base.replace(`u${i % 100}`, `v${i}`) };
    });
    const run = async (idx: MemoryDedupIndex, spilled: boolean): Promise<unknown> => {
      const eng = await DedupEngine.create({}, idx);
      for (let i = 0; i < docs.length; i += 8) await eng.addBatch(docs.slice(i, i + 8));
      const d = await eng.finalize();
      expect(idx.spilled).toBe(spilled);
      idx.close();
      return d;
    };
    const a = await run(new MemoryDedupIndex({ spillBytes: Infinity }), false);
    const b = await run(new MemoryDedupIndex({ spillBytes: 0 }), true);
    expect(b).toEqual(a);
    expect((a as Array<{ kept: boolean }>).filter((x) => !x.kept).length).toBeGreaterThan(10);
  });

  test('band tables keep 52-bit keys exact across growth and clusters above 2^32', () => {
    const idx = new MemoryDedupIndex();
    const keys = Array.from({ length: 5000 }, (_, i) => 2 ** 52 - 1 - i * 7919);
    idx.commit({ exact: [], bands: keys.map((k, i) => [k, i % 3 === 0 ? 2 ** 40 + i : i] as [number, number]), representatives: [], members: [] });
    idx.commit({ exact: [], bands: [[keys[0]!, 5]], representatives: [], members: [] });
    const got = idx.queryBands([keys[0]!, keys[1]!, keys[4999]!, 12345]);
    expect(got).toEqual([[5, 2 ** 40], [1], [4999], []]);
    expect(idx.stats().bandEntries).toBe(5001);
    expect(idx.stats().buckets).toBe(5000);
  });

  test('exact keys: hex keys stored as words, other strings as they are', () => {
    const idx = new MemoryDedupIndex();
    const hex = Array.from({ length: 3000 }, (_, i) => (i.toString(16).padStart(8, '0') + 'ffffffff').repeat(2));
    idx.commit({ exact: hex.map((k, i) => [k, { cluster: i, ordinal: i + 0.5 }] as [string, { cluster: number; ordinal: number }]).concat([['plain', { cluster: 1, ordinal: 2 }]]), bands: [], representatives: [], members: [] });
    idx.commit({ exact: [[hex[7]!, { cluster: 99, ordinal: 99 }]], bands: [], representatives: [], members: [] });
    expect(idx.getExact([hex[7]!, hex[2999]!, 'plain', 'F'.repeat(32), '0'.repeat(32)])).toEqual([
      { cluster: 7, ordinal: 7.5 },
      { cluster: 2999, ordinal: 2999.5 },
      { cluster: 1, ordinal: 2 },
      undefined,
      undefined,
    ]);
    expect(idx.stats().exactKeys).toBe(3001);
  });
});
