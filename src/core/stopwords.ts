/**
 * Stopword lists per language from the maintained `stopwords-iso` collection (58 languages).
 * Used for stopword density, the strongest single signal that a line is prose (jusText).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const ALL = require('stopwords-iso') as Record<string, string[]>;
const cache = new Map<string, Set<string> | null>();

export function stopwordsFor(language: string | null): Set<string> | null {
  if (!language) return null;
  let s = cache.get(language);
  if (s === undefined) {
    const list = ALL[language];
    s = list ? new Set(list.map((w) => w.toLowerCase())) : null;
    cache.set(language, s);
  }
  return s;
}

export function hasStopwords(language: string | null): boolean {
  return stopwordsFor(language) !== null;
}
