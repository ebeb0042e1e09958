import { describe, test, expect } from '@jest/globals';
import { classifyLine } from '../../src/core/classify.js';
import { lineFeatures } from '../../src/core/features.js';

const cls = (text: string, lang = 'de'): string => classifyLine(lineFeatures(text, lang, null), true);

describe('classifyLine', () => {
  test('a medium full sentence with a few stopwords is borderline, not bad (an article lead)', () => {
    // German news lead: stopword density ~0.25, under STOPWORDS_LOW, but a sentence.
    const lead = 'Französische Forscher wollen natürlichen, chemischen Prozess beschleunigen, um orangenen Wasserstoff zu ernten.';
    expect(lineFeatures(lead, 'de', null).stopwordDensity).toBeLessThan(0.3);
    expect(cls(lead)).toBe('neargood');
  });

  test('the same words without a sentence end, or a list of names, stay bad', () => {
    expect(cls('Französische Forscher wollen natürlichen, chemischen Prozess beschleunigen, um orangenen Wasserstoff zu ernten')).toBe('bad');
    expect(cls('Berlin Hamburg München Köln Frankfurt Stuttgart Düsseldorf Leipzig Dortmund Essen Bremen Dresden.')).toBe('bad');
  });

  test('short lines are short whatever their shape', () => {
    expect(cls('Das ist ein Satz.')).toBe('short');
  });
});
