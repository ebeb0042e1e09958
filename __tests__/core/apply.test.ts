import { describe, test, expect } from '@jest/globals';
import { applyFindings, claim } from '../../src/core/apply.js';
import { buildLines } from '../../src/core/clean.js';
import { parseRawText } from '../../src/core/parse.js';
import type { Finding } from '../../src/types.js';
import { LINE_RULES, clean, expectRebuilds, page, rebuildBody, removedLineNos } from '../helpers/clean.js';

function linesOf(text: string) {
  return buildLines(parseRawText(text, 'a.txt'));
}

describe('claim + applyFindings', () => {
  const text = page(['l1', 'l2', 'l3', 'l4', 'l5', 'l6'], { title: 'T' }); // body lines are file lines 5..10
  const lines = linesOf(text);

  test('spans are grouped per finding, with 1-based file line numbers and verbatim text', () => {
    const f1: Finding = { ruleId: 'x/one', reason: 'r1', lines: [0, 1], evidence: { k: 1 } };
    const f2: Finding = { ruleId: 'x/two', reason: 'r2', lines: [2, 2] };
    const owner: (Finding | undefined)[] = new Array(lines.length).fill(undefined);
    claim(owner, [f1, f2]);
    const a = applyFindings(lines, owner);
    expect(a.removed).toEqual([
      { rule: 'x/one', reason: 'r1', lines: [5, 6], text: 'l1\nl2', evidence: { k: 1 } },
      { rule: 'x/two', reason: 'r2', lines: [7, 7], text: 'l3' },
    ]);
    expect(a.kept.map((l) => l.text)).toEqual(['l4', 'l5', 'l6']);
    expect(a.removedByRule).toEqual({ 'x/one': 2, 'x/two': 1 });
  });

  test('two adjacent findings of the same rule stay two spans', () => {
    const owner: (Finding | undefined)[] = new Array(lines.length).fill(undefined);
    claim(owner, [
      { ruleId: 'x/one', reason: 'a', lines: [0, 0] },
      { ruleId: 'x/one', reason: 'b', lines: [1, 1] },
    ]);
    const a = applyFindings(lines, owner);
    expect(a.removed.map((s) => s.lines)).toEqual([
      [5, 5],
      [6, 6],
    ]);
    expect(a.removedByRule).toEqual({ 'x/one': 2 });
  });

  test('first claim wins; a later overlapping finding only gets the unclaimed lines', () => {
    const owner: (Finding | undefined)[] = new Array(lines.length).fill(undefined);
    claim(owner, [{ ruleId: 'early', reason: 'e', lines: [1, 2] }]);
    claim(owner, [{ ruleId: 'late', reason: 'l', lines: [0, 3] }]);
    const a = applyFindings(lines, owner);
    expect(a.removed.map((s) => [s.rule, s.lines])).toEqual([
      ['late', [5, 5]],
      ['early', [6, 7]],
      ['late', [8, 8]],
    ]);
  });

  test('out-of-range finding indices are clamped', () => {
    const owner: (Finding | undefined)[] = new Array(lines.length).fill(undefined);
    claim(owner, [{ ruleId: 'x', reason: 'r', lines: [-3, 100] }]);
    const a = applyFindings(lines, owner);
    expect(a.removed).toHaveLength(1);
    expect(a.removed[0]!.lines).toEqual([5, 10]);
    expect(a.kept).toEqual([]);
  });
});

describe('records rebuild the original body', () => {
  test('header page: lines are file line numbers; kept + removed rebuild the body', () => {
    const body = [
      'Home',
      'News',
      'Sport',
      'Weather',
      '',
      'The river festival returned to the old town on Saturday after a break of two years, and the organisers said that more than ten thousand visitors came to see the boats.',
      'Most of the stalls along the quay sold food and drink from local farms, and the evening concert on the water was so popular that the police had to close the footbridge for an hour.',
      'Share on Facebook',
      '© 2024 Example Town Gazette',
    ];
    const { record, doc } = clean(page(body, { title: 'Festival', url: 'https://gazette.example/a' }), { rules: LINE_RULES });
    expect(doc.bodyStartLine).toBe(5);
    expect(removedLineNos(record)).toEqual(expect.arrayContaining([5, 6, 7, 8, 9, 12, 13]));
    expect(removedLineNos(record)).not.toContain(10);
    expect(record.removed.find((s) => s.rule === 'normalize/empty-line')?.lines).toEqual([9, 9]);
    expect(record.removed.find((s) => s.rule === 'widgets/share')).toMatchObject({ lines: [12, 12], text: 'Share on Facebook' });
    expectRebuilds(record, doc);
    expect(rebuildBody(record, doc.bodyStartLine, doc.bodyLines.length).lines.join('\n')).toBe(body.join('\n'));
    expect(record.stats.lines_in).toBe(body.length);
    expect(record.stats.lines_out + Object.values(record.stats.removed_by_rule).reduce((a, b) => a + b, 0)).toBe(body.length);
    expect(record.stats.chars_out).toBe(record.text.length);
  });

  test('raw lines needing normalization: removed spans keep the raw bytes, kept lines the display form', () => {
    const body = [
      '\u3000\u3000记者从市交通局了解到，全市首条跨江隧道将于下月试通车，届时从江北到江南的车程将从四十分钟缩短到十分钟左右。\u200B',
      '\t \u00A0',
      '  Back   to top  ',
      'Cafe\u0301 owners along the high street welcomed the decision, saying that the new parking rules would bring customers back into the town centre during the week.',
    ];
    const { record, doc } = clean(page(body), { rules: LINE_RULES });
    expect(removedLineNos(record, 'normalize/empty-line')).toEqual([2]);
    const top = record.removed.find((s) => s.rule === 'widgets/back-to-top');
    expect(top).toMatchObject({ lines: [3, 3], text: '  Back   to top  ' });
    expect(record.removed.find((s) => s.rule === 'normalize/empty-line')!.text).toBe('\t \u00A0');
    expectRebuilds(record, doc);
    expect(record.stats.lines_normalized).toBe(4);
    expect(record.text).not.toMatch(/[\u200B\u3000\u0301]/);
    expect(record.text).toContain('Café owners');
  });

  test('CRLF file: line numbers still count physical lines', () => {
    const text = 'Title: T\r\nURL: None\r\n\r\nLogin\r\nA plain paragraph of text that will be kept because it is the only content line in this short test page, written as a full sentence.\r\n';
    const { record, doc } = clean(text, { rules: ['widgets/login'] });
    expect(record.removed).toEqual([expect.objectContaining({ rule: 'widgets/login', lines: [4, 4], text: 'Login' })]);
    expectRebuilds(record, doc);
  });

  test('rebuildBody rejects inconsistent records', () => {
    const { record } = clean(page(['a', 'b', 'c']), { rules: [] });
    expect(() => rebuildBody(record, 1, 4)).toThrow(/no kept line/);
    expect(() => rebuildBody(record, 1, 2)).toThrow(/left over/);
    const bad = { ...record, removed: [{ rule: 'x', reason: 'y', lines: [1, 2] as [number, number], text: 'a' }] };
    expect(() => rebuildBody(bad, 1, 3)).toThrow(/has 1 text lines/);
  });
});
