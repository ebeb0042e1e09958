import { describe, test, expect } from '@jest/globals';
import { parseUrl, hostLabels } from '../../src/meta/index.js';

describe('parseUrl', () => {
  test('accepts http/https and lower-cases the host, keeping www.', () => {
    expect(parseUrl('https://WWW.Example.COM/a/b?x=1#frag')).toEqual({
      url: 'https://www.example.com/a/b?x=1',
      host: 'www.example.com',
    });
    expect(parseUrl('http://news.bbc.co.uk/1/hi/world')).toEqual({ url: 'http://news.bbc.co.uk/1/hi/world', host: 'news.bbc.co.uk' });
  });
  test('accepts scheme-less www. and protocol-relative URLs as https', () => {
    expect(parseUrl('www.x.com/path')).toEqual({ url: 'https://www.x.com/path', host: 'www.x.com' });
    expect(parseUrl('//cdn.x.org/a')).toEqual({ url: 'https://cdn.x.org/a', host: 'cdn.x.org' });
  });
  test('IDN hosts come out in punycode', () => {
    expect(parseUrl('https://bücher.de/')?.host).toBe('xn--bcher-kva.de');
  });
  test('rejects other schemes, junk and single-label hosts', () => {
    for (const bad of [null, '', 'None', 'ftp://x.com/a', 'javascript:alert(1)', 'mailto:a@b.de', 'index.html', 'http://localhost/', 'http://a..b/', 'https://x .com/'])
      expect(parseUrl(bad)).toEqual({ url: null, host: null });
  });
});

describe('hostLabels', () => {
  test('drops TLD, registry second levels and generic subdomains', () => {
    expect(hostLabels('www.bbc.co.uk')).toEqual(['bbc']);
    expect(hostLabels('news.sina.com.cn')).toEqual(['sina']);
    expect(hostLabels('lexikon.huettenhilfe.de')).toEqual(['huettenhilfe', 'lexikon']);
    expect(hostLabels(null)).toEqual([]);
  });
});
