/**
 * Property tests (fast-check) for the per-document pipeline: parseRawText + cleanDocument.
 *
 * - never throws, on arbitrary strings (unicode, control characters, CJK, bidi marks, lone
 *   surrogates, very long lines) and on page-like documents;
 * - rebuild: rebuildBody(record) is the original body exactly;
 * - determinism: the same input gives byte-identical JSON twice (also after cleaning other pages,
 *   so no memo leaks state between documents);
 * - idempotence: cleaning a record's `text` again (headerless, same config, no templates) removes
 *   nothing more and changes nothing more (regressions of fixed failures are pinned below).
 *
 * Seeds are fixed so the suite is reproducible; FC_SEED=<n> explores another part of the space.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { parseRawText, splitLines } from '../../src/core/parse.js';
import { cleanDocument } from '../../src/core/clean.js';
import { normalizeDisplay } from '../../src/core/normalize.js';
import { rebuildBody } from '../../src/core/rebuild.js';
import { DEFAULT_CONFIG } from '../../src/core/config.js';
import type { InputDocument, OutputRecord } from '../../src/types.js';
import { stopwordLanguages, weakStopwordLanguages } from '../../src/core/stopwords.js';

const SEED = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20240611;
const RUNS = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : 150;

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/** Characters that tend to break text code: controls, bidi, zero-width, combining marks, surrogates. */
const NASTY = [
  '\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f', '\u0085', '\u009f',
  '\t', '\u00a0', '\u1680', '\u2000', '\u2009', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000',
  '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e',
  '\u2066', '\u2067', '\u2068', '\u2069', '\u2060', '\ufeff', '\u00ad', '\ufffd', '\ufffe', '\uffff',
  '\u0301', '\u0308', '\u0327', '\u20dd', '\u3099', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d\ude00',
  '\ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67', '\u0130', '\u0131', 'ß', 'ẞ', 'ﬁ', 'Ⅻ', '①', '½',
  '\u05d0', '\u05e9', '\u0627', '\u0644', '\u0661', '\u0e01', '\u0915', '\u093f', '\u1100', '\u1161', '\uac00',
  '。', '，', '、', '：', '「', '」', '《', '》', '·', '…', '—', '–', '|', '»', '«', '›', '©', '®', '™',
  '<', '>', '&', '"', "'", '\\', '/', ':', '.', '-', '_', '#', '@', '%', '*', '?', '!', '(', ')', '[', ']',
];

const cjkChar = fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c));
const surrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const nastyChar = fc.constantFrom(...NASTY);
const textChar = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  { weight: 3, arbitrary: nastyChar },
  { weight: 2, arbitrary: cjkChar },
  { weight: 2, arbitrary: fc.constantFrom('a', 'e', 'n', ' ', ' ', 'The', 'und', 'der', 'news', '2024', '1.') },
  { weight: 1, arbitrary: surrogate },
  { weight: 1, arbitrary: anyCodeUnit },
);
/** Arbitrary text, line breaks of every kind included. */
const wildString = fc.array(fc.oneof({ weight: 10, arbitrary: textChar }, { weight: 1, arbitrary: fc.constantFrom('\n', '\r\n', '\r', '\n\n') }), { maxLength: 300 }).map((a) => a.join(''));
/** A very long line: a repeated chunk (up to ~200 KB). */
const longLine = fc
  .tuple(fc.array(textChar, { minLength: 1, maxLength: 8 }), fc.integer({ min: 1000, max: 50000 }))
  .map(([chunk, n]) => chunk.join('').replace(/[\r\n]/g, ' ').repeat(n).slice(0, 200_000));

