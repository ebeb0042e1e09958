/** Script detection helpers: CJK text must never be measured with space-separated-word rules. */

const HAN_KANA_HANGUL = /[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF]/g;
const LETTER = /\p{L}/gu;

/** Count of CJK (Han, kana, Hangul) characters. */
export function cjkCount(s: string): number {
  const m = s.match(HAN_KANA_HANGUL);
  return m ? m.length : 0;
}

export function letterCount(s: string): number {
  const m = s.match(LETTER);
  return m ? m.length : 0;
}

/** True when at least 30% of the letters are CJK: such text is measured in characters, not words. */
export function isCjkText(s: string): boolean {
  const letters = letterCount(s);
  if (letters === 0) return false;
  return cjkCount(s) / letters >= 0.3;
}
