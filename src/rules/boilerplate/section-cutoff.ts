import type { Rule } from '../rule.js';
import type { Finding } from '../../types.js';
import { matchPhrase } from '../../core/lexicon.js';

/**
 * Section labels that open a boilerplate region after the article (`Related`, `Lesen Sie auch`,
 * `Mehr zum Thema`, `相关阅读`): the label and the lines that follow it are cut up to the next line
 * that reads as article prose (class `good`), or to the end of the page when little prose follows.
 * A label before the first prose line is left to the navigation rules (it may be a menu item).
 */
/**
 * Cut to the end when the prose after the label is under half the prose before it (dev: portal F1
 * .885 -> .904, traf .840 -> .843; 0.25 gave portal .892).
 */
const RESUME_SHARE = 0.5;
export const sectionCutoff: Rule = {
  id: 'boilerplate/section-cutoff',
  description: 'Section labels such as "Related", "Lesen Sie auch", "相关阅读" after the article, with the teaser lines they introduce.',
  run(ctx) {
    const n = ctx.lines.length;
    // Prose weight after each line: a label followed by little prose (compared with the article
    // before it) opens the page's tail — related lists, teasers, comments — and is cut to the end.
    const suffix = new Float64Array(n + 1);
    // Near-good lines count half: an article that goes on in short paragraphs still resumes.
    const prose = (i: number): number => {
      if (ctx.claimedBy[i]) return 0;
      const c = ctx.classes[i];
      return c === 'good' ? ctx.features[i]!.weight : c === 'neargood' ? ctx.features[i]!.weight / 2 : 0;
    };
    for (let i = n - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + prose(i);
    const adSlots = ctx.lexicon.categories.get('ad-slot');
    let seenProse = false;
    const out: Finding[] = [];
    for (let i = 0; i < n; i++) {
      if (ctx.classes[i] === 'good' && !ctx.claimedBy[i]) seenProse = true;
      if (!seenProse) continue;
      // `Label: headline` teaser links are boilerplate/inline-teaser's.
      if (ctx.claimedBy[i] === 'boilerplate/inline-teaser') continue;
      // Both sets decide a line heavier than their maxWeight before reading its phrases: not scanned.
      const w = ctx.features[i]!.weight;
      const hits = w > ctx.lexicon.sectionLabels.maxWeight && (adSlots === undefined || w > adSlots.maxWeight) ? undefined : ctx.phraseHits(ctx.lines[i]!);
      const p = matchPhrase(ctx.lexicon.sectionLabels, ctx.lines[i]!.key, w, '', hits);
      // An advertisement slot (widgets/ad-slot) inside the article is removed alone; one followed
      // by little prose opens the page's tail like a section label. Dev: as a plain section label
      // it cut the paragraph after it (traf 0031, 0738); as a slot only, traf P .886 -> .883 (the
      // last slot before related lists and footers had been cutting them).
      const adSlot = p === null && adSlots !== undefined ? matchPhrase(adSlots, ctx.lines[i]!.key, w, '', hits) : null;
      if (p === null && adSlot === null) continue;
      let j = i + 1;
      const before = suffix[0]! - suffix[i]!;
      if (adSlot !== null && suffix[i + 1]! >= RESUME_SHARE * before) continue;
      // A label with more text on the same line (`Über den Autor/ die Autorin`, `Read more in
      // Fotografie`): only that line goes. A label alone on its line opens a section.
      const inline = adSlot === null && !ctx.lexicon.sectionLabels.exact.has(ctx.lines[i]!.key);
      if (inline) j = i + 1;
      else if (suffix[i + 1]! < RESUME_SHARE * before) j = n;
      else while (j < n && ctx.classes[j] !== 'good') j++;
      out.push({
        ruleId: this.id,
        reason: 'section after a related/more label',
        lines: [i, j - 1],
        evidence: { label: ctx.lines[i]!.text.slice(0, 80) },
      });
      i = j - 1;
    }
    return out;
  },
};
