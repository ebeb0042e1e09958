/**
 * Publication date from the header, the URL or the page text.
 *
 * Output is ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM[:SS]` when the header gives a time with the
 * date (the time is kept as written; no time-zone conversion, because the header's zone is often
 * missing and a shift could change the day).
 *
 * Decisions:
 * - Only full days count. A URL with `/2025/01/` names a month, not a day: it yields no date, but
 *   it does supply the year for `1月15日` in the text and breaks ties between text dates.
 * - Numeric `a/b/yyyy` is read day-first (the convention outside the US) unless that is invalid
 *   and month-first is valid; `a.b.yyyy` and `a-b-yyyy` are always day-first.
 * - Years outside 1990..(current year + 1) are rejected: earlier dates are almost always
 *   historical mentions, later ones typos or event dates.
 */
import { DATE_LEXICON as lexicon } from './lexicon.js';
import { collapse, lineKey, matchKey } from './text.js';
import { splitTitle } from './title.js';

export interface ExtractDateInput {
  headerDate: string | null;
  url: string | null;
  lines: string[];
  title?: string | null;
  /** `matchKey` of each of lines, when the caller has them (see SplitTitleOptions.bodyKeys). */
  lineKeys?: string[];
}

export interface ExtractedDate {
  date: string | null;
  source: 'header' | 'url' | 'text' | null;
}

export interface DateParts {
  y: number;
  m: number;
  d: number;
  hh?: number;
  mi?: number;
  ss?: number;
}

const MIN_YEAR = 1990;
const maxYear = (): number => new Date().getUTCFullYear() + 1;

const MONTHS = new Map<string, number>();
for (const table of Object.values(lexicon.months as Record<string, Record<string, number>>))
  for (const [name, num] of Object.entries(table)) MONTHS.set(name.normalize('NFC'), num);
const MONTH_ALT = [...MONTHS.keys()]
  .sort((a, b) => b.length - a.length)
  .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|');
// A month name must stand alone (`mar` must not match inside `Mark`); an abbreviation may end in `.`.
const MON = `(?<![\\p{L}])(${MONTH_ALT})\\.?(?![\\p{L}])`;
const TIME = `(?:(?:[T\\s,]|\\s+um\\s+|\\s+at\\s+|\\s*-\\s*|\\s*\\|\\s*)\\s*(\\d{1,2})[:h](\\d{2})(?::(\\d{2}))?)?`;

interface Pattern {
  re: RegExp;
  /**
   * A cheaper regex every match of re contains a match of (same flags where they matter): a text
   * without one has no match of re, and re is not run on it.
   */
  pre?: RegExp;
  /** Maps a match to parts; null when the match is not a date. */
  get: (m: RegExpMatchArray) => DateParts | null;
}

const num = (s: string | undefined): number | undefined => (s === undefined ? undefined : parseInt(s, 10));
const withTime = (p: DateParts, hh?: string, mi?: string, ss?: string): DateParts => {
  const h = num(hh);
  const mnt = num(mi);
  if (h === undefined || mnt === undefined || h > 23 || mnt > 59) return p;
  const s = num(ss);
  // The spread form `{ ...p, hh, mi, ...(ss ? { ss } : {}) }` written out: p is always { y, m, d }
  // (the patterns' get), so the same fields in the same order, without two object spreads per match.
  const out: DateParts = { y: p.y, m: p.m, d: p.d, hh: h, mi: mnt };
  if (s !== undefined && s <= 59) out.ss = s;
  return out;
};

