import { describe, test, expect } from '@jest/globals';
import { cleanDocument } from '../../../src/core/clean.js';
import { DEFAULT_CONFIG } from '../../../src/core/config.js';
import { htmlToDocument } from '../../../src/io/html.js';
import type { InputDocument, OutputRecord } from '../../../src/types.js';
import { cleanBody, keptLines, removedLineNos, ruleById } from '../../helpers/clean.js';
import { EN, DE } from '../../helpers/fixtures.js';

const RULE = 'boilerplate/html-regions';

function cleanHtml(body: string, config = DEFAULT_CONFIG): { record: OutputRecord; doc: InputDocument } {
  const doc = htmlToDocument(`<!doctype html><html><head><title>T</title></head><body>${body}</body></html>`, 'p.html');
  const { record } = cleanDocument(doc, { rules: [ruleById(RULE)], config });
  return { record, doc };
}

/** Texts of the lines this rule removed. */
function removedTexts(record: OutputRecord): string[] {
  return record.removed.filter((s) => s.rule === RULE).flatMap((s) => s.text.split('\n'));
}

describe(RULE, () => {
  test('raw text input has no hints: nothing is reported, whatever the lines look like', () => {
    const body = ['Home', 'News', 'Share on Facebook', EN[0]!, 'Read more', 'Privacy | Terms'];
    const { record } = cleanBody(body, { rules: [RULE] });
    expect(removedLineNos(record)).toEqual([]);
    expect(keptLines(record)).toEqual(body);
  });

  test('malformed hints in metadata (e.g. from a JSONL field) are ignored', () => {
    const doc = htmlToDocument(`<nav><a href="/">Home</a></nav><p>${EN[0]}</p>`, 'p.html');
    for (const bad of [{ nav: 'x' }, { nav: [0], footer: [], aside: [], header: [] }, 42, null]) {
      const { record } = cleanDocument({ ...doc, metadata: { html_hints: bad } }, { rules: [ruleById(RULE)] });
      expect(record.removed).toEqual([]);
    }
  });

  test('non-prose lines inside nav / footer / aside / header are removed', () => {
    const { record } = cleanHtml(
      `<header><div class="logo">Harbour Times</div></header>` +
        `<nav><ul><li><a href="/">Home</a></li><li><a href="/n">News</a></li></ul></nav>` +
        `<main><p>${EN[0]}</p><p>${EN[1]}</p></main>` +
        `<aside><h3>Newsletter</h3><p>Sign up below</p></aside>` +
        `<footer><p>Posted by Jane Roe at 5:11 AM</p></footer>`,
    );
    expect(removedTexts(record)).toEqual(['Harbour Times', 'Home', 'News', 'Newsletter', 'Sign up below', 'Posted by Jane Roe at 5:11 AM']);
    expect(keptLines(record)).toEqual([EN[0], EN[1]]);
    expect(record.removed[0]).toMatchObject({ reason: 'non-prose line inside <header>', evidence: { regions: ['header'], linkDensity: 0 } });
  });

  test('prose inside a region is kept (an article header with its lead paragraph, a footer note)', () => {
    const { record } = cleanHtml(
      `<article><header><h1>Bridge reopens</h1><p class="lead">${EN[0]}</p></header><p>${EN[1]}</p>` +
        `<footer><p>${EN[2]}</p></footer></article>`,
    );
    expect(removedTexts(record)).toEqual(['Bridge reopens']);
    expect(keptLines(record)).toEqual([EN[0], EN[1], EN[2]]);
  });

  test('a link-dense line inside a region goes even when it reads as prose', () => {
    const links = 'Email This Share to Twitter Share to Facebook Share to Pinterest and all the other places you like';
    const { record } = cleanHtml(`<p>${EN[0]}</p><div class="post-footer"><a href="/e">${links}</a></div>`);
    expect(removedTexts(record)).toEqual([links]);
    expect(record.removed[0]).toMatchObject({ reason: 'link-dense line inside <footer>' });
  });

  test('outside regions: link-dense lines that are not long prose are removed, text with a few links is kept', () => {
    const teaser = 'Council approves the new budget for the harbour district';
    const withLinks = `${DE[0]!.slice(0, 60)}<a href="/x">${DE[0]!.slice(60, 90)}</a>${DE[0]!.slice(90)}`;
    const { record } = cleanHtml(`<p>${EN[0]}</p><h3><a href="/t">${teaser}</a></h3><p><a href="/m">Read more</a></p><p>${withLinks}</p>`);
    expect(removedTexts(record)).toEqual([teaser, 'Read more']);
    expect(keptLines(record)).toEqual([EN[0], DE[0]]);
    expect(record.removed[0]).toMatchObject({ reason: 'link-dense line', evidence: { regions: [], linkDensity: 1 } });
  });

  test('a long prose paragraph that is one big link outside regions is kept', () => {
    const { record } = cleanHtml(`<p>${EN[0]}</p><p><a href="/long">${EN[1]}</a></p>`);
    expect(removedTexts(record)).toEqual([]);
  });

  test('a layout wrapper (class "sidebar" holding the article) does not mark the article as aside', () => {
    const { record, doc } = cleanHtml(
      `<div class="content-sidebar-wrap"><div id="primary"><p>${EN[0]}</p><p>Seminar dates</p><p>${EN[1]}</p></div>` +
        `<div id="secondary" class="sidebar"><p>Recent posts</p></div></div>`,
    );
    const hints = doc.metadata.html_hints as { aside: number[] };
    expect(hints.aside).toEqual([3]);
    expect(removedTexts(record)).toEqual(['Recent posts']);
  });

  test('option linkDensity moves the link-density bar', () => {
    const half = `Ferry timetable <a href="/f">changes for summer</a>`;
    const body = `<p>${EN[0]}</p><p>${half}</p>`;
    expect(removedTexts(cleanHtml(body).record)).toEqual(['Ferry timetable changes for summer']);
    const strict = { ...DEFAULT_CONFIG, rules: { [RULE]: { linkDensity: 0.9 } } };
    expect(removedTexts(cleanHtml(body, strict).record)).toEqual([]);
  });

  test('a line another rule already claimed is not reported again', () => {
    const doc = htmlToDocument(`<nav><a href="/">Home</a> | <a href="/n">News</a> | <a href="/s">Sport</a></nav><p>${EN[0]}</p>`, 'p.html');
    const { record } = cleanDocument(doc, { rules: [ruleById('boilerplate/breadcrumb'), ruleById(RULE)] });
    expect(record.removed.map((s) => s.rule)).toEqual(['boilerplate/breadcrumb']);
  });
});
