import { describe, test } from '@jest/globals';
import { expectLexiconRule } from '../../helpers/lexicon.js';

describe('widgets/back-to-top', () => {
  test('English skip and top links, menu toggles', () => {
    expectLexiconRule(
      'widgets/back-to-top',
      ['Back to top', '↑ Back to top ↑', 'Skip to main content', 'Menu', 'Search', 'Toggle navigation'],
      ['The climbers reached the top of the ridge shortly before noon.', 'Top of the table clash'],
    );
  });
  test('German and Chinese', () => {
    expectLexiconRule(
      'widgets/back-to-top',
      ['Nach oben', 'Zum Inhalt springen', 'Menü', 'Suche', '返回顶部', '搜索', 'Bild anzeigen Bild schließen'],
      ['Nach oben hin wird der Teig etwas dunkler, das ist normal.', '返回家乡的年轻人越来越多。'],
    );
  });
});
