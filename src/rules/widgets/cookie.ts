import { lexiconRule } from './lexicon-rule.js';

export const cookie = lexiconRule('widgets/cookie', 'cookie', 'Cookie and privacy-consent notices (lexicon: cookie).', 'cookie notice');
