/** Shared checks for the lexicon rules (widgets/*, footer/*, boilerplate/meta-labels). */
import { expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from './clean.js';
import { EN } from './fixtures.js';

/**
 * Run one rule alone over a page: prose, then each `remove` line, then each `keep` line, then prose.
 * Every `remove` line must be removed by the rule (one span each, the right line number) and every
 * `keep` line must stay in the text.
 */
export function expectLexiconRule(ruleId: string, remove: readonly string[], keep: readonly string[]): void {
  const body = [EN[0]!, ...remove, ...keep, EN[1]!];
  const { record } = cleanBody(body, { rules: [ruleId] });
  const expectedNos = remove.map((_, k) => k + 2); // no header: body line i is file line i + 1
  const got = removedLineNos(record, ruleId);
  const missed = remove.filter((_, k) => !got.includes(k + 2));
  const extra = got.filter((n) => !expectedNos.includes(n)).map((n) => body[n - 1]);
  expect({ missed, extra }).toEqual({ missed: [], extra: [] });
  for (const s of record.removed) {
    expect(s.rule).toBe(ruleId);
    expect(s.lines[0]).toBe(s.lines[1]); // one finding per line
    expect(s.text).toBe(body[s.lines[0] - 1]);
    expect(s.evidence).toEqual(expect.objectContaining({ phrase: expect.any(String) }));
  }
  expect(keptLines(record)).toEqual([EN[0]!, ...keep, EN[1]!]);
}
