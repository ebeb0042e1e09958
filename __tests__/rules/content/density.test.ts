import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from '../../helpers/clean.js';
import { EN, DE, ZH } from '../../helpers/fixtures.js';

const RULE = 'content/density';
const RULES = ['normalize/empty-line', RULE];

describe(RULE, () => {
  test('English: prose paragraphs stay, isolated short lines outside prose go', () => {
    const body = ['Weather: 12°C', 'Trending now', EN[0]!, EN[1]!, EN[2]!, 'Advertisement 300x250', 'Listen to this article 4 min'];
    const { record } = cleanBody(body, { rules: RULES });
    expect(removedLineNos(record, RULE)).toEqual([1, 2, 6, 7]);
    expect(keptLines(record)).toEqual([EN[0], EN[1], EN[2]]);
    expect(record.removed[0]!.evidence).toEqual(expect.objectContaining({ class: expect.any(String), weight: expect.any(Number) }));
  });

  test('a short line between two prose paragraphs is kept (a subheading)', () => {
    const body = [EN[0]!, 'What happens next', EN[1]!];
    const { record } = cleanBody(body, { rules: RULES });
    expect(removedLineNos(record)).toEqual([]);
  });

  test('German and Chinese prose is kept; a number-only line between non-prose lines is dropped', () => {
    const de = cleanBody(['12.01.2024', ...DE, '1.234 Aufrufe'], { rules: RULES });
    expect(keptLines(de.record)).toEqual(DE);
    const zh = cleanBody(['2024-05-20 09:30', ...ZH, '阅读 1234'], { rules: RULES });
    expect(keptLines(zh.record)).toEqual(ZH);
    expect(removedLineNos(zh.record, RULE)).toEqual([1, 5]);
  });

  test('lines already removed by a boilerplate rule count as bad context', () => {
    // "Read the full story" alone between prose would be kept; next to the claimed menu and
    // before the end of page it is dropped.
    const body = [EN[0]!, EN[1]!, 'Read the full story', 'Privacy Policy'];
    const { record } = cleanBody(body, { rules: ['normalize/empty-line', 'footer/legal', RULE] });
    expect(removedLineNos(record, RULE)).toEqual([3]);
    expect(removedLineNos(record, 'footer/legal')).toEqual([4]);
  });

  // Regression: an article of medium paragraphs (70-200 characters, no `good` line by length)
  // must not lose its whole text (each neargood line would have only `bad` neighbours).
  test('an article made only of medium-length paragraphs keeps its text', () => {
    const body = [
      'The river festival returned to the old town on Saturday after a break of two years, and the organisers said that many visitors came.',
      'Most of the stalls along the quay sold food and drink from local farms, and the evening concert on the water was very popular.',
      'The organisers hope to hold the festival again next summer if the council agrees to close the quay to traffic for the weekend.',
    ];
    const { record } = cleanBody(body, { rules: RULES });
    expect(keptLines(record)).toEqual(body);
  });

  // KNOWN BUG (reported): the same for Chinese. CJK lines are `good` only above weight 200
  // (80 characters); a news brief of 40-70 character paragraphs has no good line and loses all text.
  test('a Chinese article made only of medium-length paragraphs keeps its text', () => {
    const body = [
      '记者从市交通局了解到，全市首条跨江隧道将于下月试通车，届时从江北到江南的车程将大大缩短。',
      '隧道全长约三公里，双向六车道，施工期间克服了软土地基和江底高水压等多项技术难题。',
      '交通部门提醒，试通车期间隧道内限速每小时六十公里，请广大驾驶员注意安全，文明驾驶。',
    ];
    const { record } = cleanBody(body, { rules: RULES });
    expect(keptLines(record)).toEqual(body);
  });

  test('a short full sentence right after the last paragraph stays; a short label or a sentence one line further does not', () => {
    const body = [EN[0]!, EN[1]!, 'I hope you like the new look of the blog.', 'Tags: bridge, traffic', 'We will be back with more next week.', 'Share this'];
    const { record } = cleanBody(body, { rules: ['normalize/empty-line', 'boilerplate/meta-labels', RULE] });
    expect(keptLines(record)).toEqual([EN[0], EN[1], 'I hope you like the new look of the blog.']);
    // not sentence-like: no sentence end, or too few words
    const labels = cleanBody([EN[0]!, EN[1]!, 'Our most popular stories', 'Tags: bridge, traffic'], { rules: ['normalize/empty-line', 'boilerplate/meta-labels', RULE] });
    expect(keptLines(labels.record)).toEqual([EN[0], EN[1]]);
    const few = cleanBody([EN[0]!, EN[1]!, 'Thanks, Anna!', 'Tags: bridge, traffic'], { rules: ['normalize/empty-line', 'boilerplate/meta-labels', RULE] });
    expect(keptLines(few.record)).toEqual([EN[0], EN[1]]);
  });

  test('the same for a Chinese closing sentence (two punctuation marks)', () => {
    const body = [ZH[0]!, ZH[1]!, '正是有了你们，才有这座城！', '责任编辑：张三'];
    const { record } = cleanBody(body, { rules: ['normalize/empty-line', 'boilerplate/meta-labels', RULE] });
    expect(keptLines(record)).toEqual([ZH[0], ZH[1], '正是有了你们，才有这座城！']);
  });

  test('an exact repeat is context of its own class: a copied non-prose line is bad context', () => {
    // (A copied paragraph would be good context, but the kept text alone no longer has the copy:
    // the idempotence re-check in core/clean.ts removes what leaned on it.)
    const menu = 'Newsletter | Podcast | Weather | Traffic | Markets | Jobs | Property | Motors | Puzzles';
    const { record } = cleanBody([menu, EN[0]!, 'What happens next', menu, EN[1]!], { rules: ['normalize/empty-line', 'repeat/exact', RULE] });
    expect(removedLineNos(record, 'repeat/exact')).toEqual([4]);
    expect(keptLines(record)).toEqual([EN[0], EN[1]]);
  });

  test('numbered steps on lines of their own: the markers are skipped as context, the steps stay', () => {
    const steps = [
      'Put the flour, the sugar and the salt in a large bowl and mix them well.',
      'Add the eggs and the butter and stir with a wooden spoon until the dough is smooth and firm; if it is too dry, add a little milk, and if it is too wet, add a little more of the flour until it no longer sticks to your hands.',
      'Roll the dough into small balls and put them on a tray lined with paper.',
      'Bake them in the hot oven for about twenty minutes, until they are golden.',
    ];
    const body = ['Recipes', 'Cookies', 'Share', '1.', steps[0]!, '2.', steps[1]!, '3.', steps[2]!, '4.', steps[3]!, 'Sign in'];
    const { record } = cleanBody(body, { rules: RULES });
    expect(keptLines(record)).toEqual(steps);
    // The markers themselves are not prose and go.
    expect(removedLineNos(record, RULE)).toEqual(expect.arrayContaining([4, 6, 8, 10]));
    // A separator between teasers is not a list marker: it stays bad context.
    const teasers = cleanBody(['Home', '»»»', steps[0]!, '»»»', steps[1]!, '»»»', steps[2]!, '»»»', 'Contact'], { rules: RULES });
    expect(keptLines(teasers.record)).toEqual([steps[1]]);
  });

  test('a page with no prose line keeps its densest run across lone punctuation lines', () => {
    // Hard-wrapped Chinese text: every line is near-good at most, and a lone `。` line must not
    // split the run (the fallback would otherwise keep only the heavier half); it stays inside it.
    const wrapped = ['人心不会熄灭，但它可能蒙上灰烬而不再燃烧。灰烬是燃烧的产物，反过来又抑制了燃烧。拨开灰烬，你', '会看到重新燃烧的人心。当今中国最流行的是什么主义？答：犬儒主义。这个答案并不让人意外，因为'];
    const more = ['犬儒主义是个外来词，中文里本来没有现成的对应词。我们通常把它理解为讥诮嘲讽，愤世嫉俗，玩世', '不恭。这些理解都不算错，但要对犬儒一词有更完整的把握，有必要略略追溯一下它的来历和演变过程'];
    const body = ['首页', '新闻', ...wrapped, '。', ...more, '返回顶部'];
    const { record } = cleanBody(body, { rules: RULES });
    expect(keptLines(record)).toEqual([...wrapped, '。', ...more]);
  });

  test('date stamps between list entries: three or more are list rhythm (short), one stays bad context', () => {
    const entries = [
      'Office support person needed for our small and relaxed office, some of the duties are filing and phones',
      'School crossing guard wanted for the borough, apply in person at the office on South Broad Street',
      'Grounds keeping job for a person with an interest in lawn, shrub and tree care, full or part time',
    ];
    const listed = [EN[0]!, entries[0]!, '12-13-06', entries[1]!, '12-20-06', entries[2]!, '11-1-06', EN[1]!];
    const list = cleanBody(listed, { rules: RULES });
    expect(keptLines(list.record)).toEqual(listed);
    // Two stamps are not a list: each is still bad context, and the entry between them goes.
    const two = cleanBody([EN[0]!, entries[0]!, '12-13-06', entries[1]!, '12-20-06', entries[2]!, EN[1]!], { rules: RULES });
    expect(removedLineNos(two.record, RULE)).toEqual([3, 4, 5]);
  });
});
