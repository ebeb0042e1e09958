/** Deterministic synthetic text for dedup tests (no third-party text). */

/** mulberry32 PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYL = ['ka', 'lo', 'mi', 'ren', 'tas', 'vo', 'der', 'un', 'sil', 'pa', 'gro', 'te', 'wen', 'an', 'bri', 'st', 'ol', 'ma', 'qui', 'zer'];

/** A vocabulary of `size` distinct pseudo-words. */
export function vocabulary(size: number, seed = 1): string[] {
  const r = rng(seed);
  const out = new Set<string>();
  while (out.size < size) {
    const n = 1 + Math.floor(r() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYL[Math.floor(r() * SYL.length)];
    out.add(w);
  }
  return [...out];
}

const VOCAB = vocabulary(5000);

/** `n` random words as an array. */
export function words(n: number, seed: number): string[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => VOCAB[Math.floor(r() * VOCAB.length)]!);
}

/** `n` random words joined as sentences of 12 words, one sentence per line. */
export function text(n: number, seed: number): string {
  const w = words(n, seed);
  const lines: string[] = [];
  for (let i = 0; i < w.length; i += 12) lines.push(w.slice(i, i + 12).join(' ') + '.');
  return lines.join('\n');
}

/** Replace `k` words (at evenly spread positions) of a word list with fresh words. */
export function editWords(ws: readonly string[], k: number, seed: number): string[] {
  const out = ws.slice();
  const fresh = words(k, seed + 1_000_003);
  for (let i = 0; i < k; i++) out[Math.floor(((i + 0.5) * out.length) / k)] = fresh[i]!;
  return out;
}

/** `n` random CJK ideographs (no spaces). */
export function cjkText(n: number, seed: number): string {
  const r = rng(seed);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(0x4e00 + Math.floor(r() * 3000));
  return s;
}
