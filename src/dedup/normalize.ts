/**
 * Text normalisation used by deduplication (both the exact key and the shingles):
 * Unicode NFKC, lower case, every whitespace run collapsed to one space, trimmed.
 *
 * NFKC folds full-width / compatibility forms (e.g. `Ａ` → `A`, `ﬁ` → `fi`, half-width katakana →
 * full-width), so texts that differ only in those forms, in case or in spacing are exact duplicates.
 */
const WS_RUN = /\s+/gu;

export function normalizeForDedup(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(WS_RUN, ' ').trim();
}
