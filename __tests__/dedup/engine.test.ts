import { describe, expect, test } from '@jest/globals';
import { DedupEngine, MemoryDedupIndex, Sketcher, jaccardSorted, normalizeForDedup, shingle, type DedupDecision, type DedupIndex, type DedupOptions, type MemberRecord } from '../../src/dedup/index.js';
import { cjkText, editWords, text, words } from './textgen.js';

type Doc = [id: string, text: string];

async function run(docs: Doc[], opts?: DedupOptions, order?: number[]): Promise<DedupDecision[]> {
  const eng = await DedupEngine.create(opts);
  for (const i of order ?? docs.map((_, i) => i)) await eng.add(i, docs[i]![0], docs[i]![1]);
  return eng.finalize();
}

const byId = (ds: DedupDecision[]): Record<string, DedupDecision> => Object.fromEntries(ds.map((d) => [d.id, d]));

describe('normalisation and shingling', () => {
  test('normalize: NFKC, lower case, whitespace collapsed', () => {
    expect(normalizeForDedup('  Ｈｅｌｌｏ\t\tWORLD\n\n ﬁne  ')).toBe('hello world fine');
  });

  test('word 5-grams ignore punctuation and case; count = tokens - 4', () => {
    const a = shingle(normalizeForDedup('One two, three! four five six.'), { shingleSize: 5, cjkShingleSize: 3 });
    const b = shingle(normalizeForDedup('one two three four five six'), { shingleSize: 5, cjkShingleSize: 3 });
    expect(a.cjk).toBe(false);
    expect(a.n).toBe(5);
    expect(a.tokens).toBe(6);
    expect(a.hashes.length).toBe(2);
    expect(Array.from(a.hashes)).toEqual(Array.from(b.hashes));
    // order matters inside a shingle
    const c = shingle('two one three four five six', { shingleSize: 5, cjkShingleSize: 3 });
    expect(Array.from(c.hashes)).not.toEqual(Array.from(b.hashes));
  });

  test('CJK text is shingled by characters (cjkShingleSize-grams)', () => {
    const s = cjkText(50, 1);
    const sh = shingle(normalizeForDedup(s), { shingleSize: 5, cjkShingleSize: 3 });
    expect(sh.cjk).toBe(true);
    expect(sh.n).toBe(3);
    expect(sh.tokens).toBe(50);
    expect(sh.hashes.length).toBe(48); // 50 - 3 + 1 distinct trigrams
    // one changed character changes at most 3 trigrams
    const edited = s.slice(0, 25) + '我' + s.slice(26);
    const e = shingle(edited, { shingleSize: 5, cjkShingleSize: 3 });
    const common = Array.from(e.hashes).filter((x) => sh.hashes.includes(x)).length;
    expect(common).toBeGreaterThanOrEqual(45);
    // a Latin word inside CJK text is one token; CJK punctuation separates
    const mixed = shingle('我们使用 javascript 语言。好的', { shingleSize: 5, cjkShingleSize: 3 });
    expect(mixed.tokens).toBe(4 + 1 + 2 + 2);
    expect(mixed.cjk).toBe(true);
  });

  test('kana and hangul count as CJK characters', () => {
    expect(shingle('ひらがなとカタカナのテキストです', { shingleSize: 5, cjkShingleSize: 3 }).cjk).toBe(true);
    expect(shingle('한국어 텍스트입니다 정말로', { shingleSize: 5, cjkShingleSize: 3 }).tokens).toBe(12);
  });
});

describe('exact duplicates', () => {
  test('same text after normalisation is an exact duplicate; the first is kept', async () => {
    const t = text(200, 1);
    const d = byId(await run([['a', t], ['b', text(200, 2)], ['c', '  ' + t.toUpperCase().replace(/\n/g, '   ')], ['d', t]]));
    expect(d.a!.kept).toBe(true);
    expect(d.b!.kept).toBe(true);
    expect(d.c).toMatchObject({ kept: false, duplicateOf: 'a', method: 'exact', similarity: 1, clusterId: 'a', clusterSize: 3, comparedWith: 'a' });
    expect(d.d).toMatchObject({ kept: false, duplicateOf: 'a', method: 'exact', clusterSize: 3 });
  });
});