/** Exported for the tests of the pre-checks (fast-paths.test.ts). */
export const PATTERNS: readonly Pattern[] = [
  {
    // ISO and its slash/dot variants: 2025-01-15, 2025/1/15, 2025.01.15, 2025-01-15T10:00:00Z
    re: new RegExp(`(?<![\\d.])(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})(?![\\d])${TIME}`, 'gu'),
    get: (m) => withTime({ y: +m[1]!, m: +m[3]!, d: +m[4]! }, m[5], m[6], m[7]),
  },
  {
    // CJK: 2025年1月15日, 2025 年 01 月 15 日 10:30, Korean 2025년 1월 15일
    re: new RegExp(`(\\d{4})\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})\\s*[日号號일]?${TIME}`, 'gu'),
    get: (m) => withTime({ y: +m[1]!, m: +m[2]!, d: +m[3]! }, m[4], m[5], m[6]),
  },
  {
    // Day-first numeric: 15.01.2025, 15/01/2025, 15-01-2025 (US month-first only if day-first is invalid)
    re: new RegExp(`(?<![\\d.,])(\\d{1,2})([./-])\\s?(\\d{1,2})\\2\\s?(\\d{4})(?![\\d])${TIME}`, 'gu'),
    get: (m) => {
      const a = +m[1]!;
      const b = +m[3]!;
      const y = +m[4]!;
      let p: DateParts = { y, m: b, d: a };
      if (m[2] === '/' && !valid(p) && valid({ y, m: a, d: b })) p = { y, m: a, d: b };
      return withTime(p, m[5], m[6], m[7]);
    },
  },
  {
    // Day month year: 15 January 2025, 15. Januar 2025, 15 de enero de 2025, 15-Jan-2025, 1st May, 2025
    re: new RegExp(`(?<![\\d])(\\d{1,2})(?:\\.|st|nd|rd|th|er)?[\\s-]*(?:de\\s+)?${MON}[\\s,-]*(?:de\\s+|del\\s+)?(\\d{4})(?![\\d])${TIME}`, 'giu'),
    get: (m) => withTime({ y: +m[3]!, m: MONTHS.get(m[2]!.toLowerCase().normalize('NFC')) ?? 0, d: +m[1]! }, m[4], m[5], m[6]),
  },
  {
    // Month day year: January 15, 2025, Jan. 15 2025, January 15th, 2025
    re: new RegExp(`${MON}\\s*(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?![\\d])${TIME}`, 'giu'),
    // The day's last digit to the year, as re has them. re begins with the month-name alternation,
    // which V8 tries at every position of the line: most lines with a year hold no `15, 2020`
    // (2,826 of the 20,987 c5k lines with a 4-digit run) and are dropped by this scan for digits.
    pre: /\d(?:st|nd|rd|th)?,?\s+\d{4}/iu,
    get: (m) => withTime({ y: +m[3]!, m: MONTHS.get(m[1]!.toLowerCase().normalize('NFC')) ?? 0, d: +m[2]! }, m[4], m[5], m[6]),
  },
];

