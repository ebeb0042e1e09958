import { lexiconRule } from './lexicon-rule.js';

export const comments = lexiconRule('widgets/comments', 'comments', 'Comment boxes, comment counts and comment-form notices (lexicon: comments).', 'comment widget');
