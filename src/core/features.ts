/**
 * Per-line text features: everything a rule may want to know about a line, computed once.
 * Nothing here is English-specific when the line is CJK: CJK lines are measured in characters and
 * segmented with Intl.Segmenter (per line, bounded length: its cost grows super-linearly).
 */
import { cjkCount, letterCount } from './script.js';
import { stopwordsFor, stopwordFilter, stopwordTable, isStopwordToken, scanHashedTokens, stopwordHashBit } from './stopwords.js';
import { charTable, hasSurrogate, C_CJK, C_DIGIT, C_LETTER, C_PUNCT, C_SPACE, C_SPLIT } from './charclass.js';

export interface LineFeatures {
  /** Display length in UTF-16 units. */
  len: number;
  /** Line is CJK text (>= 30% of its letters are Han/kana/Hangul). */
  cjk: boolean;
  /** Length in Latin-character equivalents: CJK characters weigh CJK_WEIGHT each. */
  weight: number;
  /** Word tokens (space-separated words, or Segmenter words for CJK). */
  words: number;
  /** Share of word tokens that are stopwords of the document language (0 when no list). */
  stopwordDensity: number;
  /** Sentence-internal and final punctuation marks (.,;:!? and their full-width forms). */
  punct: number;
  /** Ends like a sentence (. ! ? 。！？ … or a closing quote after one). */
  endsSentence: boolean;
  /** Share of digits among non-space characters. */
  digitRatio: number;
  /** Share of letters among non-space characters. */
  letterRatio: number;
}

/**
 * One CJK character carries about as much text as 2.5 Latin characters: in parallel corpora an
 * English text is ~2.5-3x longer in characters than its Chinese translation. Used so that length
 * thresholds tuned on Latin text mean the same amount of text for Chinese.
 */
export const CJK_WEIGHT = 2.5;
/** Intl.Segmenter input cap per line (its cost grows super-linearly with length). */
const SEGMENT_CAP = 2000;

const SENTENCE_END = /[.!?。！？…]["'”’»」』)）]*$/u;
const PUNCT = /[.,;:!?，。；：！？、]/gu;
const DIGIT = /\p{Nd}/gu;
const WORD_SPLIT = /[\s\p{P}\p{S}]+/u;

let segmenter: Intl.Segmenter | null = null;
function zhSegmenter(): Intl.Segmenter {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  return segmenter;
}

/** Sentence enders and the closing marks that may follow them (SENTENCE_END, as char sets). */
const ENDERS = new Set(['.', '!', '?', '。', '！', '？', '…']);
const CLOSERS = new Set(['"', "'", '”', '’', '»', '」', '』', ')', '）']);

/** SENTENCE_END without the regex: the last character that is not a closing mark is an ender. */
function endsSentence(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && CLOSERS.has(text[i]!)) i--;
  return i >= 0 && ENDERS.has(text[i]!);
}

/**
 * `alt`: a second stopword language present on the page (a German site with English sections):
 * a line's stopword density is the higher of the two, so a paragraph in the page's second
 * language still reads as prose.
 */
export function lineFeatures(text: string, language: string | null, alt: string | null = null): LineFeatures {
  // One pass over the UTF-16 units with a class table; lines with astral characters take the
  // regex path (lineFeaturesSlow), which defines the semantics.
  if (hasSurrogate(text)) return lineFeaturesSlow(text, language, alt);
  const t = charTable();
  const len = text.length;
  let cjkChars = 0;
  let letters = 0;
  let spaces = 0;
  let digits = 0;
  let punct = 0;
  for (let i = 0; i < len; i++) {
    const f = t[text.charCodeAt(i)]!;
    if (f === 0) continue;
    if (f & C_LETTER) letters++;
    if (f & C_CJK) cjkChars++;
    if (f & C_SPACE) spaces++;
    if (f & C_DIGIT) digits++;
    if (f & C_PUNCT) punct++;
  }
  const cjk = letters > 0 && cjkChars / letters >= 0.3;
  const weight = cjk ? len - cjkChars + cjkChars * CJK_WEIGHT : len;
  const nonSpace = len - spaces || 1;
  if (cjk) return new CjkLineFeatures(text, language === 'ja' ? 'ja' : 'zh', len, weight, punct, endsSentence(text), digits / nonSpace, letters / nonSpace);
  const sw = stopwordsFor(language);
  const sw2 = !alt ? null : stopwordsFor(alt);
  let words = 0;
  let stop = 0;
  let stop2 = 0;
  // Only a token whose bit is set in a list's filter is looked up (scanHashedTokens,
  // isStopwordToken); a token with a `special` unit always is.
  const f1 = sw ? stopwordFilter(sw) : null;
  const f2 = sw2 ? stopwordFilter(sw2) : null;
  const t1 = sw ? stopwordTable(sw) : null;
  const t2 = sw2 ? stopwordTable(sw2) : null;
  scanHashedTokens(text, C_SPLIT, (start, end, h, special) => {
    words++;
    const b = stopwordHashBit(h);
    if (f1 !== null && (special || (f1[b >>> 5]! & (1 << (b & 31))) !== 0) && isStopwordToken(sw!, t1!, text, start, end, h, special)) stop++;
    if (f2 !== null && (special || (f2[b >>> 5]! & (1 << (b & 31))) !== 0) && isStopwordToken(sw2!, t2!, text, start, end, h, special)) stop2++;
  });
  return {
    len,
    cjk,
    weight,
    words,
    stopwordDensity: words > 0 ? Math.max(stop, stop2) / words : 0,
    punct,
    endsSentence: endsSentence(text),
    digitRatio: digits / nonSpace,
    letterRatio: letters / nonSpace,
  };
}

