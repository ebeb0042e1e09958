import { describe, test } from '@jest/globals';
import { expectLexiconRule } from '../../helpers/lexicon.js';

describe('widgets/disclaimer', () => {
  test('English affiliate disclosures, comment policies, sign-up and paywall notices', () => {
    expectLexiconRule(
      'widgets/disclaimer',
      [
        'When you purchase through links on our site, we may earn an affiliate commission. Here’s how it works.',
        'As an Amazon Associate I earn from qualifying purchases.',
        'Please understand that comments are moderated and it is not always possible to publish all that have been submitted.',
        'Enter your email address to subscribe to this blog and receive notifications of new posts by email.',
        'To view the full story, please subscribe to The Daily Times.',
        'Disclaimer: The views expressed in this article are those of the author.',
        'Thank you for visiting the site. You are using a browser version with limited support for CSS.',
        'Did you know we have a Telegram channel? Join our Telegram channel from your phone with this invitation link.',
        'Follow us on Facebook and Instagram for more stories like this one.',
        'External content',
      ],
      [
        // Prose that mentions the same topics is not a notice.
        'The retailer said that purchases through its website rose by a third during the holiday season.',
        'Moderators removed dozens of comments after the match, the club said on Sunday.',
        'The newsletter, which started in 2019, now has more than ten thousand subscribers in the region.',
      ],
    );
  });
  test('German disclaimers, consent and appeals', () => {
    expectLexiconRule(
      'widgets/disclaimer',
      [
        'Trotz sorgfältiger inhaltlicher Kontrolle übernehmen wir keine Haftung für die Inhalte externer Links.',
        'Dieser Beitrag gibt die Meinung des Autors wieder, nicht notwendigerweise die der Redaktion.',
        'Gib deine E-Mail-Adresse an, um diesen Blog zu abonnieren und Benachrichtigungen über neue Beiträge via E-Mail zu erhalten.',
        'Als Amazon-Partner verdiene ich an qualifizierten Verkäufen.',
        'Unterstützen Sie unabhängigen Journalismus!',
        'Für Links auf dieser Seite erhält die Redaktion ggf. eine Provision vom Händler.',
        'Benachrichtigung aktivieren: Dürfen wir Sie in Ihrem Browser über die wichtigsten Nachrichten informieren?',
      ],
      ['Die Redaktion hat den Autor des Beitrags um eine Stellungnahme gebeten, die bis Redaktionsschluss nicht vorlag.'],
    );
  });
  test('Chinese reprint and opinion notices', () => {
    expectLexiconRule(
      'widgets/disclaimer',
      ['声明：本文仅代表作者个人观点，不代表本站立场。', '转载请注明出处。', '本文来源于网络，如有侵权请联系删除。', '文章提及内容仅供参考，不构成实质性投资建议，据此操作风险自担。', '行情播报内容均来自于网络采集，请甄别消息是否可靠。', '每日推送最新资讯，扫描下方二维码关注我们的官方微信。'],
      ['记者从市交通局了解到，全市首条跨江隧道将于下月试通车，届时从江北到江南的车程将大大缩短。', '分析人士认为，这一政策将为投资者提供新的建议和参考。', '这次攻击来自网络上一个境外服务器，警方已经立案调查。'],
    );
  });
});
