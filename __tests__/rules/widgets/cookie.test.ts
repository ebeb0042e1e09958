import { describe, test } from '@jest/globals';
import { expectLexiconRule } from '../../helpers/lexicon.js';

describe('widgets/cookie', () => {
  test('English consent notices and buttons', () => {
    expectLexiconRule(
      'widgets/cookie',
      ['We use cookies to improve your experience on our site and to show you relevant advertising. By continuing to browse you agree to our use of cookies.', 'Accept all', 'Cookie settings', 'Reject all'],
      ['My grandmother baked oat biscuits and ginger cookies every Sunday before church.'],
    );
  });
  test('German consent notices and buttons', () => {
    expectLexiconRule(
      'widgets/cookie',
      ['Diese Website verwendet Cookies, um Ihnen das bestmögliche Nutzererlebnis zu bieten.', 'Wir verwenden Cookies und ähnliche Technologien.', 'Alle akzeptieren', 'Ablehnen', 'Cookie-Einstellungen'],
      ['Die Plätzchen kommen erst nach dem Abkühlen in die Dose, sonst werden sie weich.'],
    );
  });
  test('Chinese consent notice', () => {
    expectLexiconRule(
      'widgets/cookie',
      ['本网站使用Cookie以提升您的浏览体验，继续浏览即表示您同意我们使用Cookie。'],
      ['老街上新开的饼干店每天下午都会排起长队，店主说配方是奶奶留下来的。'],
    );
  });
});