/** Real-looking lines: from the repo's seed pages and the boilerplate lexicon (all in-repo). */
function realLines(): string[] {
  const out = new Set<string>();
  const root = path.resolve('seeds');
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.txt')) for (const l of fs.readFileSync(p, 'utf8').split('\n')) if (l.trim()) out.add(l.slice(0, 400));
    }
  };
  if (fs.existsSync(root)) walk(root);
  const lex = JSON.parse(fs.readFileSync(path.resolve('src/lexicons/boilerplate.json'), 'utf8')) as {
    categories: Record<string, { exact?: string[]; prefix?: string[]; contains?: string[]; labels?: string[]; symbols?: string[] }>;
  };
  for (const c of Object.values(lex.categories)) {
    for (const p of [...(c.exact ?? []), ...(c.prefix ?? []), ...(c.labels ?? []).map((l) => `${l}: Foo`)]) out.add(p);
  }
  return [...out].sort();
}
const REAL = realLines();

const realLine = fc.constantFrom(...REAL);
const boilerLine = fc.constantFrom(
  'Home | News | Sport | Weather',
  'Home > News > World',
  '© 2024 Example Media GmbH. All rights reserved.',
  'Share on Facebook',
  'Read more',
  'Weiterlesen',
  'Tags: politics, economy',
  '来源：新华网',
  '责任编辑：张三',
  '分享到：',
  'Impressum | Datenschutz | Kontakt',
  'Posted on 12 March 2024 by admin',
  '12.03.2024',
  'https://example.com/path/to/page',
  '<< Previous | Next >>',
  'Advertisement',
  '1 2 3 4 5 Next',
  'Loading...',
  '',
  '   ',
);
const proseLine = fc
  .array(fc.constantFrom('the', 'council', 'said', 'on', 'Tuesday', 'that', 'new', 'rules', 'would', 'apply', 'from', 'next', 'year', 'and', 'Die', 'Stadt', 'hat', 'am', 'Montag', 'beschlossen', '会议', '指出', '今年', '工作', '发展'), { minLength: 3, maxLength: 40 })
  .map((w) => w.join(' ') + '.');
const randomLine = fc.array(textChar, { maxLength: 60 }).map((a) => a.join('').replace(/[\r\n]/g, ''));
const bodyLine = fc.oneof(
  { weight: 4, arbitrary: realLine },
  { weight: 3, arbitrary: boilerLine },
  { weight: 3, arbitrary: proseLine },
  { weight: 2, arbitrary: randomLine },
);
const header = fc.option(
  fc.record({
    title: fc.oneof(fc.constant('None'), realLine, fc.constantFrom('News of the day - Example Times', '会议召开_新华网', 'Startseite | Beispiel')),
    date: fc.constantFrom('None', '2024-03-12', '12.03.2024', 'yesterday', ''),
    url: fc.constantFrom('None', 'https://example.com/a/2024/03/12/x.html', 'http://news.example.cn/1.html', 'not a url', ''),
  }),
  { nil: null },
);
const enProse = fc
  .array(fc.constantFrom('the', 'council', 'said', 'on', 'Tuesday', 'that', 'new', 'rules', 'would', 'apply', 'from', 'next', 'year', 'and', 'residents', 'of', 'town', 'were', 'asked', 'to', 'comment', 'bridge', 'is', 'closed', 'for', 'repairs'), { minLength: 3, maxLength: 40 })
  .map((w) => w.join(' ') + '.');
const enBoiler = fc.constantFrom('Home | News | Sport | Weather', 'Home > News > World', '© 2024 Example Media Ltd. All rights reserved.', 'Share on Facebook', 'Read more', 'Tags: politics, economy', 'Posted on 12 March 2024 by admin', 'Advertisement', 'Loading...', '<< Previous | Next >>', '', 'Related articles', 'Sign up for our newsletter');
/** An English-only page (single language, so the document-level stopword language cannot flip). */
const englishPageText = fc
  .tuple(fc.array(fc.oneof({ weight: 3, arbitrary: enProse }, { weight: 2, arbitrary: enBoiler }), { maxLength: 40 }), fc.constantFrom('\n', '\r\n'), fc.boolean())
  .map(([body, eol, withHeader]) =>
    (withHeader ? ['Title: News of the day - Example Times', 'Date: 2024-03-12', 'URL: https://example.com/a/x.html', '', ...body] : body).join(eol),
  );
