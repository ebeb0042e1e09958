import { lexiconRule } from './lexicon-rule.js';

/**
 * An advertisement slot's label (`Advertisement`, `- Anzeige -`, `广告`, `Story continues below
 * advertisement`) sits inside the article, so it is removed alone: as a section label it cut the
 * paragraph after it (traf: 0031, 0738).
 */
export const adSlot = lexiconRule('widgets/ad-slot', 'ad-slot', 'Advertisement placeholders inside the article, removed without the text after them (lexicon: ad-slot).', 'advertisement slot');
