import type { Rule } from '../rule.js';
import { rangesToFindings } from '../rule.js';
import { ruleNumber } from '../../core/config.js';

/**
 * Image captions and credits: a short line that carries a credit label (`Foto: dpa`, `(Foto: ABr)`,
 * `Bild: Jahr Media`, `Crédits photos : Bestimage`, `摄影：`) or starts with `Photo by` /
 * `Photograph by`. The text of a caption reads like a sentence and sits inside the article, so line
 * shape and context keep it; the credit label gives it away. On the traf dev pages lines of up to
 * MAX_WEIGHT characters with such a label hold 38 `without` snippets and 3 `with` snippets.
 * `Quelle:`/`Source:` is not a credit label here: it also cites the source of a statement or table.
 */
const MAX_WEIGHT = 140;
const CREDIT =
  /(?:^|[\s([|.,;/])(?:fotos?|photos?|bild|bilder|image|credits?|crédits? photos?|fuente|crédito|zdjęcie|fot\.|bildrechte|bildquelle|photo credit|image credit)\s*[:：]|^(?:photo|photograph|image|foto|bild|picture) (?:by|von)\s|摄影\s*[:：]|图片来源|图源\s*[:：]/iu;

export const photoCredit: Rule = {
  id: 'boilerplate/photo-credit',
  description: 'Image captions and credits: short lines with a credit label (`Foto: dpa`, `Photo by …`, `摄影：`).',
  run(ctx) {
    const maxWeight = ruleNumber(ctx.config, this.id, 'maxWeight', MAX_WEIGHT);
    const out: number[] = [];
    ctx.lines.forEach((l, i) => {
      if (ctx.claimedBy[i] || l.text === '' || ctx.features[i]!.weight > maxWeight) return;
      if (CREDIT.test(l.text)) out.push(i);
    });
    return rangesToFindings(out, this.id, 'image caption or credit');
  },
};
