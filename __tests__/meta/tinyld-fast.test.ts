/**
 * The patched tinyld (src/meta/tinyld-fast.ts) must answer exactly what tinyld's own build answers:
 * same languages, same order, same float accuracies. Compared on the seed texts (whole, per line
 * and in slices) and on seeded random strings drawn from the characters the fast paths branch on
 * (separators tinyld keeps as chunks, whitespace of every kind, characters that NFD changes,
 * combining marks, astral characters, digits).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, test, expect } from '@jest/globals';
import { detectAll, tinyldMemoized } from '../../src/meta/tinyld-fast.js';
import { seededStrings } from '../helpers/strings.js';

type DetectAll = typeof detectAll;
const plain = (createRequire(import.meta.url)('tinyld') as { detectAll: DetectAll }).detectAll;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

const POOL = [
  'a', 'Z', 'é', 'e', '\u0301', '\u0306', 'İ', 'Σ', 'ς', 'ß', 'ẞ', 'ﬀ', '①', '½', '™', 'Å', '\u212b', 'й', 'ё', 'ά', '中', '文', '한',
  '\u1100', '\u1161', 'の', '，', '。', '(', ')', '「', '<', '⋯', '《', '*', '.', ',', '|', '-', '—', '’', '#', '/', '_', '~', '"', '“',
  '!', '¿', '€', '1', '9', '９', ' ', '  ', '\t', '\n', '\u00a0', '\u2000', '\u3000', '\u2028', '\u200b', '\u00ad', '\ufeff', '\u0085',
  '\ud83d\ude00', '\u0378', 'the ', 'and ', 'der ', 'und ', 'и ', 'что ', '的', 'ing', 'tion ', 'qu', 'sch',
];


function seedTexts(): string[] {
  const texts = files(path.join(process.cwd(), 'seeds'))
    .filter((f) => !f.endsWith('.jsonl'))
    .map((f) => fs.readFileSync(f, 'utf8'));
  const out: string[] = [];
  for (const t of texts) {
    out.push(t.slice(0, 2000));
    out.push(...t.split('\n').filter((l) => l.trim().length > 0));
    for (let i = 0; i + 300 <= t.length; i += 700) out.push(t.slice(i, i + 300));
  }
  return out;
}

/** Inputs whose answers differ between the two builds (with both answers). */
function differ(inputs: string[], opts?: Parameters<DetectAll>[1]): Array<[string, string, string]> {
  const bad: Array<[string, string, string]> = [];
  for (const s of inputs) {
    const a = JSON.stringify(detectAll(s, opts));
    const b = JSON.stringify(plain(s, opts));
    if (a !== b) bad.push([s, a, b]);
  }
  return bad;
}

describe('tinyld-fast', () => {
  test('the patched build is in use', () => {
    expect(tinyldMemoized).toBe(true);
  });
  test('same answers as tinyld on the seed texts (twice: cold and warm memos)', () => {
    const texts = seedTexts();
    expect(texts.length).toBeGreaterThan(50);
    expect(differ(texts)).toEqual([]);
    expect(differ(texts)).toEqual([]);
  });
  test('same answers as tinyld on random strings', () => {
    expect(differ(seededStrings(POOL, 3000, 40, 8))).toEqual([]);
  });
  test('options and non-strings take tinyld’s path and give its answers', () => {
    const texts = ['Der schnelle braune Fuchs springt über den faulen Hund.', 'The quick brown fox.'];
    expect(differ(texts, { only: ['en', 'de'] })).toEqual([]);
    expect(JSON.stringify(detectAll(new String(texts[0]) as unknown as string))).toBe(JSON.stringify(plain(new String(texts[0]) as unknown as string)));
    expect(detectAll(42 as unknown as string)).toEqual([]);
  });
});
