import { describe, test, expect } from '@jest/globals';
import { normalizeDisplay, matchKey, digitFoldedKey } from '../../src/core/normalize.js';

describe('normalizeDisplay', () => {
  test('composes to NFC', () => {
    const decomposed = 'Cafe\u0301 Mu\u0308ller';
    expect(normalizeDisplay(decomposed)).toBe('Café Müller');
    expect(normalizeDisplay(decomposed)).toBe('Café Müller'.normalize('NFC'));
  });

  test('removes zero-width and format characters', () => {
    expect(normalizeDisplay('新\u200B闻\u200C正\u200D文\u2060')).toBe('新闻正文');
    expect(normalizeDisplay('\uFEFFHello')).toBe('Hello');
    expect(normalizeDisplay('Silben\u00ADtrennung')).toBe('Silbentrennung');
    expect(normalizeDisplay('a\u202Eb\u2066c\u2069')).toBe('abc');
  });

  test('control characters become spaces; tab is whitespace', () => {
    expect(normalizeDisplay('one\u0007two')).toBe('one two');
    expect(normalizeDisplay('one\ttwo')).toBe('one two');
    expect(normalizeDisplay('x\u0085y\u009Fz')).toBe('x y z');
    expect(normalizeDisplay('\u0000\u0001')).toBe('');
  });

  test('collapses whitespace runs (NBSP, ideographic space, en space) and trims', () => {
    expect(normalizeDisplay('  two   spaces  ')).toBe('two spaces');
    expect(normalizeDisplay('a\u00A0\u00A0b')).toBe('a b');
    expect(normalizeDisplay('\u3000\u3000中文\u3000段落')).toBe('中文 段落');
    expect(normalizeDisplay('a\u2002b')).toBe('a b');
    expect(normalizeDisplay(' \t \u3000 ')).toBe('');
  });

  test('keeps full-width Chinese punctuation and full-width letters (no NFKC in the display form)', () => {
    const s = '他说：“你好！”（第一段），真的？';
    expect(normalizeDisplay(s)).toBe(s);
    expect(normalizeDisplay('ＡＢＣ１２３')).toBe('ＡＢＣ１２３');
  });

  test('plain ASCII lines are returned unchanged', () => {
    const s = 'Home | News | Sport';
    expect(normalizeDisplay(s)).toBe(s);
  });
});

describe('matchKey', () => {
  test('case-folds and drops punctuation, symbols and whitespace', () => {
    expect(matchKey('Home | News | Sport')).toBe('homenewssport');
    expect(matchKey('home news sport')).toBe(matchKey('HOME » NEWS » SPORT'));
    expect(matchKey('Back to top ↑')).toBe('backtotop');
    expect(matchKey('© 2024')).toBe('2024');
  });

  test('NFKC folds full-width forms and compatibility characters', () => {
    expect(matchKey('ＡＢＣ１２３')).toBe('abc123');
    expect(matchKey('ﬁle')).toBe('file');
    expect(matchKey('“暂时没有评论”')).toBe('暂时没有评论');
    expect(matchKey('-我已经到底线啦-')).toBe('我已经到底线啦');
  });

  test('keeps letters of every script, and digits', () => {
    expect(matchKey('Größe 3 Äpfel')).toBe('größe3äpfel');
    expect(matchKey('新闻 2024')).toBe('新闻2024');
  });

  test('empty and punctuation-only lines have an empty key', () => {
    expect(matchKey('')).toBe('');
    expect(matchKey('— | — ***')).toBe('');
  });

  test('digitFoldedKey folds digit runs to 0', () => {
    expect(digitFoldedKey('阅读12345次')).toBe('阅读0次');
    expect(digitFoldedKey(matchKey('Updated 2024-03-08 10:15'))).toBe('updated0');
  });
});
