/**
 * Title cleaning: split the site-name prefix/suffix off the header `Title:`.
 *
 * Two sources of evidence, in this order:
 * 1. The body. A page's headline (its H1) is usually one of the body lines, and the `<title>` is
 *    that headline plus site decoration. A body line whose match key equals the title, or equals a
 *    run of separator-delimited segments of it, or (for truncated titles) extends it, is the
 *    clean title, written as on the page.
 * 2. The title alone. Segments are split at separators; an end segment is site decoration when it
 *    names the host (`BBC News` on `bbc.co.uk`, `taz.de`), or when it sits behind a strong
 *    separator (`|`, `_`, `»`, CJK-side hyphen) or a spaced dash and is clearly shorter than
 *    what remains.
 * Nothing here keys on particular sites.
 */
import { hostLabels } from './url.js';
import { collapse, keyFromCoreKey, matchKey } from './text.js';

/** What findHeadline needs of a body line (null: never a headline), memoized per line text. */
interface HeadlineLine {
  line: string;
  tidy: number;
  k: string;
}
const MEMO_MAX = 20000;
const headlineMemo = new Map<string, HeadlineLine | null>();
function headlineLine(raw: string): HeadlineLine | null {
  let e = headlineMemo.get(raw);
  if (e !== undefined) return e;
  e = null;
  const full = collapse(raw);
  if (full.length > 0 && full.length <= MAX_HEADLINE_CHARS) {
    const line = trimJunk(full);
    // Of several lines with the same key, prefer one without markup residue.
    const tidy = line === full ? 0 : 1e-3;
    const k = matchKey(line);
    if (k.length >= 2) e = { line, tidy, k };
  }
  if (headlineMemo.size >= MEMO_MAX) headlineMemo.clear();
  headlineMemo.set(raw, e);
  return e;
}

/**
 * headlineLine(raw) from the line's matching key (`matchKey(raw)`, see SplitTitleOptions.bodyKeys),
 * without the memo and the NFKC: the same answer when raw is collapsed and trimJunk leaves it as it
 * is (then headlineLine keys raw itself). Undefined otherwise (headlineLine decides).
 */
function headlineFromKey(raw: string, key: string): HeadlineLine | null | undefined {
  if (raw.length === 0 || raw.length > MAX_HEADLINE_CHARS) return collapse(raw) === raw ? null : undefined;
  if (collapse(raw) !== raw || trimJunk(raw) !== raw) return undefined;
  return key.length >= 2 ? { line: raw, tidy: 0, k: key } : null;
}

/**
 * headlineLine answers for the last body-line array scanned, by index: a document's lines are
 * scanned twice (its title, then the date extractor's headline lines), and an index check is
 * cheaper than the memo's lookup. An entry counts only while its line is the same string.
 */
let lastLines: readonly string[] | null = null;
let lastSeen: { raws: string[]; entries: (HeadlineLine | null)[] } = { raws: [], entries: [] };
function linesSeen(bodyLines: readonly string[]): { raws: string[]; entries: (HeadlineLine | null)[] } {
  if (bodyLines !== lastLines) {
    lastLines = bodyLines;
    lastSeen = { raws: [], entries: [] };
  }
  return lastSeen;
}

export interface SplitTitleOptions {
  host?: string | null;
  bodyLines?: string[];
  /**
   * `matchKey` of each of bodyLines (same length), when the caller has them: saves keying every
   * body line again. bodyLinesKeys() makes them from the cleaner's core keys.
   */
  bodyKeys?: string[];
}

/**
 * The meta matching keys (`matchKey`) of display-normalized lines from their core keys
 * (`core/normalize.ts` matchKey, a Line's `key`; '' for an empty line): keyFromCoreKey, or matchKey
 * of the line where that cannot tell.
 */
export function bodyLinesKeys(lines: readonly string[], coreKeys: readonly string[]): string[] {
  const out = new Array<string>(lines.length);
  for (let i = 0; i < lines.length; i++) out[i] = keyFromCoreKey(coreKeys[i]!) ?? matchKey(lines[i]!);
  return out;
}

export interface SplitTitle {
  title: string | null;
  siteName: string | null;
  titleRaw: string | null;
}

type SepKind = 'strong' | 'dash' | 'colon';

interface Segment {
  text: string;
  start: number;
  end: number;
}