describe('near duplicates', () => {
  const base = words(300, 7);

  test('editing a few words of a 300-word text is a near duplicate', async () => {
    const edited = editWords(base, 4, 1).join(' ');
    const ds = byId(await run([['orig', base.join(' ')], ['edit', edited]]));
    expect(ds.edit).toMatchObject({ kept: false, duplicateOf: 'orig', method: 'minhash', clusterId: 'orig', clusterSize: 2 });
    expect(ds.edit!.similarity!).toBeGreaterThan(0.8);
    expect(ds.edit!.similarity!).toBeLessThan(1);
    expect(ds.orig).toMatchObject({ kept: true, duplicateOf: null, method: null, similarity: null, clusterSize: 2 });
  });

  test('unrelated texts are not duplicates', async () => {
    const docs: Doc[] = Array.from({ length: 30 }, (_, i) => [`u${i}`, text(300, 100 + i)]);
    const ds = await run(docs);
    expect(ds.every((d) => d.kept && d.clusterSize === 1 && d.duplicateOf === null)).toBe(true);
  });

  test('docs sharing a big template (2.5x the body) but with different bodies are not duplicates', async () => {
    const header = words(250, 50).join(' ');
    const footer = words(250, 51).join(' ');
    const docs: Doc[] = Array.from({ length: 8 }, (_, i) => [`t${i}`, `${header}\n${text(200, 200 + i)}\n${footer}`]);
    const ds = await run(docs);
    expect(ds.filter((d) => !d.kept)).toEqual([]);
    // ...while a real near copy inside that template is still found
    const nearBody = editWords(words(200, 200), 3, 9);
    const more: Doc[] = [...docs, ['t0copy', `${header}\n${nearBody.join(' ')}\n${footer}`]];
    const d2 = byId(await run(more));
    expect(d2.t0copy).toMatchObject({ kept: false, duplicateOf: 't0', method: 'minhash' });
  });

  test('a cluster is verified only when it shares minBandHits band keys with the document', async () => {
    // 40 of 300 words replaced: Jaccard 0.198, so about 2 of 50 bands (0.198² × 50) are shared;
    // a threshold below that makes every verified candidate a merge
    const sk = await Sketcher.create();
    const a = sk.sketch(base.join(' '));
    const variants = Array.from({ length: 12 }, (_, i) => editWords(base, 40, i + 1).join(' '));
    const shared = variants.map((v) => sk.sketch(v).bandKeys!.filter((k, i) => k === a.bandKeys![i]).length);
    const one = variants[shared.indexOf(1)];
    const two = variants[shared.findIndex((n) => n >= 2)];
    expect(one && two).toBeTruthy();
    const low = { threshold: 0.15 };
    for (const [variant, minBandHits, merged] of [
      [one!, 1, true],
      [one!, 2, false],
      [two!, 2, true],
      [two!, 50, false],
    ] as const) {
      const eng = await DedupEngine.create({ ...low, minBandHits });
      await eng.add(0, 'orig', base.join(' '));
      await eng.add(1, 'variant', variant);
      const d = (await eng.finalize())[1]!;
      expect({ minBandHits, merged: !d.kept }).toEqual({ minBandHits, merged });
      expect(eng.counters().candidatePairs).toBe(merged ? 1 : 0);
    }
  });

  test('a band key under which a cluster is both committed and in the batch overlay counts once', async () => {
    // F committed first; Y (a near copy) joins F's cluster in the next batch and stores F's band keys
    // under it again, in the overlay; X shares exactly one band key with both, so the cluster has 1 hit
    const sk = await Sketcher.create();
    const f = sk.sketch(base.join(' ')).bandKeys!;
    const y = editWords(base, 3, 99).join(' ');
    const yk = sk.sketch(y).bandKeys!;
    const x = Array.from({ length: 24 }, (_, i) => editWords(base, 40, i + 1).join(' ')).find((v) => {
      const xk = sk.sketch(v).bandKeys!;
      const withF = xk.flatMap((k, i) => (k === f[i] ? [i] : []));
      return withF.length === 1 && yk[withF[0]!] === f[withF[0]!] && xk.filter((k, i) => k === yk[i]).length === 1;
    });
    expect(x).toBeDefined();
    const opts = { threshold: 0.15, minBandHits: 2 };
    const eng = await DedupEngine.create(opts);
    await eng.addBatch([{ ordinal: 0, id: 'F', text: base.join(' ') }]);
    await eng.addBatch([
      { ordinal: 1, id: 'Y', text: y },
      { ordinal: 2, id: 'X', text: x! },
    ]);
    const batched = await eng.finalize();
    expect(batched.map((d) => [d.id, d.kept])).toEqual([['F', true], ['Y', false], ['X', true]]);
    expect(batched).toEqual(await run([['F', base.join(' ')], ['Y', y], ['X', x!]], opts));
  });

  test('CJK near duplicates are found; unrelated CJK texts are not merged', async () => {
    const a = cjkText(600, 3);
    const edited = a.slice(0, 100) + '的' + a.slice(101, 400) + '是' + a.slice(401);
    const ds = byId(await run([['a', a], ['b', edited], ['c', cjkText(600, 4)]]));
    expect(ds.b).toMatchObject({ kept: false, duplicateOf: 'a', method: 'minhash' });
    expect(ds.c!.kept).toBe(true);
    expect(ds.c!.clusterSize).toBe(1);
  });

  test('a candidate is verified against stored cluster members (clusterSketches), never chained through clusters', async () => {
    // a -> b -> c drift: b is close to a, c is close to b but not to a
    const a = words(300, 11);
    const b = editWords(a, 8, 2);
    const c = editWords(b, 5, 3);
    const sh = (w: string[]) => shingle(w.join(' '), { shingleSize: 5, cjkShingleSize: 3 }).hashes;
    expect(jaccardSorted(sh(a), sh(b))).toBeGreaterThan(0.7);
    expect(jaccardSorted(sh(b), sh(c))).toBeGreaterThan(0.8);
    expect(jaccardSorted(sh(a), sh(c))).toBeLessThan(0.7);
    const docs: Doc[] = [['a', a.join(' ')], ['b', b.join(' ')], ['c', c.join(' ')]];
    // founder only: c is compared with a and stays apart
    const one = byId(await run(docs, { threshold: 0.7, clusterSketches: 1 }));
    expect(one.b!.duplicateOf).toBe('a');
    expect(one.c).toMatchObject({ kept: true, clusterSize: 1, duplicateOf: null });
    // default (8 member sketches): c is verified against b, its closest member, and joins a's cluster
    const ds = byId(await run(docs, { threshold: 0.7 }));
    expect(ds.b!.duplicateOf).toBe('a');
    expect(ds.c).toMatchObject({ kept: false, duplicateOf: 'a', method: 'minhash', comparedWith: 'b', clusterSize: 3 });
    expect(ds.c!.similarity!).toBeGreaterThan(0.8);
    // an unrelated document never joins, whatever the cluster holds
    const u = byId(await run([...docs, ['u', words(300, 12).join(' ')]], { threshold: 0.7 }));
    expect(u.u).toMatchObject({ kept: true, clusterSize: 1 });
  });

  test('CJK documents use cjkThreshold, word documents threshold', async () => {
    const a = cjkText(600, 5);
    // ~12% of the characters replaced: char-3-gram Jaccard well below 0.55 but above 0.4
    let b = '';
    for (let i = 0; i < a.length; i++) b += i % 8 === 3 ? '的' : a[i];
    const jab = jaccardSorted(shingle(a, { shingleSize: 5, cjkShingleSize: 3 }).hashes, shingle(b, { shingleSize: 5, cjkShingleSize: 3 }).hashes);
    expect(jab).toBeGreaterThan(0.4);
    expect(jab).toBeLessThan(0.55);
    const ds = byId(await run([['a', a], ['b', b]]));
    expect(ds.b).toMatchObject({ kept: false, duplicateOf: 'a', method: 'minhash' });
    const strict = byId(await run([['a', a], ['b', b]], { cjkThreshold: 0.6 }));
    expect(strict.b!.kept).toBe(true);
  });
});

