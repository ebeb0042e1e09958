import { describe, test, expect } from '@jest/globals';
import { detectLanguage } from '../../src/meta/index.js';

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
  test('cheap on a 5 KB document', () => {
    const text = Array.from({ length: 30 }, () => de).join('\n').slice(0, 5120);
    detectLanguage(text);
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) detectLanguage(text);
    // Measured ~1–3 ms per call here; 20 ms leaves room for slow CI machines.
    expect((performance.now() - t0) / 20).toBeLessThan(20);
  });
});
