import { describe, test } from '@jest/globals';
import { expectLexiconRule } from '../../helpers/lexicon.js';

describe('widgets/end-of-feed', () => {
  test('Chinese end markers and pagination', () => {
    expectLexiconRule(
      'widgets/end-of-feed',
      ['-我已经到底线啦-', '加载更多', '—— 已经到底了 ——', '下一页', '没有更多内容了'],
      ['到了下午，雨越下越大，路上已经没有更多的车辆，只有几名环卫工人还在清理被风吹倒的树枝。'],
    );
  });
  test('English and German load-more and page buttons', () => {
    expectLexiconRule(
      'widgets/end-of-feed',
      ['Load more', 'Show more', 'Next page', 'Mehr laden', 'Nächste Seite', 'Weitere laden'],
      ['Load more weight onto the front axle and the van handles better.', 'Die nächste Seite des Romans beginnt mit einem Brief.'],
    );
  });
});
