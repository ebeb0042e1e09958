/**
 * Text normalization. Two forms:
 * - display form (`normalizeDisplay`): what the output keeps. NFC, invisible and control characters
 *   removed, every whitespace run collapsed to one space, trimmed. The author's characters stay
 *   (full-width Chinese punctuation is not folded).
 * - matching key (`matchKey`): what comparisons use. NFKC, case-folded, all whitespace, punctuation
 *   and symbols removed, so `Home | News` and `home news` compare equal.
 */

import { charTable, hasSurrogate, C_SPACE, C_SPLIT } from './charclass.js';

// Zero-width and format characters that carry no text: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft
// hyphen, bidi marks/embeddings/isolates. (ZWJ inside emoji sequences is lost; acceptable for text
// corpora, and it keeps keys stable.)
const INVISIBLE = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u202A-\u202E\u2066-\u2069]/g;
// C0/C1 control characters except tab (which becomes whitespace below).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;
const ONE_INVISIBLE = new RegExp(`^${INVISIBLE.source}$`);
const ONE_CONTROL = new RegExp(`^${CONTROL.source}$`);
/** True when normalizeDisplay removes the character `ch` (invisible) or makes it a space (control). */
export function displayDrops(ch: string): boolean {
  return ONE_INVISIBLE.test(ch) || ONE_CONTROL.test(ch);
}
// Any run of Unicode whitespace (includes NBSP, U+2000..U+200A, U+3000 ideographic space).
const WS_RUN = /\s+/gu;
const FAST_ASCII_CLEAN = /^[\x20-\x7E]*$/;

export function normalizeDisplay(raw: string): string {
  if (FAST_ASCII_CLEAN.test(raw)) {
    // Pure printable ASCII: only whitespace runs can need work (fast path for the common case).
    return raw.includes('  ') || raw.startsWith(' ') || raw.endsWith(' ') ? raw.replace(/ +/g, ' ').trim() : raw;
  }
  if (onlyLoneSpaces(raw)) return raw.normalize('NFC');
  // Invisible characters go before NFC: a zero-width space between a letter and its combining
  // accent would otherwise keep them apart, and a second normalization would change the text.
  const s = raw.replace(INVISIBLE, '').replace(CONTROL, ' ').normalize('NFC');
  return s.replace(WS_RUN, ' ').trim();
}

/**
 * True when raw has no invisible or control character and no whitespace except single U+0020
 * between non-spaces: then the replaces and the trim of normalizeDisplay change nothing (NFC maps
 * no character outside \s into it, and composes no character with a space), and only NFC is left.
 */
function onlyLoneSpaces(raw: string): boolean {
  const t = charTable();
  let prevSpace = true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c <= 0x9f) {
      if (c < 0x20 || c >= 0x7f) return false; // C0/C1 controls (tab too: it is whitespace)
    } else if (c === 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0xfeff || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return false;
    }
    const space = (t[c]! & C_SPACE) !== 0;
    if (space && (c !== 0x20 || prevSpace)) return false;
    prevSpace = space;
  }
  return !prevSpace || raw.length === 0;
}

const NON_KEY = /[\p{P}\p{S}\p{Z}\s]+/gu;
const ASCII = /^[\x00-\x7f]*$/;
// NON_KEY restricted to ASCII: tab..CR, space and the 32 punctuation/symbol characters.
const NON_KEY_ASCII = /[\t-\r !-\/:-@[-`{-~]+/g;

/** Matching key: NFKC + case fold + remove whitespace, punctuation and symbols. */
export function matchKey(display: string): string {
  // ASCII is NFKC-stable and lower-cases within ASCII: the cheap path gives the same key.
  if (ASCII.test(display)) return display.toLowerCase().replace(NON_KEY_ASCII, '');
  const folded = display.normalize('NFKC').toLowerCase();
  return hasSurrogate(folded) ? folded.replace(NON_KEY, '') : dropSplit(folded);
}

/**
 * `s.replace(NON_KEY, '')` for strings without surrogates, with the class table: NON_KEY is
 * exactly C_SPLIT ([\s\p{P}\p{S}]; every \p{Z} character is \s — checked over all code points).
 * The kept units are gathered in a buffer and decoded as one flat string. Appending the slices
 * between separators (`out += s.slice(...)`) made a rope of one piece per word, which V8 flattens
 * when a key is first read by unit or hashed: on the non-ASCII lines of 3,000 bench documents,
 * building the keys and putting them in a Map took 440 ms that way, 99 ms this way.
 */
function dropSplit(s: string): string {
  const t = charTable();
  if (keyBuf.length < s.length) keyBuf = new Uint16Array(Math.max(2 * keyBuf.length, s.length));
  const buf = keyBuf;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((t[c]! & C_SPLIT) === 0) buf[n++] = c;
  }
  return n === s.length ? s : utf16.decode(buf.subarray(0, n));
}
let keyBuf = new Uint16Array(1024);
/** Units in, the same units out: a leading U+FEFF is kept (ignoreBOM); no surrogate reaches it. */
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/** Key with digits folded to `0`, for template lines that differ only by counts or dates. */
export function digitFoldedKey(key: string): string {
  // Every \p{Nd} character is an ASCII digit or above U+00FF: a key with neither has nothing to fold.
  // (A class-table loop with a buffer was slower than this regex on flat keys: 22.5 against 15.3 ms
  // for the non-ASCII keys of 3,000 bench documents. It only looked faster on the roped keys
  // dropSplit made before, which the regex had to flatten first.)
  return MAY_HOLD_DIGIT.test(key) ? key.replace(/\p{Nd}+/gu, '0') : key;
}
const MAY_HOLD_DIGIT = /[0-9\u0100-\uffff]/;
