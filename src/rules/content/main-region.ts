import type { Rule } from '../rule.js';
import type { Finding } from '../../types.js';
import { ruleNumber } from '../../core/config.js';

/**
 * The article is the densest run of prose. Prose anchors (lines of class `good` still kept) are
 * chained into clusters while the non-prose text between two anchors stays under MAX_GAP
 * (Latin-character equivalents). The cluster with the most prose is the main content; other
 * clusters stay only if they hold at least MIN_SHARE of its prose (a second article part, comments
 * written as prose). Kept lines outside every kept cluster are removed — except a heading allowance
 * of HEADING_WEIGHT just before a cluster (title, byline, lead), after jusText's
 * max_heading_distance of 200.
 * On the dev sets most boilerplate that survives line rules lies after the article (traf: 353 of
 * 513 leaked snippets); this rule targets exactly that tail.
 */
const MAX_GAP = 400;
const MIN_SHARE = 0.25;
const HEADING_WEIGHT = 200;

interface Cluster {
  first: number;
  last: number;
  prose: number;
}

export const mainRegion: Rule = {
  id: 'content/main-region',
  description: 'Keeps the densest run of prose (and runs nearly as dense); kept lines far outside them are removed.',
  run(ctx) {
    const maxGap = ruleNumber(ctx.config, this.id, 'maxGap', MAX_GAP);
    const minShare = ruleNumber(ctx.config, this.id, 'minShare', MIN_SHARE);
    const headingWeight = ruleNumber(ctx.config, this.id, 'headingWeight', HEADING_WEIGHT);
    const n = ctx.lines.length;
    const clusters: Cluster[] = [];
    let cur: Cluster | null = null;
    let gap = 0;
    for (let i = 0; i < n; i++) {
      const f = ctx.features[i]!;
      const claimed = ctx.claimedBy[i];
      if (claimed === 'normalize/empty-line' || claimed === 'repeat/exact' || claimed === 'repeat/near' || claimed === 'boilerplate/inline-teaser') continue;
      // Anchors: prose lines that survived the density rule (good, or near-good in prose context).
      const cls = ctx.classes[i];
      const anchor = !claimed && (cls === 'good' || cls === 'neargood');
      if (anchor) {
        const prose = cls === 'good' ? f.weight : f.weight / 2;
        if (cur && gap <= maxGap) {
          cur.last = i;
          cur.prose += prose;
        } else {
          cur = { first: i, last: i, prose };
          clusters.push(cur);
        }
        gap = 0;
      } else {
        gap += f.weight;
      }
    }
    if (clusters.length === 0) return [];
    const best = Math.max(...clusters.map((c) => c.prose));
    const keep = clusters.filter((c) => c.prose >= best * minShare);
    const inside = new Array<boolean>(n).fill(false);
    for (const c of keep) {
      for (let i = c.first; i <= c.last; i++) inside[i] = true;
      // Heading allowance: walk back over up to headingWeight of text before the cluster.
      let budget = headingWeight;
      for (let i = c.first - 1; i >= 0 && budget > 0; i--) {
        const w = ctx.features[i]!.weight;
        if (w === 0) continue;
        budget -= w;
        if (budget >= 0 || ctx.lines[i]!.text.length > 0) inside[i] = budget >= 0;
      }
    }
    // Only what follows the first kept cluster is cut. Before it, prose that survived the line
    // rules is mostly the article's own start (a lead, an intro paragraph split from the body by
    // an image caption or a pull quote): on traf the lines this rule removed there held 46 `with`
    // snippets and 7 `without`, after the article 16 and 54. Dev, cutting only after: traf
    // .865 -> .872 (R .871 -> .886, P .859 unchanged), cleaneval-dev .881 -> .882, zh-cwce .913 ->
    // .915, portal .912 -> .909.
    const firstKept = keep.reduce((m, c) => Math.min(m, c.first), n);
    const out: Finding[] = [];
    for (let i = firstKept; i < n; i++) {
      if (inside[i] || ctx.claimedBy[i]) continue;
      const last = out[out.length - 1];
      if (last && last.lines[1] === i - 1) last.lines[1] = i;
      else out.push({ ruleId: this.id, reason: 'outside the main prose region', lines: [i, i], evidence: { clusters: clusters.length, keptClusters: keep.length } });
    }
    return out;
  },
};
