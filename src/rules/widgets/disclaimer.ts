import { lexiconRule } from './lexicon-rule.js';

/**
 * Boilerplate written as prose that line shape cannot tell from an article sentence: affiliate and
 * advertising disclosures, opinion and external-link disclaimers, reprint notices, comment
 * policies, newsletter consent text and support appeals. Matched by phrase anywhere in a line of up
 * to 700 Latin-character equivalents (the dev pages' longest such notice is 659 characters); the
 * phrases are the stock wording these notices share across sites, not any one site's text.
 */
export const disclaimer = lexiconRule(
  'widgets/disclaimer',
  'disclaimer',
  'Disclaimers and notices written as prose: affiliate disclosures, opinion and link disclaimers, reprint notices, comment policies, newsletter consent (lexicon: disclaimer).',
  'disclaimer or notice',
);
