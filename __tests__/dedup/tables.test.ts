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
  let badAdds = 0;
  let badGets = 0;
  const same = (got: number[], want: Set<number>): boolean => got.join() === [...want].sort((x, y) => x - y).join();
  const keys: number[] = [];
  for (let i = 0; i < 60_000; i++) {
    // 52-bit keys, a third of them repeated with other clusters
    const key = i % 3 === 0 && i > 0 ? keys[next() % keys.length]! : 4096 * (next() % 0x3ffffff) + (next() % 4096);
    if (!ref.has(key)) keys.push(key);
    const cluster = next() % 500;
    const s = ref.get(key) ?? new Set<number>();
    const isNew = !s.has(cluster);
    s.add(cluster);
    ref.set(key, s);
    if (isNew) entries++;
    if (t.add(key, cluster) !== isNew) badAdds++;
    if (i % 9973 === 0) for (const [k, v] of ref) if (!same(t.get(k), v)) badGets++;
  }
  expect([badAdds, badGets]).toEqual([0, 0]);
  expect(t.entries).toBe(entries);
  expect(t.keys).toBe(ref.size);
  for (const [k, v] of ref) expect(t.get(k)).toEqual([...v].sort((x, y) => x - y));
  expect(t.get(2 ** 52 + 1)).toEqual([]);
  // clustersInto appends the same clusters, unordered, after what `out` held
  let badInto = 0;
  for (const [k, v] of ref) {
    const out = [-1];
    t.clustersInto(k, out);
    if (out[0] !== -1 || !same(out.slice(1).sort((x, y) => x - y), v)) badInto++;
  }
  expect(badInto).toBe(0);
});
