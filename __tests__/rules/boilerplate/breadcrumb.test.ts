import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from '../../helpers/clean.js';
import { EN, ZH } from '../../helpers/fixtures.js';

const RULE = 'boilerplate/breadcrumb';

describe(RULE, () => {
  test.each([
    'Home | News | Sport',
    'Home > News > Local',
    'Start » Politik » Inland',
    'Startseite › Backen › Sauerteig',
    '首页 > 新闻 > 正文',
    '首页>新闻>正文',
    '网易首页 / 应用 / 新闻',
    '体育 | 娱乐 | 财经 | 汽车 | 科技',
    '当前位置：首页 》 本地新闻 》 正文',
    'News · World · Europe · Politics',
  ])('one-line menu %p is removed', (line) => {
    const { record } = cleanBody([line, EN[0]!], { rules: [RULE] });
    expect(record.removed).toEqual([expect.objectContaining({ rule: RULE, lines: [1, 1], text: line })]);
    expect(keptLines(record)).toEqual([EN[0]]);
  });

  test.each([
    ['prose with " - " inside', 'The work was planned for years - it was first proposed in 2019 - but it was delayed twice.'],
    ['two items only', 'Home | News'],
    ['items that are clauses', 'We tried the north gate | it was closed for repairs | so we walked around the park'],
    ['a date range with slashes', 'Opening hours 9.00 / 12.00 / 17.00 on weekdays, closed on public holidays.'],
    ['Chinese prose with 》', '他最近读了《围城》和《平凡的世界》，觉得后者更打动人。'],
  ])('kept: %s', (_name, line) => {
    const { record } = cleanBody([EN[0]!, line, ZH[0]!], { rules: [RULE] });
    expect(removedLineNos(record)).toEqual([]);
  });
});
