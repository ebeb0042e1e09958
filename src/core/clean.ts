/**
 * Per-document cleaning: build lines and features, run every enabled rule in order (rules report
 * findings; the claims are recorded here, never by the rules), apply the findings once, then fill
 * the metadata. Pure: no I/O, no CLI.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Finding, InputDocument, Line, OutputRecord } from '../types.js';
import { matchKey, normalizeDisplay, digitFoldedKey } from './normalize.js';
import { lineFeatures, type LineFeatures } from './features.js';
import { classifyLine, type LineClass } from './classify.js';
import { wrappedParagraphs } from './hardwrap.js';
import { mayBeEastAsian } from './script.js';
import { addStopwordHits, hasStopwords, stopwordLeaderIsClear, stopwordHitCounts, stopwordLanguagesOf, weakStopwordLanguagesOf, type StopwordHits } from './stopwords.js';
import { applyFindings, claim } from './apply.js';
import { DEFAULT_CONFIG, ruleEnabled, type CleanConfig } from './config.js';
import { loadLexicon, lexiconIndex, type Lexicon } from './lexicon.js';
import type { PhraseHits } from './phrase-index.js';
import type { TemplateStats } from './templates.js';
import { RULES, type Rule, type DocContext } from '../rules/index.js';
import { parseUrl, splitTitle, extractDate, detectLanguage, detectLanguageOfLines } from '../meta/index.js';
import { bodyLinesKeys } from '../meta/title.js';

export interface CleanOptions {
  config?: CleanConfig;
  templates?: TemplateStats | null;
  lexicon?: Lexicon;
  rules?: readonly Rule[];
}

/** Language guess used to choose stopword lists: tinyld on the longest lines (bounded sample). */
const LANG_SAMPLE_CHARS = 3000;
/**
 * Re-checks of the kept lines at most (each only removes, so it stops at the first that removes
 * nothing). Dev sets: no page needs more than 2 to stop changing (scripts/check-idempotence.mjs).
 */
const RECHECK_ROUNDS = 3;
/** Languages whose pages keep the detector's answer as their stopword list (segmented text). */
const CJK_LANGUAGES = new Set(['zh', 'ja', 'ko']);
/** Rules whose verdict on a line depends on which other lines are kept (see cleanDocument). */
const RECHECK_RULES = new Set(['boilerplate/menu-run', 'boilerplate/section-cutoff', 'content/density', 'content/main-region']);

export function buildLines(doc: InputDocument): Line[] {
  return doc.bodyLines.map((raw, index) => {
    const text = normalizeDisplay(raw);
    return { index, lineNo: doc.bodyStartLine + index, raw, text, key: text === '' ? '' : matchKey(text) };
  });
}

function sampleLines(lines: readonly Line[]): Line[] {
  const sorted = lines.filter((l) => l.text.length > 0).sort((a, b) => b.text.length - a.text.length || a.index - b.index);
  const out: Line[] = [];
  let chars = 0;
  for (const l of sorted) {
    if (chars >= LANG_SAMPLE_CHARS) break;
    out.push(l);
    chars += l.text.length + 1;
  }
  return out;
}

function sampleText(sample: readonly Line[]): string {
  let out = '';
  for (const l of sample) out += l.text + '\n';
  return out;
}

/**
 * The stopword hits of a new sample's text, from the hits of an earlier sample of the same page:
 * the lines only in the earlier one are subtracted and those only in the new one added (hits add
 * up over lines; see StopwordHits). A re-check's sample mostly shares its lines with the first.
 */
function resampledHits(before: readonly Line[], beforeHits: StopwordHits, after: readonly Line[]): StopwordHits {
  const hits = beforeHits.slice();
  const inAfter = new Set<number>();
  for (const l of after) inAfter.add(l.index);
  const inBefore = new Set<number>();
  for (const l of before) {
    inBefore.add(l.index);
    if (!inAfter.has(l.index)) addStopwordHits(hits, l.text, -1);
  }
  for (const l of after) if (!inBefore.has(l.index)) addStopwordHits(hits, l.text, 1);
  return hits;
}