interface Parsed {
  text: string;
  segs: Segment[];
  /** seps[i] is the separator between segs[i] and segs[i + 1]. */
  seps: SepKind[];
}

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff0f\uff1a-\uff20]/u;
// Groups: 1 pipe-like, 2 other strong marks, 3 spaced dash, 4 underscore, 5 unspaced dash, 6 colon.
const SEP_RE = /(\s*(?:\|\||::|[|｜¦])\s*)|(\s+[»›·•~⋆]\s+)|(\s+[-–—]{1,2}\s+)|(\s*_+\s*)|(\s*[-－–—]\s*)|(\s*[:：]\s+|：)/gu;

/** Split a (collapsed) title into segments at separators; empty segments are dropped. */
export function segmentTitle(text: string): Parsed {
  const segs: Segment[] = [];
  const seps: SepKind[] = [];
  let last = 0;
  let pending: SepKind | null = null;
  const push = (start: number, end: number): boolean => {
    const seg = text.slice(start, end).trim();
    if (seg === '' || !/[\p{L}\p{N}]/u.test(seg)) return false;
    const s = start + (text.slice(start, end).length - text.slice(start, end).trimStart().length);
    if (segs.length > 0) seps.push(pending ?? 'dash');
    segs.push({ text: seg, start: s, end: s + seg.length });
    return true;
  };
  for (const m of text.matchAll(SEP_RE)) {
    const at = m.index;
    const prev = text[at - 1] ?? '';
    const next = text[at + m[0].length] ?? '';
    let kind: SepKind | null = null;
    if (m[1] !== undefined || m[2] !== undefined) kind = 'strong';
    else if (m[3] !== undefined) kind = 'dash';
    else if (m[4] !== undefined) {
      // `snake_case` and `__init__` are words; `_` is a separator only when spaced or next to CJK.
      if (/^\s+_+\s+$/.test(m[4]) || CJK.test(prev) || CJK.test(next)) kind = 'strong';
    } else if (m[5] !== undefined) {
      // Unspaced hyphens are word-internal (`COVID-19`) except next to CJK text (`标题-新华网`);
      // `——` is a Chinese in-title dash, not a separator.
      if ((CJK.test(prev) || CJK.test(next)) && prev !== '—' && next !== '—') kind = 'strong';
    } else if (m[6] !== undefined) {
      if (!/\d/.test(prev)) kind = 'colon';
    }
    if (kind === null || at === 0) continue;
    if (push(last, at)) pending = kind;
    else if (segs.length > 0 && rank(kind) > rank(pending ?? 'colon')) pending = kind;
    last = at + m[0].length;
  }
  push(last, text.length);
  return { text, segs, seps };
}

function rank(k: SepKind): number {
  return k === 'strong' ? 3 : k === 'dash' ? 2 : 1;
}

/** Run i..j of segments as it is written in the title. */
function runText(p: Parsed, i: number, j: number): string {
  return p.text.slice(p.segs[i]!.start, p.segs[j]!.end);
}

const DATE_ONLY = /^[\d\s./-]{6,}$|^\d{4}年\d{1,2}月\d{1,2}日$/u;

