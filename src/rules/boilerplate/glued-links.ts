import type { Rule } from '../rule.js';
import { rangesToFindings } from '../rule.js';
import { ruleNumber } from '../../core/config.js';
import { charTable, hasSurrogate, C_DIGIT, C_LL, C_LU } from '../../core/charclass.js';

/**
 * Link labels run together: when a scraper drops the markup between adjacent links it often drops
 * the whitespace too, and a menu or a "related articles" box becomes one long line such as
 * `Top 10 Toys of 2006Digital Cameras Under $200Best Gifts for Your SpouseReview: …` or
 * `Email ThisBlogThis!Share to TwitterShare to Facebook`. By length and stopwords the line reads
 * like prose; the glue gives it away: a lowercase letter, digit, `$`, `%`, `)`, `!` or `?` followed
 * at once by a capitalised word.
 *
 * A line goes when it has at least MIN_GLUED distinct glued tokens, they are at least GLUED_SHARE
 * of its tokens, and at most MAX_PUNCT_SHARE of its tokens end with `,` `.` `;` (prose punctuates,
 * a run of link labels does not). Camel-case names (`WordPress`, `YouTube`, `McCain`) glue too, but
 * one name repeated counts once; handles, hashtags and URLs do not count. The glue needs two cased
 * characters before it, so `iPhone` and `eBay` are not glued. Lines with CJK text are skipped: they
 * have no spaces between words, and Latin names inside them (`拆解iPhone11 Pro Max`) are not links
 * (zh-news: three pages lost article lines before this).
 *
 * Thresholds from the dev sets (lines of every page, whatever the other rules decide): with
 * 3 / .15 / .1, no line of the cleaneval-dev, portal or zh-cwce gold matches and on traf one line
 * holds a `with` snippet (a nutrition-facts line, `Calories: 291kcalCarbohydrates: 31gProtein: …`)
 * while the kept matches hold only `without` snippets. With 2 glued tokens, prose with two brand
 * names matched (`Die FuelCell-Familie … FuelCell Echo …`, a `with` line).
 */
const MIN_GLUED = 3;
const GLUED_SHARE = 0.15;
const MAX_PUNCT_SHARE = 0.1;
const GLUE = /[\p{Ll}\p{Lu}\p{Nd}][\p{Ll}\p{Nd}$%)!?](?=\p{Lu}\p{Ll})/u;
const NOT_COUNTED = /^[@#]|:\/\/|^www\./iu;
const PUNCT_END = /[,.;]$/u;

/** The characters GLUE allows second: \p{Ll}, \p{Nd} and `$ % ) ! ?`. */
const GLUE_SECOND = new Set([0x24, 0x25, 0x29, 0x21, 0x3f]);
/**
 * `GLUE.test(text)` as one scan with the BMP class table (most lines have no glue, and the regex
 * tries its unicode classes at every position: 5.7% of a bench profile). Lines with surrogates
 * take the regex, which defines the match (a table over UTF-16 units cannot classify them).
 */
export function hasGlue(text: string): boolean {
  if (hasSurrogate(text)) return GLUE.test(text);
  const t = charTable();
  for (let i = 0; i + 3 < text.length; i++) {
    // Test the rarest condition first: an upper-case letter followed by a lower-case one.
    if ((t[text.charCodeAt(i + 2)]! & C_LU) === 0 || (t[text.charCodeAt(i + 3)]! & C_LL) === 0) continue;
    const second = text.charCodeAt(i + 1);
    if ((t[second]! & (C_LL | C_DIGIT)) === 0 && !GLUE_SECOND.has(second)) continue;
    if ((t[text.charCodeAt(i)]! & (C_LL | C_LU | C_DIGIT)) !== 0) return true;
  }
  return false;
}

/** Distinct glued tokens and the share of punctuated tokens of one line (exported for tests). */
export function gluedTokens(text: string): { glued: number; tokens: number; punctuated: number } {
  const tokens = text.split(/\s+/u).filter((t) => t !== '');
  const glued = new Set<string>();
  let punctuated = 0;
  for (const t of tokens) {
    if (PUNCT_END.test(t)) punctuated++;
    if (!NOT_COUNTED.test(t) && GLUE.test(t)) glued.add(t);
  }
  return { glued: glued.size, tokens: tokens.length, punctuated };
}

export const gluedLinks: Rule = {
  id: 'boilerplate/glued-links',
  description: 'Link labels run together without spaces (`Top 10 Toys of 2006Digital Cameras Under $200Best Gifts…`).',
  run(ctx) {
    const minGlued = ruleNumber(ctx.config, this.id, 'minGlued', MIN_GLUED);
    const gluedShare = ruleNumber(ctx.config, this.id, 'gluedShare', GLUED_SHARE);
    const maxPunct = ruleNumber(ctx.config, this.id, 'maxPunctShare', MAX_PUNCT_SHARE);
    const out: number[] = [];
    const evidence = new Map<number, number>();
    ctx.lines.forEach((l, i) => {
      if (ctx.claimedBy[i] || l.text === '' || ctx.features[i]!.cjk) return;
      // Cheap pre-check: most lines have no glue at all.
      if (!hasGlue(l.text)) return;
      const g = gluedTokens(l.text);
      if (g.glued < minGlued || g.glued < gluedShare * g.tokens || g.punctuated > maxPunct * g.tokens) return;
      out.push(i);
      evidence.set(i, g.glued);
    });
    return rangesToFindings(out, this.id, 'link labels run together', (first, last) => ({
      gluedTokens: Array.from({ length: last - first + 1 }, (_, k) => evidence.get(first + k)!),
    }));
  },
};
