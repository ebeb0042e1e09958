import { describe, test } from '@jest/globals';
import { expectLexiconRule } from '../../helpers/lexicon.js';

describe('widgets/share', () => {
  test('English share and follow buttons', () => {
    expectLexiconRule(
      'widgets/share',
      ['Share on Facebook', 'Share this article', 'Tweet', 'Email', 'Print', 'Follow us on Instagram', 'Sign up for our newsletter'],
      ['Residents were asked to share their views on the plans before the end of March.', 'Print shop'],
    );
  });
  test('German share buttons', () => {
    expectLexiconRule(
      'widgets/share',
      ['Artikel teilen', 'Teilen', 'Drucken', 'Per E-Mail versenden', 'Folgen Sie uns', 'Newsletter abonnieren', 'Mit Freunden teilen', 'Rezept drucken Bei Pinterest speichern'],
      ['Wir teilen uns die Arbeit im Garten, seit die Kinder groß sind.'],
    );
  });
  test('Chinese share buttons', () => {
    expectLexiconRule(
      'widgets/share',
      ['分享到：', '微信', '微博', 'QQ空间', '扫一扫，用手机看新闻', '用微信扫码二维码 分享至好友和朋友圈'],
      ['王阿姨说，她每天都会把老街的新变化拍下来分享给在外地工作的女儿。'],
    );
  });
});