/** Month-day without a year (`1月15日`); needs a year from elsewhere. */
const CJK_MONTH_DAY = /(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/gu;

export function valid(p: DateParts): boolean {
  if (!Number.isInteger(p.y) || p.y < MIN_YEAR || p.y > maxYear()) return false;
  if (p.m < 1 || p.m > 12 || p.d < 1) return false;
  const dim = new Date(Date.UTC(p.y, p.m, 0)).getUTCDate();
  return p.d <= dim;
}

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatDate(p: DateParts, withClock = false): string {
  let s = `${p.y}-${pad(p.m)}-${pad(p.d)}`;
  if (withClock && p.hh !== undefined && p.mi !== undefined) {
    s += `T${pad(p.hh)}:${pad(p.mi)}`;
    if (p.ss !== undefined) s += `:${pad(p.ss)}`;
  }
  return s;
}

export interface DateHit {
  parts: DateParts;
  index: number;
  length: number;
}

const FOUR_DIGITS = /\d{4}/;

/** All valid full dates in a string, in order of position. */
export function findDates(s: string): DateHit[] {
  const hits: DateHit[] = [];
  // Every pattern needs a 4-digit year; NFC neither creates nor splits ASCII digit runs.
  if (!FOUR_DIGITS.test(s)) return hits;
  const text = s.normalize('NFC');
  for (const pat of PATTERNS) {
    if (pat.pre !== undefined && !pat.pre.test(text)) continue;
    // exec on the global regex from lastIndex 0, not matchAll: the same matches in the same order
    // (no pattern matches the empty string, so lastIndex always moves on), without the copy of the
    // regex and the iterator matchAll makes for every line and pattern.
    const re = pat.re;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const p = pat.get(m);
      if (!p || !valid(p)) continue;
      const index = m.index;
      const length = m[0].length;
      // Overlapping hits of two patterns are the same date; keep the first pattern's.
      if (hits.some((h) => index < h.index + h.length && h.index < index + length)) continue;
      hits.push({ parts: p, index, length });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** Parse a header date value in any supported format; ISO text keeps its time. */
export function parseDate(s: string | null): string | null {
  if (!s) return null;
  const t = collapse(s);
  if (t === '') return null;
  // Unix timestamps (seconds or milliseconds) appear in exported headers.
  if (/^\d{10}(\d{3})?$/.test(t)) {
    const ms = t.length === 10 ? +t * 1000 : +t;
    const d = new Date(ms);
    const p = { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: d.getUTCHours(), mi: d.getUTCMinutes() };
    return valid(p) ? formatDate(p, true) : null;
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (compact) {
    const p = { y: +compact[1]!, m: +compact[2]!, d: +compact[3]! };
    return valid(p) ? formatDate(p) : null;
  }
  const hit = findDates(t)[0];
  return hit ? formatDate(hit.parts, true) : null;
}

// --- URL ------------------------------------------------------------------------------------

const URL_PATTERNS: Array<{ re: RegExp; y: number; m: number; d: number }> = [
  // /2025/01/15/ , /2025/1/5/
  { re: /(?:^|\/)((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?=\/|$|[^\d])/, y: 1, m: 2, d: 3 },
  // /202501/15/
  { re: /(?:^|\/)((?:19|20)\d{2})(\d{2})\/(\d{2})(?=\/|$|[^\d])/, y: 1, m: 2, d: 3 },
  // 2025-01-15, 2025_01_15, 2025.01.15 anywhere in a path segment
  { re: /(?<!\d)((?:19|20)\d{2})([-_.])(\d{2})\2(\d{2})(?!\d)/, y: 1, m: 3, d: 4 },
  // 15.01.2025 / 15-01-2025 in a slug (day-first, see header decisions)
  { re: /(?<![\d.])(\d{2})([-_.])(\d{2})\2((?:19|20)\d{2})(?!\d)/, y: 4, m: 3, d: 1 },
  // /20250115/ , t20250115_123.html , -20250115-  (8 digits with no digit neighbours)
  { re: /(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})(?!\d)/, y: 1, m: 2, d: 3 },
];

/** Year and month named by a URL path without a day (`/2025/01/`), for context only. */
export function urlYearMonth(url: string | null): { y: number; m?: number } | null {
  const path = urlPath(url);
  if (path === null) return null;
  const ym = /(?:^|\/)((?:19|20)\d{2})\/(\d{1,2})(?=\/)/.exec(path) ?? /(?:^|\/)((?:19|20)\d{2})(\d{2})(?=\/)/.exec(path);
  if (ym) {
    const p = { y: +ym[1]!, m: +ym[2]!, d: 1 };
    if (valid(p)) return { y: p.y, m: p.m };
  }
  const y = /(?:^|\/)((?:19|20)\d{2})(?=\/)/.exec(path);
  if (y && +y[1]! >= MIN_YEAR && +y[1]! <= maxYear()) return { y: +y[1]! };
  return null;
}

function urlPath(url: string | null): string | null {
  if (!url) return null;
  // extractDate asks twice for a page's URL (dateFromUrl, then urlYearMonth for text dates): the
  // last answer is kept (a pure function of the string).
  if (url === lastUrl) return lastPath;
  let path: string | null;
  try {
    const u = new URL(url);
    // Query strings carry dates too (`?date=2025-01-15`), but also tracking ids; path only.
    path = decodeURIComponent(u.pathname);
  } catch {
    path = null;
  }
  lastUrl = url;
  lastPath = path;
  return path;
}
let lastUrl: string | null = null;
let lastPath: string | null = null;

export function dateFromUrl(url: string | null): string | null {
  const path = urlPath(url);
  if (path === null) return null;
  for (const pat of URL_PATTERNS) {
    const m = pat.re.exec(path);
    if (!m) continue;
    const p = { y: +m[pat.y]!, m: +m[pat.m]!, d: +m[pat.d]! };
    if (valid(p)) return formatDate(p);
  }
  return null;
}

// --- text -----------------------------------------------------------------------------------

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * A label as a word of its own, case-insensitive. test() first looks for the bare alternatives
 * (same flags): every match of the full regex contains one, and V8 runs the bare alternation far
 * faster than the full regex, which tries its `[^\p{L}]` boundary at every position (COMMENT on the
 * 20,987 c5k lines with a year: 75 ms -> 17 ms). Exported for fast-paths.test.ts.
 */
export class LabelRe {
  private readonly bare: RegExp;
  private readonly full: RegExp;
  constructor(labels: readonly string[]) {
    const alt = labels.map(escapeRe).join('|');
    this.bare = new RegExp(alt, 'iu');
    this.full = new RegExp(`(?:^|[^\\p{L}])(?:${alt})(?:[^\\p{L}]|$)`, 'iu');
  }
  test(s: string): boolean {
    return this.bare.test(s) && this.full.test(s);
  }
}
const labelRe = (labels: readonly string[]): LabelRe => new LabelRe(labels);
const PUBLISHED = labelRe(lexicon.publishedLabels);
const UPDATED = labelRe(lexicon.updatedLabels);
const COPYRIGHT = labelRe(lexicon.copyrightMarkers);
const COMMENT = labelRe(lexicon.commentMarkers);
const BYLINE = labelRe(lexicon.bylineLabels);
const PUBLISHED_AFTER = labelRe(lexicon.publishedAfter);

/**
 * Weights of text-date evidence. Set by hand from what bylines look like, then checked on traf
 * dev: a publication label is worth more than position; a date on a short line (byline, dateline)
 * more than one inside a paragraph; dates next to the headline more than far ones; dates in lists
 * of dated items (archives, related posts, comments) less than lone ones.
 */
const W = {
  published: 4,
  /** `Updated`/`Aktualisiert`: a date, but explicitly not the publication date. */
  updated: -1,
  /** An author credit before the date (`Geschrieben von X am`, `By X |`). */
  byline: 2,
  /** A line that is mostly the date (byline/dateline) rather than prose. */
  shortLine: 1.5,
  /** Same year/month as the URL names. */
  urlAgrees: 2,
  /** Several dated lines close together: a list of other posts or comments. */
  inList: -2.5,
  /** `Reply` / `Antworten` on the line: a comment's date. */
  comment: -3,
};
/** Headline proximity bonus by distance in lines: bylines sit 0–3 lines from the H1. */
function nearness(d: number): number {
  if (d <= 1) return 4;
  if (d <= 3) return 3;
  if (d <= 6) return 2;
  if (d <= 12) return 1;
  return 0;
}
/** A line of at most this many chars is a byline/dateline, not prose. */
const SHORT_LINE = 80;
/** Text dates are only taken from this many lines (the header of an article, not its archive). */
const MAX_TEXT_LINES = 5000;
/** A list: at least LIST_MIN dated lines within LIST_WINDOW lines either side (teasers, comments). */
const LIST_WINDOW = 4;
const LIST_MIN = 3;

interface TextCandidate {
  parts: DateParts;
  line: number;
  score: number;
}

/**
 * Lines that carry the headline: equal to the header title or to its cleaned form, or containing
 * the cleaned headline with a few extra words (`Headline 10. Februar 2019` in a teaser).
 */
function findTitleLines(lines: string[], title: string | null | undefined, lineKeys?: string[]): number[] {
  if (!title) return [];
  const n = Math.min(lines.length, MAX_TEXT_LINES);
  const whole = matchKey(title);
  const bodyLines = lines.length > n ? lines.slice(0, n) : lines;
  const bodyKeys = lineKeys && lines.length > n ? lineKeys.slice(0, n) : lineKeys;
  const head = splitTitle(title, bodyKeys ? { bodyLines, bodyKeys } : { bodyLines }).title;
  const hk = head ? matchKey(head) : '';
  // The keys a headline line equals, when of 2 chars or more; compared with ===, not looked up in
  // a Set, so that no line key is hashed (a pass over each key of the page).
  const wholeKey = whole.length >= 2 ? whole : null;
  const headKey = hk.length >= 2 ? hk : null;
  if (wholeKey === null && headKey === null) return [];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const line = lines[i]!;
    if (line.length > 600) continue;
    const k = lineKeys ? lineKeys[i]! : lineKey(line);
    // The headline plus up to ~25 key chars (a date, an author) is still the headline's line.
    if (k === wholeKey || k === headKey || (hk.length >= 8 && k.length <= hk.length + 25 && k.includes(hk))) out.push(i);
  }
  return out;
}

let debugHook: ((c: Array<{ line: number; date: string; score: number }>) => void) | null = null;
/** For tuning scripts: receive the scored text candidates of each dateFromText call. */
export function _setDateDebug(hook: typeof debugHook): void {
  debugHook = hook;
}

const DIGIT = /\d/;

export function dateFromText(lines: string[], title?: string | null, url?: string | null, lineKeys?: string[]): string | null {
  const ctx = urlYearMonth(url ?? null);
  // Headline lines are only needed to score a date: found on the first hit (most pages have none).
  let titleLines: number[] | null = null;
  const cands: TextCandidate[] = [];
  const n = Math.min(lines.length, MAX_TEXT_LINES);
  for (let i = 0; i < n; i++) {
    const raw = lines[i]!;
    if (!DIGIT.test(raw)) continue;
    // A full date needs a run of 4 digits and a month-day `1月15日` needs 月 (and a year from the
    // URL). collapse() rewrites only whitespace, so it keeps every digit run and every 月 and makes
    // none: a line without either would give no hits below; skipped before collapsing it.
    if (!FOUR_DIGITS.test(raw) && (ctx === null || !raw.includes('月'))) continue;
    const line = collapse(raw);
    // The dates first, then the line tests: most lines with a digit hold no date (the tests only
    // drop or score a line's dates, so their order does not change the candidates).
    const hits = findDates(line.slice(0, 2000));
    // CJK_MONTH_DAY needs a 月; exec from lastIndex 0 as in findDates (it never matches empty).
    if (ctx && line.includes('月')) {
      CJK_MONTH_DAY.lastIndex = 0;
      for (let m = CJK_MONTH_DAY.exec(line); m !== null; m = CJK_MONTH_DAY.exec(line)) {
        const p = { y: ctx.y, m: +m[1]!, d: +m[2]! };
        const idx = m.index;
        if (valid(p) && !hits.some((h) => idx >= h.index && idx < h.index + h.length))
          hits.push({ parts: p, index: idx, length: m[0].length });
      }
    }
    if (hits.length === 0 || COPYRIGHT.test(line)) continue;
    const comment = COMMENT.test(line);
    for (const h of hits) {
      let score = 0;
      const before = line.slice(Math.max(0, h.index - 40), h.index);
      if (UPDATED.test(before)) score += W.updated;
      else if (PUBLISHED.test(before)) score += W.published;
      else if (BYLINE.test(before)) score += W.byline;
      // `Dieser Beitrag wurde am 04.02.2020 von X veröffentlicht`: the label can follow the date.
      else if (PUBLISHED_AFTER.test(line.slice(h.index + h.length, h.index + h.length + 60))) score += W.published - 1;
      const short = line.length <= SHORT_LINE;
      if (short) score += W.shortLine;
      let d = Infinity;
      titleLines ??= findTitleLines(lines, title, lineKeys);
      for (const t of titleLines) d = Math.min(d, Math.abs(i - t));
      // The lead paragraph sits next to the headline too, and its dates are event dates:
      // proximity counts half for prose lines.
      score += short ? nearness(d) : nearness(d) / 2;
      if (ctx && ctx.y === h.parts.y && (ctx.m === undefined || ctx.m === h.parts.m)) score += W.urlAgrees;
      if (comment) score += W.comment;
      cands.push({ parts: h.parts, line: i, score });
    }
  }
  if (cands.length === 0) return null;
  // Dated lines in a cluster are a list (teasers, archive, comments), not the article's byline.
  const datedLines = [...new Set(cands.map((c) => c.line))]; // ascending
  const listy = new Set<number>();
  for (let a = 0, b = 0; b < datedLines.length; b++) {
    while (datedLines[b]! - datedLines[a]! > 2 * LIST_WINDOW) a++;
    if (b - a + 1 >= LIST_MIN) for (let k = a; k <= b; k++) listy.add(datedLines[k]!);
  }
  for (const c of cands) if (listy.has(c.line)) c.score += W.inList;
  if (debugHook) debugHook(cands.map((c) => ({ line: c.line, date: formatDate(c.parts), score: c.score })));
  // Highest score; ties go to the earliest line (the top of the article).
  let best = cands[0]!;
  for (const c of cands) if (c.score > best.score) best = c;
  return formatDate(best.parts);
}

export function extractDate(input: ExtractDateInput): ExtractedDate {
  const h = parseDate(input.headerDate);
  if (h) return { date: h, source: 'header' };
  const u = dateFromUrl(input.url);
  if (u) return { date: u, source: 'url' };
  const t = dateFromText(input.lines ?? [], input.title, input.url, input.lineKeys);
  if (t) return { date: t, source: 'text' };
  return { date: null, source: null };
}
