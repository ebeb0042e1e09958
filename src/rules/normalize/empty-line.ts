import type { Rule } from '../rule.js';
import { rangesToFindings } from '../rule.js';

/** Lines that are empty after normalization (blank, whitespace, invisible or control characters only). */
export const emptyLine: Rule = {
  id: 'normalize/empty-line',
  description: 'Lines that are empty after Unicode normalization (whitespace, zero-width and control characters only).',
  run(ctx) {
    const idx: number[] = [];
    ctx.lines.forEach((l, i) => {
      if (l.text === '') idx.push(i);
    });
    return rangesToFindings(idx, this.id, 'empty after normalization');
  },
};
