import { describe, test, expect } from '@jest/globals';
import { extractDate, parseDate, dateFromUrl, findDates, urlYearMonth } from '../../src/meta/index.js';

const d = (s: string) => findDates(s).map((h) => `${h.parts.y}-${h.parts.m}-${h.parts.d}`);

describe('parseDate (header)', () => {
  test.each([
    ['2025-01-15', '2025-01-15'],
    ['2025-01-15T10:30:00Z', '2025-01-15T10:30:00'],
    ['2025-01-15 10:30', '2025-01-15T10:30'],
    ['Wed, 15 Jan 2025 10:30:00 +0000', '2025-01-15T10:30:00'],
    ['2025年1月15日', '2025-01-15'],
    ['2025年01月15日 08:05', '2025-01-15T08:05'],
    ['15.01.2025', '2025-01-15'],
    ['January 15, 2025', '2025-01-15'],
    ['Jan. 15th, 2025', '2025-01-15'],
    ['15 January 2025', '2025-01-15'],
    ['15. Januar 2025', '2025-01-15'],
    ['3. März 2024', '2024-03-03'],
    ['15 de enero de 2025', '2025-01-15'],
    ['15 janvier 2025', '2025-01-15'],
    ['20250115', '2025-01-15'],
    ['1736937000', '2025-01-15T10:30'],
  ])('%s → %s', (raw, iso) => expect(parseDate(raw)).toBe(iso));

  test('invalid dates are rejected', () => {
    for (const bad of ['2025-02-30', '2025-13-01', '31.04.2024', '1985-05-05', '2999-01-01', 'February 29, 2023', 'None', '', 'soon'])
      expect(parseDate(bad)).toBeNull();
    expect(parseDate('February 29, 2024')).toBe('2024-02-29');
  });
  test('slash dates are day-first unless only month-first is valid', () => {
    expect(parseDate('05/03/2024')).toBe('2024-03-05');
    expect(parseDate('01/23/2020')).toBe('2020-01-23');
  });
  test('month names must be whole words', () => {
    expect(d('Mark 15, 2020')).toEqual([]);
    expect(d('Version 2.1.2.2020')).toEqual([]);
    expect(d('1.2.2020')).toEqual(['2020-2-1']);
  });
});

describe('dateFromUrl', () => {
  test.each([
    ['https://x.com/2025/01/15/story', '2025-01-15'],
    ['https://x.com/news/2025/1/5/story.html', '2025-01-05'],
    ['http://www.x.cn/202501/15/t_1.html', '2025-01-15'],
    ['http://www.gov.cn/xinwen/t20250115_123.html', '2025-01-15'],
    ['https://x.de/artikel/20250115-story', '2025-01-15'],
    ['https://x.de/a/story-2025-01-15.html', '2025-01-15'],
    ['https://x.de/bericht_vom_22.04.2020_worauf', '2020-04-22'],
  ])('%s → %s', (url, iso) => expect(dateFromUrl(url)).toBe(iso));
  test('no day → no date; ids and invalid dates are not dates', () => {
    expect(dateFromUrl('https://x.com/2025/01/story')).toBeNull();
    expect(dateFromUrl('https://x.com/story/12345678')).toBeNull();
    expect(dateFromUrl('https://x.com/2025/13/45/story')).toBeNull();
    expect(dateFromUrl('https://web.archive.org/web/20130217080612id_/http://x.de/a')).toBeNull();
    expect(dateFromUrl(null)).toBeNull();
  });
  test('year/month context', () => {
    expect(urlYearMonth('https://x.com/2025/01/story')).toEqual({ y: 2025, m: 1 });
    expect(urlYearMonth('https://x.com/2019/43/story')).toEqual({ y: 2019 });
  });
});

describe('extractDate', () => {
  test('order: header, then URL, then text', () => {
    const lines = ['Veröffentlicht am 3. März 2024'];
    expect(extractDate({ headerDate: '2025-01-15', url: 'https://x.com/2024/02/02/a', lines })).toEqual({ date: '2025-01-15', source: 'header' });
    expect(extractDate({ headerDate: null, url: 'https://x.com/2024/02/02/a', lines })).toEqual({ date: '2024-02-02', source: 'url' });
    expect(extractDate({ headerDate: 'garbage', url: 'https://x.com/a', lines })).toEqual({ date: '2024-03-03', source: 'text' });
    expect(extractDate({ headerDate: null, url: null, lines: ['no date here'] })).toEqual({ date: null, source: null });
  });
  test('a labelled publication date beats an earlier unlabelled one; copyright is ignored', () => {
    const lines = ['© 2023 Example GmbH', 'Termin am 5. Mai 2024 in Berlin, Anmeldung bis Ende April bei der Geschäftsstelle möglich.', 'Headline', 'Published: 12 April 2024'];
    expect(extractDate({ headerDate: null, url: null, lines, title: 'Headline' }).date).toBe('2024-04-12');
  });
  test('updated dates lose to publication dates', () => {
    const lines = ['Headline', 'Aktualisiert am 19.02.2020', 'Veröffentlicht am 26.09.2019'];
    expect(extractDate({ headerDate: null, url: null, lines, title: 'Headline | Site' }).date).toBe('2019-09-26');
  });
  test('the byline next to the headline beats a list of dated teasers', () => {
    const lines = ['Other post 3. Januar 2020', 'Another post 13. November 2019', 'Third post 20. Oktober 2019', 'x', 'y', 'z', 'w', 'v', 'Die Überschrift', 'Von Anna Muster | 10. Februar 2019', 'Text.'];
    expect(extractDate({ headerDate: null, url: null, lines, title: 'Die Überschrift - Blog' }).date).toBe('2019-02-10');
  });
  test('Chinese: labelled date and month-day with the year from the URL', () => {
    expect(extractDate({ headerDate: null, url: null, lines: ['标题', '发布时间：2021-01-29 13:18 来源：新华网'], title: '标题' }).date).toBe('2021-01-29');
    expect(extractDate({ headerDate: null, url: 'https://x.cn/2021/01/a.html', lines: ['标题', '1月29日 13:18'], title: '标题' }).date).toBe('2021-01-29');
  });
  test('English and German text formats', () => {
    expect(extractDate({ headerDate: null, url: null, lines: ['By Jane Doe', 'January 15, 2025'] }).date).toBe('2025-01-15');
    expect(extractDate({ headerDate: null, url: null, lines: ['Stand: 15.01.2025 10:30 Uhr'] }).date).toBe('2025-01-15');
  });
});