/** The group a document's template lines are learned in: host, else site name from the title, else its directory. */
export function documentGroup(doc: InputDocument, config: CleanConfig): string | null {
  if (config.groupBy === 'none') return null;
  if (config.groupBy === 'dir') {
    const dir = path.posix.dirname(doc.source.path);
    return `dir:${dir}`;
  }
  const { host } = parseUrl(doc.url);
  if (host) return `host:${host}`;
  const { siteName } = splitTitle(doc.title);
  if (siteName) return `site:${siteName}`;
  return null;
}

/**
 * Keys a document contributes to template learning (pass 1): buildLines' keys, digits folded. The
 * reference form: pass 1 hashes them without making the strings (templates.ts templateKeyHashes).
 */
export function templateKeys(doc: InputDocument): string[] {
  return doc.bodyLines.map((raw) => {
    const text = normalizeDisplay(raw);
    return text === '' ? '' : digitFoldedKey(matchKey(text));
  });
}

/** Stable id for inputs without their own: sha1 of the source path and the normalized body. */
export function stableId(doc: InputDocument, lines: readonly Line[]): string {
  const h = createHash('sha1');
  h.update(doc.source.path);
  if (doc.source.line !== undefined) h.update(`#${doc.source.line}`);
  h.update('\0');
  for (const l of lines) h.update(l.text + '\n');
  return h.digest('hex').slice(0, 16);
}

export interface CleanResult {
  record: OutputRecord;
  /** Findings in rule order (including those shadowed by an earlier claim), for --explain. */
  findings: Finding[];
  lines: Line[];
  /** Language whose stopword list measured the lines (for explanations), its features and classes. */
  language: string | null;
  features: LineFeatures[];
  classes: LineClass[];
}

const CLASS_RANK: Record<LineClass, number> = { bad: 0, short: 1, neargood: 2, good: 3 };

/**
 * Context-free classes of a page's lines. The lines of a hard-wrapped paragraph (core/hardwrap.ts)
 * take the class of the paragraph they form when it is better than their own: a wrapped line is
 * too short to read as prose alone.
 */
function classifyPage(lines: readonly Line[], features: readonly LineFeatures[], withList: boolean, guess: string | null, alt: string | null): LineClass[] {
  const classes = features.map((f) => classifyLine(f, withList));
  const texts = lines.map((l) => l.text);
  const start = wrappedParagraphs(texts, features);
  for (let i = 0; i < lines.length; ) {
    if (start[i] !== i) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < lines.length && start[j + 1] === i) j++;
    const joined = texts.slice(i, j + 1).join(features[i]!.cjk ? '' : ' ');
    const c = classifyLine(lineFeatures(joined, guess, alt), withList);
    for (let k = i; k <= j; k++) if (CLASS_RANK[c] > CLASS_RANK[classes[k]!]) classes[k] = c;
    i = j + 1;
  }
  return classes;
}

