import { lexiconRule } from '../widgets/lexicon-rule.js';

export const legal = lexiconRule('footer/legal', 'legal', 'Footer links: imprint, privacy, terms, contact, about, sitemap (lexicon: legal).', 'footer link');
