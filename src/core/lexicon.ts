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
 * One regex per list answers "does any phrase match?" in a single native scan; only lines that
 * match (few) walk the list, so the phrase returned is still the earliest-listed one.
 */
interface PhraseFilter {
  prefix: RegExp | null;
  contains: RegExp | null;
}

const filters = new WeakMap<PhraseSet, PhraseFilter>();
const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function phraseFilter(set: PhraseSet): PhraseFilter {
  let f = filters.get(set);
  if (!f) {
    f = {
      prefix: set.prefix.length > 0 ? new RegExp(`^(?:${set.prefix.map(escapeRe).join('|')})`) : null,
      contains: set.contains.length > 0 ? new RegExp(set.contains.map(escapeRe).join('|')) : null,
    };
    filters.set(set, f);
  }
  return f;
}

/** A `:` or `：` among the first 40 characters (where matchPhrase looks for labels). */
function hasColon(text: string): boolean {
  const n = Math.min(text.length, 40);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a || c === 0xff1a) return true;
  }
  return false;
}

/** Which phrase of the set a line matches (by key and weight), or null. */
export function matchPhrase(set: PhraseSet, key: string, weight: number, text = ''): string | null {
  if (set.exact.has(key) && key.length > 0) return key;
  if (weight > set.maxWeight) return null;
  for (const s of set.symbols) if (text.includes(s)) return s;
  // A label needs a colon after it within the first 40 characters: most lines have none.
  if (set.labels.length && hasColon(text)) {
    const lower = text.slice(0, 40).toLowerCase();
    for (const l of set.labels) if (lower.startsWith(l) && /^\s*[:：]/.test(lower.slice(l.length))) return l;
  }
  if (key.length === 0) return null;
  const f = phraseFilter(set);
  if (f.prefix !== null && f.prefix.test(key)) for (const p of set.prefix) if (key.startsWith(p)) return p;
  if (f.contains !== null && f.contains.test(key)) for (const p of set.contains) if (key.includes(p)) return p;
  return null;
}
