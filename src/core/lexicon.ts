/**
 * Boilerplate lexicons, kept as data (src/lexicons/boilerplate.json) and extensible from the config.
 * Phrases are compiled to matching keys once; a line matches on its key, so punctuation, spacing and
 * case variants of a phrase all match.
 */
import { readFileSync } from 'node:fs';
import { matchKey } from './normalize.js';
import { PhraseIndex, hasPhrase, type PhraseHits } from './phrase-index.js';

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
 * Where a set's prefix and contains phrases sit in a PhraseIndex: a lexicon's sets share one index
 * (lexiconIndex), so a line is scanned once for all of them; a set used on its own gets its own.
 */
interface SetPhrases {
  index: PhraseIndex;
  prefix: number[];
  contains: number[];
}

const setPhrases = new WeakMap<PhraseSet, SetPhrases>();
const lexiconIndexes = new WeakMap<Lexicon, PhraseIndex>();

function register(index: PhraseIndex, set: PhraseSet): void {
  setPhrases.set(set, { index, prefix: set.prefix.map((p) => index.add(p)), contains: set.contains.map((p) => index.add(p)) });
}

/** The one automaton of every set of a lexicon (built on first use). */
export function lexiconIndex(lex: Lexicon): PhraseIndex {
  let index = lexiconIndexes.get(lex);
  if (index === undefined) {
    index = new PhraseIndex();
    for (const set of lex.categories.values()) register(index, set);
    register(index, lex.sectionLabels);
    lexiconIndexes.set(lex, index);
  }
  return index;
}

function phrasesOf(set: PhraseSet): SetPhrases {
  let sp = setPhrases.get(set);
  if (sp === undefined) {
    register(new PhraseIndex(), set);
    sp = setPhrases.get(set)!;
  }
  return sp;
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

/**
 * Which phrase of the set a line matches (by key and weight), or null: the key itself when listed
 * as exact, else the first listed symbol, label, prefix or contained phrase. `hits`: the key's
 * scan by lexiconIndex(lexicon of the set) when the caller has it (DocContext.phraseHits), so the
 * key is scanned once for every set.
 */
export function matchPhrase(set: PhraseSet, key: string, weight: number, text = '', hits?: PhraseHits): string | null {
  if (set.exact.has(key) && key.length > 0) return key;
  if (weight > set.maxWeight) return null;
  for (const s of set.symbols) if (text.includes(s)) return s;
  // A label needs a colon after it within the first 40 characters: most lines have none.
  if (set.labels.length && hasColon(text)) {
    const lower = text.slice(0, 40).toLowerCase();
    for (const l of set.labels) if (lower.startsWith(l) && /^\s*[:：]/.test(lower.slice(l.length))) return l;
  }
  if (key.length === 0) return null;
  const sp = phrasesOf(set);
  const entries = (hits !== undefined && hits.index === sp.index ? hits : sp.index.scan(key)).entries;
  if (entries === null) return null;
  for (let k = 0; k < sp.prefix.length; k++) if (hasPhrase(entries, sp.prefix[k]!, true)) return set.prefix[k]!;
  for (let k = 0; k < sp.contains.length; k++) if (hasPhrase(entries, sp.contains[k]!, false)) return set.contains[k]!;
  return null;
}
