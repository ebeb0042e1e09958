import type { Rule } from '../rule.js';
import { rangesToFindings } from '../rule.js';
import { ruleNumber } from '../../core/config.js';

/**
 * Runs of short label lines (menus, channel lists, tag clouds, footer link lists). A label is a short
 * line that does not read as a sentence: <= MAX_LABEL_WEIGHT Latin-character equivalents, no
 * sentence-final punctuation. A run of MIN_RUN or more labels is navigation when it lies before the
 * first or after the last prose line of the page; inside the content a run must be LONG_RUN lines
 * long, because short lists inside articles (ingredients, specs, list items) are content.
 * MIN_RUN 4 / LONG_RUN 10 were set on the dev sets (traf, portal): shorter runs cost recall on lists.
 */
const MAX_LABEL_WEIGHT = 40;
const MIN_RUN = 4;
const LONG_RUN = 10;
/** A number (integer, decimal or fraction) then a word: a quantity with its unit or item. */
const QUANTITY = /^\s*(?:\d+(?:[.,/]\d+)?|[½¼¾⅓⅔])\s*(?:-\s*\d+\s*)?\p{L}/u;
const QUANTITY_SHARE = 0.4;

export const menuRun: Rule = {
  id: 'boilerplate/menu-run',
  description: 'Runs of short label lines (menus, channel lists, link lists) at the edges of the content, or long runs anywhere.',
  run(ctx) {
    const minRun = ruleNumber(ctx.config, this.id, 'minRun', MIN_RUN);
    const longRun = ruleNumber(ctx.config, this.id, 'longRun', LONG_RUN);
    const n = ctx.lines.length;
    let firstGood = -1;
    let lastGood = -1;
    for (let i = 0; i < n; i++) {
      if (ctx.classes[i] === 'good' && !ctx.claimedBy[i]) {
        if (firstGood < 0) firstGood = i;
        lastGood = i;
      }
    }
    const isLabel = (i: number): boolean => {
      const f = ctx.features[i]!;
      return f.len > 0 && f.weight <= MAX_LABEL_WEIGHT && !f.endsSentence;
    };
    const out: number[] = [];
    let i = 0;
    while (i < n) {
      // A run may include lines already claimed by other rules (lexicon hits inside a menu) and blanks.
      if (!isLabel(i) || ctx.lines[i]!.text === '') {
        i++;
        continue;
      }
      let j = i;
      let labels = 0;
      while (j < n && (isLabel(j) || ctx.lines[j]!.text === '' || ctx.claimedBy[j])) {
        if (isLabel(j)) labels++;
        j++;
      }
      // A run whose labels mostly start with a quantity (`200 g Zucker`, `1 tablespoon ground`,
      // `3/4 xícara de farinha`) is an ingredient or spec list, not a menu: left to the context rules.
      let quantities = 0;
      for (let k = i; k < j; k++) if (isLabel(k) && QUANTITY.test(ctx.lines[k]!.text)) quantities++;
      const dataList = quantities >= labels * QUANTITY_SHARE;
      const atEdge = firstGood < 0 || j - 1 < firstGood || i > lastGood;
      if (!dataList && labels >= (atEdge ? minRun : longRun)) {
        for (let k = i; k < j; k++) if (isLabel(k) && !ctx.claimedBy[k]) out.push(k);
      }
      i = j;
    }
    return rangesToFindings(out, this.id, 'run of short menu/link labels', (a, b) => ({ runLength: b - a + 1 }));
  },
};
