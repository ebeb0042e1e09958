import { lexiconRule } from '../widgets/lexicon-rule.js';

export const copyright = lexiconRule('footer/copyright', 'copyright', 'Copyright, rights-reserved, ICP registration and licence lines (lexicon: copyright).', 'copyright/licence line');
