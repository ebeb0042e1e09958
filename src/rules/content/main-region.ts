import type { Rule } from '../rule.js';
import type { Finding } from '../../types.js';
import { ruleNumber } from '../../core/config.js';

/**
 * The article is the densest run of prose. Prose anchors (lines of class `good` still kept) are
 * chained into clusters while the non-prose text between two anchors stays under MAX_GAP
 * (Latin-character equivalents). The cluster with the most prose is the main content; other
 * clusters count too if they hold at least MIN_SHARE of its prose or MIN_PROSE in all (a second
 * article part, comments written as prose). Kept lines after the last such cluster are removed:
 * on the dev sets most boilerplate that survives the line rules lies after the article (traf: 353
 * of 513 leaked snippets), and this rule targets exactly that tail.
 *
 * MAX_GAP: non-prose weight that ends a cluster - jusText's max_heading_distance (200). It was 400
 * while this rule also cut between clusters; cutting only the tail, the shorter gap separates the
 * article from what follows it (dev, with MIN_PROSE: traf .883 -> .887, P .875 -> .887; portal
 * .909 -> .918; cleaneval-dev .896 -> .897; zh-cwce unchanged. 150: traf .890 but cleaneval-dev
 * .892; 250: traf .886, portal .916).
 * MIN_SHARE: a cluster with a quarter of the main cluster's prose is a second part of the page
 * (0.35: cleaneval-dev .889, 0.5: .886 - CleanEval keeps comments and second posts).
 * MIN_PROSE: a cluster with this much prose (about three paragraphs) is never cut, whatever its
 * share: with the shorter gap a figure caption inside a long paper split it, and its second half
 * (a fifth of the prose) was cut (zh-cwce .915 -> .912 without it; 800 and 3000 within .001).
 */
const MAX_GAP = 200;
const MIN_SHARE = 0.25;
const MIN_PROSE = 1500;
const LIST_ITEM_END = /[;；]\s*$/u;

interface Cluster {
  last: number;
  prose: number;
}

export const mainRegion: Rule = {
  id: 'content/main-region',
  description: 'Keeps the densest run of prose (and runs nearly as dense); kept lines after the last of them are removed.',
  run(ctx) {
    const maxGap = ruleNumber(ctx.config, this.id, 'maxGap', MAX_GAP);
    const minShare = ruleNumber(ctx.config, this.id, 'minShare', MIN_SHARE);
    const minProse = ruleNumber(ctx.config, this.id, 'minProse', MIN_PROSE);
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
          cur = { last: i, prose };
          clusters.push(cur);
        }
        gap = 0;
      } else {
        // A kept line that ends like a sentence or a list item (`；`) counts half: a list of full
        // sentences (the articles of a law, numbered points) is the text's own, while teaser
        // headlines after an article have no end mark. Dev scores within .001 (traf P .887 ->
        // .886, R .888 -> .889); zh-news: a law's last articles stay, a site notice goes.
        gap += !claimed && (f.endsSentence || LIST_ITEM_END.test(ctx.lines[i]!.text)) ? f.weight / 2 : f.weight;
      }
    }
    if (clusters.length === 0) return [];
    const best = Math.max(...clusters.map((c) => c.prose));
    const keep = clusters.filter((c) => c.prose >= best * minShare || c.prose >= minProse);
    // Only what follows the last kept cluster is cut. Before the first one, prose that survived
    // the line rules is mostly the article's own start (a lead, an intro paragraph split from the
    // body by an image caption or a pull quote): on traf the lines this rule removed there held 46
    // `with` snippets and 7 `without`, after the article 16 and 54 (traf .865 -> .872, R .871 ->
    // .886). Between two kept clusters, what the line rules kept is the article's own structure
    // (a list of short points between two paragraphs, a sub-heading block): cutting it there cost
    // cleaneval-dev .882 -> .888 and changed nothing on traf, portal or zh-cwce.
    const lastKept = keep.reduce((m, c) => Math.max(m, c.last), 0);
    const out: Finding[] = [];
    for (let i = lastKept + 1; i < n; i++) {
      if (ctx.claimedBy[i]) continue;
      const last = out[out.length - 1];
      if (last && last.lines[1] === i - 1) last.lines[1] = i;
      else out.push({ ruleId: this.id, reason: 'outside the main prose region', lines: [i, i], evidence: { clusters: clusters.length, keptClusters: keep.length } });
    }
    return out;
  },
};
