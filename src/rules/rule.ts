/** The contract every rule follows: read a document context, report findings, never edit. */
import type { Finding, InputDocument, Line } from '../types.js';
import type { LineFeatures } from '../core/features.js';
import type { CleanConfig } from '../core/config.js';
import type { TemplateStats } from '../core/templates.js';
import type { Lexicon } from '../core/lexicon.js';
import type { PhraseHits } from '../core/phrase-index.js';
import type { LineClass } from '../core/classify.js';

export interface DocContext {
  readonly doc: InputDocument;
  readonly lines: readonly Line[];
  readonly features: readonly LineFeatures[];
  /** Context-free class of each line (core/classify.ts). */
  readonly classes: readonly LineClass[];
  /** Language guessed for the whole body (ISO 639-1), used to pick stopword lists. */
  readonly language: string | null;
  /** Matching key of the header title (may be ''). */
  readonly titleKey: string;
  /** Cross-document group (host, site name, or directory) or null. */
  readonly group: string | null;
  readonly templates: TemplateStats | null;
  readonly config: CleanConfig;
  readonly lexicon: Lexicon;
  /**
   * The line's key scanned for every phrase of `lexicon` (core/phrase-index.ts), once per line and
   * document: pass it to matchPhrase.
   */
  phraseHits(line: Line): PhraseHits;
  /** Per line: the rule id of the earlier finding that already removes it, or undefined. */
  readonly claimedBy: readonly (string | undefined)[];
}

export interface Rule {
  /** Equals the rule's path under src/rules/ (e.g. `boilerplate/nav-slugs`). */
  readonly id: string;
  /** One sentence for `seed-clean rules`. */
  readonly description: string;
  run(ctx: DocContext): Finding[];
}

/** Helper for rules: turn a list of line indices into findings of contiguous ranges. */
export function rangesToFindings(
  indices: number[],
  ruleId: string,
  reason: string | ((first: number, last: number) => string),
  evidence?: (first: number, last: number) => Record<string, unknown> | undefined,
): Finding[] {
  const out: Finding[] = [];
  const sorted = [...indices].sort((a, b) => a - b);
  let i = 0;
  while (i < sorted.length) {
    const first = sorted[i]!;
    let last = first;
    while (i + 1 < sorted.length && sorted[i + 1] === last + 1) last = sorted[++i]!;
    i++;
    const ev = evidence?.(first, last);
    out.push({ ruleId, reason: typeof reason === 'string' ? reason : reason(first, last), lines: [first, last], ...(ev ? { evidence: ev } : {}) });
  }
  return out;
}
