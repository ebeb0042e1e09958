import { describe, test } from '@jest/globals';
import { expectLexiconRule } from '../../helpers/lexicon.js';

describe('widgets/comments', () => {
  test('Chinese comment widgets are removed, prose about comments is kept', () => {
    expectLexiconRule(
      'widgets/comments',
      ['暂时没有评论', '发表评论', '共128条评论', '文明上网理性发言，请遵守新闻评论服务协议'],
      ['他在评论中写道，这座老桥承载了几代人的记忆，希望修缮之后还能保留原来的样子，不要改成冷冰冰的水泥桥。', '评论员'],
    );
  });
  test('English comment widgets are removed, prose is kept', () => {
    expectLexiconRule(
      'widgets/comments',
      ['Leave a Reply', 'Comments are closed.', 'No comments yet', '12 Comments'.replace('12 ', ''), 'Your email address will not be published. Required fields are marked *'],
      ['The minister declined to comment on the report when she was asked about it on Tuesday.', 'Comment is free'],
    );
  });
  test('German comment widgets are removed, prose is kept', () => {
    expectLexiconRule(
      'widgets/comments',
      ['Kommentare sind geschlossen.', 'Keine Kommentare', 'Kommentar schreiben', 'Deine E-Mail-Adresse wird nicht veröffentlicht.'],
      ['In einem Kommentar schrieb die Leserin, dass sie das Rezept schon dreimal ausprobiert habe.'],
    );
  });
  test('French comment prompts and German login-to-comment notices', () => {
    expectLexiconRule(
      'widgets/comments',
      ['Vos réactions (11)', 'Réagir à cet article', 'Sie müssen sich einloggen, um sich an einer Diskussion beteiligen zu können.'],
      ['Les réactions des habitants ont été nombreuses après la réunion du conseil.'],
    );
  });
});
