import { lexiconRule } from './lexicon-rule.js';

export const endOfFeed = lexiconRule('widgets/end-of-feed', 'end-of-feed', 'Infinite-scroll end markers, load-more and pagination buttons (lexicon: end-of-feed).', 'end-of-feed or pagination marker');
