/**
 * Context-free line classes in the spirit of jusText (Pomikálek 2011): a line is `good` (prose),
 * `neargood`, `short` (too short to judge alone) or `bad`. Context smoothing happens in
 * rules/content/density.ts.
 *
 * Thresholds: jusText's defaults are LENGTH_LOW 70, LENGTH_HIGH 200, STOPWORDS_LOW 0.30,
 * STOPWORDS_HIGH 0.32 for its own short stopword lists. stopwords-iso lists are longer (en: 1,298
 * words), so densities run higher; the values below were set on ../shared/eval/dev (traf,
 * cleaneval-dev, portal) — see README "Tuning".
 */
import type { LineFeatures } from './features.js';

export type LineClass = 'good' | 'neargood' | 'short' | 'bad';

export const LENGTH_LOW = 70;
export const LENGTH_HIGH = 200;
export const STOPWORDS_LOW = 0.3;
export const STOPWORDS_HIGH = 0.34;
export const LENGTH_MEDIUM = 100;
export const LONG_PROSE = 300;
export const STOPWORDS_LONG = 0.2;
export const STOPWORDS_SENTENCE = 0.15;


export function classifyLine(f: LineFeatures, hasStopwordList: boolean): LineClass {
  if (f.len === 0) return 'bad';
  if (f.letterRatio < 0.5 && f.weight < LENGTH_HIGH) return 'bad';
  if (f.weight < LENGTH_LOW) return 'short';
  if (f.cjk) {
    // Chinese/Japanese prose: punctuation-rich runs of characters. No space tokenisation here.
    if (f.punct >= 2 && f.weight > LENGTH_HIGH) return 'good';
    // Medium CJK paragraphs that are full sentences anchor their context too (as for Latin text
    // below): a news brief of three 40-character paragraphs has no line over LENGTH_HIGH.
    if (f.punct >= 2 && f.weight > LENGTH_MEDIUM && f.endsSentence) return 'good';
    if (f.punct >= 1) return 'neargood';
    return f.weight > LENGTH_HIGH ? 'neargood' : 'bad';
  }
  if (!hasStopwordList) {
    // Languages without a stopword list: sentence punctuation and length stand in for stopwords.
    if (f.weight > LENGTH_HIGH && f.punct >= 2) return 'good';
    if (f.punct >= 1 || f.endsSentence) return 'neargood';
    return 'bad';
  }
  if (f.stopwordDensity >= STOPWORDS_HIGH) {
    if (f.weight > LENGTH_HIGH) return 'good';
    // Medium paragraphs that are clearly running text (stopword density 0.45, well above the
    // 0.34 bar, and a sentence end) are good: articles of short paragraphs otherwise have no good
    // line to anchor their context (dev: traf F1 .821 -> .832, cleaneval-dev .872 -> .884).
    if (f.weight > LENGTH_MEDIUM && f.stopwordDensity >= 0.45 && f.endsSentence) return 'good';
    return 'neargood';
  }
  if (f.stopwordDensity >= STOPWORDS_LOW) return 'neargood';
  // Long punctuated lines with some stopwords are borderline, not bad: list-like long lines have
  // few; news prose in languages whose stopwords-iso list is short (de: 620 words) often scores
  // 0.2-0.3 (dev traf F1 .836 -> .840, precision unchanged).
  if (f.weight > LONG_PROSE && f.stopwordDensity >= STOPWORDS_LONG && f.punct >= 3) return 'neargood';
  // A full sentence of medium length with a few stopwords is borderline, not bad: article leads
  // and captions in languages whose stopwords-iso list is short (de, pl: prose at 0.2-0.3) sat
  // just under STOPWORDS_LOW and were dropped next to the article (traf: 104 lost `with`
  // snippets lay just before the first kept line). Borderline lines stay only in prose context.
  // Dev: traf .859 -> .865 (R .857 -> .871, P .861 -> .859), cleaneval-dev .877 -> .881, portal
  // .910 -> .912; 0.2 gave traf .863, 0.1 and 0 the same F1 with lower precision.
  if (f.weight > LENGTH_LOW && f.stopwordDensity >= STOPWORDS_SENTENCE && f.endsSentence) return 'neargood';
  return 'bad';
}