describe('short texts', () => {
  test('texts with fewer shingles than minShingles are never merged by MinHash, only exactly', async () => {
    const s1 = 'the quick brown fox jumps over the lazy dog near the river bank today';
    const s2 = 'the quick brown fox jumps over the lazy dog near the river bank yesterday';
    expect(shingle(s1, { shingleSize: 5, cjkShingleSize: 3 }).hashes.length).toBeLessThan(12);
    const ds = byId(await run([['s1', s1], ['s2', s2], ['s3', s1.toUpperCase()]], { minShingles: 12 }));
    expect(ds.s2).toMatchObject({ kept: true, clusterSize: 1 });
    expect(ds.s3).toMatchObject({ kept: false, duplicateOf: 's1', method: 'exact' });
    // with a low minimum the same pair is merged by MinHash: the guard is what prevents it
    const low = byId(await run([['s1', s1], ['s2', s2]], { minShingles: 1, threshold: 0.5 }));
    expect(low.s2!.method).toBe('minhash');
  });

  test('empty texts are never merged; punctuation-only texts are exact-deduplicated', async () => {
    const ds = byId(await run([['e1', ''], ['e2', '   \n '], ['p', '!!! ...'], ['q', '!!!   ...']]));
    expect(ds.e1).toMatchObject({ kept: true, clusterSize: 1 });
    expect(ds.e2).toMatchObject({ kept: true, clusterSize: 1, method: null });
    expect(ds.q).toMatchObject({ kept: false, duplicateOf: 'p', method: 'exact' });
  });
});

