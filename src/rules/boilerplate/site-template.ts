import type { Rule } from '../rule.js';
import type { Finding } from '../../types.js';
import { ruleNumber } from '../../core/config.js';
import { digitFoldedKey } from '../../core/normalize.js';

/**
 * Site template learned across the corpus: a line whose key (digits folded) occurs in at least
 * MIN_DOCS distinct documents of the same group and in at least MIN_SHARE of them. Groups are hosts
 * (or the site name in the title, or the directory with --group-by dir), never the whole corpus.
 * MIN_DOCS 3: two pages of one site share headlines they both link to; a third page sharing the same
 * line is the template. MIN_SHARE 0.25 stops a line quoted in a few of many pages of a big site.
 * Prose lines (class good or near-good) need PROSE_MIN_SHARE of the group's documents: a paragraph repeated in a few pages of a site is syndicated or duplicated content, which
 * dedup — not cleaning — should decide. With the plain thresholds a cluster of near-copies of one
 * article on one host lost its whole body as "template" (bench corpus: ~1,000 of 20k documents
 * emptied); exempting prose entirely cost portal F1 .892 -> .859 (its sidebars are prose-like).
 */
const MIN_DOCS = 3;
const MIN_SHARE = 0.25;
const PROSE_MIN_SHARE = 0.6;

export const siteTemplate: Rule = {
  id: 'boilerplate/site-template',
  description: 'Lines that recur in several documents of the same site (host or group): learned template lines.',
  run(ctx) {
    const t = ctx.templates;
    const group = ctx.group;
    if (!t || !group) return [];
    const docs = t.groupDocs(group);
    const minDocs = ruleNumber(ctx.config, this.id, 'minDocs', MIN_DOCS);
    const minShare = ruleNumber(ctx.config, this.id, 'minShare', MIN_SHARE);
    if (docs < minDocs) return [];
    const out: Finding[] = [];
    ctx.lines.forEach((l, i) => {
      if (ctx.claimedBy[i] || l.key === '') return;
      const cls = ctx.classes[i];
      const prose = cls === 'good' || cls === 'neargood';
      const n = t.lineDocs(group, digitFoldedKey(l.key));
      if (n >= minDocs && n / docs >= (prose ? Math.max(minShare, PROSE_MIN_SHARE) : minShare)) {
        out.push({ ruleId: this.id, reason: 'site template line', lines: [i, i], evidence: { group, documents: n, groupDocuments: docs } });
      }
    });
    return out;
  },
};
