/** Deterministic prose-like articles that survive cleaning (for the --index tests). */
const NOUNS = ['river', 'market', 'council', 'weather', 'school', 'bridge', 'garden', 'festival', 'railway', 'harbour', 'library', 'museum', 'hospital', 'theatre', 'village', 'forest', 'station', 'factory', 'orchard', 'castle', 'island', 'valley', 'airport', 'stadium', 'college', 'bakery', 'chapel', 'meadow', 'tunnel', 'canal'];

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** About 12 lines of distinct news-like prose per seed. */
export function article(seed: number, sentences = 6): string {
  const r = rng(seed * 7919 + 1);
  const n = (): string => NOUNS[Math.floor(r() * NOUNS.length)]! + String(Math.floor(r() * 900 + 100));
  const s: string[] = [];
  for (let i = 0; i < sentences; i++) {
    s.push(`The ${n()} report was discussed on Monday by the local ${n()} committee, which met in the town hall near the ${n()} for the first time this year.`);
    s.push(`Residents said that the ${n()} and the ${n()} had changed a lot since the old days, and that they would like more information about it from the ${n()}.`);
  }
  return s.join('\n');
}

/** A near copy: the first `keep` lines of the article. */
export function nearCopy(text: string, keep = 11): string {
  return text.split('\n').slice(0, keep).join('\n');
}

export function jsonl(docs: Array<Record<string, unknown>>): string {
  return docs.map((d) => JSON.stringify(d)).join('\n') + '\n';
}
