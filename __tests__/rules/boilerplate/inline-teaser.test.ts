import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos, removedBy } from '../../helpers/clean.js';
import { EN, DE, ZH } from '../../helpers/fixtures.js';

const RULE = 'boilerplate/inline-teaser';

describe(RULE, () => {
  test('"Read more: <headline>" inside the article goes, longer than the lexicon maxWeight (60)', () => {
    const teaser = 'Read more: Looted colonial art: Germany to set up new contact office'; // 68 characters
    const body = [EN[0]!, teaser, EN[1]!];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed).toEqual([expect.objectContaining({ rule: RULE, lines: [2, 2], text: teaser, evidence: { label: 'readmore' } })]);
    expect(keptLines(record)).toEqual([EN[0], EN[1]]);
  });

  test('German prefix label with a colon, and a Chinese label with a full-width colon', () => {
    const body = [DE[0]!, 'Lesen Sie auch: Dinkel oder Weizen – welches Mehl für welches Brot?', DE[1]!, '相关阅读：青石镇举办第三届龙舟文化节', ZH[0]!];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(removedLineNos(record, RULE)).toEqual([2, 4]);
  });

  test('not before the first prose line, not a label alone, not without a colon, not a long prose line', () => {
    const body = [
      'Read more: Our most popular stories of the week',
      EN[0]!,
      'Related',
      'Read more in our transport section',
      'Latest: the council said on Tuesday that the bridge would stay open to buses and taxis at night, and that the cycle lane on the north side would be widened next year.',
      EN[1]!,
      'Read more:',
    ];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(record.removed).toEqual([]);
  });

  test('a heading after a teaser link keeps its prose context (the link is skipped, not bad context)', () => {
    const body = [EN[0]!, EN[1]!, 'Read more: Looted colonial art: Germany to set up new contact office', 'Freedom fighters replace colonial leaders', EN[2]!];
    const { record } = cleanBody(body);
    expect(removedBy(record)).toEqual(new Map([[3, RULE]]));
    expect(keptLines(record)).toContain('Freedom fighters replace colonial leaders');
  });
});
