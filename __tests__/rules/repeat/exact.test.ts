import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines } from '../../helpers/clean.js';
import { EN, ZH } from '../../helpers/fixtures.js';

const RULE = 'repeat/exact';

describe(RULE, () => {
  test('a duplicated block: the first copy stays, the second is one span pointing at the first', () => {
    const block = [ZH[0]!, ZH[1]!, ZH[2]!];
    const body = ['标题行', ...block, ...block, '暂时没有评论'];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed).toEqual([{ rule: RULE, reason: expect.any(String), lines: [5, 7], text: block.join('\n'), evidence: { firstCopyLine: 2 } }]);
    expect(keptLines(record)).toEqual(['标题行', ...block, '暂时没有评论']);
  });

  test('repeats differing only in case, spacing and punctuation are repeats', () => {
    const body = [EN[0]!, 'Home | News | Sport', EN[1]!, 'home  news  sport', 'HOME » NEWS » SPORT!'];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed.map((s) => s.lines)).toEqual([[4, 5]]);
    expect(record.removed[0]!.evidence).toEqual({ firstCopyLine: 2 });
  });

  test('repeats with header: line numbers are file lines', () => {
    const body = [EN[0]!, EN[1]!, EN[0]!];
    const { record } = cleanBody(body, { rules: [RULE], header: { title: 'T' } });
    expect(record.removed).toEqual([expect.objectContaining({ lines: [7, 7], evidence: { firstCopyLine: 5 } })]);
  });

  test('distinct lines and blank lines are not repeats', () => {
    const { record } = cleanBody([EN[0]!, '', EN[1]!, '', EN[2]!], { rules: [RULE] });
    expect(record.removed).toEqual([]);
  });
});
