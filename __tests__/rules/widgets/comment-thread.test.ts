import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from '../../helpers/clean.js';
import { EN, DE } from '../../helpers/fixtures.js';

const RULE = 'widgets/comment-thread';

const thread = [
  'Anna June 28, 2015 at 10:25 pm',
  'What a wonderful article, I learned so much from it and I will share it with my friends.',
  'Reply',
  'Tom June 29, 2015 at 8:02 am',
  'I disagree with the second point, but the rest of the piece is very well argued.',
  'Reply',
  'Maria July 1, 2015 at 6:57 pm',
  'Thanks for writing this, it is exactly what I was looking for this week.',
];

describe(RULE, () => {
  test('an announced thread after the article goes, from its label to the end of the last comment', () => {
    const body = [EN[0]!, EN[1]!, '3 comments', ...thread, 'Reply', 'Privacy Policy'];
    const { record } = cleanBody(body, { rules: [RULE] });
    // label at line 3, thread lines 4-11, the last comment's reply line 12 (median comment = 3 lines)
    expect(removedLineNos(record, RULE)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(keptLines(record)).toEqual([EN[0], EN[1], 'Privacy Policy']);
    expect(record.removed[0]!.evidence).toEqual(expect.objectContaining({ stamps: 3 }));
  });

  test('German stamps (`um 18:55 Uhr`) and a `Kommentare` label', () => {
    const de = ['Kommentare', 'Mareike sagt:', '8. Dezember 2010 um 10:56 Uhr', 'Eine interessante Art, das zuzubereiten.', 'Jan sagt:', '9. Dezember 2010 um 08:12 Uhr', 'Habe ich gleich ausprobiert.', 'Eva sagt:', '10. Dezember 2010 um 21:40 Uhr', 'Sehr lecker!'];
    const { record } = cleanBody([...DE, ...de], { rules: [RULE] });
    expect(keptLines(record)).toEqual(DE);
  });

  test('relative-time stamps (`5小时前`, `3 hours ago`) under a comment label', () => {
    const zh = ['4,060 条评论', '评论', '我每天都在微笑 5小时前', '建议以后这种危险景区给游客佩戴定位手环。', '回复 1', '顺风顺水 4分钟前', '孩子失踪的地方离冰川多远？', '回复 1', '风子 3小时前', '从出口监控没有看到失踪孩子。'];
    const zhRecord = cleanBody([...DE, ...zh], { rules: [RULE] }).record;
    expect(keptLines(zhRecord)).toEqual([...DE, '4,060 条评论']);
    const en = ['Comments', 'anna_k 5 hours ago', 'Great piece, thanks.', 'tom 3 hours ago', 'I disagree with the second point.', 'maria 2 days ago', 'Exactly what I needed.'];
    expect(keptLines(cleanBody([...EN, ...en], { rules: [RULE] }).record)).toEqual(EN);
    // Without the label, a list of items with ages (a news feed) stays.
    const feed = ['Bridge reopens 5 hours ago', 'A short item about the bridge.', 'Ferry timetable 3 hours ago', 'Another short item here.', 'Council meets 2 days ago', 'A third short item.'];
    expect(removedLineNos(cleanBody([...EN, ...feed], { rules: [RULE] }).record, RULE)).toEqual([]);
  });

  test('no label: dated posts are the page itself (a forum thread) and stay', () => {
    const body = [EN[0]!, EN[1]!, ...thread];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(removedLineNos(record, RULE)).toEqual([]);
  });

  test('dates without a clock time (an events list) and fewer than three stamps are not a thread', () => {
    const events = ['Comments', 'Berlin, 12 March 2022', 'The first concert of the tour.', 'Hamburg, 14 March 2022', 'The second concert.', 'Munich, 16 March 2022', 'The last concert.'];
    expect(removedLineNos(cleanBody([EN[0]!, ...events], { rules: [RULE] }).record, RULE)).toEqual([]);
    const two = [EN[0]!, '2 comments', ...thread.slice(0, 6)];
    expect(removedLineNos(cleanBody(two, { rules: [RULE] }).record, RULE)).toEqual([]);
  });

  test('a thread before the first prose line is left alone', () => {
    const body = ['3 comments', ...thread, EN[0]!];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(removedLineNos(record, RULE)).toEqual([]);
  });
  test('a clock time before the date makes a stamp too (`8:26 am September 20, 2010`)', () => {
    const wsj = ['Comments (3 of 3)', '8:26 am September 20, 2010', 'Anonymous wrote :', 'The camps should be dismantled, they are illegal.', '10:39 pm September 16, 2010', 'ex-EU Citizen wrote :', 'The French would surrender to a minefield!', '6:18 pm September 16, 2010', 'Nellie Popper wrote :', 'I tend to agree with the previous comment.'];
    expect(keptLines(cleanBody([...EN, ...wsj], { rules: [RULE] }).record)).toEqual(EN);
  });

  test('a list of posts, each with its own comment count, is not a thread', () => {
    const posts = ['Hot Fixes [ 11 Comments ]', 'A few hot fixes for a hot day from the Herald.', '-- Affek @ 2:36PM Wed 19 Jul 2006', 'Screenshot of the Day [ 3 Comments ]', 'Have a screenshot you would like to share? We will host it.', '-- Jolene @ 1:03PM Wed 19 Jul 2006', 'San Diego, Baby [ 7 Comments ]', 'The team heads for Comic Con tomorrow morning.', '-- mozah @ 4:46PM Tue 18 Jul 2006'];
    expect(removedLineNos(cleanBody([...EN, ...posts], { rules: [RULE] }).record, RULE)).toEqual([]);
  });
});
