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

/**
 * Could a language detector read the text as Chinese, Japanese or Korean? Only when it holds a
 * unit of an East-Asian block: Hangul Jamo, U+2E80-U+D7FF (CJK radicals and symbols, kana, Han,
 * Hangul syllables), surrogates (Han extensions beyond the BMP), compatibility ideographs, CJK
 * compatibility forms, full-width forms. tinyld scores ja and ko by script-exclusive n-grams only
 * (`coefProb: 0`); checked on 80,118 samples of the bench corpus without such a unit (whole pages
 * and every three-line window): none was detected as zh, ja or ko.
 */
export function mayBeEastAsian(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x1100) continue;
    if (c <= 0x11ff || (c >= 0x2e80 && c <= 0xdfff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xffef)) return true;
  }
  return false;
}
