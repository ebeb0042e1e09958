import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from '../../helpers/clean.js';
import { EN, DE, ZH } from '../../helpers/fixtures.js';

const RULE = 'boilerplate/section-cutoff';

describe(RULE, () => {
  test('"Related" after the article cuts the teasers that follow, up to the next prose line', () => {
    const body = [EN[0]!, EN[1]!, 'Related', 'Ferry timetable changes for the summer', 'New bus lane opens on Quay Street', EN[2]!];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed).toEqual([
      expect.objectContaining({ rule: RULE, lines: [3, 5], text: body.slice(2, 5).join('\n'), evidence: { label: 'Related' } }),
    ]);
    expect(keptLines(record)).toEqual([EN[0], EN[1], EN[2]]);
  });

  test('German "Mehr zum Thema" and "Lesen Sie auch:" labels', () => {
    const body = [DE[0]!, DE[1]!, 'Mehr zum Thema', 'Roggenbrot ohne Hefe backen', 'Anstellgut richtig füttern', 'Lesen Sie auch: Dinkel oder Weizen?'];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(removedLineNos(record, RULE)).toEqual([3, 4, 5, 6]);
  });

  test('Chinese 相关阅读 / 相关新闻 to the end of the page', () => {
    const body = [ZH[0]!, ZH[1]!, '相关新闻', '青石镇举办第三届龙舟文化节', '老城区停车位改造方案公布'];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed).toEqual([expect.objectContaining({ rule: RULE, lines: [3, 5] })]);
  });

  test('Chinese 为你推荐 (recommended for you) cuts the teaser list after the article', () => {
    const body = [ZH[0]!, ZH[1]!, '为你推荐', '金融委最新定调！鼓励境外资金进入境内金融市场', '2019-09-30 07:42'];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed).toEqual([expect.objectContaining({ rule: RULE, lines: [3, 5] })]);
  });

  test('a label before the first prose line is left alone (it may be a menu item)', () => {
    const body = ['Related', 'Most read', 'Latest', EN[0]!, EN[1]!];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed).toEqual([]);
  });

  test('a prose sentence that mentions related stories is not a label', () => {
    const body = [EN[0]!, 'Related stories about the bridge closure and the long detours it caused can be found in our transport section.', EN[1]!];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed).toEqual([]);
  });

  // KNOWN BUG (reported): the prefix "related:" folds to the key "related" (keys drop punctuation),
  // so a short prose line starting with "Related" after the article opens a cut-off region and
  // takes the following short lines with it.
  test('a short sentence starting with "Related to this" is not a section label', () => {
    const body = [EN[0]!, 'Related to this, the council said:', '"We will review the bus routes."', 'It did not say when.', EN[1]!];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed).toEqual([]);
  });
});
