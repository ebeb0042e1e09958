import { describe, test, expect } from '@jest/globals';
import { wrappedParagraphs } from '../../src/core/hardwrap.js';
import { lineFeatures } from '../../src/core/features.js';
import { classifyLine } from '../../src/core/classify.js';
import { cleanBody, keptLines } from '../helpers/clean.js';
import { EN, ZH } from '../helpers/fixtures.js';

/** Cut a text into lines of `width` characters, as a plain-text archive does. */
function wrapChars(text: string, width: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < text.length; i += width) out.push(text.slice(i, i + width));
  return out;
}

/** Word-wrap a text at `width` columns. */
function wrapWords(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const w of text.split(' ')) {
    if (cur !== '' && cur.length + 1 + w.length > width) {
      out.push(cur);
      cur = w;
    } else cur = cur === '' ? w : `${cur} ${w}`;
  }
  if (cur !== '') out.push(cur);
  return out;
}

const starts = (lines: string[], lang: string | null): number[] =>
  wrappedParagraphs(lines, lines.map((l) => lineFeatures(l, lang, null)));

// An invented essay: the Chinese fixtures twice over, so that it fills more than eight wrapped lines.
const ESSAY = [...ZH, ...ZH].join('');
// Invented prose with long stretches between punctuation marks, as in older essays: some of its
// wrapped lines have no punctuation at all.
const LONG_CLAUSES =
  '在很长一段时间里镇上的老居民一直认为这条老街上的骑楼只是过去留下来的普通旧房子并没有什么特别值得保护的价值，' +
  '直到几位从外地来的建筑学者在这里住了整整一个夏天并把每一栋骑楼的结构和装饰都仔细地画了下来之后大家的看法才慢慢发生了变化。' +
  '现在每到周末就有许多年轻人专门从城里开车过来沿着老街一边散步一边拍照，' +
  '镇政府也把老街的保护和利用写进了今后几年的发展规划之中并为此专门成立了一个由老居民和专家共同参加的委员会。';

describe('hard-wrapped paragraphs', () => {
  test('a Chinese text wrapped at a fixed width is one paragraph', () => {
    const lines = wrapChars(ESSAY, 36);
    expect(lines.length).toBeGreaterThanOrEqual(8);
    expect(starts(lines, 'zh')).toEqual(lines.map(() => 0));
  });

  test('Chinese lines of varied length, or headlines cut to one short length, are not wrapped', () => {
    const sentences = ESSAY.split('。').filter((s) => s !== '').map((s) => `${s}。`);
    expect(starts(sentences, 'zh').every((s) => s === -1)).toBe(true);
    const headlines = Array.from({ length: 12 }, (_, i) => ESSAY.slice(i * 20, i * 20 + 24));
    expect(starts(headlines, 'zh').every((s) => s === -1)).toBe(true);
  });

  test('a word-wrapped sentence runs on into a line that starts in lowercase', () => {
    const lines = ['Short heading', ...wrapWords(EN[0]!, 60), 'Next Section', ...wrapWords(EN[1]!, 60)];
    const s = starts(lines, 'en');
    expect(s[0]).toBe(-1);
    expect(s.slice(1, 1 + wrapWords(EN[0]!, 60).length).every((x) => x === 1)).toBe(true);
    // A menu: short labels, or lines that end like a label, do not run on.
    const menu = ['Home', 'about us', 'Latest news from the region and the world:', 'contact the newsroom today'];
    expect(starts(menu, 'en')).toEqual([-1, -1, -1, -1]);
  });

  test('a hard-wrapped Chinese essay is kept whole, though some of its lines have no punctuation', () => {
    const lines = wrapChars(LONG_CLAUSES + ESSAY, 36);
    const alone = lines.filter((l) => classifyLine(lineFeatures(l, 'zh', null), true) === 'bad');
    expect(alone.length).toBeGreaterThan(0);
    const { record } = cleanBody(['首页', '新闻', ...lines, '版权所有']);
    expect(keptLines(record)).toEqual(lines);
  });
});
