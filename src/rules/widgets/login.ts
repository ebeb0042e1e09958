import { lexiconRule } from './lexicon-rule.js';

export const login = lexiconRule('widgets/login', 'login', 'Login, register and account links (lexicon: login).', 'login/account widget');
