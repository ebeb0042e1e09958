import type { Rule } from '../rule.js';
import type { Finding } from '../../types.js';
import { LENGTH_LOW, STOPWORDS_LOW, type LineClass } from '../../core/classify.js';

/**
 * Text-density classification with context smoothing, after jusText (Pomikálek 2011): each line has
 * a context-free class (core/classify.ts); short and near-good lines are then decided by their
 * nearest good/bad neighbours, and lines that end up `bad` are removed. Lines already removed by a
 * boilerplate rule count as `bad` context, exact repeats as their own class; blank lines, near
 * repeats and one-line teaser links are ignored.
 */
const IGNORED = new Set(['normalize/empty-line', 'repeat/near', 'boilerplate/inline-teaser', 'widgets/ad-slot']);
/** Stamp lines on a page before they read as list rhythm (3 vs 5 on dev: traf .883 vs .882). */
const STAMP_RUN = 3;
const LIST_MARKER = /^\s*(?:\d{1,2}[.)]|[•●▪◦‣∙·*-])\s*$/u;

type Cls = LineClass;

export const density: Rule = {
  id: 'content/density',
  description: 'jusText-style text density: short and low-stopword lines out of prose context are removed.',
  run(ctx) {
    const idx: number[] = [];
    const cls: Cls[] = [];
    ctx.lines.forEach((_, i) => {
      const c = ctx.claimedBy[i];
      if (c && IGNORED.has(c)) return;
      idx.push(i);
      // An exact repeat is context of its own class (a second copy of a menu line is non-prose
      // context) rather than no context at all; what leans on a copied paragraph is re-checked
      // without it (core/clean.ts), so only the non-prose side matters. Dev: traf P .851 -> .852,
      // R .854 -> .855; cleaneval-dev .877 -> .878 (counting repeats as bad: traf .856 but
      // cleaneval-dev .870; turning repeat/exact off: cleaneval-dev .879 but copies stay).
      cls.push(c && c !== 'repeat/exact' ? 'bad' : ctx.classes[i]!);
    });
    const n = cls.length;
    // Nearest neighbour class, skipping `short` (and `neargood` when ignoreNear); boundary is `bad`.
    // An unclaimed list marker on a line of its own (`2.`, `3)`, `•`) is no evidence either way
    // and is skipped like a short line: numbered recipe or how-to steps would otherwise each sit
    // between two `bad` lines. Separators and counters (`»»»`, `«`, `0`) stay bad context: on the
    // dev pages they sit between teasers. Tested once per line (the neighbour walks revisit lines).
    const marker = cls.map((c, k) => c === 'bad' && !ctx.claimedBy[idx[k]!] && LIST_MARKER.test(ctx.lines[idx[k]!]!.text));
    // Stamp lines - a date, a time, a price or a count alone (`12-13-06`, `Jun 18th 2018`, `2:54pm`)
    // - are `bad` by letter ratio. On a page with STAMP_RUN or more of them (copies included) they
    // are the rhythm of a list of entries (classified ads, posts, dated items), and a bad line
    // between every two entries would make each entry look isolated; there they are `short`, as in
    // jusText, where a line is judged by length first. One stamp (an article's date line) stays
    // bad. Dev: cleaneval-dev .888 -> .896 (R .858 -> .874; a classified-ads page .23 -> .79),
    // traf .882 -> .883 (R .887 -> .891, P .877 -> .875); portal, zh-cwce unchanged. Making every
    // stamp short (no page count): cleaneval-dev the same, traf P .870; counting only stamps that
    // are not copies missed most pages (copies of `View this ad` / date pairs are the pattern).
    const stamp = cls.map((_, k) => {
      const i = idx[k]!;
      const f = ctx.features[i]!;
      const claim = ctx.claimedBy[i];
      return (!claim || claim === 'repeat/exact') && ctx.classes[i] === 'bad' && f.weight < LENGTH_LOW && f.digitRatio >= 0.5 && !marker[k];
    });
    if (stamp.filter(Boolean).length >= STAMP_RUN) stamp.forEach((st, k) => { if (st) cls[k] = 'short'; });
    const neighbour = (k: number, dir: 1 | -1, ignoreNear: boolean): Cls => {
      for (let j = k + dir; j >= 0 && j < n; j += dir) {
        const c = cls[j]!;
        if (c === 'short' || (ignoreNear && c === 'neargood') || marker[j]) continue;
        return c;
      }
      return 'bad';
    };
    const final: Cls[] = cls.slice();
    for (let k = 0; k < n; k++) {
      if (cls[k] !== 'short') continue;
      const prev = neighbour(k, -1, true);
      const next = neighbour(k, 1, true);
      if (prev === 'good' && next === 'good') final[k] = 'good';
      else if (prev === 'bad' && next === 'bad') final[k] = 'bad';
      else if ((prev === 'bad' && neighbour(k, -1, false) === 'neargood') || (next === 'bad' && neighbour(k, 1, false) === 'neargood'))
        final[k] = 'good';
      else final[k] = 'bad';
    }
    for (let k = 0; k < n; k++) {
      if (cls[k] !== 'neargood') continue;
      const prev = neighbour(k, -1, true);
      const next = neighbour(k, 1, true);
      final[k] = prev === 'bad' && next === 'bad' ? 'bad' : 'good';
    }
    // A short line that is a full sentence (sentence end; >= 4 words with stopword density >=
    // STOPWORDS_LOW, or a CJK line with 2+ punctuation marks) directly next to a prose line that
    // stays is that paragraph's first or last sentence (`Ich hoffe euch gefällt der Relaunch.`
    // before the tag line). jusText's smoothing drops it when the boilerplate on its other side is
    // nearer than the next good line. Only direct neighbours, no chains. Dev: traf R .850 -> .854
    // (P .851 unchanged), cleaneval-dev .876 -> .877, portal and zh-cwce unchanged; making every
    // short sentence borderline instead cost traf precision .009.
    const sentenceLike = (k: number): boolean => {
      const f = ctx.features[idx[k]!]!;
      if (!f.endsSentence) return false;
      return f.cjk ? f.punct >= 2 : f.words >= 4 && f.stopwordDensity >= STOPWORDS_LOW;
    };
    const snapshot = final.slice();
    for (let k = 0; k < n; k++) {
      if (cls[k] !== 'short' || snapshot[k] !== 'bad' || !sentenceLike(k)) continue;
      const nb = (j: number): boolean => j >= 0 && j < n && (cls[j] === 'good' || cls[j] === 'neargood') && snapshot[j] === 'good';
      if (nb(k - 1) || nb(k + 1)) final[k] = 'good';
    }
    // Fallback: a page with prose-like lines but no line that survives smoothing (hard-wrapped
    // text, where no line ends a sentence; a tiny page of one or two sentences) would come out
    // empty. Keep its densest run of near-good or sentence-like lines instead (runs are broken by
    // lines other rules removed). Bench corpus: 509 -> 213 emptied documents of 20k with the
    // near-good run alone.
    if (!final.some((c, k) => c === 'good' && cls[k] !== 'short' && !ctx.claimedBy[idx[k]!])) {
      let best: [number, number, number] | null = null;
      let start = -1;
      let sum = 0;
      let lastCounted = -1;
      for (let k = 0; k <= n; k++) {
        // A short line counts when it reads as a sentence (a one-sentence page is all content).
        const f = k < n ? ctx.features[idx[k]!]! : null;
        const sentence = f !== null && cls[k] === 'short' && f.endsSentence && (f.cjk ? f.punct >= 2 : f.words >= 4);
        // Inside a run, a list marker or a bad line of a few characters (a lone punctuation mark
        // or page number in hard-wrapped text) does not end it. Dev: zh-cwce .898 -> .913 (three
        // hard-wrapped pages), traf 0165's numbered steps.
        const gap = f !== null && start >= 0 && (marker[k]! || (cls[k] === 'bad' && !ctx.claimedBy[idx[k]!] && f.weight <= 3));
        const ok = k < n && !ctx.claimedBy[idx[k]!] && (cls[k] === 'neargood' || cls[k] === 'good' || sentence || gap || (cls[k] === 'short' && start >= 0));
        if (ok) {
          if (start < 0) start = k;
          if ((cls[k] !== 'short' && !gap) || sentence) {
            sum += f!.weight;
            // The run ends at its last counted line: trailing short lines (`You may also like`)
            // and markers are not kept on its account.
            lastCounted = k;
          }
          continue;
        }
        if (start >= 0 && sum > 0 && (!best || sum > best[2])) best = [start, lastCounted, sum];
        start = -1;
        sum = 0;
      }
      if (best) for (let k = best[0]; k <= best[1]; k++) final[k] = 'good';
    }
    const out: Finding[] = [];
    for (let k = 0; k < n; k++) {
      const i = idx[k]!;
      if (final[k] !== 'bad' || ctx.claimedBy[i]) continue;
      const f = ctx.features[i]!;
      const reason = cls[k] === 'short' ? 'short line outside prose context' : cls[k] === 'neargood' ? 'borderline line between non-prose lines' : 'low text density';
      const last = out[out.length - 1];
      if (last && last.reason === reason && last.lines[1] === i - 1) {
        last.lines[1] = i;
        continue;
      }
      out.push({
        ruleId: this.id,
        reason,
        lines: [i, i],
        evidence: { class: cls[k], stopwordDensity: Math.round(f.stopwordDensity * 100) / 100, weight: Math.round(f.weight) },
      });
    }
    return out;
  },
};