describe('keep policy, order and determinism', () => {
  const A = words(300, 21);
  const B = words(300, 22);
  const docs: Doc[] = [
    ['a0', A.join(' ')],
    ['b0', B.join(' ')],
    ['a1', editWords(A, 3, 1).join(' ') + ' extra words added here to be longer'],
    ['u0', text(250, 23)],
    ['a2', editWords(A, 2, 2).join(' ')],
    ['b1', editWords(B, 3, 3).join(' ') + ' and this one is the longest b document by far'],
    ['a3', A.join(' ') + ' tail'],
    ['u1', text(250, 24)],
    ['b2', B.join(' ')],
  ];

  test("keep 'first' keeps the lowest ordinal of each cluster", async () => {
    const ds = byId(await run(docs));
    expect(['a0', 'b0', 'u0', 'u1'].every((k) => ds[k]!.kept)).toBe(true);
    for (const k of ['a1', 'a2', 'a3']) expect(ds[k]).toMatchObject({ kept: false, duplicateOf: 'a0', clusterId: 'a0', clusterSize: 4 });
    for (const k of ['b1', 'b2']) expect(ds[k]).toMatchObject({ kept: false, duplicateOf: 'b0', clusterId: 'b0', clusterSize: 3 });
    expect(ds.b2!.method).toBe('exact');
  });

  test("keep 'longest' keeps the longest member (ties → lowest ordinal)", async () => {
    const ds = byId(await run(docs, { keep: 'longest' }));
    expect(ds.a1!.kept).toBe(true);
    expect(ds.b1!.kept).toBe(true);
    for (const k of ['a0', 'a2', 'a3']) expect(ds[k]).toMatchObject({ kept: false, duplicateOf: 'a1', clusterId: 'a0' });
    for (const k of ['b0', 'b2']) expect(ds[k]).toMatchObject({ kept: false, duplicateOf: 'b1', clusterId: 'b0' });
    const tie = byId(await run([['x', A.join(' ')], ['y', A.join('  ')], ['z', B.join(' ')]], { keep: 'longest' }));
    expect(tie.y).toMatchObject({ kept: false, duplicateOf: 'x' });
  });

  test("'longest' and 'first' give the same decisions for any processing order (same ordinals)", async () => {
    const orders = [
      [0, 1, 2, 3, 4, 5, 6, 7, 8],
      [8, 7, 6, 5, 4, 3, 2, 1, 0],
      [4, 2, 8, 0, 6, 1, 3, 5, 7],
      [5, 6, 1, 2, 0, 7, 8, 3, 4],
    ];
    for (const keep of ['longest', 'first'] as const) {
      const ref = (await run(docs, { keep }, orders[0])).map((d) => [d.id, d.kept, d.duplicateOf, d.clusterId, d.clusterSize]);
      for (const o of orders.slice(1)) {
        const got = (await run(docs, { keep }, o)).map((d) => [d.id, d.kept, d.duplicateOf, d.clusterId, d.clusterSize]);
        expect(got).toEqual(ref);
      }
    }
  });

  test('two runs in ordinal order give identical decisions and params; a batch equals one-by-one adds', async () => {
    const r1 = await run(docs);
    const r2 = await run(docs);
    expect(r2).toEqual(r1);
    const eng = await DedupEngine.create({}, new MemoryDedupIndex());
    await eng.addBatch(docs.slice(0, 5).map(([id, t], i) => ({ ordinal: i, id, text: t })));
    await eng.addBatch(docs.slice(5).map(([id, t], i) => ({ ordinal: i + 5, id, text: t })));
    expect(await eng.finalize()).toEqual(r1);
    // decisions are sorted by ordinal
    expect(r1.map((d) => d.ordinal)).toEqual(docs.map((_, i) => i));
  });

  test('documents sketched by a Sketcher (another thread) are decided as their texts; other options are refused', async () => {
    const r1 = await run(docs);
    // a Sketcher made apart from the engine, as a --jobs worker makes its own
    const sketcher = await Sketcher.create({});
    const eng = await DedupEngine.create({}, new MemoryDedupIndex());
    expect(eng.sketcher.key).toBe(sketcher.key);
    // mixed in one batch: sketches and texts
    await eng.addBatch(docs.map(([id, t], i) => (i % 2 === 0 ? { ordinal: i, id, sketch: sketcher.sketch(t), sketchKey: sketcher.key } : { ordinal: i, id, text: t })));
    expect(await eng.finalize()).toEqual(r1);
    expect(r1.some((d) => !d.kept)).toBe(true);
    const other = await Sketcher.create({ shingleSize: 4 });
    expect(other.key).not.toBe(sketcher.key);
    const eng2 = await DedupEngine.create({}, new MemoryDedupIndex());
    await expect(eng2.addBatch([{ ordinal: 0, id: 'a', sketch: other.sketch(docs[0]![1]), sketchKey: other.key }])).rejects.toThrow(/other dedup options/);
    // options that only decide (threshold, keep) do not change a sketch
    expect((await Sketcher.create({ threshold: 0.9, keep: 'longest' })).key).toBe(sketcher.key);
  });

  test('un-awaited adds are serialised', async () => {
    const eng = await DedupEngine.create();
    const ps = docs.map(([id, t], i) => eng.add(i, id, t));
    await Promise.all(ps);
    expect(await eng.finalize()).toEqual(await run(docs));
  });

  test('params() records everything needed to reproduce', async () => {
    const eng = await DedupEngine.create({ seed: 7, bands: 10, rows: 4, threshold: 0.8, keep: 'longest' });
    expect(eng.params()).toMatchObject({ seed: 7, bands: 10, rows: 4, minBandHits: 2, numPerm: 40, threshold: 0.8, keep: 'longest', shingleSize: 5, cjkShingleSize: 3 });
    expect(JSON.parse(JSON.stringify(eng.params()))).toEqual(eng.params());
  });

  test('bad options and misuse are rejected', async () => {
    await expect(DedupEngine.create({ bands: 0 })).rejects.toThrow(RangeError);
    await expect(DedupEngine.create({ threshold: 1.5 })).rejects.toThrow(RangeError);
    await expect(DedupEngine.create({ cjkThreshold: 0 })).rejects.toThrow(RangeError);
    await expect(DedupEngine.create({ clusterSketches: 0 })).rejects.toThrow(RangeError);
    await expect(DedupEngine.create({ minBandHits: 0 })).rejects.toThrow(RangeError);
    await expect(DedupEngine.create({ bands: 10, minBandHits: 11 })).rejects.toThrow(/minBandHits/);
    await expect(DedupEngine.create({ keep: 'last' as 'first' })).rejects.toThrow(RangeError);
    const eng = await DedupEngine.create();
    await eng.add(0, 'a', 'x');
    await expect(eng.add(0, 'b', 'y')).rejects.toThrow(/ordinal/);
    await eng.finalize();
    await expect(eng.add(1, 'c', 'z')).rejects.toThrow(/finalize/);
  });
});

