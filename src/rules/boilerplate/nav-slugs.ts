import type { Rule } from '../rule.js';
import { rangesToFindings } from '../rule.js';
import { ruleNumber } from '../../core/config.js';

/**
 * Runs of bare lower-case ASCII tokens (`xuexi`, `redian`, `shizheng`, `news-world`): channel and
 * URL slugs a scraper picked up from navigation. A run of MIN_RUN or more such lines is navigation;
 * a single slug line is left to other rules (it could be a code identifier in a tutorial).
 */
const SLUG = /^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$/;
/** 3: two slugs in a row occur in prose pages (e.g. tag lists); three almost never do. */
const MIN_RUN = 3;
const MAX_SLUG_LEN = 30;

export const navSlugs: Rule = {
  id: 'boilerplate/nav-slugs',
  description: 'Runs of 3+ lines that are bare lower-case ASCII slugs (pinyin channel names, URL path words).',
  run(ctx) {
    const minRun = ruleNumber(ctx.config, this.id, 'minRun', MIN_RUN);
    const out: number[] = [];
    let run: number[] = [];
    const flush = () => {
      if (run.length >= minRun) out.push(...run);
      run = [];
    };
    ctx.lines.forEach((l, i) => {
      if (l.text === '') return; // blank lines do not break a run
      if (l.text.length <= MAX_SLUG_LEN && SLUG.test(l.text)) run.push(i);
      else flush();
    });
    flush();
    return rangesToFindings(out, this.id, 'run of URL/channel slugs (site navigation)', (a, b) => ({ runLength: b - a + 1 }));
  },
};
