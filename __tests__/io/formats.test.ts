import { describe, test, expect, afterAll } from '@jest/globals';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { collect, docsOf, errorsOf, tmpDir, writeTree } from './helpers.js';
import { decodeBytes, looksBinary } from '../../src/io/decode.js';
import { formatOf } from '../../src/io/read.js';

const dirs: string[] = [];
function fresh(): string {
  const d = tmpDir('seed-clean-fmt-');
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const ZH = 'Title: 北京新闻\n\n今天北京天气晴朗，气温适宜，市民纷纷外出游玩。公园里人很多，大家都很开心。\n';
const JA = 'Title: 東京のニュース\n\n今日は東京の天気が良く、多くの人々が公園で散歩を楽しんでいます。\n';
const TW = '台北新聞\n今天台北天氣晴朗，市民紛紛外出遊玩。公園裡人很多，大家都很開心。\n';
const KO = '서울 뉴스\n오늘 서울의 날씨는 맑고 많은 시민들이 공원에서 산책을 즐겼습니다.\n';
const FR = 'Café au lait — naïve résumé “quoted” text, déjà vu.\n';

describe('encodings', () => {
  test.each([
    ['gbk.txt', ZH, 'gbk', 'gb18030'],
    ['sjis.txt', JA, 'shift_jis', 'shift_jis'],
    ['big5.txt', TW, 'big5', 'big5'],
    ['euckr.txt', KO, 'euc-kr', 'euc-kr'],
    ['cp1252.txt', FR, 'windows-1252', 'windows-1252'],
  ])('%s is detected and decoded', async (name, text, enc, reported) => {
    const d = fresh();
    writeTree(d, { [name]: iconv.encode(text, enc) });
    const ev = await collect([d]);
    expect(errorsOf(ev)).toEqual([]);
    const [doc] = docsOf(ev);
    expect(doc!.encoding).toBe(reported);
    const lines = text.split('\n').filter(Boolean);
    expect(doc!.bodyLines.join('\n')).toContain(lines[lines.length - 1]!);
    if (text.startsWith('Title: ')) expect(doc!.title).toBe(lines[0]!.slice(7));
  });

  test('UTF-16 LE and BE with BOM', async () => {
    const d = fresh();
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ZH, 'utf-16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(JA, 'utf-16be')]);
    const jsonl = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('{"text":"ü one"}\n{"text":"二"}\n', 'utf-16le')]);
    writeTree(d, { 'le.txt': le, 'be.txt': be, 'w.jsonl': jsonl });
    const ev = await collect([d]);
    expect(errorsOf(ev)).toEqual([]);
    const docs = docsOf(ev);
    expect(docs.map((x) => [x.source.path, x.encoding, x.title ?? x.bodyLines[0]])).toEqual([
      ['be.txt', 'utf-16be', '東京のニュース'],
      ['le.txt', 'utf-16le', '北京新闻'],
      ['w.jsonl', 'utf-16le', 'ü one'],
      ['w.jsonl', 'utf-16le', '二'],
    ]);
  });

  test('--encoding forces a decoding; an unknown name is an error', async () => {
    const d = fresh();
    writeTree(d, { 'a.txt': iconv.encode(FR, 'latin1') });
    const forced = docsOf(await collect([d], { encoding: 'ISO-8859-1' }));
    expect(forced[0]!.encoding).toBe('windows-1252');
    expect(forced[0]!.bodyLines[0]).toContain('Café');
    // Forcing UTF-8 on latin-1 bytes is what the user asked for: replacement characters, no error.
    const utf = docsOf(await collect([d], { encoding: 'utf8' }));
    expect(utf[0]!.bodyLines[0]).toContain('\ufffd');
    expect(errorsOf(await collect([d], { encoding: 'klingon' }))[0]!.message).toMatch(/unknown encoding/);
  });

  test('invalid UTF-8 with no plausible legacy encoding is an error naming the file, not mojibake', () => {
    // Lone continuation bytes and C1-only bytes: not UTF-8 and not text in any single-byte code page we accept.
    const bad = Buffer.from([0x61, 0x62, 0x80, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x63, 0x0a]);
    expect(() => decodeBytes(bad)).toThrow(/invalid UTF-8/);
  });

  test('invalid UTF-8 file → error event with the file path; other files still read', async () => {
    const d = fresh();
    writeTree(d, { 'bad.txt': Buffer.from([0x61, 0x62, 0x80, 0x81, 0x8d, 0x8f, 0x90, 0x9d, 0x63, 0x0a]), 'good.txt': 'good\n' });
    const ev = await collect([d]);
    expect(errorsOf(ev)).toEqual([{ kind: 'error', path: 'bad.txt', message: expect.stringMatching(/invalid UTF-8/) }]);
    expect(docsOf(ev).map((x) => x.source.path)).toEqual(['good.txt']);
  });

  test('a UTF-8 file with one broken byte after a UTF-8 BOM is an error', async () => {
    const d = fresh();
    writeTree(d, { 'b.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('ok '), Buffer.from([0xc3]), Buffer.from(' x\n')]) });
    expect(errorsOf(await collect([d]))[0]!.message).toMatch(/invalid UTF-8/);
  });

  test('binary detection', () => {
    expect(looksBinary(Buffer.from('plain text\r\n\twith tabs\n'))).toBe(false);
    expect(looksBinary(Buffer.from([0x41, 0x00, 0x42]))).toBe(true);
    expect(looksBinary(Buffer.from('\x01\x02\x03\x04abcdefgh'))).toBe(true);
    // a short UTF-8 page that keeps a run of NULs from its source (1.7% NULs) is text ...
    const page = Buffer.concat([Buffer.from('Title: Día de la Madre\n\nInicio\n'), Buffer.alloc(22), Buffer.from('\nÚltimas ' + 'línea de texto '.repeat(80))]);
    expect(looksBinary(page)).toBe(false);
    // ... the same share of NULs in bytes that are not UTF-8 is binary
    const notUtf8 = Buffer.from(page);
    for (let i = 40; i < notUtf8.length; i += 50) notUtf8[i] = 0xff;
    expect(looksBinary(notUtf8)).toBe(true);
  });

  test('legacy-encoded JSONL lines are decoded per line', async () => {
    const d = fresh();
    const body = Buffer.concat([Buffer.from('{"text":"plain"}\n'), iconv.encode('{"text":"今天北京天气晴朗，气温适宜，市民纷纷外出游玩。"}\n', 'gbk')]);
    writeTree(d, { 'g.jsonl': body });
    const docs = docsOf(await collect([d]));
    expect(docs.map((x) => [x.encoding, x.bodyLines[0]])).toEqual([
      ['utf-8', 'plain'],
      ['gb18030', '今天北京天气晴朗，气温适宜，市民纷纷外出游玩。'],
    ]);
  });
});

describe('gzip', () => {
  test('jsonl.gz and txt.gz are streamed; a truncated gzip is an error naming the file, earlier docs kept', async () => {
    const d = fresh();
    const many = Array.from({ length: 2000 }, (_, i) => JSON.stringify({ id: i, text: `doc ${i} ${'z'.repeat(200 + (i % 7) * 37)}` })).join('\n');
    const gz = zlib.gzipSync(many);
    writeTree(d, {
      'a.txt.gz': zlib.gzipSync('Title: Zipped\n\nbody\n'),
      'b.jsonl.gz': gz,
      'c.jsonl.gz': gz.subarray(0, Math.floor(gz.length / 2)),
      'd.txt': 'after\n',
    });
    const ev = await collect([d]);
    const docs = docsOf(ev);
    expect(docs[0]!.title).toBe('Zipped');
    expect(docs.filter((x) => x.source.path === 'b.jsonl.gz')).toHaveLength(2000);
    const partial = docs.filter((x) => x.source.path === 'c.jsonl.gz');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(2000);
    expect(partial.map((x) => x.source.line)).toEqual(partial.map((_, i) => i + 1));
    expect(errorsOf(ev)).toEqual([{ kind: 'error', path: 'c.jsonl.gz', message: 'truncated gzip (unexpected end of file)' }]);
    expect(docs[docs.length - 1]!.source.path).toBe('d.txt');
  });

  test('a .gz that is not gzip is an error', async () => {
    const d = fresh();
    writeTree(d, { 'x.txt.gz': 'not gzip at all\n' });
    expect(errorsOf(await collect([d]))[0]!.message).toMatch(/gzip|header/);
  });

  test('formatOf', () => {
    expect(formatOf('A.JSONL.GZ')).toEqual({ format: 'jsonl', gzip: true, compression: 'gzip' });
    expect(formatOf('x.warc.wet.gz')).toEqual({ format: 'wet', gzip: true, compression: 'gzip' });
    expect(formatOf('x.wet.gz')).toEqual({ format: 'wet', gzip: true, compression: 'gzip' });
    expect(formatOf('p.htm')).toEqual({ format: 'html', gzip: false, compression: null });
    expect(formatOf('notes')).toEqual({ format: 'txt', gzip: false, compression: null });
    expect(formatOf('c.JSONL.ZST')).toEqual({ format: 'jsonl', gzip: false, compression: 'zstd' });
    expect(formatOf('x.warc.wet.zst')).toEqual({ format: 'wet', gzip: false, compression: 'zstd' });
  });
});

describe('zstd', () => {
  const FIX = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');
  const twoFrames = fs.readFileSync(path.join(FIX, 'two-frames.jsonl.zst'));

  test('jsonl.zst (two frames) and txt.zst are streamed and found by the default globs', async () => {
    const d = fresh();
    writeTree(d, { 'a.txt.zst': fs.readFileSync(path.join(FIX, 'page.txt.zst')), 'b.jsonl.zst': twoFrames });
    const ev = await collect([d]);
    expect(errorsOf(ev)).toEqual([]);
    const docs = docsOf(ev);
    expect(docs[0]!.title).toBe('Zstandard');
    expect(docs[0]!.bodyLines).toEqual(['body line']);
    const b = docs.filter((x) => x.source.path === 'b.jsonl.zst');
    expect(b).toHaveLength(2000);
    // ids run in order across the frame boundary
    expect(b.map((x) => x.inputId)).toEqual(Array.from({ length: 2000 }, (_, i) => String(i)));
    expect(b[1500]!.bodyLines[0]).toMatch(/^doc 1500 z+$/);
  });

  test('a truncated .zst is an error naming the file; the documents before the cut are kept', async () => {
    const d = fresh();
    writeTree(d, { 'c.jsonl.zst': twoFrames.subarray(0, Math.floor(twoFrames.length * 0.75)), 'd.txt': 'after\n' });
    const ev = await collect([d]);
    const partial = docsOf(ev).filter((x) => x.source.path === 'c.jsonl.zst');
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(2000);
    expect(errorsOf(ev)).toEqual([{ kind: 'error', path: 'c.jsonl.zst', message: 'truncated zstd (unexpected end of file)' }]);
    expect(docsOf(ev).at(-1)!.source.path).toBe('d.txt');
  });

  test('a .zst that is not zstd is an error, not mojibake', async () => {
    const d = fresh();
    writeTree(d, { 'x.txt.zst': 'not zstd at all\n' });
    const ev = await collect([d]);
    expect(docsOf(ev)).toEqual([]);
    expect(errorsOf(ev)[0]!.message).toMatch(/^corrupt zstd data/);
  });
});

function warcRecord(headers: Record<string, string>, body: string): Buffer {
  const block = Buffer.from(body, 'utf8');
  const head = ['WARC/1.0', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`), `Content-Length: ${block.length}`, '', ''].join('\r\n');
  return Buffer.concat([Buffer.from(head), block, Buffer.from('\r\n\r\n')]);
}

describe('Common Crawl WET', () => {
  const wet = Buffer.concat([
    warcRecord({ 'WARC-Type': 'warcinfo', 'WARC-Date': '2024-02-01T00:00:00Z', 'Content-Type': 'application/warc-fields' }, 'Software-Info: x\r\nformat: WARC File Format 1.0\r\n'),
    warcRecord(
      {
        'WARC-Type': 'conversion',
        'WARC-Target-URI': 'https://news.example/a',
        'WARC-Date': '2024-02-03T04:05:06Z',
        'WARC-Record-ID': '<urn:uuid:11111111-1111-1111-1111-111111111111>',
        'WARC-Identified-Content-Language': 'eng',
        'Content-Type': 'text/plain',
      },
      'Headline here\nFirst paragraph — with “unicode”.\nSecond paragraph.',
    ),
    warcRecord({ 'WARC-Type': 'metadata', 'WARC-Target-URI': 'https://news.example/a' }, 'junk: 1\r\n'),
    warcRecord(
      { 'WARC-Type': 'conversion', 'WARC-Target-URI': 'https://zh.example/b', 'WARC-Date': '2024-02-03T07:00:00Z', 'WARC-Record-ID': '<urn:uuid:2>' },
      '中文标题\n正文内容。\n',
    ),
  ]);

  test('conversion records become docs with url/date/id and record index', async () => {
    const d = fresh();
    writeTree(d, { 'crawl.warc.wet': wet, 'crawl2.warc.wet.gz': Buffer.concat([zlib.gzipSync(wet.subarray(0, 300)), zlib.gzipSync(wet.subarray(300))]) });
    const ev = await collect([d]);
    expect(errorsOf(ev)).toEqual([]);
    const docs = docsOf(ev);
    expect(docs.map((x) => [x.source.path, x.source.line, x.url, x.date, x.inputId])).toEqual([
      ['crawl.warc.wet', 2, 'https://news.example/a', '2024-02-03T04:05:06Z', '<urn:uuid:11111111-1111-1111-1111-111111111111>'],
      ['crawl.warc.wet', 4, 'https://zh.example/b', '2024-02-03T07:00:00Z', '<urn:uuid:2>'],
      // multi-member gzip (how Common Crawl ships WET) gives the same records
      ['crawl2.warc.wet.gz', 2, 'https://news.example/a', '2024-02-03T04:05:06Z', '<urn:uuid:11111111-1111-1111-1111-111111111111>'],
      ['crawl2.warc.wet.gz', 4, 'https://zh.example/b', '2024-02-03T07:00:00Z', '<urn:uuid:2>'],
    ]);
    expect(docs[0]!.bodyLines).toEqual(['Headline here', 'First paragraph — with “unicode”.', 'Second paragraph.']);
    expect(docs[0]!.metadata.content_language).toBe('eng');
    expect(docs[1]!.bodyLines).toEqual(['中文标题', '正文内容。']);
  });

  test('a truncated WET keeps complete records and reports the broken one', async () => {
    const d = fresh();
    writeTree(d, { 't.warc.wet': wet.subarray(0, wet.length - 20) });
    const ev = await collect([d]);
    expect(docsOf(ev).map((x) => x.source.line)).toEqual([2]);
    expect(errorsOf(ev)).toEqual([{ kind: 'error', path: 't.warc.wet', line: 4, message: 'truncated WARC record' }]);
  });

  test('a non-WARC file with a .wet name is an error', async () => {
    const d = fresh();
    writeTree(d, { 'x.warc.wet': 'hello world\n' });
    expect(errorsOf(await collect([d]))[0]!.message).toMatch(/not a WARC record/);
  });
});

describe('HTML', () => {
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title> My  Page | Site </title>
<link rel="canonical" href="https://ex.test/p"><meta property="article:published_time" content="2024-05-06T07:08:09Z">
<script>var x = "<p>not text</p>";</script><style>p { color: red }</style></head>
<body><header class="site-header"><a href="/">Home</a> <a href="/news">News</a></header>
<nav><ul><li><a href="/a">Alpha</a></li><li><a href="/b">Beta</a></li></ul></nav>
<main><h1>Big &amp; title</h1><p>First <b>para</b> with a <a href="x">link</a>.<br>After break</p>
<div>Div text<p>nested p</p>tail</div><pre>code  line 1
  line 2</pre><noscript>enable js</noscript><template><p>tpl</p></template><!-- a comment --></main>
<div id="sidebar">Side stuff</div><footer>© 2024 Footer <a href="/privacy">Privacy</a></footer></body></html>`;

  test('blocks become lines, inline text is joined, scripts/styles/noscript/template dropped', async () => {
    const d = fresh();
    writeTree(d, { 'p.html': page });
    const [doc] = docsOf(await collect([d]));
    expect(doc!.title).toBe('My Page | Site');
    expect(doc!.url).toBe('https://ex.test/p');
    expect(doc!.date).toBe('2024-05-06T07:08:09Z');
    expect(doc!.encoding).toBe('utf-8');
    expect(doc!.bodyLines).toEqual([
      'Home News',
      'Alpha',
      'Beta',
      'Big & title',
      'First para with a link.',
      'After break',
      'Div text',
      'nested p',
      'tail',
      'code  line 1',
      '  line 2',
      'Side stuff',
      '© 2024 Footer Privacy',
    ]);
    expect(doc!.metadata.html_lang).toBe('en');
    const hints = doc!.metadata.html_hints as { nav: number[]; footer: number[]; aside: number[]; header: number[]; linkDensity: number[] };
    expect(hints.nav).toEqual([1, 2]);
    expect(hints.header).toEqual([0]);
    expect(hints.aside).toEqual([11]);
    expect(hints.footer).toEqual([12]);
    expect(hints.linkDensity).toHaveLength(doc!.bodyLines.length);
    expect(hints.linkDensity[1]).toBe(1);
    expect(hints.linkDensity[3]).toBe(0);
    expect(hints.linkDensity[4]).toBeCloseTo(4 / 19, 2);
  });

  test('legacy-encoded HTML uses the meta charset hint', async () => {
    const d = fresh();
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk"><title>新闻</title></head><body><p>今天北京天气晴朗。</p></body></html>`;
    writeTree(d, { 'g.htm': iconv.encode(html, 'gbk') });
    const [doc] = docsOf(await collect([d]));
    expect(doc!.encoding).toBe('gb18030');
    expect(doc!.title).toBe('新闻');
    expect(doc!.bodyLines).toEqual(['今天北京天气晴朗。']);
  });

  test('role and class hints, nav inside footer', async () => {
    const d = fresh();
    writeTree(d, {
      'r.html': '<div role="navigation"><a href="/">Top</a></div><article><p>Story text.</p></article><div class="page-footer"><nav>Links</nav></div>',
    });
    const [doc] = docsOf(await collect([d]));
    const hints = doc!.metadata.html_hints as { nav: number[]; footer: number[] };
    expect(doc!.bodyLines).toEqual(['Top', 'Story text.', 'Links']);
    expect(hints.nav).toEqual([0, 2]);
    expect(hints.footer).toEqual([2]);
  });

  test('layout classes are not regions: <body class="left-sidebar">, a wrapper holding the longest line', async () => {
    const d = fresh();
    const story = 'A long paragraph of the story itself, the longest line on the whole page by far.';
    writeTree(d, {
      'w.html':
        `<body class="single left-sidebar"><div class="header-top">Masthead</div>` +
        `<div class="content-sidebar-wrap"><p>${story}</p><div id="secondary" class="sidebar">Recent posts</div></div></body>`,
    });
    const [doc] = docsOf(await collect([d]));
    const hints = doc!.metadata.html_hints as { aside: number[]; header: number[] };
    expect(doc!.bodyLines).toEqual(['Masthead', story, 'Recent posts']);
    expect(hints.aside).toEqual([2]);
    expect(hints.header).toEqual([0]);
  });
});
