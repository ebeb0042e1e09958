/**
 * Language identification with tinyld on a bounded sample, so the cost per document is flat.
 */
import { detect } from 'tinyld';

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
  const letters = sample.match(/\p{L}/gu)?.length ?? 0;
  const han = sample.match(HAN)?.length ?? 0;
  // CJK characters each carry a word's information; 20 Latin letters are ~4 words.
  if (letters < MIN_LETTERS && han < MIN_LETTERS / 4) return null;
  // Text that is mostly Han without kana is Chinese; tinyld sometimes says `ja` for short
  // Chinese samples because the scripts overlap.
  if (han > letters * 0.5 && !KANA.test(sample)) return 'zh';
  const lang = detect(sample);
  return lang ? lang : null;
}
