import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from '../../helpers/clean.js';

describe('normalize/empty-line', () => {
  test('blank, whitespace-only, invisible-only and control-only lines are removed; runs make one span', () => {
    const body = ['first line', '', '   \t', '\u200B\u200D', '\u3000\u00A0', 'second line', '\u0007', 'third line'];
    const { record } = cleanBody(body, { rules: ['normalize/empty-line'] });
    expect(record.removed.map((s) => s.lines)).toEqual([
      [2, 5],
      [7, 7],
    ]);
    expect(record.removed[0]!.text).toBe('\n   \t\n\u200B\u200D\n\u3000\u00A0');
    expect(record.removed.every((s) => s.rule === 'normalize/empty-line')).toBe(true);
    expect(keptLines(record)).toEqual(['first line', 'second line', 'third line']);
  });

  test('lines with visible characters are kept, even punctuation-only or a single digit', () => {
    const body = ['.', '0', '—', '·', '中'];
    const { record } = cleanBody(body, { rules: ['normalize/empty-line'] });
    expect(removedLineNos(record)).toEqual([]);
    expect(keptLines(record)).toEqual(body);
  });
});