/** A page: optional header, body lines (with repeats), LF/CRLF/CR line ends, optional final newline. */
const pageText = fc
  .tuple(header, fc.array(bodyLine, { maxLength: 40 }), fc.constantFrom('\n', '\r\n', '\r'), fc.boolean())
  .map(([h, body, eol, finalEol]) => {
    const lines = h ? [`Title: ${h.title}`, `Date: ${h.date}`, `URL: ${h.url}`, '', ...body] : body;
    return lines.join(eol) + (finalEol ? eol : '');
  });

// ---------------------------------------------------------------------------------------------

function clean(text: string, file = 'page.txt'): { doc: InputDocument; record: OutputRecord } {
  const doc = parseRawText(text, file);
  const original = { ...doc, bodyLines: [...doc.bodyLines] };
  const { record } = cleanDocument(doc, { config: DEFAULT_CONFIG, templates: null });
  return { doc: original, record };
}

/** The record's text as a new headerless document (same source path so ids would match). */
function headerless(text: string): InputDocument {
  return {
    inputId: null,
    source: { path: 'again.txt' },
    title: null,
    date: null,
    url: null,
    bodyLines: splitLines(text),
    bodyStartLine: 1,
    metadata: Object.create(null) as Record<string, unknown>,
  };
}

function cleanAgain(record: OutputRecord): OutputRecord {
  return cleanDocument(headerless(record.text), { config: DEFAULT_CONFIG, templates: null }).record;
}

