import { lexiconRule } from './lexicon-rule.js';

export const backToTop = lexiconRule('widgets/back-to-top', 'back-to-top', 'Back-to-top, skip and jump links, menu/search toggles (lexicon: back-to-top).', 'page-navigation control');
