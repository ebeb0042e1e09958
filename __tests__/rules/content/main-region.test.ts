import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from '../../helpers/clean.js';
import { EN, DE } from '../../helpers/fixtures.js';

const RULE = 'content/main-region';
const RULES = ['normalize/empty-line', RULE];

describe(RULE, () => {
  test('the article stays; a short prose-like teaser far below it is removed', () => {
    const filler = Array.from({ length: 12 }, (_, k) => `Link ${k + 1}: more local headlines from the harbour district`);
    const teaser =
      'Sponsored: our partners have picked these holiday cottages for you, and you can book any of them today with a discount of ten percent if you use the code shown below.';
    const body = [...EN, ...filler, teaser];
    const { record } = cleanBody(body, { rules: RULES });
    const nos = removedLineNos(record, RULE);
    expect(nos).toContain(body.length);
    for (let k = 1; k <= EN.length; k++) expect(nos).not.toContain(k);
  });

  test('a heading and byline just before the article are kept', () => {
    const body = ['Harbour bridge reopens', 'By Jane Roe, transport reporter', ...EN];
    const { record } = cleanBody(body, { rules: RULES });
    expect(removedLineNos(record)).toEqual([]);
  });

  test('two article parts separated by a short gap both stay', () => {
    const body = [EN[0]!, EN[1]!, 'Advertisement', EN[2]!, EN[3]!];
    const { record } = cleanBody(body, { rules: RULES });
    expect(keptLines(record)).toEqual(body);
  });

  // Regression: neargood paragraphs (under 200 characters) after the last good one end the article.
  test('a medium-length closing paragraph right after the article is kept', () => {
    const closing = 'The work was planned for years - it was first proposed in 2019 - but it was delayed twice while the council searched for money.';
    const { record } = cleanBody([EN[0]!, EN[1]!, closing], { rules: RULES });
    expect(keptLines(record)).toEqual([EN[0], EN[1], closing]);
  });

  // Regression: neargood paragraphs plus an ingredient list between two good paragraphs stay.
  test('medium-length paragraphs between two prose clusters are kept', () => {
    const mid = [
      'Im Winter sinkt die Raumtemperatur bei uns nachts oft unter siebzehn Grad, und bei dieser Kälte arbeiten die Hefen nur träge.',
      'Ich stelle den Sauerteig deshalb jetzt in den Backofen, in dem nur die Lampe eingeschaltet ist, so bleibt es schön warm.',
    ];
    const list = ['Für das Brot brauche ich:', '500 g Roggenmehl', '350 ml Wasser', '100 g Anstellgut', '12 g Salz'];
    const body = [DE[0]!, ...mid, ...list, DE[1]!];
    const { record } = cleanBody(body, { rules: RULES });
    expect(keptLines(record)).toEqual(body);
  });

  test('prose far before the article (its lead, split off by a gallery) stays; the same far after it goes', () => {
    const filler = Array.from({ length: 12 }, (_, k) => `Photo ${k + 1}: the harbour district at night, seen from the bridge`);
    const lead =
      'The harbour bridge reopened on Saturday after two years of repairs, and the first cars crossed it shortly after six in the morning while a small crowd watched from the quay.';
    const before = cleanBody([lead, ...filler, ...EN], { rules: RULES });
    expect(removedLineNos(before.record, RULE)).not.toContain(1);
    const after = cleanBody([...EN, ...filler, lead], { rules: RULES });
    expect(removedLineNos(after.record, RULE)).toContain(EN.length + filler.length + 1);
  });

  test('lines between two kept prose clusters stay; only the tail after the last one goes', () => {
    const points = Array.from({ length: 12 }, (_, k) => `Point ${k + 1}: what the council promised for the harbour district`);
    const tail = Array.from({ length: 3 }, (_, k) => `More from the harbour district, part ${k + 1}`);
    const body = [EN[0]!, EN[1]!, ...points, EN[2]!, EN[3]!, ...tail];
    const { record } = cleanBody(body, { rules: RULES });
    const nos = removedLineNos(record, RULE);
    expect(nos).toEqual([body.length - 2, body.length - 1, body.length]);
  });

  test('a later cluster with a small share stays when it holds several paragraphs of prose', () => {
    const para = (k: number): string => EN[k % EN.length]!;
    const main = Array.from({ length: 32 }, (_, k) => para(k));
    const caption = Array.from({ length: 12 }, (_, k) => `Figure ${k + 1}: the harbour district at night, seen from the bridge`);
    const body = (secondPart: number): string[] => [...main, ...caption, ...Array.from({ length: secondPart }, (_, k) => para(k))];
    // 7 paragraphs (~1,750 characters, a fifth of the main cluster's prose) are a second part.
    const long = cleanBody(body(7), { rules: RULES });
    expect(removedLineNos(long.record, RULE)).toEqual([]);
    // 4 paragraphs (~1,000 characters, an eighth) after a long non-prose gap are cut.
    const short = cleanBody(body(4), { rules: RULES });
    expect(removedLineNos(short.record, RULE)).toEqual([...caption, 1, 2, 3, 4].map((_, k) => main.length + k + 1));
  });

  test('a list of full sentences after the article counts half as a gap; headline-like lines count whole', () => {
    const main = [EN[0]!, EN[1]!, EN[2]!, EN[3]!, EN[0]!, EN[1]!];
    const items = ['the bridge reopens to buses and taxis from Monday', 'the cycle lane opens once the lighting is in', 'the toll stays at two pounds until the spring', 'night closures end when the barriers are fixed', 'the ferry keeps its winter timetable for now', 'traders on the north side get help with rates'];
    const closing = EN[2]!;
    const sentences = [...main, ...items.map((t) => `${t};`), closing];
    expect(removedLineNos(cleanBody(sentences, { rules: RULES }).record, RULE)).toEqual([]);
    // Headlines start with a capital: lower-case lines without a stop that follow one another read
    // as one hard-wrapped sentence (core/hardwrap.ts) and are judged as that sentence.
    const headlines = [...main, ...items.map((t) => t[0]!.toUpperCase() + t.slice(1)), closing];
    expect(removedLineNos(cleanBody(headlines, { rules: RULES }).record, RULE)).toEqual(items.concat(closing).map((_, k) => main.length + k + 1));
  });
});
