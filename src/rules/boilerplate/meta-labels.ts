import { lexiconRule } from '../widgets/lexicon-rule.js';

export const metaLabels = lexiconRule('boilerplate/meta-labels', 'meta-labels', 'Tag, category, source and editor labels around an article (lexicon: meta-labels).', 'tag/category/editor label');