export function cleanDocument(doc: InputDocument, opts: CleanOptions = {}): CleanResult {
  const config = opts.config ?? DEFAULT_CONFIG;
  const lexicon = opts.lexicon ?? loadLexicon(config.lexicon);
  const lines = buildLines(doc);
  const sampled = sampleLines(lines);
  const sample = sampleText(sampled);
  // The detector's answer on the sample, asked for only when it can matter: on a page that may be
  // Chinese, Japanese or Korean, and when the stopword hits leave a tie (or too few hits) for it to
  // break. Most pages need only the detector's answer on the kept text (the record's language):
  // tinyld (~16% of a bench profile) ran 4,711 times for 3,000 bench documents before, 3,337 after.
  let detectedMemo: string | null | undefined;
  const detected = (): string | null => (detectedMemo === undefined ? (detectedMemo = detectLanguage(sample)) : detectedMemo);
  // CJK pages keep the detector's answer (their lists are used through Intl.Segmenter).
  const cjkPage = mayBeEastAsian(sample) && CJK_LANGUAGES.has(detected() ?? '');
  // Too little running text for stopwordLanguages: the lists that cover most of it (not the
  // detector's guess on a few words), so a page's kept lines are measured alike when cleaned again.
  const pageLists = (hits: StopwordHits): { guess: string | null; alt: string | null } => {
    const hint = cjkPage || stopwordLeaderIsClear(hits) ? null : detected();
    const strong = stopwordLanguagesOf(hits, hint);
    const langs = strong.length > 0 ? strong : weakStopwordLanguagesOf(hits, hint);
    return {
      guess: cjkPage ? detected() : (langs[0] ?? detected()),
      // On a CJK page, Latin-script lines are scored with the best space-separated language present.
      alt: cjkPage ? (langs[0] ?? null) : (langs[1] ?? null),
    };
  };
  const sampleHits = stopwordHitCounts(sample);
  const { guess, alt } = pageLists(sampleHits);
  const withList = hasStopwords(guess);
  const features: LineFeatures[] = lines.map((l) => lineFeatures(l.text, guess, alt));
  const classes = classifyPage(lines, features, withList, guess, alt);
  const owner: (Finding | undefined)[] = new Array(lines.length).fill(undefined);
  const claimedBy: (string | undefined)[] = new Array(lines.length).fill(undefined);
  // By document line index: re-check contexts hold the same Line objects (kept lines only).
  const phraseIndex = lexiconIndex(lexicon);
  const phraseHitsOf: (PhraseHits | undefined)[] = new Array(lines.length).fill(undefined);
  const ctx: DocContext = {
    doc,
    lines,
    features,
    classes,
    language: guess,
    titleKey: doc.title ? matchKey(normalizeDisplay(doc.title)) : '',
    group: documentGroup(doc, config),
    templates: opts.templates ?? null,
    config,
    lexicon,
    phraseHits: (l) => (phraseHitsOf[l.index] ??= phraseIndex.scan(l.key)),
    claimedBy,
  };
  const all: Finding[] = [];
  for (const rule of opts.rules ?? RULES) {
    if (!ruleEnabled(config, rule.id)) continue;
    const found = rule.run(ctx);
    all.push(...found);
    claim(owner, found);
    for (let i = 0; i < owner.length; i++) if (owner[i] && claimedBy[i] === undefined) claimedBy[i] = owner[i]!.ruleId;
  }
  // Rules that judge a line by its neighbours (menu-run and section-cutoff: where the prose is;
  // density: the nearest good/bad lines; main-region: the prose clusters) can keep a line only
  // because of a neighbour that another rule removed; cleaning the kept text again would then
  // remove it (issue #5: 7 of 1,205 dev pages). So the rules run again on the kept lines alone
  // — what cleaning the output again sees — until a round removes nothing. Only these rules: the
  // others judge a line by itself (lexicons, repeats, templates) and would find nothing new.
  // content/line-model (opt-in) is left out: its neighbour features come from the raw page.
  for (let round = 0; round < RECHECK_ROUNDS; round++) {
    const keptIdx: number[] = [];
    for (let i = 0; i < lines.length; i++) if (owner[i] === undefined) keptIdx.push(i);
    if (keptIdx.length === 0 || keptIdx.length === lines.length) break;
    const subOwner: (Finding | undefined)[] = new Array(keptIdx.length).fill(undefined);
    const subClaimed: (string | undefined)[] = new Array(keptIdx.length).fill(undefined);
    // Loops, not keptIdx.map(...): see `text` below.
    const keptLines: Line[] = [];
    for (const i of keptIdx) keptLines.push(lines[i]!);
    // The page's stopword lists as the kept lines alone give them (what cleaning the output again
    // uses): a second language carried only by removed lines (English navigation on a German
    // page, traf/0069's PHP warnings) no longer vouches for the kept lines in it. The detector's
    // first answer stays the tie-breaker (no second tinyld call). Lines are re-measured only
    // when the lists changed.
    // The kept lines give the same sample (so the same lists) while every sampled line is kept:
    // they are then still the longest ones. Only otherwise is the sample rebuilt and measured.
    const sameSample = sampled.every((l) => owner[l.index] === undefined);
    const kl = sameSample ? { guess, alt } : pageLists(resampledHits(sampled, sampleHits, sampleLines(keptLines)));
    const relisted = kl.guess !== guess || kl.alt !== alt;
    const subFeatures: LineFeatures[] = [];
    for (let k = 0; k < keptIdx.length; k++) subFeatures.push(relisted ? lineFeatures(keptLines[k]!.text, kl.guess, kl.alt) : features[keptIdx[k]!]!);
    const subWithList = relisted ? hasStopwords(kl.guess) : withList;
    const sub: DocContext = {
      ...ctx,
      lines: keptLines,
      features: subFeatures,
      classes: classifyPage(keptLines, subFeatures, subWithList, kl.guess, kl.alt),
      language: kl.guess,
      claimedBy: subClaimed,
    };
    const found: Finding[] = [];
    for (const rule of opts.rules ?? RULES) {
      if (!RECHECK_RULES.has(rule.id) || !ruleEnabled(config, rule.id)) continue;
      const f = rule.run(sub);
      claim(subOwner, f);
      for (let k = 0; k < subOwner.length; k++) if (subOwner[k] && subClaimed[k] === undefined) subClaimed[k] = subOwner[k]!.ruleId;
      found.push(...f);
    }
    if (!subOwner.some((o) => o !== undefined)) break;
    // Back to document lines: a range of kept lines covers the removed lines between them, which
    // are already owned, so claim() gives the new finding exactly the kept lines it names.
    const mapped = found.map((f) => ({
      ...f,
      lines: [keptIdx[f.lines[0]]!, keptIdx[Math.min(f.lines[1], keptIdx.length - 1)]!] as [number, number],
      evidence: { ...(f.evidence ?? {}), recheck: round + 1 },
    }));
    all.push(...mapped);
    claim(owner, mapped);
    for (let i = 0; i < owner.length; i++) if (owner[i] && claimedBy[i] === undefined) claimedBy[i] = owner[i]!.ruleId;
  }
  const applied = applyFindings(lines, owner);
  // A loop, not kept.map(...).join(): TurboFan's inlined array builtins deoptimized cleanDocument
  // here again and again (`--trace-deopt`, "wrong map", 688 times on 5,000 bench documents).
  let text = '';
  const keptTexts: string[] = [];
  for (let i = 0; i < applied.kept.length; i++) {
    const t = applied.kept[i]!.text;
    text += i === 0 ? t : '\n' + t;
    keptTexts.push(t);
  }

  const { url, host } = parseUrl(doc.url);
  const bodyTexts = lines.map((l) => l.text);
  // The title and date extractors key the body lines with the meta matchKey: derived from the keys
  // buildLines made (no second NFKC per line). Both use them only for a page with a title.
  const bodyKeys = doc.title === null ? undefined : bodyLinesKeys(bodyTexts, lines.map((l) => l.key));
  const t = splitTitle(doc.title === null ? null : normalizeDisplay(doc.title), { host, bodyLines: bodyTexts, bodyKeys });
  const d = extractDate({ headerDate: doc.date, url: doc.url, lines: bodyTexts, title: t.title, lineKeys: bodyKeys });
  // The kept lines are display forms (trimmed, no line break): detectLanguage(text) without the split.
  const language = detectLanguageOfLines(keptTexts);

  let charsIn = 0;
  let normalized = 0;
  for (const l of lines) {
    charsIn += l.raw.length;
    if (l.raw !== l.text) normalized++;
  }
  // Undefined when no kept line was normalized (see the record's optional fields below).
  let keptEdits: { line: number; raw: string }[] | undefined;
  for (const l of applied.kept) if (l.raw !== l.text) (keptEdits ??= []).push({ line: l.lineNo, raw: l.raw });
  const record: OutputRecord = {
    id: doc.inputId ?? stableId(doc, lines),
    source: { ...doc.source },
    url,
    host,
    title: t.title,
    title_raw: t.titleRaw,
    site_name: t.siteName,
    date: d.date,
    date_source: d.source,
    language,
    // Optional fields are undefined when absent (JSON.stringify leaves them out) rather than
    // spread in: a record then always has one shape, and the optimized cleanDocument is not thrown
    // away each time a record without them follows one with them (`--trace-deopt`: 284 "wrong
    // map" deoptimizations of cleanDocument on 5,000 bench documents, each followed by a new
    // TurboFan compile on V8's helper threads).
    encoding: doc.encoding ? doc.encoding : undefined,
    text,
    removed: applied.removed,
    normalized: keptEdits,
    stats: {
      lines_in: lines.length,
      lines_out: applied.kept.length,
      chars_in: charsIn,
      chars_out: text.length,
      removed_by_rule: applied.removedByRule,
      lines_normalized: normalized,
      body_start_line: doc.bodyStartLine,
    },
    metadata: doc.metadata,
  };
  return { record, findings: all, lines, language: guess, features, classes };
}
