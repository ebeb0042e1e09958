import { describe, test, expect, beforeAll } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCorpus, type RunEvent } from '../../../src/core/run.js';
import { DEFAULT_CONFIG, type CleanConfig } from '../../../src/core/config.js';
import type { OutputRecord } from '../../../src/types.js';
import { page, removedLineNos } from '../../helpers/clean.js';

const RULE = 'boilerplate/site-template';

// Template lines that no lexicon rule knows (so only the learned template can remove them).
const TEMPLATE_A = ['Das Gemeindeblatt Nordheim erscheint jeden Donnerstag kostenlos in allen Haushalten.', 'Redaktionsschluss ist jeweils am Montag um 12 Uhr.'];
const TEMPLATE_B = ['Harbour Town Weekly is delivered free to every home on Thursday mornings.'];
const SHARED_TWO = 'Wetter heute: sonnig bei 21 Grad';

const DE_PROSE = [
  'Der Gemeinderat hat am Dienstagabend beschlossen, die alte Turnhalle neben der Grundschule nicht abzureißen, sondern für rund zwei Millionen Euro zu sanieren und danach auch den Vereinen am Wochenende zur Verfügung zu stellen.',
  'Die Freiwillige Feuerwehr bekommt im kommenden Frühjahr ein neues Löschfahrzeug, das die Gemeinde zusammen mit den beiden Nachbarorten angeschafft hat, weil das alte Fahrzeug inzwischen mehr als dreißig Jahre alt ist.',
  'Im Herbst soll der Radweg zwischen Nordheim und dem Bahnhof endlich fertig werden, nachdem sich die Bauarbeiten wegen eines Streits um zwei Grundstücke am Waldrand fast ein ganzes Jahr lang verzögert hatten.',
  'Die Bücherei im Rathaus verlängert ihre Öffnungszeiten und hat künftig auch am Samstagvormittag geöffnet, weil viele Familien unter der Woche keine Zeit haben, mit ihren Kindern neue Bücher auszuleihen.',
];
const EN_PROSE = [
  'The lifeboat crew was called out twice over the weekend, first to help a family whose dinghy had drifted beyond the harbour wall and then to tow a fishing boat with a broken engine back to the quay.',
  'A new bakery has opened in the old post office on Bridge Street, and its owner says that she wants to use flour from the mill on the river so that the bread tastes the way it did when she was a child.',
];

let dir: string;
let records: Map<string, OutputRecord>;

async function collect(paths: string[], config: CleanConfig): Promise<Map<string, OutputRecord>> {
  const out = new Map<string, OutputRecord>();
  const gen = runCorpus(paths, { config });
  for (;;) {
    const step = await gen.next();
    if (step.done) break;
    const ev: RunEvent = step.value;
    if (ev.kind === 'record') out.set(ev.record.source.path, ev.record);
  }
  return out;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-template-'));
  const a = (k: number, body: string[]) =>
    fs.writeFileSync(path.join(dir, `a${k}.txt`), page(body, { title: `Nordheim ${k}`, url: `https://gemeindeblatt-nordheim.example/artikel/${k}` }));
  // Host A: four pages share the template; SHARED_TWO is on two pages only.
  a(1, [TEMPLATE_A[0]!, DE_PROSE[0]!, SHARED_TWO, TEMPLATE_A[1]!]);
  a(2, [TEMPLATE_A[0]!, DE_PROSE[1]!, SHARED_TWO, TEMPLATE_A[1]!]);
  a(3, [TEMPLATE_A[0]!, DE_PROSE[2]!, TEMPLATE_A[1]!]);
  a(4, [TEMPLATE_A[0]!, DE_PROSE[3]!, TEMPLATE_A[1]!.replace('12 Uhr', '10 Uhr')]);
  // Host B: two pages only, carrying host A's template line too.
  const b = (k: number, body: string[]) =>
    fs.writeFileSync(path.join(dir, `b${k}.txt`), page(body, { title: `Harbour ${k}`, url: `https://harbourtown-weekly.example/news/${k}` }));
  b(1, [TEMPLATE_B[0]!, TEMPLATE_A[0]!, EN_PROSE[0]!]);
  b(2, [TEMPLATE_B[0]!, TEMPLATE_A[0]!, EN_PROSE[1]!]);
  records = await collect([dir], DEFAULT_CONFIG);
});

