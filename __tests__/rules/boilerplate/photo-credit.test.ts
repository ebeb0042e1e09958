import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from '../../helpers/clean.js';
import { EN, DE, ZH } from '../../helpers/fixtures.js';

const RULE = 'boilerplate/photo-credit';

describe(RULE, () => {
  test('captions and credits with a credit label go, in several languages', () => {
    const credits = [
      'Bundesminister bei der Pressekonferenz in Berlin. Foto: dpa/Kay Nietfeld',
      '(Foto: ABr)',
      'Photo by Jane Roe on Unsplash',
      'The island seen from the north. Photo: Fauna & Flora International',
      'Crédits photos : Bestimage',
    ];
    const { record } = cleanBody([EN[0]!, ...credits, EN[1]!], { rules: [RULE] });
    expect(removedLineNos(record, RULE)).toEqual([2, 3, 4, 5, 6]);
    expect(keptLines(record)).toEqual([EN[0], EN[1]]);
    const zh = cleanBody([ZH[0]!, '摄影：张三', ZH[1]!], { rules: [RULE] });
    expect(removedLineNos(zh.record, RULE)).toEqual([2]);
  });

  test('prose that mentions photos, source lines and long lines stay', () => {
    const keep = [
      'The photographer said the photo was taken at dawn from the old lighthouse.',
      'Quelle: Statistisches Bundesamt, eigene Berechnungen',
      `${DE[0]} Foto: dpa`,
    ];
    const { record } = cleanBody([EN[0]!, ...keep, EN[1]!], { rules: [RULE] });
    expect(removedLineNos(record, RULE)).toEqual([]);
  });
});
