/**
 * Boilerplate lexicons, kept as data (src/lexicons/boilerplate.json) and extensible from the config.
 * Phrases are compiled to matching keys once; a line matches on its key, so punctuation, spacing and
 * case variants of a phrase all match.
 */
import { readFileSync } from 'node:fs';
import { matchKey } from './normalize.js';

export interface PhraseSet {
  description: string;
  maxWeight: number;
  exact: Set<string>;
  prefix: string[];
  contains: string[];
  /** Raw substrings matched on the display text (symbols such as ©, which keys drop). */
  symbols: string[];
  /** Labels matched at the start of the display text only when a colon follows (`来源：`, `Tags:`). */
  labels: string[];
}

export interface Lexicon {
  categories: Map<string, PhraseSet>;
  sectionLabels: PhraseSet;
}

interface RawPhraseSet {
  description?: string;
  maxWeight?: number;
  exact?: string[];
  prefix?: string[];
  contains?: string[];
  symbols?: string[];
  labels?: string[];
}

export interface LexiconExtension {
  [category: string]: { exact?: string[]; prefix?: string[]; contains?: string[] };
}

// Resolves to <repo>/src/lexicons from both src/core/*.ts and dist/core/*.js (same depth).
const LEXICON_URL = new URL('../../src/lexicons/boilerplate.json', import.meta.url);

function keys(list: string[] | undefined): string[] {
  return (list ?? []).map(matchKey).filter((k) => k.length > 0);
}

/**
 * Prefix/contains phrases must be specific: an ASCII key under 4 characters (`(c)` -> `c`) would
 * match half the lines of a page. CJK keys carry more per character; 2 is enough.
 */
function specific(list: string[]): string[] {
  return list.filter((k) => (/^[\x00-\x7f]*$/.test(k) ? k.length >= 4 : k.length >= 2));
}

function compile(raw: RawPhraseSet, ext?: { exact?: string[]; prefix?: string[]; contains?: string[] }): PhraseSet {
  return {
    description: raw.description ?? '',
    maxWeight: raw.maxWeight ?? 80,
    exact: new Set([...keys(raw.exact), ...keys(ext?.exact)]),
    prefix: specific([...keys(raw.prefix), ...keys(ext?.prefix)]),
    contains: specific([...keys(raw.contains), ...keys(ext?.contains)]),
    symbols: [...(raw.symbols ?? [])],
    labels: (raw.labels ?? []).map((l) => l.toLowerCase()),
  };
}

let cached: Lexicon | null = null;

export function loadLexicon(extension?: LexiconExtension): Lexicon {
  if (cached && !extension) return cached;
  const raw = JSON.parse(readFileSync(LEXICON_URL, 'utf8')) as {
    categories: Record<string, RawPhraseSet>;
    sectionLabels: RawPhraseSet;
  };
  const categories = new Map<string, PhraseSet>();
  for (const [name, set] of Object.entries(raw.categories)) categories.set(name, compile(set, extension?.[name]));
  const lex: Lexicon = { categories, sectionLabels: compile(raw.sectionLabels, extension?.['section-labels']) };
  if (!extension) cached = lex;
  return lex;
}

/**
 * Prefix and contains phrases indexed by their first two UTF-16 units (every phrase has at least
 * two: see `specific`), with each phrase's position in its list: a line is scanned once and the
 * earliest-listed matching phrase is returned, as the plain loops over the lists would.
 */
interface PhraseIndex {
  prefix: Map<number, Array<[number, string]>>;
  contains: Map<number, Array<[number, string]>>;
  /** Phrases shorter than two units (only from hand-built sets): checked with the plain loops. */
  short: boolean;
}

const indexes = new WeakMap<PhraseSet, PhraseIndex>();

function pairCode(s: string, i: number): number {
  return s.charCodeAt(i) * 0x10000 + s.charCodeAt(i + 1);
}

function buildIndex(set: PhraseSet): PhraseIndex {
  const index = (list: string[]): Map<number, Array<[number, string]>> => {
    const m = new Map<number, Array<[number, string]>>();
    list.forEach((p, i) => {
      if (p.length < 2) return;
      const c = pairCode(p, 0);
      const l = m.get(c);
      if (l) l.push([i, p]);
      else m.set(c, [[i, p]]);
    });
    return m;
  };
  return {
    prefix: index(set.prefix),
    contains: index(set.contains),
    short: set.prefix.some((p) => p.length < 2) || set.contains.some((p) => p.length < 2),
  };
}

function phraseIndex(set: PhraseSet): PhraseIndex {
  let ix = indexes.get(set);
  if (!ix) {
    ix = buildIndex(set);
    indexes.set(set, ix);
  }
  return ix;
}

/** Which phrase of the set a line matches (by key and weight), or null. */
export function matchPhrase(set: PhraseSet, key: string, weight: number, text = ''): string | null {
  if (set.exact.has(key) && key.length > 0) return key;
  if (weight > set.maxWeight) return null;
  for (const s of set.symbols) if (text.includes(s)) return s;
  if (set.labels.length) {
    const lower = text.slice(0, 40).toLowerCase();
    for (const l of set.labels) if (lower.startsWith(l) && /^\s*[:：]/.test(lower.slice(l.length))) return l;
  }
  if (key.length === 0) return null;
  const ix = phraseIndex(set);
  if (ix.short) return matchPhraseLoops(set, key);
  if (key.length < 2) return null;
  if (set.prefix.length > 0) {
    const cands = ix.prefix.get(pairCode(key, 0));
    if (cands) for (const [, p] of cands) if (key.startsWith(p)) return p;
  }
  if (set.contains.length === 0) return null;
  let best = -1;
  let bestPhrase: string | null = null;
  for (let i = 0; i + 1 < key.length; i++) {
    const cands = ix.contains.get(pairCode(key, i));
    if (!cands) continue;
    for (const [at, p] of cands) {
      if (best >= 0 && at >= best) break;
      if (key.startsWith(p, i)) {
        best = at;
        bestPhrase = p;
        break;
      }
    }
    if (best === 0) break;
  }
  return bestPhrase;
}

function matchPhraseLoops(set: PhraseSet, key: string): string | null {
  for (const p of set.prefix) if (key.startsWith(p)) return p;
  for (const p of set.contains) if (key.includes(p)) return p;
  return null;
}