describe(RULE, () => {
  test('a line on every page of one host is removed from each page', () => {
    for (const k of [1, 2, 3, 4]) {
      const r = records.get(`a${k}.txt`)!;
      expect(removedLineNos(r, RULE)).toEqual(expect.arrayContaining([5]));
      expect(r.text).not.toContain('Gemeindeblatt Nordheim erscheint');
      expect(r.text).toContain(DE_PROSE[k - 1]!.slice(0, 40));
      const span = r.removed.find((s) => s.rule === RULE && s.lines[0] === 5)!;
      expect(span.evidence).toEqual({ group: 'host:gemeindeblatt-nordheim.example', documents: 4, groupDocuments: 4 });
    }
  });

  test('template lines differing only in digits match (digits are folded)', () => {
    expect(removedLineNos(records.get('a4.txt')!, RULE)).toContain(7);
  });

  test('a line on two pages of a host is not template', () => {
    for (const k of [1, 2]) {
      const r = records.get(`a${k}.txt`)!;
      expect(removedLineNos(r, RULE)).not.toContain(6);
    }
  });

  test('another host with fewer than three pages learns nothing, even for host A template lines', () => {
    for (const k of [1, 2]) {
      const r = records.get(`b${k}.txt`)!;
      expect(removedLineNos(r, RULE)).toEqual([]);
    }
  });

  test('groupBy none and disabling the rule switch template learning off', async () => {
    const none = await collect([dir], { ...DEFAULT_CONFIG, groupBy: 'none' });
    const off = await collect([dir], { ...DEFAULT_CONFIG, rules: { [RULE]: { enabled: false } } });
    for (const recs of [none, off]) {
      expect(recs.size).toBe(6);
      for (const r of recs.values()) expect(removedLineNos(r, RULE)).toEqual([]);
    }
  });

  test('exact duplicate pages count once: two copies plus one page are not three documents', async () => {
    const d2 = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-template-dup-'));
    const url = (k: number) => `https://dup-host.example/p/${k}`;
    fs.writeFileSync(path.join(d2, 'p1.txt'), page([TEMPLATE_B[0]!, EN_PROSE[0]!], { title: 'P', url: url(1) }));
    fs.writeFileSync(path.join(d2, 'p2.txt'), page([TEMPLATE_B[0]!, EN_PROSE[0]!], { title: 'P', url: url(2) }));
    fs.writeFileSync(path.join(d2, 'p3.txt'), page([TEMPLATE_B[0]!, EN_PROSE[1]!], { title: 'P', url: url(3) }));
    const recs = await collect([d2], DEFAULT_CONFIG);
    for (const r of recs.values()) expect(removedLineNos(r, RULE)).toEqual([]);
  });
});

