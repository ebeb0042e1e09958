/**
 * cleanDocument asks the detector for the sample's language only when it can matter (a page that
 * may be East-Asian, or stopword hits that leave a tie). These pin the two facts that rest on.
 */
import { describe, test, expect } from '@jest/globals';
import { mayBeEastAsian } from '../../src/core/script.js';
import { stopwordHitCounts, stopwordLanguagesOf, stopwordLeaderIsClear, weakStopwordLanguagesOf } from '../../src/core/stopwords.js';
import { detectLanguage } from '../../src/meta/language.js';
import { seededStrings } from '../helpers/strings.js';

describe('mayBeEastAsian', () => {
  test('finds Han, kana, Hangul (syllables and jamo), full-width forms and astral Han', () => {
    for (const s of ['abc 中文', 'カタカナ', 'ひらがな', '한국어', 'x\u1100y', 'ＡＢＣ', '、', 'x\u{20000}y']) expect([s, mayBeEastAsian(s)]).toEqual([s, true]);
  });
  test('passes over Latin, Greek, Cyrillic text with typographic punctuation', () => {
    for (const s of ['The “quick” fox — 3 € … ok', 'Größe ½ ‰ ™ ←', 'Ελληνικά', 'Русский текст', '']) expect([s, mayBeEastAsian(s)]).toEqual([s, false]);
  });
  test('the detector never answers zh, ja or ko for a text it passes over', () => {
    const pool = ['the ', 'und ', 'de ', 'la ', 'ni', 'hao', 'shi', 'ka', 'ta', 'na', 'kim', 'park', 'wo ', 'zhong', 'guo ', 'tokyo ', 'seoul ', 'é', 'ß', '. ', '\n', 'Xinhua ', 'Beijing ', 'sushi '];
    const answers = new Set<string | null>();
    for (const s of seededStrings(pool, 3000, 40, 13)) {
      expect(mayBeEastAsian(s)).toBe(false);
      answers.add(detectLanguage(s));
    }
    for (const l of ['zh', 'ja', 'ko']) expect(answers.has(l)).toBe(false);
    // The strings must be read as something, or the check above says nothing.
    expect(answers.size).toBeGreaterThan(3);
  });
});

describe('stopwordLeaderIsClear', () => {
  const hints = [null, 'en', 'de', 'fr', 'nl', 'hi'];
  const answers = (hits: Int32Array): string[] => hints.map((h) => JSON.stringify(stopwordLanguagesOf(hits, h)));

  test('when it holds, the hint changes nothing', () => {
    const pool = ['the', 'and', 'of', 'der', 'die', 'und', 'de', 'la', 'et', 'het', 'een', 'Kraft', 'house', 'x'];
    let clear = 0;
    let unclear = 0;
    for (const s of seededStrings(pool, 2000, 20, 3, 1)) {
      const hits = stopwordHitCounts(s);
      if (!stopwordLeaderIsClear(hits)) {
        unclear++;
        continue;
      }
      clear++;
      expect([s, new Set(answers(hits)).size]).toEqual([s, 1]);
      expect(stopwordLanguagesOf(hits, null).length).toBeGreaterThan(0);
    }
    expect(clear).toBeGreaterThan(100);
    expect(unclear).toBeGreaterThan(100);
  });

  test('does not hold on a tie, nor under five hits, where the hint decides', () => {
    expect(stopwordLeaderIsClear(Int32Array.from([0, 7, 3, 0]))).toBe(true);
    expect(stopwordLeaderIsClear(Int32Array.from([0, 7, 7, 2]))).toBe(false);
    expect(stopwordLeaderIsClear(Int32Array.from([4, 0, 1, 0]))).toBe(false);
    expect(stopwordLeaderIsClear(Int32Array.from([0, 0, 0, 0]))).toBe(false);
    // No hit at all: the weak lists are the hint itself.
    const none = stopwordHitCounts('qwv zzk');
    expect(stopwordLeaderIsClear(none)).toBe(false);
    expect(weakStopwordLanguagesOf(none, 'hi')).not.toEqual(weakStopwordLanguagesOf(none, null));
  });
});
