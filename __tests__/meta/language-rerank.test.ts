/**
 * rerankByStopwords counts stopwords through a hash table probed in place (no string per word).
 * It must pick exactly what the straightforward form picks: lower-case the sample, take its
 * \p{L}+ runs, count each candidate's Set hits. Compared on seed texts and seeded random strings
 * (letters that lower-case to more than one unit, astral characters, stopwords of several
 * languages), with tinyld-like candidate lists including languages without a stopword list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, test, expect } from '@jest/globals';
import { rerankByStopwords } from '../../src/meta/language.js';

const STOPWORDS = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;

function reference(sample: string, langs: string[]): string | null {
  const words = sample.toLowerCase().match(/\p{L}+/gu) ?? [];
  if (words.length < 10) return null;
  const sets = langs.map((l) => (STOPWORDS[l] ? new Set(STOPWORDS[l]) : null));
  const hits = langs.map(() => 0);
  for (const w of words) for (let k = 0; k < sets.length; k++) if (sets[k]?.has(w)) hits[k]!++;
  const share = (k: number): number => (sets[k] ? hits[k]! / words.length : 0);
  let best = langs[0]!;
  let bestShare = share(0);
  for (let k = 1; k < langs.length; k++) {
    if (share(k) > bestShare) {
      best = langs[k]!;
      bestShare = share(k);
    }
  }
  return bestShare - share(0) >= 0.1 ? best : langs[0]!;
}

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : [p];
  });
}

describe('rerankByStopwords', () => {
  let x = 11;
  const next = (): number => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
  const pick = <T>(a: T[]): T => a[Math.floor(next() * a.length)]!;
  const LANGS = [...Object.keys(STOPWORDS), 'tlh', 'vo', 'ber', 'eo'];
  const candidates = (): string[] => [pick(LANGS), pick(LANGS), pick(LANGS)];

  test('same picks as the plain count on seed texts', () => {
    const texts = files(path.join(process.cwd(), 'seeds')).map((f) => fs.readFileSync(f, 'utf8'));
    const samples = texts.flatMap((t) => Array.from({ length: Math.ceil(t.length / 1500) }, (_, i) => t.slice(i * 1500, i * 1500 + 2000)));
    const bad: string[] = [];
    for (const s of samples) {
      for (const langs of [['en', 'de', 'fr'], ['de', 'nl', 'en'], ['zh', 'ja', 'en'], candidates(), candidates()]) {
        if (rerankByStopwords(s, langs) !== reference(s, langs)) bad.push(`${langs.join(',')}: ${s.slice(0, 60)}`);
      }
    }
    expect(samples.length).toBeGreaterThan(20);
    expect(bad).toEqual([]);
  });

  test('same picks as the plain count on random strings', () => {
    const words = ['the', 'and', 'of', 'der', 'die', 'und', 'le', 'la', 'et', 'и', 'в', 'не', 'και', 'το', 'İ', 'İst', 'ΣΑΣ', 'σας', 'Der', 'THE'];
    const other = ['x', 'Straße', 'é', 'e\u0301', '\ud835\udc00', '\ud83d\ude00', '中文', '1', '-', ' ', '  ', '\n', '.', "'", '’', '\u00ad'];
    const bad: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const n = Math.floor(next() * 40);
      for (let j = 0; j < n; j++) s += (next() < 0.6 ? pick(words) : pick(other)) + (next() < 0.7 ? ' ' : '');
      const langs = next() < 0.5 ? candidates() : [pick(['en', 'de', 'fr', 'ru', 'el', 'tr']), pick(['en', 'de', 'fr', 'ru', 'el', 'tr']), pick(LANGS)];
      if (rerankByStopwords(s, langs) !== reference(s, langs)) bad.push(`${langs.join(',')}: ${JSON.stringify(s)}`);
    }
    expect(bad).toEqual([]);
  });
});