describe(`${RULE}: near-copies of one article on a site`, () => {
  // Ten near-copies of one article (one paragraph reworded in each) and two other articles on one
  // host. The template lines are on every page; each paragraph is unchanged on 8 of 12 pages,
  // which would pass the prose threshold (60%) if near-copies were counted as distinct pages.
  // Paragraphs differ by words, not digits (template keys fold digits), and are not near-repeats
  // of each other (repeat/near compares lines within a page).
  const OPENERS = [
    'After a long evening of questions from residents, the mayor said that',
    'Engineers who walked the whole route in April reported to the council that',
    'Several neighbours living close to the old mill told the meeting that',
    'The volunteers who have cleared the banks every weekend since March hope that',
    'According to the written answer published by the regional office on Friday,',
  ];
  const para = (topic: string, k: number) => `${OPENERS[k - 1]} the work on the ${topic} should be finished before the first autumn storms arrive.`;
  const ARTICLE = [1, 2, 3, 4, 5].map((k) => para('river path', k));
  const TEMPLATE = ['Valley Courier - independent news from the upper valley since 1921', 'Letters to the editor can be sent to the newsroom at any time of the day.'];
  let recs: Map<string, OutputRecord>;

  beforeAll(async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-nearcopy-'));
    const write = (name: string, body: string[]) =>
      fs.writeFileSync(path.join(d, name), page(body, { title: name, url: `https://valley-courier.example/${name.replace('.txt', '')}` }));
    for (let c = 0; c < 10; c++) {
      // letters, not digits: template keys fold digits, which would merge copies c and c + 5
      const body = ARTICLE.map((p, k) => (k === c % 5 ? p.replace('should be finished', `should (version ${'abcdefghij'[c]}) be finished`) : p));
      write(`copy${c}.txt`, [TEMPLATE[0]!, ...body, TEMPLATE[1]!]);
    }
    write('other1.txt', [TEMPLATE[0]!, ...[1, 2, 3, 4].map((k) => para('town hall roof', k)), TEMPLATE[1]!]);
    write('other2.txt', [TEMPLATE[0]!, ...[1, 2, 3, 4].map((k) => para('school garden', k)), TEMPLATE[1]!]);
    recs = await collect([d], DEFAULT_CONFIG);
  });

  test('the copies keep their paragraphs; the template lines still go', () => {
    for (let c = 0; c < 10; c++) {
      const r = recs.get(`copy${c}.txt`)!;
      expect(r.text).toContain(ARTICLE[c % 5 === 4 ? 3 : 4]!.slice(0, 60));
      expect(r.text.split('\n').length).toBeGreaterThanOrEqual(5);
      expect(r.text).not.toContain(TEMPLATE[1]!);
    }
    expect(recs.get('other1.txt')!.text).not.toContain(TEMPLATE[1]!);
  });
});

describe(`${RULE}: a widget's text next to its labels`, () => {
  // A comment-system widget on 3 of 8 pages of one host (share .375: enough for a label, below the
  // prose share of .6): its label lines are template, and so are the descriptions next to them.
  const WIDGET = [
    'Culture Connoisseur Badge',
    'Culture Connoisseurs consistently offer thought-provoking, timely comments on the arts, lifestyle and entertainment.',
    'Weather Watcher Badge',
    'Weather Watchers consistently offer thought-provoking, timely comments on climates and forecasts.',
  ];
  // The same share for a paragraph that stands among articles' prose: it stays.
  const QUOTED = 'The harbour master said that the new pontoon would let twice as many visiting yachts moor in the inner basin during the summer.';
  let recs: Map<string, OutputRecord>;

  beforeAll(async () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-widget-'));
    // Distinct articles (eight long lines each), so that the widget pages are not near-copies of
    // each other to the template learner.
    const PLACES = ['harbour', 'library', 'station', 'market', 'bridge', 'school', 'museum', 'stadium'];
    const THINGS = ['roof', 'car park', 'lighting', 'heating', 'entrance', 'garden', 'staircase', 'windows', 'fence', 'kitchen'];
    const article = (k: number): string[] =>
      THINGS.slice(0, 8).map((t, j) => `The council told residents on ${['Monday', 'Tuesday', 'Friday'][j % 3]} that the ${THINGS[(j + k) % 10]} of the ${PLACES[k]} would be repaired before the ${t} of the ${PLACES[(k + j + 1) % 8]} was looked at.`);
    for (let k = 0; k < 8; k++) {
      const a = article(k);
      const body = k < 3 ? [...a.slice(0, 4), QUOTED, ...a.slice(4), ...WIDGET] : a;
      fs.writeFileSync(path.join(d, `w${k}.txt`), page(body, { title: `W ${k}`, url: `https://widget-host.example/story/${'abcdefgh'[k]}` }));
    }
    recs = await collect([d], DEFAULT_CONFIG);
  });

  test('descriptions next to template labels go with them; recurring prose elsewhere stays', () => {
    for (let k = 0; k < 3; k++) {
      const r = recs.get(`w${k}.txt`)!;
      expect(r.text).not.toContain('consistently offer');
      expect(r.text).not.toContain('Badge');
      expect(r.text).toContain(QUOTED);
      // Removed by this rule (not only by the content rules once the labels are gone).
      const byRule = r.removed.filter((x) => x.rule === RULE).map((x) => x.text);
      expect(byRule).toEqual(expect.arrayContaining([WIDGET[1], WIDGET[3]]));
    }
  });
});
