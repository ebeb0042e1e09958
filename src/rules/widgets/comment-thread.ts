import type { Rule } from '../rule.js';
import { rangesToFindings } from '../rule.js';
import type { Finding } from '../../types.js';
import { findDates } from '../../meta/date.js';
import { ruleNumber } from '../../core/config.js';

/**
 * A comment thread after the article: comments are written as prose, so line shape alone keeps
 * them, but each one opens with a short author/time stamp (`Armanox June 28, 2015 at 10:25 pm`,
 * `Anna 24. Juli 2017 um 18:55`, `2015-07-06 18:57 张三`). MIN_STAMPS or more stamp lines — short,
 * not a sentence, holding a full date with a clock time or a relative time — each within MAX_STAMP_GAP lines of the
 * previous one make a thread; it is cut from a count/label line just before the first stamp to the
 * end of the last comment (as many lines after the last stamp as the median comment had).
 * Only after prose: a thread that starts before the page's first prose line is left alone (a forum
 * page or an archive list is the page itself).
 * A date without a time is not a stamp: dated lists (events, archives, teasers) are other rules'.
 */
const MAX_STAMP_WEIGHT = 100;
const MIN_STAMPS = 3;
const MAX_STAMP_GAP = 12;
/** A short line just before the first stamp that announces comments. */
const LABEL_WEIGHT = 80;
const LABEL_LINES = 4;
const COMMENT_LABEL = /(?:^|[^\p{L}])(?:comments?|kommentare?|antworten|replies|responses|reaktionen|commentaires?|comentarios?|komentarz[ey]?|thoughts on)(?:[^\p{L}]|$)|评论|留言|回复/iu;

/**
 * A relative time is a stamp too (`5小时前`, `3 hours ago`, `vor 2 Tagen`, `il y a 3 jours`,
 * `hace 2 horas`): comment widgets print the age of a comment, not its date (zh-news: toutiao's
 * threads). Still only in a thread announced by a comment label, like dated stamps.
 */
const RELATIVE_TIME = /\d+\s*(?:秒|分钟|小时|天|周|个月)前|刚刚|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b|\bvor\s+\d+\s+(?:Sekunden?|Minuten?|Stunden?|Tagen?|Wochen?|Monaten?|Jahren?)\b|\bil y a \d+\s+(?:minutes?|heures?|jours?|semaines?|mois|ans?)\b|\bhace \d+\s+(?:minutos?|horas?|días?|semanas?|meses|años?)\b/iu;

/** A comment count (`[ 11 Comments ]`, `7 Kommentare`, `Comments (3)`, `评论(5)`). */
const COMMENT_COUNT = /\d+\s*(?:comments?|kommentare?|replies|responses|commentaires?|comentarios?|komentarz[ey]?|条评论|评论)|(?:comments?|kommentare?|评论)\s*[(（[]\s*\d+/iu;
/** Comment counts inside a would-be thread that make it a list of posts (a thread may repeat its own count once, in a pager). */
const POST_LIST_COUNTS = 2;
/**
 * A clock time anywhere on a dated line: the date parser attaches only a time that follows the
 * date (`June 28, 2015 at 10:25 pm`); comment widgets also print it first (`8:26 am September 20,
 * 2010`, `08:26, 20.09.2010`).
 */
const CLOCK = /(?:^|[^\d:.])\d{1,2}:\d{2}(?![\d:])/u;

export const commentThread: Rule = {
  id: 'widgets/comment-thread',
  description: 'Comment threads after the article: runs of dated author/time stamp lines with the comments between them.',
  run(ctx) {
    const minStamps = ruleNumber(ctx.config, this.id, 'minStamps', MIN_STAMPS);
    const maxGap = ruleNumber(ctx.config, this.id, 'maxGap', MAX_STAMP_GAP);
    const n = ctx.lines.length;
    let firstProse = -1;
    for (let i = 0; i < n && firstProse < 0; i++) if (!ctx.claimedBy[i] && ctx.classes[i] === 'good') firstProse = i;
    if (firstProse < 0) return [];
    const stamps: number[] = [];
    for (let i = firstProse + 1; i < n; i++) {
      const f = ctx.features[i]!;
      if (f.len === 0 || f.weight > MAX_STAMP_WEIGHT || f.endsSentence) continue;
      const text = ctx.lines[i]!.text;
      if (RELATIVE_TIME.test(text)) stamps.push(i);
      else {
        const dates = findDates(text);
        if (dates.some((h) => h.parts.hh !== undefined) || (dates.length > 0 && CLOCK.test(text))) stamps.push(i);
      }
    }
    const out: Finding[] = [];
    let a = 0;
    while (a < stamps.length) {
      let b = a;
      while (b + 1 < stamps.length && stamps[b + 1]! - stamps[b]! <= maxGap) b++;
      const count = b - a + 1;
      if (count >= minStamps) {
        const gaps = [];
        for (let k = a; k < b; k++) gaps.push(stamps[k + 1]! - stamps[k]!);
        gaps.sort((x, y) => x - y);
        const median = gaps[Math.floor(gaps.length / 2)]!;
        // The thread must be announced: a comment label (`38 comments`, `Kommentare`, `3 Antworten
        // zu …`, `评论`) within LABEL_LINES lines before the first stamp. Without one, dated posts
        // are the page itself (a forum thread, a blog's post list): CleanEval's and zh-cwce's gold
        // keeps those (dev: cleaneval-dev .878 -> .869 and zh-cwce .913 -> .867 without this).
        let label = -1;
        for (let i = stamps[a]! - 1; i > firstProse && i >= stamps[a]! - LABEL_LINES; i--) {
          const f = ctx.features[i]!;
          if (f.weight <= LABEL_WEIGHT && COMMENT_LABEL.test(ctx.lines[i]!.text)) {
            label = i;
            break;
          }
        }
        if (label < 0) {
          a = b + 1;
          continue;
        }
        const first = label;
        const last = Math.min(n - 1, stamps[b]! + median - 1);
        // A list of posts, not a thread: each post shows its own comment count (`San Diego, Baby
        // [ 7 Comments ]`, `Hot Fixes [ 11 Comments ]`); the comments of a thread do not (cleaneval-dev
        // 27, a game site's news list with `-- Jolene @ 1:03PM Wed 19 Jul 2006` bylines).
        let counts = 0;
        for (let i = label + 1; i <= last && counts < POST_LIST_COUNTS; i++)
          if (ctx.features[i]!.weight <= LABEL_WEIGHT && COMMENT_COUNT.test(ctx.lines[i]!.text)) counts++;
        if (counts >= POST_LIST_COUNTS) {
          a = b + 1;
          continue;
        }
        const lines: number[] = [];
        for (let i = first; i <= last; i++) if (!ctx.claimedBy[i] && ctx.lines[i]!.text !== '') lines.push(i);
        const firstStamp = stamps[a]! + 1;
        out.push(...rangesToFindings(lines, this.id, 'comment thread (dated author stamps)', () => ({ stamps: count, firstStamp })));
      }
      a = b + 1;
    }
    return out;
  },
};

