import { describe, test, expect } from '@jest/globals';
import { expectLexiconRule } from '../../helpers/lexicon.js';
import { cleanBody, keptLines } from '../../helpers/clean.js';
import { EN } from '../../helpers/fixtures.js';

describe('widgets/ad-slot', () => {
  test('advertisement labels in English, German, Spanish and Chinese', () => {
    expectLexiconRule(
      'widgets/ad-slot',
      ['Advertisement', '- Advertisement -', 'ADVERTISEMENT', 'Story continues below advertisement', 'Anzeige', '- Anzeige -', 'Werbung', 'Publicidad', '广告'],
      ['The advertisement ran in three newspapers in the spring.', 'Anzeige gegen Unbekannt erstattet', '广告费用逐年上涨，商家压力很大。'],
    );
  });

  test('the paragraph after an ad slot stays: the label is not a section cut-off', () => {
    const after = 'So far, he has endured a tough stretch in which his campaign has had to do a lot of explaining.';
    const body = [EN[0]!, EN[1]!, 'Advertisement', after, EN[2]!];
    const { record } = cleanBody(body, { rules: ['widgets/ad-slot', 'boilerplate/section-cutoff'] });
    expect(keptLines(record)).toEqual([EN[0], EN[1], after, EN[2]]);
  });

  test('an ad slot followed by little prose opens the tail: section-cutoff cuts to the end', () => {
    const tail = ['Empfehlungen', 'Neue Brücke für den Hafen', 'Fähre fährt wieder', 'Impressum'];
    const body = [EN[0]!, EN[1]!, EN[2]!, 'Anzeige', ...tail];
    const { record } = cleanBody(body, { rules: ['widgets/ad-slot', 'boilerplate/section-cutoff'] });
    expect(keptLines(record)).toEqual([EN[0], EN[1], EN[2]]);
  });
});