/** The decisions as finalize() built them before the compact columns (one object per member, Maps). */
function referenceDecisions(members: MemberRecord[], keep: 'first' | 'longest'): DedupDecision[] {
  const sorted = members.map((m, k) => ({ m, k })).sort((a, b) => a.m.ordinal - b.m.ordinal || a.k - b.k).map((x) => x.m);
  const byOrdinal = new Map<number, MemberRecord>();
  for (const m of sorted) byOrdinal.set(m.ordinal, m);
  const clusters = new Map<number, { first: MemberRecord; kept: MemberRecord; size: number }>();
  for (const m of sorted) {
    const c = clusters.get(m.cluster);
    if (!c) clusters.set(m.cluster, { first: m, kept: m, size: 1 });
    else {
      c.size++;
      if (keep === 'longest' && m.length > c.kept.length) c.kept = m;
    }
  }
  return sorted
    .filter((m) => !m.external)
    .map((m) => {
      const c = clusters.get(m.cluster)!;
      const kept = c.kept === m;
      return {
        ordinal: m.ordinal,
        id: m.id,
        kept,
        clusterId: c.first.id,
        duplicateOf: kept ? null : c.kept.id,
        similarity: m.similarity,
        method: m.method,
        comparedWith: m.against === null ? null : (byOrdinal.get(m.against)?.id ?? null),
        clusterSize: c.size,
      };
    });
}

