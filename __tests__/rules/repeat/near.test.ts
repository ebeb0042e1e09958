import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from '../../helpers/clean.js';
import { EN, ZH } from '../../helpers/fixtures.js';

const RULE = 'repeat/near';

describe(RULE, () => {
  test('a long line repeated with one word changed is removed; the first copy stays', () => {
    const changed = EN[1]!.replace('slightly under', 'slightly over');
    expect(changed).not.toBe(EN[1]);
    const { record } = cleanBody([EN[0]!, EN[1]!, EN[2]!, changed], { rules: ['repeat/exact', RULE] });
    expect(record.removed).toEqual([
      expect.objectContaining({ rule: RULE, lines: [4, 4], text: changed, evidence: { firstCopyLine: 2, dice: expect.any(Number) } }),
    ]);
    expect((record.removed[0]!.evidence as { dice: number }).dice).toBeGreaterThanOrEqual(0.9);
    expect(keptLines(record)).toEqual([EN[0], EN[1], EN[2]]);
  });

  test('a Chinese line with a changed number is a near repeat', () => {
    const changed = ZH[0]!.replace('二十多栋', '三十多栋');
    const { record } = cleanBody([ZH[0]!, ZH[1]!, changed], { rules: ['repeat/exact', RULE] });
    expect(removedLineNos(record, RULE)).toEqual([3]);
  });

  test('exact repeats are left to repeat/exact (not reported twice)', () => {
    const { record } = cleanBody([EN[0]!, EN[0]!], { rules: ['repeat/exact', RULE] });
    expect(record.removed.map((s) => s.rule)).toEqual(['repeat/exact']);
  });

  test('different sentences on one template and short lines are kept', () => {
    const body = [
      'Photo: Anna Berg / Harbour Town Council press office archive',
      'Photo: Jonas Weber / Harbour Town Council press office archive',
      'Score: 1 - 0',
      'Score: 2 - 0',
      EN[0]!,
      EN[2]!,
    ];
    const { record } = cleanBody(body, { rules: ['repeat/exact', RULE] });
    expect(removedLineNos(record, RULE)).toEqual([]);
  });
});
