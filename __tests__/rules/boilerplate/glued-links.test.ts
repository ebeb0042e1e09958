import { describe, test, expect } from '@jest/globals';
import { cleanBody, keptLines, removedLineNos } from '../../helpers/clean.js';
import { EN, DE, ZH } from '../../helpers/fixtures.js';
import { gluedTokens } from '../../../src/rules/boilerplate/glued-links.js';

const RULE = 'boilerplate/glued-links';

describe(RULE, () => {
  test('link labels run together go, in English, German and Spanish', () => {
    const glued = [
      'Top 10 Toys of 2006Digital Cameras Under $200Best Gifts for Your SpouseReview: TMX ElmoRomantic Gifts Under $50',
      'Email ThisBlogThis!Share to TwitterShare to FacebookShare to Pinterest',
      'Garten VergleicheHaushalt VergleicheVentilator TestKlimagerät TestBoxspringbett Test',
      'Últimas noticiasRusia invade UcraniaCoronavirusCrisis en VenezuelaTendenciasESPN',
    ];
    const { record } = cleanBody([EN[0]!, ...glued, DE[0]!], { rules: [RULE] });
    expect(removedLineNos(record, RULE)).toEqual([2, 3, 4, 5]);
    expect(keptLines(record)).toEqual([EN[0], DE[0]]);
  });

  test('prose with camel-case names, handles, URLs and CJK text with Latin names stays', () => {
    const keep = [
      'When WordPress events are more diverse, the WordPress project gets more diverse — which makes WordPress better for more people',
      'I released a first basic version of VSTouchbarTools for @VisualStudio on @ParallelsMac and #OpenSource fans',
      'Republican Senator John McCain of Arizona has called for a no-fly zone, and McDonald said the iPhone and eBay deals stand.',
      '拆解iPhone11 Pro Max：三摄、反向无线充电有哪些秘密？国外著名拆解网站iFixit正式上线了iPhone 11 Pro Max的详细拆解报告，MacBookPro和AirPods也在其中。',
      'See https://example.org/UltiumSpringHillInvest and https://example.org/HyundaiMotorGroupBreaksGround for the SomeBrand report',
    ];
    const { record } = cleanBody([EN[0]!, ...keep, ZH[0]!], { rules: [RULE] });
    expect(removedLineNos(record, RULE)).toEqual([]);
  });

  test('a name repeated counts once; glue needs two cased characters before it', () => {
    expect(gluedTokens('WordPress WordPress WordPress rocks').glued).toBe(1);
    expect(gluedTokens('iPhone eBay iPad').glued).toBe(0);
    expect(gluedTokens('Parent BlogsHow to Be an Online Shopping ExpertOnline Games').glued).toBe(2);
    expect(gluedTokens('2006Digital $200Best it!Share')).toEqual({ glued: 3, tokens: 3, punctuated: 0 });
  });
});
