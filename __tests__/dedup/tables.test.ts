/** BandTable (sharded typed-array multimap) answers what a Map of Sets answers, through every growth step. */
import { expect, test } from '@jest/globals';
import { BandTable } from '../../src/dedup/tables.js';

test('BandTable: add/get/entries/keys as a Map<key, Set<cluster>> (staggered shard growth)', () => {
  const t = new BandTable();
  const ref = new Map<number, Set<number>>();
  let a = 12345;
  const next = (): number => {
    a ^= a << 13;
    a ^= a >>> 17;
    a ^= a << 5;
    return a >>> 0;
  };
  let entries = 0;
  for (let i = 0; i < 60_000; i++) {
    // 52-bit keys, a third of them repeated with other clusters
    const key = i % 3 === 0 && i > 0 ? [...ref.keys()][next() % ref.size]! : 4096 * (next() % 0x3ffffff) + (next() % 4096);
    const cluster = next() % 500;
    const s = ref.get(key) ?? new Set<number>();
    const isNew = !s.has(cluster);
    s.add(cluster);
    ref.set(key, s);
    if (isNew) entries++;
    expect(t.add(key, cluster)).toBe(isNew);
    if (i % 997 === 0) for (const [k, v] of ref) expect(t.get(k)).toEqual([...v].sort((x, y) => x - y));
  }
  expect(t.entries).toBe(entries);
  expect(t.keys).toBe(ref.size);
  for (const [k, v] of ref) expect(t.get(k)).toEqual([...v].sort((x, y) => x - y));
  expect(t.get(2 ** 52 + 1)).toEqual([]);
});
