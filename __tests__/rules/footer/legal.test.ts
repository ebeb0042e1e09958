import { describe, test } from '@jest/globals';
import { expectLexiconRule } from '../../helpers/lexicon.js';

describe('footer/legal', () => {
  test('German footer links', () => {
    expectLexiconRule('footer/legal', ['Impressum', 'Datenschutz', 'Datenschutzerklärung', 'Kontakt', 'AGB', 'Über uns'], ['Kontakt zur Redaktion hatte der Mann nach eigener Aussage nie.']);
  });
  test('English footer links', () => {
    expectLexiconRule('footer/legal', ['Privacy Policy', 'Terms of Use', 'Contact us', 'About us', 'Sitemap', 'Careers'], ['Contact with the crew was lost shortly after midnight.']);
  });
  test('Chinese footer links', () => {
    expectLexiconRule('footer/legal', ['关于我们', '联系我们', '网站地图', '隐私政策', '免责声明'], ['关于我们这一代人的童年，他写了整整三本书。']);
  });
});
