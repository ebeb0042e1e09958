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
 * A recurring prose line right next to a recurring non-prose template line (blank lines between
 * do not count) needs only MIN_SHARE: it is a widget's text, like the descriptions under the badge
 * names of a comment system (`Culture Connoisseur Badge` / `Culture Connoisseurs consistently
 * offer thought-provoking, timely comments …`, portal: on 5 of 15 pages of one host). Portal .932
 * -> .936 (P .927 -> .934); the other dev sets and zh-news unchanged; bench c2k: 7 of 2,000
 * documents lose a line, none emptied.
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
    const nLines = ctx.lines.length;
    // Per line: documents of the group holding it, when it is frequent enough to be template at all.
    const counts = new Array<number>(nLines).fill(0);
    const prose = new Array<boolean>(nLines).fill(false);
    for (let i = 0; i < nLines; i++) {
      const l = ctx.lines[i]!;
      if (ctx.claimedBy[i] || l.key === '') continue;
      const cls = ctx.classes[i];
      prose[i] = cls === 'good' || cls === 'neargood';
      const n = t.lineDocs(group, digitFoldedKey(l.key));
      if (n >= minDocs && n / docs >= minShare) counts[i] = n;
    }
    const shortTemplate = (j: number): boolean => j >= 0 && j < nLines && counts[j]! > 0 && !prose[j]!;
    for (let i = 0; i < nLines; i++) {
      const n = counts[i]!;
      if (n === 0) continue;
      if (prose[i] && n / docs < PROSE_MIN_SHARE) {
        let p = i - 1;
        while (p >= 0 && ctx.lines[p]!.key === '') p--;
        let q = i + 1;
        while (q < nLines && ctx.lines[q]!.key === '') q++;
        if (!shortTemplate(p) && !shortTemplate(q)) continue;
      }
      out.push({ ruleId: this.id, reason: 'site template line', lines: [i, i], evidence: { group, documents: n, groupDocuments: docs } });
    }
    return out;
  },
};
