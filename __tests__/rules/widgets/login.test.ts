import { describe, test } from '@jest/globals';
import { expectLexiconRule } from '../../helpers/lexicon.js';

describe('widgets/login', () => {
  test('English, German and Chinese account links', () => {
    expectLexiconRule(
      'widgets/login',
      ['Sign in', 'Log in', 'Register', 'My account', 'Anmelden', 'Registrieren', 'Passwort vergessen?', '登录', '注册', '个人中心'],
      ['Please sign in at the front desk when you arrive at the museum.', 'Bitte melden Sie sich bis Freitag im Sekretariat an.', '新用户注册后可以免费参观一次。'],
    );
  });
});
