/**
 * Language identification with tinyld on a bounded sample, so the cost per document is flat.
 */
import { createRequire } from 'node:module';
import { detectAll } from './tinyld-fast.js';
import { charTable, hasSurrogate, C_HAN, C_LETTER } from '../core/charclass.js';
import { unitsHash } from '../core/unit-hash.js';
import { WordTable } from '../core/word-table.js';

// stopwords-iso ships a bare JSON file without types; require keeps this independent of
// JSON-import support in the runtime and in the test transformer.
const STOPWORDS = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
const stopSets = new Map<string, Set<string>>();
function stopSet(lang: string): Set<string> | null {
  let s = stopSets.get(lang);
  if (s === undefined) {
    const list = STOPWORDS[lang];
    if (!list) return null;
    s = new Set(list);
    stopSets.set(lang, s);
  }
  return s;
}

/** Sample size in characters: tinyld is accurate well before this; cost grows linearly with it. */
const SAMPLE_CHARS = 2000;
/** Lines shorter than this are mostly menus and buttons; prose identifies the language better. */
const MIN_LINE_CHARS = 20;
/** Below this many letters there is too little text to say (a title, a menu). */
const MIN_LETTERS = 20;
const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;

export function detectLanguage(text: string): string | null {
  if (!text) return null;
  return detectLanguageOfLines(text.split(/\r\n|\n|\r/).map((l) => l.trim()));
}

/**
 * `detectLanguage(lines.join('\n'))` for lines that are trimmed and hold no line break (the
 * display form of core/normalize.ts): the cleaner has the kept lines already, and splitting their
 * joined text again made two arrays and a string per line (~4% of the bytes cleaning allocated in a
 * sampling heap profile of 2,500 bench documents).
 */
export function detectLanguageOfLines(lines: readonly string[]): string | null {
  // Longest lines first: prose before navigation.
  // A loop, not lines.filter(...): TurboFan's inlined filter deoptimized its caller again and again
  // on an empty result (`--trace-deopt`, "wrong map", 282 times on 5,000 bench documents).
  const prose: string[] = [];
  for (const l of lines) if (l.length >= MIN_LINE_CHARS) prose.push(l);
  prose.sort((a, b) => b.length - a.length);
  const pool = prose.length > 0 ? prose : lines;
  let sample = '';
  for (const l of pool) {
    if (sample.length >= SAMPLE_CHARS) break;
    sample += (sample ? '\n' : '') + l;
  }
  sample = sample.slice(0, SAMPLE_CHARS);
  // The result depends on the sample only; the cleaner asks twice per document (whole body, then
  // kept text), and the longest lines, hence the sample, are usually the same both times.
  if (sample === lastSample) return lastResult;
  const result = detectSample(sample);
  lastSample = sample;
  lastResult = result;
  return result;
}

let lastSample: string | null = null;
let lastResult: string | null = null;

/**
 * Letters (\p{L}) and Han characters of a sample. One pass with the BMP class table instead of
 * two regex matches that build an array of one-character strings (a sample holds ~1,300 letters);
 * samples with astral characters take the regexes, which define the counts.
 */
function letterAndHanCounts(sample: string): [number, number] {
  if (hasSurrogate(sample)) return [sample.match(/\p{L}/gu)?.length ?? 0, sample.match(HAN)?.length ?? 0];
  const t = charTable();
  let letters = 0;
  let han = 0;
  for (let i = 0; i < sample.length; i++) {
    const f = t[sample.charCodeAt(i)]!;
    if (f & C_LETTER) letters++;
    if (f & C_HAN) han++;
  }
  return [letters, han];
}

function detectSample(sample: string): string | null {
  const [letters, han] = letterAndHanCounts(sample);
  // CJK characters each carry a word's information; 20 Latin letters are ~4 words.
  if (letters < MIN_LETTERS && han < MIN_LETTERS / 4) return null;
  // Text that is mostly Han without kana is Chinese; tinyld sometimes says `ja` for short
  // Chinese samples because the scripts overlap.
  if (han > letters * 0.5 && !KANA.test(sample)) return 'zh';
  const ranked = detectAll(sample).slice(0, TOP_CANDIDATES);
  if (ranked.length === 0) return null;
  return rerankByStopwords(sample, ranked.map((r) => r.lang)) ?? ranked[0]!.lang;
}

/** tinyld's runners-up considered for re-ranking. */
const TOP_CANDIDATES = 3;
/**
 * tinyld's n-gram scores are fooled by names and typography (English news scored `eo`, `hi`, `el`
 * on traf dev). Function words are not: among tinyld's top candidates, take the one whose stopword
 * list covers the largest share of the sample's words, when that share is clearly larger
 * (by STOP_MARGIN) than the top candidate's. Only for scripts with word spacing.
 * (Exported for tests.)
 */
const STOP_MARGIN = 0.1;
export function rerankByStopwords(sample: string, langs: string[]): string | null {
  const lower = sample.toLowerCase();
  // Every candidate's hits in one pass over the words (a share is hits / words: order-free).
  const tables = langs.map(stopTable);
  const hits = new Array<number>(langs.length).fill(0);
  const count = (s: string, from: number, to: number): void => {
    const h = unitsHash(s, from, to);
    for (let k = 0; k < tables.length; k++) if (tables[k] !== null && tables[k]!.find(s, from, to, h) >= 0) hits[k]!++;
  };
  let words = 0;
  if (hasSurrogate(lower)) {
    const runs = lower.match(/\p{L}+/gu) ?? [];
    words = runs.length;
    if (words < 10) return null;
    for (const w of runs) count(w, 0, w.length);
  } else {
    // The runs of `lower.match(/\p{L}+/gu)` from the BMP class table, each looked up where it lies.
    const t = charTable();
    let start = -1;
    for (let i = 0; i <= lower.length; i++) {
      const letter = i < lower.length && (t[lower.charCodeAt(i)]! & C_LETTER) !== 0;
      if (letter) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        words++;
        count(lower, start, i);
        start = -1;
      }
    }
    if (words < 10) return null;
  }
  const share = (k: number): number => (tables[k] ? hits[k]! / words : 0);
  const top = langs[0]!;
  let best = top;
  let bestShare = share(0);
  const topShare = bestShare;
  for (let k = 1; k < langs.length; k++) {
    const sh = share(k);
    if (sh > bestShare) {
      best = langs[k]!;
      bestShare = sh;
    }
  }
  return bestShare - topShare >= STOP_MARGIN ? best : top;
}

/**
 * One language's stopwords in an open-addressing table probed with a slice of a string given by
 * its bounds, so counting a sample's stopwords makes no string per word (the slices and Set
 * lookups were most of rerankByStopwords' time). A table per language stays as small as the
 * language's Set, so the candidates' tables stay in cache between documents.
 */
const stopTables = new Map<string, WordTable | null>();
/** lang's stopwords as a WordTable, or null when stopwords-iso has none (as stopSet). */
function stopTable(lang: string): WordTable | null {
  let t = stopTables.get(lang);
  if (t === undefined) {
    const set = stopSet(lang);
    // Set membership is by value: non-string entries match no word of a sample.
    t = set === null ? null : new WordTable([...set].filter((w): w is string => typeof w === 'string'));
    stopTables.set(lang, t);
  }
  return t;
}
