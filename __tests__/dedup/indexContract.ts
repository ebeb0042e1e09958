/**
 * Contract tests for any DedupIndex backend. A backend's test file calls
 *   runIndexContract('sqlite', async () => new SqliteDedupIndex(tmpPath()));
 * `factory` must return a fresh, empty index each time (it is closed with close() if defined).
 */
import { describe, expect, test } from '@jest/globals';
import { DedupEngine, type DedupIndex, type IndexWrite, type MemberRecord } from '../../src/dedup/index.js';

function emptyWrite(): IndexWrite {
  return { exact: [], bands: [], representatives: [], members: [] };
}

function member(ordinal: number, cluster = ordinal, extra: Partial<MemberRecord> = {}): MemberRecord {
  return { ordinal, id: `doc${ordinal}`, cluster, method: null, similarity: null, against: null, length: 10 * ordinal + 1, ...extra };
}

async function collect(idx: DedupIndex): Promise<MemberRecord[]> {
  const out: MemberRecord[] = [];
  for await (const m of idx.members()) out.push(m);
  return out;
}

export function runIndexContract(name: string, factory: () => DedupIndex | Promise<DedupIndex>): void {
  async function withIndex(fn: (idx: DedupIndex) => Promise<void>): Promise<void> {
    const idx = await factory();
    try {
      await fn(idx);
    } finally {
      await idx.close?.();
    }
  }

  describe(`DedupIndex contract: ${name}`, () => {
    test('a fresh index is empty', () =>
      withIndex(async (idx) => {
        expect(await idx.getExact(['a'.repeat(32)])).toEqual([undefined]);
        expect(await idx.queryBands([123])).toEqual([[]]);
        expect(await idx.getRepresentatives([0])).toEqual([undefined]);
        expect(await collect(idx)).toEqual([]);
        const st = await idx.stats();
        expect(st.members).toBe(0);
        expect(st.exactKeys).toBe(0);
      }));

    test('batched lookups answer positionally, empty batches are fine', () =>
      withIndex(async (idx) => {
        const w = emptyWrite();
        w.exact.push(['k1', { cluster: 1, ordinal: 1 }], ['k2', { cluster: 1, ordinal: 2 }]);
        await idx.commit(w);
        expect(await idx.getExact(['k2', 'nope', 'k1'])).toEqual([{ cluster: 1, ordinal: 2 }, undefined, { cluster: 1, ordinal: 1 }]);
        expect(await idx.getExact([])).toEqual([]);
        expect(await idx.queryBands([])).toEqual([]);
        expect(await idx.getRepresentatives([])).toEqual([]);
      }));

    test('the first committed exact entry for a key wins', () =>
      withIndex(async (idx) => {
        const w1 = emptyWrite();
        w1.exact.push(['k', { cluster: 5, ordinal: 5 }]);
        await idx.commit(w1);
        const w2 = emptyWrite();
        w2.exact.push(['k', { cluster: 9, ordinal: 9 }]);
        await idx.commit(w2);
        expect(await idx.getExact(['k'])).toEqual([{ cluster: 5, ordinal: 5 }]);
      }));

    test('band buckets hold distinct cluster ids in ascending order; 52-bit keys are exact', () =>
      withIndex(async (idx) => {
        const big = 2 ** 52 - 3;
        const w = emptyWrite();
        w.bands.push([big, 7], [big, 3], [big, 7], [big + 1, 3], [17, 11]);
        await idx.commit(w);
        const w2 = emptyWrite();
        w2.bands.push([big, 5], [big, 3]);
        await idx.commit(w2);
        expect(await idx.queryBands([big, big + 1, 17, 18])).toEqual([[3, 5, 7], [3], [11], []]);
        expect((await idx.stats()).bandEntries).toBe(5);
      }));

    test('representatives round-trip their values and can be replaced', () =>
      withIndex(async (idx) => {
        const a = Uint32Array.from([1, 5, 0xffffffff]);
        const w = emptyWrite();
        w.representatives.push([4, a], [8, new Uint32Array(0)]);
        await idx.commit(w);
        const [r4, r8, r9] = await idx.getRepresentatives([4, 8, 9]);
        expect(r4 && Array.from(r4)).toEqual([1, 5, 0xffffffff]);
        expect(r8 && Array.from(r8)).toEqual([]);
        expect(r9).toBeUndefined();
        const w2 = emptyWrite();
        w2.representatives.push([4, Uint32Array.from([2])]);
        await idx.commit(w2);
        const [again] = await idx.getRepresentatives([4]);
        expect(again && Array.from(again)).toEqual([2]);
        expect((await idx.stats()).representatives).toBe(2);
      }));

    test('members come back once each, in ordinal order, with all fields', () =>
      withIndex(async (idx) => {
        const w = emptyWrite();
        w.members.push(member(3), member(1), member(2, 1, { method: 'minhash', similarity: 0.8125, against: 1 }));
        await idx.commit(w);
        const w2 = emptyWrite();
        w2.members.push(member(0, 0), member(10, 1, { method: 'exact', similarity: 1, against: 2 }));
        await idx.commit(w2);
        const got = await collect(idx);
        expect(got.map((m) => m.ordinal)).toEqual([0, 1, 2, 3, 10]);
        expect(got[2]).toEqual(member(2, 1, { method: 'minhash', similarity: 0.8125, against: 1 }));
        expect(got[4]).toEqual(member(10, 1, { method: 'exact', similarity: 1, against: 2 }));
        expect((await idx.stats()).members).toBe(5);
      }));

    test('a duplicate ordinal is rejected and the rejected commit changes nothing', () =>
      withIndex(async (idx) => {
        const w = emptyWrite();
        w.members.push(member(1));
        await idx.commit(w);
        const bad = emptyWrite();
        bad.exact.push(['x', { cluster: 2, ordinal: 2 }]);
        bad.members.push(member(2), member(1));
        await expect(Promise.resolve().then(() => idx.commit(bad))).rejects.toThrow(/ordinal/);
        expect((await collect(idx)).map((m) => m.ordinal)).toEqual([1]);
        expect(await idx.getExact(['x'])).toEqual([undefined]);
      }));

    test('the engine runs end to end on this backend', () =>
      withIndex(async (idx) => {
        const eng = await DedupEngine.create({}, idx);
        const base = Array.from({ length: 300 }, (_, i) => `w${(i * 7919) % 1000}x${i}`).join(' ');
        await eng.add(0, 'a', base);
        await eng.add(1, 'b', base.replace('w0x0', 'changed'));
        await eng.add(2, 'c', base.toUpperCase());
        await eng.add(3, 'd', 'something else entirely, and short');
        const d = await eng.finalize();
        expect(d.map((x) => [x.id, x.kept, x.duplicateOf, x.method])).toEqual([
          ['a', true, null, null],
          ['b', false, 'a', 'minhash'],
          ['c', false, 'a', 'exact'],
          ['d', true, null, null],
        ]);
      }));
  });
}
