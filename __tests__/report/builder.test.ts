import { describe, test, expect } from '@jest/globals';
import { ReportBuilder, reportDocFromRecord, escapeHtml, jsonForScript, diffLines, type ReportData } from '../../src/report/index.js';
import { makeCorpus, makeDoc } from './fixtures.js';

function build(n: number, opts: ConstructorParameters<typeof ReportBuilder>[0] = {}): ReportBuilder {
  const b = new ReportBuilder(opts);
  for (const m of makeCorpus(n)) b.addRecord(m.record, m.bodyLines, m.bodyStartLine);
  return b;
}

/** The JSON embedded in the report, parsed back. */
function embedded(html: string): Pick<ReportData, 'docs' | 'rules' | 'clusters' | 'pageSize'> & { documents: number } {
  const m = /<script type="application\/json" id="report-data">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!);
}

/** Script tags in the HTML (opening tags), to spot injected ones. */
const scriptTags = (html: string): string[] => html.match(/<script\b[^>]*>/gi) ?? [];

describe('reportDocFromRecord', () => {
  test('lines inside removed spans are removed with their rule, reason and evidence; others kept', () => {
    const { record, bodyLines, bodyStartLine } = makeDoc(0);
    const doc = reportDocFromRecord(record, bodyLines, bodyStartLine);
    expect(doc.lines).toHaveLength(10);
    expect(doc.lines[0]).toEqual({ lineNo: 3, raw: 'Home | News | Sport | Contact', kept: false, rule: 'boilerplate/menu-run', reason: 'menu of short links', evidence: { items: 4 } });
    expect(doc.lines[1]!.kept).toBe(true);
    expect(doc.lines[8]!.rule).toBe('widgets/cookie');
    expect(doc.lines[9]).toMatchObject({ lineNo: 12, kept: false, rule: 'footer/copyright' });
    expect(doc.lines[9]!.evidence).toBeUndefined();
    expect(doc.lines.filter((l) => !l.kept).map((l) => l.lineNo)).toEqual([3, 11, 12]);
  });

  test('spans outside the body are ignored', () => {
    const { record, bodyLines } = makeDoc(1);
    record.removed = [{ rule: 'x', reason: 'y', lines: [1, 2], text: '' }, { rule: 'x', reason: 'y', lines: [50, 60], text: '' }];
    const doc = reportDocFromRecord(record, bodyLines, 3);
    expect(doc.lines.every((l) => l.kept)).toBe(true);
  });
});

describe('ReportBuilder aggregates', () => {
  test('cover every document even beyond maxDocs', () => {
    const n = 500;
    const small = build(n, { maxDocs: 20 });
    const all = build(n, { maxDocs: 10_000 });
    const s = small.summary();
    expect(s.documents).toBe(n);
    expect(s.sampled).toBe(20);
    expect(all.summary().sampled).toBe(n);
    // Aggregates do not depend on the sample size.
    expect({ ...s, sampled: 0 }).toEqual({ ...all.summary(), sampled: 0 });

    // Expected values from the fixture's construction.
    const menuDocs = Math.ceil(n / 2); // i % 2 === 0 for originals; copies inherit their original's spans (i-5 is even iff i is odd)
    const rule = (id: string) => s.rules.find((r) => r.rule === id)!;
    let menu = 0;
    let cookie = 0;
    for (const m of makeCorpus(n)) {
      for (const sp of m.record.removed) {
        if (sp.rule === 'boilerplate/menu-run') menu++;
        if (sp.rule === 'widgets/cookie') cookie++;
      }
    }
    expect(menu).toBeGreaterThan(0);
    expect(menuDocs).toBeGreaterThan(0);
    expect(rule('boilerplate/menu-run').lines).toBe(menu);
    expect(rule('boilerplate/menu-run').docs).toBe(menu);
    expect(rule('boilerplate/menu-run').chars).toBe(menu * 'Home | News | Sport | Contact'.length);
    expect(rule('widgets/cookie').lines).toBe(cookie);
    expect(s.lines).toBe(n * 10);
    expect(s.linesRemoved).toBe(s.rules.reduce((a, r) => a + r.lines, 0));
    expect(s.charsRemoved).toBe(s.rules.reduce((a, r) => a + r.chars, 0));
    expect(s.dropped).toBe(n / 10);
    expect(s.kept).toBe(n - n / 10);
    expect(s.duplicateClusters).toBe(n / 10);
    expect(s.hosts.reduce((a, h) => a + h.docs, 0)).toBe(n);
    expect(s.hosts[0]!.docs).toBe(n / 5);
    expect(s.languages).toEqual([
      { language: 'en', docs: (2 * n) / 5 },
      { language: 'de', docs: n / 5 },
      { language: 'fr', docs: n / 5 },
      { language: 'zh', docs: n / 5 },
    ]);
    // The HTML's header and charts show corpus-wide figures, the list only the sample.
    const html = small.toHtml();
    expect(html).toContain('20 of 500 documents are listed');
    expect(embedded(html).docs).toHaveLength(20);
    expect(embedded(html).documents).toBe(500);
  });

  test('records without host/language and lines without a rule are counted under placeholders', () => {
    const b = new ReportBuilder();
    const { record } = makeDoc(3, { host: null, language: null });
    b.add({ record, lines: [{ lineNo: 1, raw: 'abc', kept: false }, { lineNo: 2, raw: 'de', kept: true }] });
    const s = b.summary();
    expect(s.hosts.map((h) => h.host)).toEqual(['(no host)']);
    expect(s.languages).toEqual([{ language: '(unknown)', docs: 1 }]);
    expect(s.rules).toEqual([{ rule: '(unknown rule)', lines: 1, chars: 3, docs: 1 }]);
    expect(s.emptyKept).toBe(0);
  });

  test('rejects invalid options', () => {
    expect(() => new ReportBuilder({ maxDocs: -1 })).toThrow(RangeError);
    expect(() => new ReportBuilder({ maxDocs: 1.5 })).toThrow(RangeError);
  });
});

