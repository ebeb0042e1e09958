/**
 * Per-code-unit character classes for the Basic Multilingual Plane, built once from the same
 * Unicode property regexes the slow paths use, so that a single charCode loop can count letters,
 * digits, CJK characters and word boundaries of a line. Lines with surrogate pairs (astral
 * characters) must take the regex paths: a table over UTF-16 units cannot classify them.
 */
export const C_LETTER = 1; // \p{L}
export const C_DIGIT = 2; // \p{Nd}
export const C_CJK = 4; // Han, kana, Hangul (script.ts HAN_KANA_HANGUL)
export const C_SPACE = 8; // \s
export const C_SPLIT = 16; // [\s\p{P}\p{S}] (word separators)
export const C_PUNCT = 32; // [.,;:!?，。；：！？、]
export const C_HAN = 64; // \p{Script=Han} (language.ts)
export const C_TOKSEP = 128; // [\s\p{P}\p{S}\p{N}] (stopwords.ts token separators)
export const C_LMN = 256; // [\p{L}\p{M}\p{N}] (meta/text.ts matching keys)
export const C_LL = 512; // \p{Ll} (glued-links)
export const C_LU = 1024; // \p{Lu} (glued-links)

function build(): Uint16Array {
  const t = new Uint16Array(0x10000);
  // Every BMP code unit once; surrogates replaced by U+0378 (unassigned: in no class below).
  const units = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) units[c] = c >= 0xd800 && c <= 0xdfff ? 0x378 : c;
  let all = '';
  for (let i = 0; i < 0x10000; i += 4096) all += String.fromCharCode(...units.subarray(i, i + 4096));
  const mark = (re: RegExp, flag: number): void => {
    for (const m of all.matchAll(re)) t[m.index!]! |= flag;
  };
  mark(/\p{L}/gu, C_LETTER);
  mark(/\p{Nd}/gu, C_DIGIT);
  mark(/[\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uAC00-\uD7AF]/g, C_CJK);
  mark(/\s/g, C_SPACE);
  mark(/[\s\p{P}\p{S}]/gu, C_SPLIT);
  mark(/[.,;:!?，。；：！？、]/gu, C_PUNCT);
  mark(/\p{Script=Han}/gu, C_HAN);
  mark(/[\s\p{P}\p{S}\p{N}]/gu, C_TOKSEP);
  mark(/[\p{L}\p{M}\p{N}]/gu, C_LMN);
  mark(/\p{Ll}/gu, C_LL);
  mark(/\p{Lu}/gu, C_LU);
  return t;
}

let table: Uint16Array | null = null;
export function charTable(): Uint16Array {
  table ??= build();
  return table;
}

/** True when the string has a UTF-16 surrogate (an astral character, or a lone surrogate). */
export function hasSurrogate(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) return true;
  }
  return false;
}