describe('parseRawText + cleanDocument never throw', () => {
  test('arbitrary strings', () => {
    fc.assert(
      fc.property(wildString, (s) => {
        const { record } = clean(s);
        expect(typeof record.text).toBe('string');
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  test('page-like documents with nasty lines', () => {
    fc.assert(
      fc.property(pageText, (s) => {
        clean(s);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('very long lines (up to 200 KB) between ordinary lines', () => {
    fc.assert(
      fc.property(longLine, fc.array(bodyLine, { maxLength: 5 }), (long, rest) => {
        const { record } = clean(['Title: Long', 'URL: https://example.com/x', '', ...rest, long, ...rest].join('\n'));
        expect(record.stats.lines_in).toBe(rest.length * 2 + 1);
      }),
      { seed: SEED, numRuns: 15 },
    );
  });
});

describe('rebuild: removed + normalized + text give back the original body', () => {
  test('page-like documents', () => {
    fc.assert(
      fc.property(pageText, (s) => {
        const { doc, record } = clean(s);
        expect(rebuildBody(record)).toBe(doc.bodyLines.join('\n'));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  test('arbitrary strings', () => {
    fc.assert(
      fc.property(wildString, (s) => {
        const { doc, record } = clean(s);
        expect(rebuildBody(record)).toBe(doc.bodyLines.join('\n'));
        // and through a JSON round trip (what a consumer of the JSONL sees)
        expect(rebuildBody(JSON.parse(JSON.stringify(record)) as OutputRecord)).toBe(doc.bodyLines.join('\n'));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('determinism', () => {
  test('same input, byte-identical JSON, also after cleaning other pages in between', () => {
    fc.assert(
      fc.property(pageText, pageText, (a, b) => {
        const first = JSON.stringify(clean(a).record);
        clean(b); // memos (language, keys) must not leak between documents
        const second = JSON.stringify(clean(a).record);
        expect(second).toBe(first);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('idempotence: cleaning the cleaned text again', () => {
  test('normalizeDisplay itself is idempotent on lines without invisible characters', () => {
    fc.assert(
      fc.property(randomLine, (s) => {
        const clean1 = s.replace(/[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u202A-\u202E\u2066-\u2069\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
        const once = normalizeDisplay(clean1);
        expect(normalizeDisplay(once)).toBe(once);
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
  });

  // BUG (src/core/normalize.ts normalizeDisplay): NFC is applied before invisible characters are
  // removed, so removing a ZWSP/bidi mark between a base letter and a combining mark leaves a
  // decomposed, non-NFC sequence: normalizeDisplay('e\u200B\u0301') === 'e\u0301' (not NFC, though
  // the README promises NFC output), and normalizing again gives 'é'. Minimal counterexample found
  // by fast-check. Remove `.failing` once normalizeDisplay composes after the removals.
  test('normalizeDisplay is idempotent and NFC (regression: "e\\u200B\\u0301")', () => {
    const once = normalizeDisplay('e\u200B\u0301');
    expect(once).toBe(once.normalize('NFC'));
    expect(normalizeDisplay(once)).toBe(once);
  });

  /** Letters, invisible characters and combining marks: where NFC-then-remove goes wrong. */
  const composable = fc
    .array(fc.constantFrom('a', 'e', 'o', 'u', 'A', 'n', 'c', ' ', '\u200B', '\u200E', '\u202E', '\u2060', '\uFEFF', '\u00AD', '\u0001', '\u0301', '\u0308', '\u0327', '\u0303'), { maxLength: 12 })
    .map((a) => a.join(''));

  test('normalizeDisplay is idempotent and NFC on letters + invisibles + combining marks', () => {
    fc.assert(
      fc.property(composable, (s) => {
        const once = normalizeDisplay(s);
        expect(once).toBe(once.normalize('NFC'));
        expect(normalizeDisplay(once)).toBe(once);
      }),
      { seed: 7, numRuns: RUNS * 2 },
    );
  });

  test('cleaning a record text again removes nothing more (single-language English pages)', () => {
    fc.assert(
      fc.property(englishPageText, (s) => {
        const { record } = clean(s);
        const again = cleanAgain(record);
        expect(again.removed).toEqual([]);
        expect(again.text).toBe(record.text);
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });

  // Was a BUG (src/rules/content/density + the document-level stopword language in src/core/clean.ts):
  // the stopword list is chosen once per document from a sample of its longest lines, and
  // content/density's "low text density" test counts stopwords of that one language only. On a
  // mixed-script page (Chinese article with a German or English paragraph), whether the
  // non-Chinese paragraph survives depends on other lines that tilt the language guess: once the
  // first pass removes a short English line, the guess becomes `zh`, the German prose has
  // stopwordDensity 0 and a second pass drops it as "low text density". fast-check's shrunk
  // counterexamples all have this shape (CJK line + Latin prose + short Latin line, or German prose
  // + English prose + a short line: the same flip between `de` and `en`); the minimal hand-reduced
  // one is below. Fixed by scoring a line with the page's second stopword language
  // too (core/features.ts `alt`); kept as a regression test.
  const ZH = '会议通过了中国共产党珠海市金湾区第五届代表大会第五次会议关于区委工作报告的决议，中国共产党珠海市金湾区第五届代表大会第五次会议关于区纪律检查委员会工作报告的决议、中国共产党珠海市金湾区第五届代表大会第五次会议关于代表提案审查情况报告的决议，并审议了2024年度全区党费收缴、使用和管理情况报告（书面）、区五届四次党代会代表提案和提议办理情况报告（书面）。';
  const DE = 'Nach etwa zwölf Stunden ist der Teig bei mir jetzt wieder schön aufgegangen, und das Brot hat eine kräftige Kruste und eine saftige Krume, so wie ich es von meinen Sommerbroten gewohnt bin.';

  test('minimal reproducer: [Chinese paragraph, German paragraph, "beschlossen the the the."]', () => {
    const { record } = clean([ZH, DE, 'beschlossen the the the.'].join('\n'));
    expect(record.text).toBe([ZH, DE].join('\n')); // first pass: only the short junk line goes
    const again = cleanAgain(record);
    expect(again.removed).toEqual([]); // second pass drops DE as "low text density"
  });

  // Was a known failure (issue #5): with seed 20240611, run 194 found a page whose only near-prose
  // line is kept by content/density's no-empty-page fallback; cleaned again on its own the page had
  // too few stopword hits for stopwordLanguages, the detector's guess (tinyld: Hindi) was used and
  // its list scored the English line 0. Fixed in core/stopwords.ts weakStopwordLanguage; the exact
  // counterexample is pinned as a unit test below. 300 runs so the default seed reaches it.
  test('cleaning a record text again removes nothing more (mixed pages: nasty, multilingual, near-empty)', () => {
    fc.assert(
      fc.property(pageText, (s) => {
        const { record } = clean(s);
        const again = cleanAgain(record);
        expect(again.removed).toEqual([]);
        expect(again.text).toBe(record.text);
      }),
      { seed: SEED, numRuns: Math.max(300, RUNS) },
    );
  });

  test('regression (issue #5): a second language carried only by a removed line no longer vouches for a kept one', () => {
    // FC_SEED=4: 'the the the.' made English the page's second list, which kept the English
    // headline-like line; cleaning the output again (without that line) removed the headline.
    const page = [
      'Title: Lifeboat crew called out twice in one weekend | Harbour Town Weekly',
      'Mit einem verdienten Drei-zu-eins-Sieg gegen den TSV Oberdorf ist unsere erste Mannschaft am Sonntag in die neue Saison gestartet, und die Zuschauer auf dem vollen Sportplatz hatten nach der Pause allen Grund zum Jubeln.',
      'the the the.',
    ].join('\n');
    const { record } = clean(page);
    expect(record.text.startsWith('Mit einem verdienten')).toBe(true);
    expect(record.removed.map((r) => r.text)).toContain('the the the.');
    const again = cleanAgain(record);
    expect(again.removed).toEqual([]);
    expect(again.text).toBe(record.text);
  });

  test('regression (issue #5): a lone near-prose line kept by the fallback is kept again', () => {
    const page = [
      'Title: News of the day - Example Times',
      'Date: None',
      'URL: None',
      '',
      'Title: Harbour bridge reopens after six months of repairs | The Daily Lantern',
      'URL: https://pub-zhtb.hizh.cn/a/202501/15/AP6787686ae4b0a15f7cfd15a9.html',
    ].join('\n');
    const { record } = clean(page);
    expect(record.text).toBe('Title: Harbour bridge reopens after six months of repairs | The Daily Lantern');
    const again = cleanAgain(record);
    expect(again.removed).toEqual([]);
    expect(again.text).toBe(record.text);
  });

  test('weakStopwordLanguages: the list that covers a short text, not the detector guess', () => {
    const line = 'Title: Harbour bridge reopens after six months of repairs | The Daily Lantern';
    expect(stopwordLanguages(line, 'hi')).toEqual([]); // under MIN_HITS
    expect(weakStopwordLanguages(line, 'hi')[0]).toBe('en'); // tinyld's guess for it is Hindi
    // the hint wins a tie, and stands alone when no list covers a token
    expect(weakStopwordLanguages('die', 'nl')[0]).toBe('nl');
    expect(weakStopwordLanguages('die', 'de')[0]).toBe('de');
    expect(weakStopwordLanguages('Xqzt Vbnm', 'hi')).toEqual(['hi']);
    expect(weakStopwordLanguages('', null)).toEqual([null]);
  });

  test('regression (issue #5): lines kept only beside a line a later rule removed are re-checked', () => {
    // The short heading is kept by content/density beside the second copy of a borderline
    // paragraph (an exact repeat is context of its own class); that copy is repeat/exact's, so the
    // cleaned text no longer has it and cleaning the output again would drop the heading. The
    // re-check round on the kept lines removes it in the first cleaning.
    const para = 'Suitable for all cars, trucks and bikes, and it keeps the engine running for a long time.';
    const page = [
      'Home',
      'Shop',
      'Offers',
      'Contact',
      para,
      'Art. 4711-0815 | EAN 4006544101018 | 400 g | 12,50 EUR | 8,95 EUR | 3-5 days | 4.5/5',
      para,
      'How it works',
      'This grease restores parts and components that are under heavy load, and it does so while the machine is running: the particles settle in the worn places of the metal surface and build a new protective layer there, so that wear is compensated quickly and the parts last longer than they would without it.',
    ].join('\n');
    const { record } = clean(page);
    const rechecked = record.removed.filter((r) => r.evidence?.['recheck'] === 1);
    expect(rechecked.map((r) => [r.rule, r.text])).toEqual([['content/density', 'How it works']]);
    const again = cleanAgain(record);
    expect(again.removed).toEqual([]);
    expect(again.text).toBe(record.text);
  });
});
