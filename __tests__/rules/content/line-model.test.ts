import { describe, test, expect } from '@jest/globals';
import { parseRawText } from '../../../src/core/parse.js';
import { cleanDocument } from '../../../src/core/clean.js';
import { DEFAULT_CONFIG, type CleanConfig } from '../../../src/core/config.js';
import { RULES } from '../../../src/rules/index.js';
import { page, keptLines, removedLineNos } from '../../helpers/clean.js';
import { EN } from '../../helpers/fixtures.js';

const RULE = 'content/line-model';
const rules = RULES.filter((r) => r.id === 'normalize/empty-line' || r.id === RULE);
const body = ['Home | News | Sport | Weather | Contact', EN[0]!, EN[1]!, EN[2]!, 'Privacy | Terms | Cookies | Contact us'];

function run(config: CleanConfig) {
  return cleanDocument(parseRawText(page(body), 'test.txt'), { config, rules }).record;
}

describe(RULE, () => {
  test('off by default: removes nothing', () => {
    expect(removedLineNos(run(DEFAULT_CONFIG), RULE)).toEqual([]);
    expect(run({ ...DEFAULT_CONFIG, rules: { [RULE]: {} } }).removed).toEqual([]);
  });

  test('enabled: removes an obvious menu line, keeps prose', () => {
    const record = run({ ...DEFAULT_CONFIG, rules: { [RULE]: { enabled: true } } });
    expect(removedLineNos(record, RULE)).toEqual([1, 5]);
    expect(keptLines(record)).toEqual([EN[0], EN[1], EN[2]]);
    expect(record.removed[0]!.evidence).toEqual(expect.objectContaining({ score: expect.any(Number), threshold: 0.5 }));
  });
});
