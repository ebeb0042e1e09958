/** Synthetic records for the report tests: deterministic, varied hosts/languages/rules, duplicates. */
import type { OutputRecord, RemovedSpan } from '../../src/types.js';

export const HOSTS = ['news.example.com', 'blog.example.org', 'shop.example.net', 'wiki.example.edu', 'forum.example.io'];
export const LANGS = ['en', 'en', 'de', 'fr', 'zh'];

export interface Made {
  record: OutputRecord;
  bodyLines: string[];
  bodyStartLine: number;
}

/**
 * Document i: 10 body lines starting at file line 3. Line 1 is a menu (removed by
 * boilerplate/menu-run on every even i), the last two are a cookie banner and a copyright
 * (removed on every third i), the rest is content.
 */
export function makeDoc(i: number, over: Partial<OutputRecord> = {}): Made {
  const host = HOSTS[i % HOSTS.length]!;
  const bodyStartLine = 3;
  const bodyLines = [
    'Home | News | Sport | Contact',
    `Article ${i}: the council approved the new budget after a long debate.`,
    `Paragraph two of document ${i} explains what changes for residents.`,
    'Residents can comment on the plan until the end of the month.',
    '',
    `The mayor said the plan ${i % 7 === 0 ? 'was overdue' : 'is a fair compromise'}.`,
    'More details will be published next week.',
    'Opponents argued that taxes would rise.',
    'We use cookies to improve your experience. Accept all',
    `© 20${10 + (i % 10)} ${host}. All rights reserved.`,
  ];
  const removed: RemovedSpan[] = [];
  if (i % 2 === 0) removed.push({ rule: 'boilerplate/menu-run', reason: 'menu of short links', lines: [3, 3], text: bodyLines[0]!, evidence: { items: 4 } });
  if (i % 3 === 0) {
    removed.push({ rule: 'widgets/cookie', reason: 'cookie banner', lines: [11, 11], text: bodyLines[8]!, evidence: { keyword: 'cookies' } });
    removed.push({ rule: 'footer/copyright', reason: 'copyright line', lines: [12, 12], text: bodyLines[9]! });
  }
  const removedNos = new Set<number>();
  for (const s of removed) for (let n = s.lines[0]; n <= s.lines[1]; n++) removedNos.add(n);
  const keptLines = bodyLines.filter((_, k) => !removedNos.has(bodyStartLine + k));
  const text = keptLines.join('\n');
  const removedByRule: Record<string, number> = {};
  for (const s of removed) removedByRule[s.rule] = (removedByRule[s.rule] ?? 0) + s.lines[1] - s.lines[0] + 1;
  const record: OutputRecord = {
    id: `doc-${i}`,
    source: { path: `corpus/${host}/${i}.txt` },
    url: `https://${host}/articles/${i}`,
    host,
    title: `Budget debate, part ${i}`,
    title_raw: `Budget debate, part ${i} | ${host}`,
    site_name: host,
    date: null,
    date_source: null,
    language: LANGS[i % LANGS.length]!,
    text,
    removed,
    stats: {
      lines_in: bodyLines.length,
      lines_out: keptLines.length,
      chars_in: bodyLines.join('\n').length,
      chars_out: text.length,
      removed_by_rule: removedByRule,
      lines_normalized: 0,
      body_start_line: bodyStartLine,
    },
    metadata: {},
    ...over,
  };
  return { record, bodyLines, bodyStartLine };
}

/**
 * A corpus of n documents where every 10th document (i % 10 === 5) is a near-duplicate copy of
 * document i - 5 (one sentence changed), dropped in favour of it.
 */
export function makeCorpus(n: number): Made[] {
  const out: Made[] = [];
  for (let i = 0; i < n; i++) {
    const repOf = i % 10 === 5 ? i - 5 : null;
    if (repOf !== null) {
      const m = makeDoc(repOf);
      m.record.id = `doc-${i}`;
      m.record.source = { path: `mirror/${i}.txt` };
      m.bodyLines[6] = 'More details will be published tomorrow, the office said.';
      m.record.text = m.record.text.replace('More details will be published next week.', m.bodyLines[6]);
      m.record.cluster_id = `doc-${repOf}`;
      m.record.duplicate_of = `doc-${repOf}`;
      m.record.duplicates = 0;
      m.record.similarity = 0.86;
      m.record.method = 'minhash';
      out.push(m);
    } else {
      const hasCopy = i % 10 === 0 && i + 5 < n;
      out.push(makeDoc(i, { cluster_id: `doc-${i}`, duplicate_of: null, duplicates: hasCopy ? 1 : 0 }));
    }
  }
  return out;
}
