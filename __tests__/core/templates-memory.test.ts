/**
 * The template learner's compact tables (hashtable.ts) and prune(): the same counts as Maps,
 * and a pruned learner / sorted snapshot answer every count the site-template rule can act on.
 */
import { expect, test } from '@jest/globals';
import { HashCounter, HashSet } from '../../src/core/hashtable.js';
import { TemplateLearner, templateKeyHash } from '../../src/core/templates.js';
import { TemplateSnapshot } from '../../src/core/snapshot.js';

/** Deterministic pseudo-random 53-bit integers (xorshift-ish, no Math.random). */
function keys(n: number, seed: number): number[] {
  let a = seed >>> 0;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    a ^= a << 13;
    a ^= a >>> 17;
    a ^= a << 5;
    a >>>= 0;
    out.push(4294967296 * (a & 0x1fffff) + (Math.imul(a, 2654435761) >>> 0));
  }
  return out;
}

test('HashCounter and HashSet agree with Map and Set (53-bit keys, zero, growth)', () => {
  const ks = keys(3000, 7).concat([0, 1, 2 ** 53 - 1, 2 ** 32, 2 ** 32 + 1]);
  const c = new HashCounter();
  const s = new HashSet();
  const m = new Map<number, number>();
  const ref = new Set<number>();
  for (let r = 0; r < 3; r++) {
    for (const k of ks.slice(0, ks.length - r * 700)) {
      expect(c.increment(k)).toBe((m.get(k) ?? 0) + 1);
      m.set(k, (m.get(k) ?? 0) + 1);
      s.add(k);
      ref.add(k);
    }
  }
  expect(c.size).toBe(m.size);
  expect(s.size).toBe(ref.size);
  for (const k of keys(500, 99).concat(ks)) {
    expect(c.get(k)).toBe(m.get(k) ?? 0);
    expect(s.has(k)).toBe(ref.has(k));
  }
  const seen = new Map<number, number>();
  c.forEach((k, n) => seen.set(k, n));
  expect(seen).toEqual(m);
  const f = c.filtered(3);
  for (const [k, n] of m) expect(f.get(k)).toBe(n >= 3 ? n : 0);
  expect(new HashCounter().get(5)).toBe(0);
  expect(new HashSet().has(5)).toBe(false);
});

test('prune keeps the counts >= min, drops the rest, and freezes the learner', () => {
  const l = new TemplateLearner();
  const docs = Array.from({ length: 30 }, (_, i) => ['nav home', `story ${i}`, i % 3 === 0 ? 'every third' : 'other', i % 10 === 0 ? 'rare' : 'x']);
  for (const d of docs) l.addDocument('host:a', d);
  const before = new Map(['nav home', 'story 4', 'every third', 'rare', 'other', 'x'].map((k) => [k, l.lineDocs('host:a', k)]));
  const snapBefore = l.snapshot(2);
  const top = l.topGroups(3, 5);
  l.prune(2);
  for (const [k, n] of before) expect(l.lineDocs('host:a', k)).toBe(n >= 2 ? n : 0);
  expect(l.groupDocs('host:a')).toBe(30);
  expect(l.topGroups(3, 5)).toEqual(top);
  const snapAfter = l.snapshot(2);
  expect(snapAfter.map(([g, d, k, c]) => [g, d, Array.from(k), Array.from(c)])).toEqual(snapBefore.map(([g, d, k, c]) => [g, d, Array.from(k), Array.from(c)]));
  const s = new TemplateSnapshot(snapAfter);
  for (const [k, n] of before) expect(s.lineDocs('host:a', k)).toBe(n >= 2 ? n : 0);
  expect(s.lineDocs('host:b', 'nav home')).toBe(0);
  expect(() => l.addDocument('host:a', ['late'])).toThrow(/prune/);
});

test('snapshot keys are ascending (binary search in the workers)', () => {
  const l = new TemplateLearner();
  for (let i = 0; i < 200; i++) l.addDocument('host:z', [`k${i % 40}`, `u${i}`, `k${(i * 7) % 40}`]);
  const [[, , ks]] = l.snapshot(2) as [[string, number, Float64Array, Uint32Array]];
  for (let i = 1; i < ks.length; i++) expect(ks[i - 1]! < ks[i]!).toBe(true);
  expect(ks.length).toBe(40);
  expect(new TemplateSnapshot(l.snapshot(2)).lineDocs('host:z', 'k3')).toBe(l.lineDocs('host:z', 'k3'));
  expect(templateKeyHash('k3')).toBe(templateKeyHash('k3'));
});

test('releaseLookups keeps groupDocs and topGroups (any minDocs), and then refuses lookups', () => {
  const l = new TemplateLearner();
  for (let i = 0; i < 60; i++) {
    l.addDocument(`host:${i % 3}`, ['nav home', `story ${i}`, i % 2 === 0 ? 'even' : 'odd', i % 5 === 0 ? 'fifth' : 'x', i % 3 === 0 ? `g0 only ${i % 4}` : 'y']);
  }
  l.prune(2);
  const tops = [1, 2, 3, 5, 8, 12, 40].map((m) => l.topGroups(m, 5));
  const docs = [0, 1, 2, 3].map((g) => l.groupDocs(`host:${g}`));
  l.releaseLookups();
  l.releaseLookups();
  expect([1, 2, 3, 5, 8, 12, 40].map((m) => l.topGroups(m, 5))).toEqual(tops);
  expect([0, 1, 2, 3].map((g) => l.groupDocs(`host:${g}`))).toEqual(docs);
  expect(tops[2]!.length).toBe(3);
  expect(() => l.lineDocs('host:0', 'nav home')).toThrow(/releaseLookups/);
  expect(() => l.snapshot(2)).toThrow(/releaseLookups/);
  expect(() => l.addDocument('host:0', ['late'])).toThrow();
});
