/**
 * Language identification with tinyld on a bounded sample, so the cost per document is flat.
 */
import { createRequire } from 'node:module';
import { detectAll } from './tinyld-fast.js';

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
  const lines = text.split(/\r\n|\n|\r/).map((l) => l.trim());
  // Longest lines first: prose before navigation.
  const prose = lines.filter((l) => l.length >= MIN_LINE_CHARS).sort((a, b) => b.length - a.length);
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

function detectSample(sample: string): string | null {
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  const han = sample.match(HAN)?.length ?? 0;
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
 */
const STOP_MARGIN = 0.1;
function rerankByStopwords(sample: string, langs: string[]): string | null {
  const words = sample.toLowerCase().match(/\p{L}+/gu);
  if (!words || words.length < 10) return null;
  const share = (lang: string): number => {
    const set = stopSet(lang);
    if (!set) return 0;
    let hits = 0;
    for (const w of words) if (set.has(w)) hits++;
    return hits / words.length;
  };
  const top = langs[0]!;
  let best = top;
  let bestShare = share(top);
  const topShare = bestShare;
  for (const l of langs.slice(1)) {
    const sh = share(l);
    if (sh > bestShare) {
      best = l;
      bestShare = sh;
    }
  }
  return bestShare - topShare >= STOP_MARGIN ? best : top;
}