describe('finalizeCompact', () => {
  const corpus = (): Doc[] => {
    const docs: Doc[] = [];
    for (let i = 0; i < 40; i++) docs.push([`d${i}`, text(120, i + 1)]);
    for (let i = 0; i < 40; i += 3) docs.push([`exact${i}`, docs[i]![1]]);
    for (let i = 1; i < 40; i += 4) docs.push([`near${i}`, editWords(words(120, i + 1), 5, i).join(' ') + ' and a longer tail of extra words here']);
    docs.push(['short', 'tiny text'], ['short2', 'tiny text'], ['empty', '']);
    return docs;
  };

  for (const keep of ['first', 'longest'] as const) {
    test(`same decisions as the reference (keep ${keep}, shuffled ordinals)`, async () => {
      const docs = corpus();
      const idx = new MemoryDedupIndex();
      const eng = await DedupEngine.create({ keep }, idx);
      const order = docs.map((_, i) => i).sort((a, b) => ((a * 37) % 101) - ((b * 37) % 101));
      for (const i of order) await eng.add(i, docs[i]![0], docs[i]![1]);
      const members = [...idx.members()];
      const dc = await eng.finalizeCompact();
      const expected = referenceDecisions(members, keep);
      expect(expected.some((d) => !d.kept && d.method === 'minhash')).toBe(true);
      expect(expected.some((d) => !d.kept && d.method === 'exact')).toBe(true);
      expect(dc.length).toBe(expected.length);
      expect(dc.toArray()).toEqual(expected);
      for (let r = 0; r < dc.length; r++) {
        const d = expected[r]!;
        expect([dc.ordinal(r), dc.isKept(r), dc.clusterId(r), dc.duplicateOf(r), dc.similarity(r), dc.method(r), dc.clusterSize(r)]).toEqual([d.ordinal, d.kept, d.clusterId, d.duplicateOf, d.similarity, d.method, d.clusterSize]);
      }
    });
  }

  test('context (external) members and members out of order: same as the reference', async () => {
    const docs = corpus();
    const inner = new MemoryDedupIndex();
    let members: MemberRecord[] = [];
    // an index whose members() yields descending ordinals and marks some as external context
    const idx: DedupIndex = {
      getExact: (k) => inner.getExact(k),
      queryBands: (k) => inner.queryBands(k),
      getRepresentatives: (c) => inner.getRepresentatives(c),
      commit: (w) => inner.commit(w),
      stats: () => inner.stats(),
      members: () => {
        members = [...inner.members()].reverse().map((m) => (m.ordinal % 5 === 0 ? { ...m, external: true } : m));
        return members;
      },
    };
    const eng = await DedupEngine.create({}, idx);
    for (let i = 0; i < docs.length; i++) await eng.add(i, docs[i]![0], docs[i]![1]);
    const dc = await eng.finalizeCompact();
    const expected = referenceDecisions(members, 'first');
    expect(dc.length).toBe(expected.length);
    expect(dc.length).toBeLessThan(docs.length);
    expect(dc.toArray()).toEqual(expected);
  });

  test('closing the memory index frees it: it has no members afterwards', async () => {
    const idx = new MemoryDedupIndex();
    const eng = await DedupEngine.create({}, idx);
    await eng.add(0, 'a', text(50, 1));
    const dc = await eng.finalizeCompact();
    idx.close();
    expect([...idx.members()]).toEqual([]);
    expect((await idx.stats()).members).toBe(0);
    expect(dc.get(0)).toMatchObject({ id: 'a', kept: true, clusterId: 'a' });
  });
});
