import { describe, test, expect } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RULES } from '../../src/rules/index.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SRC_RULES = path.resolve(HERE, '../../src/rules');

describe('rule registry', () => {
  test('ids are unique and each id is the rule file path under src/rules', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(id).toMatch(/^[a-z]+\/[a-z-]+$/);
      expect(fs.existsSync(path.join(SRC_RULES, `${id}.ts`))).toBe(true);
    }
  });

  test('every rule has a unit test file mirroring its path', () => {
    const missing = RULES.map((r) => r.id).filter((id) => !fs.existsSync(path.join(HERE, `${id}.test.ts`)));
    expect(missing).toEqual([]);
  });

  test('every rule has a one-sentence description', () => {
    for (const r of RULES) expect(r.description).toMatch(/^\S.{10,}\.$/);
  });

  test('empty-line runs first (other rules see blanks as claimed)', () => {
    expect(RULES[0]!.id).toBe('normalize/empty-line');
  });
});
