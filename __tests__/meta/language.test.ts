import { describe, test, expect } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { detectLanguage, detectLanguageOfLines } from '../../src/meta/index.js';
import { buildLines } from '../../src/core/clean.js';
import { parseRawText } from '../../src/core/parse.js';

const CASES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../seeds/cases');

const zh = '国务院总理主持召开国务院常务会议，部署进一步稳定就业的措施，确定支持小微企业发展的政策。会议指出，就业是最大的民生，要把稳就业放在更加突出的位置。';
const de = 'Die Bundesregierung hat am Mittwoch neue Maßnahmen beschlossen, die ab Januar gelten sollen. Der Minister sagte, man wolle damit die Bürger entlasten und die Wirtschaft stärken.';
const en = 'The government announced new measures on Wednesday that will take effect in January. The minister said the plan would ease the burden on households and support the economy.';

describe('detectLanguage', () => {
  test('zh, de, en', () => {
    expect(detectLanguage(zh)).toBe('zh');
    expect(detectLanguage(de)).toBe('de');
    expect(detectLanguage(en)).toBe('en');
  });
  test('menus and short lines do not decide when prose exists', () => {
    expect(detectLanguage(['Home', 'Login', 'Suche', en, 'Kontakt'].join('\n'))).toBe('en');
  });
  test('too little text → null', () => {
    expect(detectLanguage('')).toBeNull();
    expect(detectLanguage('OK')).toBeNull();
    expect(detectLanguage('12345 67890')).toBeNull();
  });
  test('detectLanguageOfLines(lines) is detectLanguage(lines.join("\\n")) for display lines', () => {
    // The golden inputs (zh, de, en pages) as the cleaner holds them, whole and in pieces.
    let pages = 0;
    for (const name of fs.readdirSync(CASES)) {
      const dir = path.join(CASES, name, 'input');
      if (!fs.existsSync(dir)) continue;
      for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
        const texts = buildLines(parseRawText(fs.readFileSync(path.join(dir, f), 'utf8'), f)).map((l) => l.text);
        pages++;
        for (const part of [texts, texts.slice(0, 3), texts.slice(texts.length >> 1), texts.filter((t) => t.length < 40), texts.filter((t) => t !== '')]) {
          expect(detectLanguageOfLines(part)).toBe(detectLanguage(part.join('\n')));
        }
      }
    }
    expect(pages).toBeGreaterThan(5);
    expect(detectLanguageOfLines([])).toBeNull();
    expect(detectLanguageOfLines([''])).toBeNull();
    expect(detectLanguageOfLines(['Home', de, 'Kontakt'])).toBe('de');
  });
});
