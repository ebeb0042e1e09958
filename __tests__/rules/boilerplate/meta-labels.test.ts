import { describe, test } from '@jest/globals';
import { expectLexiconRule } from '../../helpers/lexicon.js';

describe('boilerplate/meta-labels', () => {
  test('English tag and category labels', () => {
    expectLexiconRule('boilerplate/meta-labels', ['Tags: bridge, traffic, council', 'Filed under: Local news', 'Posted in Transport'], ['The tags on the old lamp posts were removed by volunteers.']);
  });
  test('German labels', () => {
    expectLexiconRule('boilerplate/meta-labels', ['Schlagworte: Brot, Sauerteig', 'Kategorie: Backen', 'Themen'], ['Themen wie Nachhaltigkeit spielen in der Backstube eine große Rolle.']);
  });
  test('picture-agency credits and reading-time lines', () => {
    expectLexiconRule(
      'boilerplate/meta-labels',
      ['(Quelle: Fleischmann/Unsplash/DJV)', 'Bild: Pixabay', '1.11.23 20:19 von Lars Sobiraj Lesezeit: 4 Min.', 'Tiempo de lectura: 8 minutos', 'Reading time: 5 minutes', '阅读时间：3分钟'],
      ['The photographer sold her first picture to a stock agency in 1998.'],
    );
  });
  test('Chinese editor, source and keyword labels', () => {
    expectLexiconRule(
      'boilerplate/meta-labels',
      ['责任编辑：李明', '【责任编辑：王芳】', '来源：青石日报', '关键词：老街 骑楼', '原标题：青石镇老街今起开放'],
      ['记者在老街拍了整整一个上午，记录下了骑楼修缮后的样子。'],
    );
  });
  // KNOWN BUG (reported): prefixes "编辑：" and "来源：" fold to the keys "编辑" / "来源" (keys drop
  // punctuation), so short prose lines that merely start with these words are removed.
  test('prose lines starting with 编辑 / 来源 are kept', () => {
    expectLexiconRule('boilerplate/meta-labels', [], ['编辑部的同事们在老街拍了整整一个上午，记录下了骑楼修缮后的样子。', '来源于本地农场的蔬菜占到了市场供应的一半。']);
  });
});
