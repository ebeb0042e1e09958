import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from '../../helpers/clean.js';
import { ZH, EN } from '../../helpers/fixtures.js';

const RULE = 'boilerplate/nav-slugs';
const PINYIN = ['xuexi', 'redian', 'shizheng', 'chanye', 'qinao', 'dawanqu', 'zhengwuhao', 'xiangzhou'];

describe(RULE, () => {
  test('a run of pinyin channel slugs is removed as one span', () => {
    const { record } = cleanBody([...PINYIN, ZH[0]!, ZH[1]!], { rules: [RULE] });
    expect(record.removed).toEqual([expect.objectContaining({ rule: RULE, lines: [1, 8], text: PINYIN.join('\n'), evidence: { runLength: 8 } })]);
    expect(keptLines(record)).toEqual([ZH[0], ZH[1]]);
  });

  test('URL path words with hyphens/underscores and digits count as slugs; blank lines do not break the run', () => {
    const body = [ZH[0]!, 'news-world', '', 'sport_2024', 'tech', 'yule', ZH[1]!];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(removedLineNos(record, RULE)).toEqual([2, 4, 5, 6]);
  });

  test('two slug lines in a row are kept (tag lists, identifiers)', () => {
    const body = [EN[0]!, 'npm', 'yarn', EN[1]!, 'redian', EN[2]!];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed).toEqual([]);
  });

  test('capitalised words, CJK, spaces and long tokens break the run', () => {
    const body = ['xuexi', 'Redian', 'shizheng', '新闻', 'chanye', 'two words', 'qinao', 'a'.repeat(31), 'dawanqu'];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed).toEqual([]);
  });
});