const DOMAIN_LIKE = /^[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.(com|net|org|de|at|ch|uk|fr|es|it|nl|eu|info|io|cn|jp|ru|pl|be|us|ca|au|tv|fm|online|news|blog|media|[a-z]{2})$/iu;

/** Does a segment name the site (host labels, acronym, domain-like text)? */
export function namesHost(segment: string, host: string | null | undefined): boolean {
  const seg = collapse(segment);
  if (DOMAIN_LIKE.test(seg.replace(WWW, ''))) return true;
  const k = matchKey(seg);
  if (k.length < 2) return false;
  const labels = hostLabels(host ?? null);
  const labelKeys = labels.length === 0 ? labels : hostLabelKeys(labels);
  // The initials of the segment's words: the same for every label, made on first use.
  let acro: string | null | undefined;
  for (let li = 0; li < labels.length; li++) {
    const lk = labelKeys[li]!;
    // 3 chars: shorter labels (`m`, `de`, `tv`) match too many words by accident.
    if (lk.length >= 3 && (k.includes(lk) || (lk.includes(k) && k.length >= 3))) return true;
    if (acro === undefined) {
      const words = seg.split(WORD_BREAK).filter((w) => STARTS_WITH_LETTER.test(w));
      acro = words.length >= 2 ? words.map((w) => w[0]!.toLowerCase()).join('') : null;
    }
    if (acro !== null && acro.length >= 2 && (acro === lk || lk.startsWith(acro) && acro.length >= 3)) return true;
  }
  return false;
}
const WWW = /^www\./i;
const WORD_BREAK = /[\s\-–—&.]+/;
const STARTS_WITH_LETTER = /^\p{L}/u;

/**
 * matchKey of each host label, kept with the label array: hostLabels returns the same (never
 * changed) array for the same host, and namesHost asks for every segment it checks.
 */
function hostLabelKeys(labels: readonly string[]): readonly string[] {
  let keys = labelKeysMemo.get(labels);
  if (keys === undefined) {
    keys = labels.map((l) => matchKey(l));
    labelKeysMemo.set(labels, keys);
  }
  return keys;
}
const labelKeysMemo = new WeakMap<readonly string[], readonly string[]>();

/**
 * Longest body lines considered as the headline: an H1 is a single line of moderate length
 * (the longest gold titles in the dev set are ~200 chars; 300 leaves room for long CJK titles).
 */
const MAX_HEADLINE_CHARS = 300;
/** Body lines scanned for the headline (navigation before the H1 can run to a few hundred lines). */
const MAX_SCAN_LINES = 3000;
/**
 * A body line that equals only a small part of the title (`Wirtschaft` from
 * `… - Wirtschaft - Tagesspiegel`) is a menu item, not the headline: require this share of the
 * title's key length. Swept on traf dev: 0.2 → 0.733, 0.25 → 0.734, 0.3 → 0.731, 0.4 → 0.715,
 * 0.5 → 0.699 title accuracy.
 */
const MIN_COVERAGE = 0.25;

interface Candidate {
  line: string;
  score: number;
  /** Segment run matched, if the line aligns with separators. */
  run: [number, number] | null;
  /** The line is what the separator rules alone give. */
  fallback?: boolean;
}

function findHeadline(p: Parsed, bodyLines: string[], host: string | null, fb: { title: string; siteName: string | null }, bodyKeys?: string[]): Candidate | null {
  const tKey = matchKey(p.text);
  // What the title alone says the headline is; when the page shows exactly that, it wins even
  // over a line equal to the whole title (share widgets repeat the full `<title>`).
  const fbKey = fb.siteName !== null ? matchKey(fb.title) : null;
  if (tKey.length < 2) return null;
  const runs: Array<{ key: string; i: number; j: number }> = [];
  for (let i = 0; i < p.segs.length; i++)
    for (let j = i; j < p.segs.length; j++) {
      if (i === 0 && j === p.segs.length - 1) continue;
      runs.push({ key: matchKey(runText(p, i, j)), i, j });
    }
  const truncated = TRUNCATED.test(p.text);
  const keyFilter = bodyKeys ? new HeadlineKeyFilter(tKey, fbKey, runs, truncated) : null;
  let best: Candidate | null = null;
  const consider = (c: Candidate): void => {
    if (best === null || c.score > best.score) best = c;
  };
  const n = Math.min(bodyLines.length, MAX_SCAN_LINES);
  const seen = linesSeen(bodyLines);
  for (let li = 0; li < n; li++) {
    const raw = bodyLines[li]!;
    if (raw.length > MAX_HEADLINE_CHARS * 2) continue;
    // Most lines cannot match: decided from the line's key alone (see HeadlineKeyFilter), before
    // the per-line entry (a scan of the line) is made.
    if (keyFilter !== null && !keyFilter.mayMatch(bodyKeys![li]!) && !raw.includes(COMPOSES_WITH_JUNK)) continue;
    let e: HeadlineLine | null | undefined;
    if (seen.raws[li] === raw) e = seen.entries[li];
    else {
      e = bodyKeys ? headlineFromKey(raw, bodyKeys[li]!) : undefined;
      if (e === undefined) e = headlineLine(raw);
      seen.raws[li] = raw;
      seen.entries[li] = e;
    }
    if (e === null || e === undefined) continue;
    const { line, tidy, k } = e;
    if (fbKey !== null && k === fbKey) {
      consider({ line, score: 4 - tidy - li / 1e6, run: null, fallback: true });
      continue;
    }
    if (k === tKey) {
      // Whole title on the page: the strongest evidence there is. Earlier lines win ties.
      consider({ line, score: 3 - tidy - li / 1e6, run: null });
      continue;
    }
    const cov = k.length / tKey.length;
    if (cov < MIN_COVERAGE) continue;
    let run: { key: string; i: number; j: number } | undefined;
    for (const r of runs)
      if (r.key === k) {
        run = r;
        break;
      }
    if (run) {
      const text = runText(p, run.i, run.j);
      // A run naming the host is the site name shown in the page header, not the headline.
      if (namesHost(text, host)) continue;
      let score = 2 + cov;
      // A suffix run behind a strong separator or dash is where site names sit (`Title | Site`):
      // any other matching run beats it (0.6 > the largest coverage gap that can still lose).
      if (run.j === p.segs.length - 1 && run.i > 0 && p.seps[run.i - 1] !== 'colon') score -= 0.6;
      // A run ending at a colon is a kicker (`Siemens und Adani: Kaeser verarscht Neubauer`):
      // when the page shows it on its own line, the headline is the part after it.
      if (run.j < p.segs.length - 1 && p.seps[run.j] === 'colon') score -= 0.6;
      consider({ line, score: score - tidy - li / 1e6, run: [run.i, run.j] });
      continue;
    }
    if (tKey.includes(k)) {
      consider({ line, score: 1 + cov - tidy - li / 1e6, run: null });
      continue;
    }
    if (truncated && k.startsWith(tKey) && tKey.length >= 10) {
      consider({ line, score: 1.5 - tidy - li / 1e6, run: null });
      continue;
    }
  }
  return best;
}

const TRUNCATED = /(\.\.\.|…)\s*$/;

/**
 * The one exception to "a line's headline key is its matching key up to σ/ς" (HeadlineKeyFilter):
 * `>` composes under NFKC with U+0338 (combining long solidus overlay) to `≯`, a symbol the key
 * drops, also with other combining marks between them (NFKC reorders U+0338 before them); when
 * trimJunk strips that `>`, the U+0338 stays in the headline line's key. Lines with a U+0338 are
 * therefore never skipped by key: no other character decomposes to one that starts with it, and
 * every other character collapse() and trimJunk() replace or strip composes with nothing (both
 * checked over all code points in __tests__/core/fast-paths.test.ts).
 */
const COMPOSES_WITH_JUNK = '\u0338';

/**
 * Can a body line with matching key `key` (`matchKey(raw)`, SplitTitleOptions.bodyKeys) be a
 * candidate in findHeadline? False only when findHeadline's tests all fail for that key, so such a
 * line is skipped without making its entry.
 *
 * The entry's key k is matchKey(trimJunk(collapse(raw))), not matchKey(raw), but the two differ at
 * most by σ against ς, as long as raw has no U+0338 (COMPOSES_WITH_JUNK; the caller checks):
 * collapse() and trimJunk() only replace or strip whitespace and junk marks, which NFKC neither
 * composes with a neighbour nor maps to a letter, mark or number, so NFKC of the line is NFKC of
 * raw with only characters the key drops changed; lower-casing maps every character on its own
 * except final sigma (Σ is ς at a word end, σ elsewhere: the same length, and the word end can
 * move when a zero-width space becomes a space). So the tests are made with ς written σ on both
 * sides; equal keys, a key inside another, a key starting with another stay so after that
 * rewriting, and lengths do not change. When no target key holds σ or ς, the rewritten
 * comparisons are the plain ones (a σ or ς in the line's key then fails them either way).
 */
class HeadlineKeyFilter {
  private readonly tKey: string;
  private readonly fbKey: string | null;
  private readonly runKeys: string[];
  private readonly fold: boolean;

  constructor(
    tKey: string,
    fbKey: string | null,
    runs: ReadonlyArray<{ key: string }>,
    private readonly truncated: boolean,
  ) {
    this.fold = [tKey, fbKey ?? '', ...runs.map((r) => r.key)].some((k) => SIGMA.test(k));
    this.tKey = this.folded(tKey);
    this.fbKey = fbKey === null ? null : this.folded(fbKey);
    this.runKeys = runs.map((r) => this.folded(r.key));
  }

  private folded(k: string): string {
    return this.fold ? k.replace(FINAL_SIGMA, 'σ') : k;
  }

  /** findHeadline's tests, in its order, on the (folded) key. */
  mayMatch(key: string): boolean {
    // A key under 2 chars: neither headlineFromKey nor headlineLine makes an entry.
    if (key.length < 2) return false;
    const k = this.folded(key);
    if (k === this.fbKey || k === this.tKey) return true;
    if (k.length / this.tKey.length < MIN_COVERAGE) return false;
    for (const r of this.runKeys) if (r === k) return true;
    if (this.tKey.includes(k)) return true;
    return this.truncated && k.startsWith(this.tKey) && this.tKey.length >= 10;
  }
}
const SIGMA = /[σς]/;
const FINAL_SIGMA = /ς/g;

export function splitTitle(raw: string | null, opts: SplitTitleOptions = {}): SplitTitle {
  if (raw === null || raw === undefined) return { title: null, siteName: null, titleRaw: null };
  const titleRaw = collapse(String(raw));
  if (titleRaw === '') return { title: null, siteName: null, titleRaw: null };
  const p = segmentTitle(titleRaw);
  const host = opts.host ?? null;

  // What the separators alone give: findHeadline's fallback candidate, and the answer when no body
  // line decides (a pure function of p and host, made once).
  const fb = splitBySeparators(p, host);
  if (opts.bodyLines && opts.bodyLines.length > 0) {
    const c = findHeadline(p, opts.bodyLines, host, fb, opts.bodyKeys) as Candidate | null;
    if (c) {
      let siteName: string | null = null;
      if (c.run) {
        const [i, j] = c.run;
        if (j < p.segs.length - 1) siteName = p.segs[p.segs.length - 1]!.text;
        else if (i > 0 && namesHost(p.segs[0]!.text, host)) siteName = p.segs[0]!.text;
      }
      else if (c.fallback) siteName = fb.siteName;
      return { title: trimJunk(c.line), siteName, titleRaw };
    }
  }
  return { title: fb.title, siteName: fb.siteName, titleRaw };
}

/**
 * Body lines carry list/breadcrumb residue (`[> Name`, `› Name`, `• Name`, `Name |`); titles do
 * not start or end with such marks. `»`/`›` open German quotes (`»Zitat«`), so they go only when
 * no closing `«`/`‹` follows. Quotes, brackets, `#`, `*` and sentence punctuation stay.
 */
function trimJunk(s: string): string {
  // The regexes below can only act when s starts with `[`, a junk mark or `»›`, or ends with a junk
  // mark, and the final trim only when s has space at an end; most lines do none of these.
  if (!JUNK_START.has(s.charAt(0)) && !JUNK_END.has(s.charAt(s.length - 1)) && s.trim() === s) return s;
  let t = s.replace(/^(?:\[\s*)?[>•·|:;–—-]+\s*/u, '');
  if (/^[»›]/u.test(t) && !/[«‹]/u.test(t)) t = t.replace(/^[»›]+\s*/u, '');
  t = t.replace(/\s*[|•·>–—-]+$/u, '').trim();
  return t === '' ? s : t;
}

const JUNK_START = new Set(['[', '>', '•', '·', '|', ':', ';', '–', '—', '-', '»', '›']);
const JUNK_END = new Set(['|', '•', '·', '>', '–', '—', '-']);

/** Fallback: strip site decoration using the title's own structure. */
function splitBySeparators(p: Parsed, host: string | null): { title: string; siteName: string | null } {
  const segs = p.segs;
  if (segs.length <= 1) return { title: segs.length === 1 ? segs[0]!.text : p.text, siteName: null };
  let i = 0;
  let j = segs.length - 1;
  let siteName: string | null = null;
  const len = (a: number, b: number): number => matchKey(runText(p, a, b)).length;
  // Suffixes: strip from the end while the last segment is decoration.
  while (j > i) {
    const sep = p.seps[j - 1]!;
    const last = segs[j]!.text;
    const hostHit = namesHost(last, host);
    const shorter = len(j, j) < len(i, j - 1);
    let strip = false;
    if (sep !== 'colon' && hostHit) strip = true;
    else if (sep === 'strong' && shorter) strip = true;
    // A spaced dash also joins title parts (`COVID-19 - what we know`): strip only a segment
    // clearly shorter than the rest (at most half; traf dev barely depends on it, factors 1–3 give
    // 0.733–0.734, because body lines decide most titles; 2 keeps `Short - longer subtitle` whole).
    else if (sep === 'dash' && len(j, j) * 2 <= len(i, j - 1)) strip = true;
    if (!strip) break;
    if (siteName === null) siteName = last;
    j--;
  }
  // Prefixes: only when the first segment names the host (`BBC News - Title`, `Site: Title`),
  // then section names after it (`BSI - Presse - Title`) when clearly shorter than the rest.
  if (i < j && namesHost(segs[i]!.text, host)) {
    if (siteName === null) siteName = segs[i]!.text;
    i++;
    while (i < j && p.seps[i] !== 'colon' && len(i, i) * 2 <= len(i + 1, j)) i++;
  }
  // A segment that is only a date (`23.01.2022 - Title`, `Title | 02.11.2021`) is not title.
  while (j > i && DATE_ONLY.test(segs[j]!.text)) j--;
  while (i < j && DATE_ONLY.test(segs[i]!.text)) i++;
  return { title: runText(p, i, j), siteName };
}

