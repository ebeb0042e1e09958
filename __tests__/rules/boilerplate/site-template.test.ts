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