describe('sampling', () => {
  const ordinals = (b: ReportBuilder) => b.data().docs.map((d) => d.o);

  test('reservoir: deterministic for a seed, covers the whole corpus, listed in input order', () => {
    const a = ordinals(build(1000, { maxDocs: 50, seed: 7 }));
    const b = ordinals(build(1000, { maxDocs: 50, seed: 7 }));
    const c = ordinals(build(1000, { maxDocs: 50, seed: 8 }));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a).toHaveLength(50);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
    expect(Math.max(...a)).toBeGreaterThan(500); // not just the first 50
  });

  test("'first' keeps the first maxDocs documents", () => {
    expect(ordinals(build(300, { maxDocs: 10, sampling: 'first' }))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('maxDocs 0 keeps no documents but still aggregates', () => {
    const b = build(40, { maxDocs: 0 });
    expect(b.data().docs).toEqual([]);
    expect(b.summary().documents).toBe(40);
  });
});

describe('HTML', () => {
  test('is deterministic for the same input', () => {
    expect(build(120, { maxDocs: 30 }).toHtml()).toBe(build(120, { maxDocs: 30 }).toHtml());
  });

  test('is self-contained: no external resources', () => {
    const html = build(30).toHtml();
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link[^>]+stylesheet/i);
    expect(html).not.toMatch(/url\(\s*['"]?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|@font-face/i);
    expect(html).toContain("default-src 'none'");
    expect(scriptTags(html)).toHaveLength(2);
  });

  test('escapes a hostile title, URL, host and text', () => {
    const hostile = '</script><script>alert(1)</script>';
    const b = new ReportBuilder({ title: `Report ${hostile} "q" 'a' & <b>` });
    const { record, bodyLines, bodyStartLine } = makeDoc(0, {
      title: hostile,
      url: `https://evil.example/"><script>alert(2)</script>`,
      host: `<img src=x onerror=alert(3)>`,
      language: '<!--',
      id: 'x\u2028y\u2029z',
    });
    bodyLines[1] = `text with ${hostile} <!-- comment and \u0000\u0007\u001b controls and a lone \ud800 surrogate`;
    b.addRecord(record, bodyLines, bodyStartLine);
    const html = b.toHtml();
    expect(scriptTags(html)).toHaveLength(2);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toContain('<!--');
    expect(html).toContain('<title>Report &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &#39;a&#39; &amp; &lt;b&gt;</title>');
    // The host appears escaped in the static charts.
    expect(html).toContain('&lt;img src=x onerror=alert(3)&gt;');
    // The JSON round-trips to the exact original strings.
    const data = embedded(html);
    expect(data.docs[0]!.t).toBe(hostile);
    expect(data.docs[0]!.h).toBe('<img src=x onerror=alert(3)>');
    expect(data.docs[0]!.id).toBe('x\u2028y\u2029z');
    expect(data.docs[0]!.ln[1]![1]).toBe(bodyLines[1]);
  });

  test('escapeHtml and jsonForScript', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    expect(escapeHtml('a\u0000b\u001bc\u007fd\u0085e\tf')).toBe('a\u2400b\u241bc\u2421d\ufffde\tf');
    expect(escapeHtml('x\udc00y😀')).toBe('x\ufffdy😀');
    const s = jsonForScript({ a: '</script><!-- & \u2028' });
    expect(s).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(s)).toEqual({ a: '</script><!-- & \u2028' });
  });

  test('embeds rules with colours, spans and duplicate clusters with a diff', () => {
    const b = build(20);
    const data = embedded(b.toHtml());
    expect(data.rules.map((r) => r.id)).toEqual(['boilerplate/menu-run', 'footer/copyright', 'widgets/cookie']);
    expect(new Set(data.rules.map((r) => r.color)).size).toBe(3);
    const d0 = data.docs[0]!;
    expect(d0.sp).toEqual([
      [0, 'menu of short links', '{"items":4}'],
      [2, 'cookie banner', '{"keyword":"cookies"}'],
      [1, 'copyright line', null],
    ]);
    expect(d0.ln[0]).toEqual([3, 'Home | News | Sport | Contact', 0]);
    expect(d0.ln[1]![2]).toBe(-1);
    expect(data.clusters.map((c) => c.id)).toEqual(['doc-0', 'doc-10']);
    const c0 = data.clusters[0]!;
    expect(c0.rep!.id).toBe('doc-0');
    expect(c0.copies.map((c) => c.id)).toEqual(['doc-5']);
    const changed = c0.copies[0]!.rows.filter((r) => r[0] === '~');
    expect(changed).toEqual([['~', 'More details will be published next week.', 'More details will be published tomorrow, the office said.']]);
  });

  test('clusters: bounded, and a copy seen before its representative still pairs up', () => {
    const corpus = makeCorpus(100);
    const b = new ReportBuilder({ maxClusters: 3 });
    // Copies first, then everything else.
    const order = [...corpus.filter((m) => m.record.duplicate_of), ...corpus.filter((m) => !m.record.duplicate_of)];
    for (const m of order) b.addRecord(m.record, m.bodyLines, m.bodyStartLine);
    const d = b.data();
    expect(d.summary.duplicateClusters).toBe(10);
    expect(d.clusters).toHaveLength(3);
    expect(d.clustersOmitted).toBe(7);
    for (const c of d.clusters) {
      expect(c.rep?.id).toBe(c.id);
      expect(c.copies).toHaveLength(1);
    }
  });
});

describe('diffLines', () => {
  test('aligns, pairs changes and folds identical runs', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', 'x', '9', '10', '11', '12', '13'];
    const b = ['1', '2', '3', '4', '5', '6', '7', '8', 'y', 'z', '9', '10', '11', '12', '13'];
    expect(diffLines(a, b)).toEqual([
      ['…', 6],
      ['=', '7'],
      ['=', '8'],
      ['~', 'x', 'y'],
      ['~', null, 'z'],
      ['=', '9'],
      ['=', '10'],
      ['…', 3],
    ]);
  });

  test('identical texts show a few lines then a fold; empty sides', () => {
    expect(diffLines(['a', 'b', 'c', 'd', 'e', 'f'], ['a', 'b', 'c', 'd', 'e', 'f'])).toEqual([['=', 'a'], ['=', 'b'], ['=', 'c'], ['…', 3]]);
    expect(diffLines([], ['a'])).toEqual([['~', null, 'a']]);
    expect(diffLines(['a'], [])).toEqual([['~', 'a', null]]);
  });

  test('large middles use the linear fallback and still mark every difference', () => {
    const a = Array.from({ length: 300 }, (_, i) => `line ${i}`);
    const b = a.map((l, i) => (i % 50 === 25 ? l + ' changed' : l));
    const rows = diffLines(a, b, { maxCells: 100 });
    const changed = rows.filter((r) => r[0] === '~');
    expect(changed).toHaveLength(6);
    for (const r of changed) expect(r[2]).toBe(`${r[1]} changed`);
  });
});
