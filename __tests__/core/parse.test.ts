import { describe, test, expect } from '@jest/globals';
import { parseRawText, parseJsonlRecord, splitLines, nullIfEmpty } from '../../src/core/parse.js';

const BODY = ['First body line of the page.', 'Second body line.'];

describe('parseRawText header', () => {
  test('standard header: title, date, url; body starts after the blank line', () => {
    const d = parseRawText(['Title: A page', 'Date: 2024-02-01', 'URL: https://a.example/x', '', ...BODY].join('\n') + '\n', 'p.txt');
    expect(d.title).toBe('A page');
    expect(d.date).toBe('2024-02-01');
    expect(d.url).toBe('https://a.example/x');
    expect(d.bodyLines).toEqual(BODY);
    expect(d.bodyStartLine).toBe(5);
    expect(d.source).toEqual({ path: 'p.txt' });
    expect(d.inputId).toBeNull();
  });

  test('keys are case-insensitive', () => {
    const d = parseRawText(['TITLE: Upper', 'url: https://b.example/', 'dAtE: 2023-12-31', '', 'x'].join('\n'), 'p.txt');
    expect(d.title).toBe('Upper');
    expect(d.url).toBe('https://b.example/');
    expect(d.date).toBe('2023-12-31');
  });

  test.each(['None', 'none', 'null', 'NULL', 'N/A', 'n/a', ''])('value %p means null', (v) => {
    const d = parseRawText([`Title: ${v}`, `Date: ${v}`, `URL: ${v}`, '', 'body'].join('\n'), 'p.txt');
    expect(d.title).toBeNull();
    expect(d.date).toBeNull();
    expect(d.url).toBeNull();
    expect(d.bodyLines).toEqual(['body']);
  });

  test('a key with nothing after the colon is null', () => {
    const d = parseRawText('Title: T\nDate:\n\nbody\n', 'p.txt');
    expect(d.title).toBe('T');
    expect(d.date).toBeNull();
    expect(d.bodyLines).toEqual(['body']);
  });

  test('no header: the whole file is the body, line 1 first', () => {
    const text = 'Just text here.\nNote: this colon line is body text.\n';
    const d = parseRawText(text, 'p.txt');
    expect(d.title).toBeNull();
    expect(d.url).toBeNull();
    expect(d.bodyLines).toEqual(['Just text here.', 'Note: this colon line is body text.']);
    expect(d.bodyStartLine).toBe(1);
  });

  test('colon lines without a known key are body, not header', () => {
    const d = parseRawText('Zutaten: Mehl\nZeit: 2 Stunden\n\nRest\n', 'p.txt');
    expect(d.bodyStartLine).toBe(1);
    expect(d.bodyLines).toHaveLength(4);
    expect(d.metadata).toEqual({});
  });

  test('a header not ended by a blank line is body', () => {
    const d = parseRawText('Title: T\nSome body line right after\n', 'p.txt');
    expect(d.title).toBeNull();
    expect(d.bodyLines).toEqual(['Title: T', 'Some body line right after']);
  });

  test('CRLF line endings', () => {
    const d = parseRawText('Title: Windows\r\nURL: None\r\n\r\nline one\r\nline two\r\n', 'p.txt');
    expect(d.title).toBe('Windows');
    expect(d.bodyLines).toEqual(['line one', 'line two']);
    expect(d.bodyStartLine).toBe(4);
  });

  test('a UTF-8 BOM before the header is ignored', () => {
    const d = parseRawText('\uFEFFTitle: With BOM\n\nbody\n', 'p.txt');
    expect(d.title).toBe('With BOM');
    expect(d.bodyLines).toEqual(['body']);
    expect(d.bodyStartLine).toBe(3);
  });

  test('no trailing newline: last line kept, no extra empty line', () => {
    expect(parseRawText('Title: T\n\na\nb', 'p.txt').bodyLines).toEqual(['a', 'b']);
    expect(parseRawText('Title: T\n\na\nb\n', 'p.txt').bodyLines).toEqual(['a', 'b']);
  });

  test('header only (no body)', () => {
    const d = parseRawText('Title: Lonely\nURL: https://c.example/\n', 'p.txt');
    expect(d.title).toBe('Lonely');
    expect(d.bodyLines).toEqual([]);
  });

  test('extra keys go to metadata (lower-cased, spaces to underscores, null values)', () => {
    const d = parseRawText('Title: T\nAuthor: Jane Roe\nCrawl Time: 2024-01-01T10:00:00Z\nLang: N/A\n\nbody\n', 'p.txt');
    expect({ ...d.metadata }).toEqual({ author: 'Jane Roe', crawl_time: '2024-01-01T10:00:00Z', lang: null });
    expect(d.bodyStartLine).toBe(6);
  });

  test('prototype-ish header keys are plain own data; no prototype pollution', () => {
    const d = parseRawText('Title: T\nConstructor: c1\nhasOwnProperty: h1\nProto: p1\n\nbody\n', 'p.txt');
    expect(d.title).toBe('T');
    expect(Object.keys(d.metadata).sort()).toEqual(['constructor', 'hasownproperty', 'proto']);
    expect(d.metadata.constructor).toBe('c1');
    expect(JSON.parse(JSON.stringify(d.metadata))).toEqual({ constructor: 'c1', hasownproperty: 'h1', proto: 'p1' });
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });

  test('a __proto__ line is not a header key (keys start with a letter): the text is body', () => {
    const d = parseRawText('Title: T\n__proto__: polluted\n\nbody\n', 'p.txt');
    expect(d.title).toBeNull();
    expect(d.bodyLines[1]).toBe('__proto__: polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('splitLines / nullIfEmpty', () => {
  test('splits on LF, CRLF and lone CR', () => {
    expect(splitLines('a\nb\r\nc\rd')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('')).toEqual([]);
    expect(splitLines('\n')).toEqual(['']);
    expect(splitLines('a\n\n')).toEqual(['a', '']);
  });

  test('nullIfEmpty trims and maps null words', () => {
    expect(nullIfEmpty('  x  ')).toBe('x');
    expect(nullIfEmpty(' None ')).toBeNull();
    expect(nullIfEmpty(undefined)).toBeNull();
    expect(nullIfEmpty(42)).toBe('42');
  });
});

describe('parseJsonlRecord', () => {
  test('id, url, title, date are taken; other fields go to metadata', () => {
    const d = parseJsonlRecord(JSON.stringify({ id: 'doc-7', text: 'a\nb', url: 'https://d.example/', title: 'T', date: '2024-01-01', lang: 'en', tags: ['x'] }), 'c.jsonl', 3);
    expect(d.inputId).toBe('doc-7');
    expect(d.source).toEqual({ path: 'c.jsonl', line: 3 });
    expect(d.url).toBe('https://d.example/');
    expect(d.title).toBe('T');
    expect(d.date).toBe('2024-01-01');
    expect(d.bodyLines).toEqual(['a', 'b']);
    expect(d.bodyStartLine).toBe(1);
    expect({ ...d.metadata }).toEqual({ lang: 'en', tags: ['x'] });
  });

  test('numeric id is stringified; missing id is null', () => {
    expect(parseJsonlRecord('{"id": 12, "text": "x"}', 'c.jsonl', 1).inputId).toBe('12');
    expect(parseJsonlRecord('{"text": "x"}', 'c.jsonl', 1).inputId).toBeNull();
  });

  test('__proto__ field lands in metadata as an own property; no prototype pollution', () => {
    const d = parseJsonlRecord('{"text": "x", "__proto__": {"polluted": true}, "constructor": 1}', 'c.jsonl', 1);
    expect(Object.prototype.hasOwnProperty.call(d.metadata, '__proto__')).toBe(true);
    expect(d.metadata['__proto__']).toEqual({ polluted: true });
    expect(d.metadata.constructor).toBe(1);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.parse(JSON.stringify(d.metadata))).toEqual({ constructor: 1, ['__proto__']: { polluted: true } });
  });

  test('bad lines throw clear errors', () => {
    expect(() => parseJsonlRecord('{bad', 'c.jsonl', 1)).toThrow(/malformed JSON/);
    expect(() => parseJsonlRecord('[1,2]', 'c.jsonl', 1)).toThrow(/not an object/);
    expect(() => parseJsonlRecord('{"body": "x"}', 'c.jsonl', 1)).toThrow(/"text"/);
  });
});
