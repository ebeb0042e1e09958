/**
 * Speed-ups that must not change answers: the memoized tinyld gives tinyld's own results, and the
 * template learner (hashed keys) and its worker snapshot count lines like the string-keyed version.
 */
import { createRequire } from 'node:module';
import { detectAll, tinyldMemoized } from '../../src/meta/tinyld-fast.js';
import { TemplateLearner, templateKeyHash } from '../../src/core/templates.js';
import { TemplateSnapshot } from '../../src/core/snapshot.js';

const plain = (createRequire(import.meta.url)('tinyld') as { detectAll: typeof detectAll }).detectAll;

test('memoized tinyld is in use and answers as tinyld does', () => {
  expect(tinyldMemoized).toBe(true);
  const texts = [
    'The council met on Monday. Residents asked about the bridge, the school and the new railway line.',
    'Die Gemeinde hat am Montag beschlossen, dass die Brücke im nächsten Jahr erneuert wird.',
    'El ayuntamiento aprobó el lunes la reforma del mercado central.',
    'Rada miasta zebrała się w poniedziałek, aby omówić budowę nowego mostu.',
    '市政府周一宣布，新的铁路线将于明年开通。',
    'Home News Sport',
    '',
  ];
  for (let round = 0; round < 2; round++) for (const t of texts) expect(detectAll(t)).toEqual(plain(t));
});

test('template learner: counts per group, exact duplicate bodies once, snapshot keeps counts >= min', () => {
  const l = new TemplateLearner();
  l.addDocument('host:a', ['homenews', 'story1', 'footer', 'homenews']);
  l.addDocument('host:a', ['homenews', 'story2', 'footer']);
  l.addDocument('host:a', ['homenews', 'story2', 'footer']); // exact copy: not counted
  l.addDocument('host:b', ['homenews']);
  l.addDocument(null, ['homenews']);
  expect(l.groupDocs('host:a')).toBe(2);
  expect(l.lineDocs('host:a', 'homenews')).toBe(2);
  expect(l.lineDocs('host:a', 'story1')).toBe(1);
  expect(l.lineDocs('host:a', 'x'.repeat(301))).toBe(0);
  expect(l.lineDocs('host:b', 'homenews')).toBe(1);
  expect(l.lineDocs('host:c', 'homenews')).toBe(0);
  const s = new TemplateSnapshot(l.snapshot(2));
  expect(s.groupDocs('host:a')).toBe(2);
  expect(s.lineDocs('host:a', 'homenews')).toBe(2);
  expect(s.lineDocs('host:a', 'story1')).toBe(0);
  expect(s.groupDocs('host:b')).toBe(1);
  expect(l.topGroups(2, 5)).toEqual([{ group: 'host:a', docs: 2, templateLines: 2 }]);
});

test('template key hash: 53-bit integers, distinct on close keys', () => {
  const seen = new Set<number>();
  let bad = 0;
  for (let i = 0; i < 20000; i++) {
    const h = templateKeyHash(`key${i}`);
    if (!Number.isSafeInteger(h) || h < 0) bad++;
    seen.add(h);
  }
  expect(bad).toBe(0);
  expect(seen.size).toBe(20000);
});
