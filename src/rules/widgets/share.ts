import { lexiconRule } from './lexicon-rule.js';

export const share = lexiconRule('widgets/share', 'share', 'Share, print, e-mail, follow, newsletter and subscribe buttons (lexicon: share).', 'share/follow/subscribe widget');