/**
 * Features of a CJK line (fast path). Word count and stopword density need Intl.Segmenter, which
 * costs ~1.4 us per character (bench corpus: 60% of feature time for 5% of the characters), and
 * with the default rules they are read only for lines the density rule removes (its evidence):
 * they are computed on first read, from the same code as before, and memoized by line text
 * (template lines recur across a site's pages).
 */
class CjkLineFeatures implements LineFeatures {
  readonly cjk = true;
  private seg: { words: number; stop: number } | null = null;
  constructor(
    private readonly text: string,
    private readonly list: 'ja' | 'zh',
    readonly len: number,
    readonly weight: number,
    readonly punct: number,
    readonly endsSentence: boolean,
    readonly digitRatio: number,
    readonly letterRatio: number,
  ) {}
  private segmented(): { words: number; stop: number } {
    this.seg ??= segmentCounts(this.text, this.list);
    return this.seg;
  }
  get words(): number {
    return this.segmented().words;
  }
  get stopwordDensity(): number {
    const { words, stop } = this.segmented();
    return words > 0 ? stop / words : 0;
  }
  /** Plain data, as the other lines' features (JSON, structured clone). */
  toJSON(): LineFeatures {
    const { len, cjk, weight, words, stopwordDensity, punct, endsSentence, digitRatio, letterRatio } = this;
    return { len, cjk, weight, words, stopwordDensity, punct, endsSentence, digitRatio, letterRatio };
  }
}

/** Bounded memo of segmentCounts per stopword list; dropped whole when full. */
const SEGMENT_MEMO_MAX = 20_000;
const segmentMemo = { ja: new Map<string, { words: number; stop: number }>(), zh: new Map<string, { words: number; stop: number }>() };

/** Word-like segments of a CJK line and how many are stopwords of `list` (lineFeaturesSlow's loop). */
function segmentCounts(text: string, list: 'ja' | 'zh'): { words: number; stop: number } {
  const memo = segmentMemo[list];
  let r = memo.get(text);
  if (r !== undefined) return r;
  const sw = stopwordsFor(list);
  let words = 0;
  let stop = 0;
  for (const seg of zhSegmenter().segment(text.length > SEGMENT_CAP ? text.slice(0, SEGMENT_CAP) : text)) {
    if (!seg.isWordLike) continue;
    words++;
    if (sw && sw.has(seg.segment)) stop++;
  }
  r = { words, stop };
  if (memo.size >= SEGMENT_MEMO_MAX) memo.clear();
  memo.set(text, r);
  return r;
}

/** The reference implementation (regexes over code points); used for lines with astral characters. */
export function lineFeaturesSlow(text: string, language: string | null, alt: string | null = null): LineFeatures {
  const len = text.length;
  const cjkChars = cjkCount(text);
  const letters = letterCount(text);
  const cjk = letters > 0 && cjkChars / letters >= 0.3;
  const weight = cjk ? len - cjkChars + cjkChars * CJK_WEIGHT : len;
  const nonSpace = text.replace(/\s+/g, '').length || 1;
  const digits = text.match(DIGIT)?.length ?? 0;
  const punct = text.match(PUNCT)?.length ?? 0;
  const sw = stopwordsFor(cjk ? (language === 'ja' ? 'ja' : 'zh') : language);
  const sw2 = cjk || !alt ? null : stopwordsFor(alt);
  let words = 0;
  let stop = 0;
  let stop2 = 0;
  if (cjk) {
    for (const seg of zhSegmenter().segment(text.length > SEGMENT_CAP ? text.slice(0, SEGMENT_CAP) : text)) {
      if (!seg.isWordLike) continue;
      words++;
      if (sw && sw.has(seg.segment)) stop++;
    }
  } else {
    for (const w of text.split(WORD_SPLIT)) {
      if (w === '') continue;
      words++;
      if (sw && sw.has(w.toLowerCase())) stop++;
      if (sw2 && sw2.has(w.toLowerCase())) stop2++;
    }
  }
  return {
    len,
    cjk,
    weight,
    words,
    stopwordDensity: words > 0 ? Math.max(stop, stop2) / words : 0,
    punct,
    endsSentence: SENTENCE_END.test(text),
    digitRatio: digits / nonSpace,
    letterRatio: letters / nonSpace,
  };
}
