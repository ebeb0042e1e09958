/**
 * Hard-wrapped paragraphs. Old text archives, mailing lists and plain-text pages break a paragraph
 * into lines of a fixed width (`文化革命是一场有着极为广泛的群众参与的政治运动。因此，如何理解这种` /
 * `广泛的群众参与，…`). Judged one line at a time, such a line is too short to be prose and often has
 * no punctuation of its own, so a whole article can read as a run of borderline and `bad` lines
 * (zh-cwce caee0a34: the last 157 lines of an essay went). Here the lines of one wrapped paragraph
 * are found and classified as the paragraph they form; the lines themselves stay the unit of
 * removal.
 *
 * A line continues into the next one when
 * - CJK: both lines are CJK and the line is as long as the page's wrap width, from WIDTH_SLACK
 *   characters shorter to one longer: a fixed-width wrap, whatever the punctuation. The wrap width
 *   is the most common length of the page's CJK lines of at least MIN_WIDTH characters, when at
 *   least MIN_WRAPPED lines and MIN_SHARE of those lines have exactly that length. On the dev
 *   pages the three wrapped essays (width 36) have 190-289 lines and 70-82% at the width; news
 *   pages and headline lists have at most 20 lines and 13-46% at their most common length, and
 *   their common lengths (20-29) are headline lengths, below MIN_WIDTH;
 * - other scripts: the line has at least MIN_LATIN characters and does not end like a sentence or
 *   a label (`. ! ? : ;`), and the next line starts with a lowercase letter: the sentence runs on.
 */
import type { LineFeatures } from './features.js';

/** Fewest CJK lines at the wrap width for a page to count as wrapped (a paragraph of prose or two). */
const MIN_WRAPPED = 8;
/**
 * Shortest CJK wrap width in characters. Plain text is wrapped at 70-80 columns (35-40 CJK
 * characters); headlines, which sites often cut to a fixed length, are shorter (dev: 20-29).
 */
const MIN_WIDTH = 30;
/** Share of the page's CJK lines (of MIN_WIDTH or more) that must have exactly the wrap width. */
const MIN_SHARE = 0.5;
/** A wrapped CJK line may be a character or two shorter than the width (punctuation kept off a line start). */
const WIDTH_SLACK = 2;
/** Shortest Latin-script line that continues into the next one (shorter: a label or menu item). */
const MIN_LATIN = 40;

const LOWER_START = /^["'“‘(«]?\p{Ll}/u;
const STOPS_LINE = /[.!?:;。！？：；…]["'”’»)）]*$/u;

/** Per line, the index of the first line of its wrapped paragraph, or -1 when it stands alone. */
export function wrappedParagraphs(texts: readonly string[], features: readonly LineFeatures[]): number[] {
  const n = texts.length;
  const start = new Array<number>(n).fill(-1);
  if (n < 2) return start;
  const width = cjkWrapWidth(texts, features);
  const continues = (i: number): boolean => {
    const f = features[i]!;
    const g = features[i + 1]!;
    if (f.len === 0 || g.len === 0) return false;
    if (f.cjk) return width > 0 && g.cjk && f.len >= width - WIDTH_SLACK && f.len <= width + 1;
    return !g.cjk && f.len >= MIN_LATIN && !STOPS_LINE.test(texts[i]!) && LOWER_START.test(texts[i + 1]!);
  };
  for (let i = 0; i + 1 < n; i++) {
    if (!continues(i)) continue;
    const s = start[i] === -1 ? i : start[i]!;
    start[i] = s;
    start[i + 1] = s;
  }
  return start;
}

/** The page's CJK wrap width in characters, or 0 when its CJK lines are not wrapped at one width. */
function cjkWrapWidth(texts: readonly string[], features: readonly LineFeatures[]): number {
  const counts = new Map<number, number>();
  for (let i = 0; i < texts.length; i++) {
    const f = features[i]!;
    if (f.cjk && f.len >= MIN_WIDTH) counts.set(f.len, (counts.get(f.len) ?? 0) + 1);
  }
  let best = 0;
  let bestCount = 0;
  let total = 0;
  for (const c of counts.values()) total += c;
  // Ties go to the longer width, so the result does not depend on map order.
  for (const [len, c] of counts) if (c > bestCount || (c === bestCount && len > best)) [best, bestCount] = [len, c];
  return bestCount >= MIN_WRAPPED && bestCount >= MIN_SHARE * total ? best : 0;
}
