/**
 * Seeded random strings for the tests that compare a fast path with its reference: `n` strings of
 * up to `maxParts - 1` pieces drawn from `pool` (pieces are characters or short words the code
 * under test branches on); with `spaceEvery` > 0 a piece is followed by a space about once in
 * `spaceEvery` draws. A linear congruential generator, so every run draws the same strings.
 */
export function seededStrings(pool: readonly string[], n: number, maxParts: number, seed: number, spaceEvery = 0): string[] {
  let x = seed >>> 0;
  const next = (): number => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0);
  const out: string[] = [];
  for (let k = 0; k < n; k++) {
    let s = '';
    for (let j = next() % maxParts; j > 0; j--) s += pool[next() % pool.length]! + (spaceEvery > 0 && x % spaceEvery === 0 ? ' ' : '');
    out.push(s);
  }
  return out;
}
