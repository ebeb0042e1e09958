import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from '../../helpers/clean.js';
import { EN, DE } from '../../helpers/fixtures.js';

const RULE = 'boilerplate/menu-run';
// Rules a real run applies before menu-run that matter here (claims and blanks).
const RULES = ['normalize/empty-line', RULE];

describe(RULE, () => {
  test('a menu of short labels before the first prose line is removed', () => {
    const menu = ['Home', 'News', 'Sport', 'Business', 'Culture', 'Opinion'];
    const { record } = cleanBody([...menu, EN[0]!, EN[1]!], { rules: RULES });
    expect(record.removed).toEqual([expect.objectContaining({ rule: RULE, lines: [1, 6], evidence: { runLength: 6 } })]);
    expect(keptLines(record)).toEqual([EN[0], EN[1]]);
  });

  test('a link list after the last prose line is removed (blank lines inside the run are bridged)', () => {
    const links = ['Ferry timetable changes for the summer', '', 'New bus lane opens on Quay Street', 'Council approves the budget', 'Five cafés worth the walk'];
    const { record } = cleanBody([EN[0]!, EN[1]!, ...links], { rules: RULES });
    expect(removedLineNos(record, RULE)).toEqual([3, 5, 6, 7]);
    expect(removedLineNos(record, 'normalize/empty-line')).toEqual([4]);
  });

  test('a short ingredient list inside the article is kept', () => {
    const body = [DE[0]!, 'Für das Brot brauche ich:', '500 g Roggenmehl', '350 ml Wasser', '100 g Anstellgut', '12 g Salz', DE[1]!, DE[2]!];
    const { record } = cleanBody(body, { rules: RULES });
    expect(removedLineNos(record)).toEqual([]);
    expect(keptLines(record)).toEqual(body);
  });

  test('a long run of labels inside the content is removed', () => {
    const tags = ['Brot', 'Sauerteig', 'Roggen', 'Winter', 'Backofen', 'Hefe', 'Mehl', 'Wasser', 'Salz', 'Kruste', 'Krume'];
    const { record } = cleanBody([DE[0]!, ...tags, DE[1]!], { rules: RULES });
    expect(removedLineNos(record, RULE)).toEqual(tags.map((_, k) => k + 2));
  });

  test('three labels at the edge are not a menu; sentences are not labels', () => {
    const body = ['Home', 'News', 'Sport', EN[0]!, 'It rained.', 'Then it snowed.', 'Then it rained again.', 'Nobody was surprised.'];
    const { record } = cleanBody(body, { rules: RULES });
    expect(removedLineNos(record)).toEqual([]);
  });

  test('an ingredient list (labels that start with a quantity) is not a menu, even before the first prose line', () => {
    const ingredients = ['Zutaten', '350 g Zucker', '500 ml Milch', '4 EL Milch', '450 g weiche Butter', '350 g Mehl', 'Salz', '5 Eier (Gr. M)', '1 Pck. Backpulver', '2 EL Backkakao', '200 g Schlagsahne', '20 g Mini-Marshmallows'];
    const { record } = cleanBody([...ingredients, ...DE], { rules: [RULE] });
    expect(removedLineNos(record, RULE)).toEqual([]);
    // The same number of plain labels is a menu.
    const menu = ['Rezepte', 'Backen', 'Kochen', 'Getränke', 'Desserts', 'Vegetarisch', 'Schnell', 'Grillen', 'Salate', 'Suppen', 'Brot', 'Kuchen'];
    expect(removedLineNos(cleanBody([...menu, ...DE], { rules: [RULE] }).record, RULE)).toHaveLength(menu.length);
  });
});

