/**
 * Every prefix and contains phrase of a lexicon in one Aho-Corasick automaton over matching keys,
 * so a line's key is scanned once for all eleven lexicon rules and the section labels, instead of
 * once per phrase list (one alternation regex each). Profile of 5,000 bench documents before this:
 * the lexicon rules took 12% of cleanDocument, 11% in matchPhrase and its regexes.
 *
 * The automaton is a dense DFA over UTF-16 units: the units that occur in some phrase get a class
 * (1..A), every other unit is class 0 (it cannot be inside a match, so it leads back to the root).
 * Default lexicon: 395 distinct phrases, 5,393 states, 206 classes → a 2.2 MB transition table.
 *
 * A scan reports which phrases occur in the key and which of them start it; callers pick the first
 * listed one of a set from that (matchPhrase), so answers are those of `startsWith`/`includes`
 * over the lists in order.
 */

/** Phrases found in one key: `pid << 1 | 1` when the phrase starts the key, `pid << 1` elsewhere. */
export interface PhraseHits {
  readonly index: PhraseIndex;
  /** null: no phrase of the index occurs in the key. */
  readonly entries: readonly number[] | null;
}

export class PhraseIndex {
  /** Distinct phrases; a phrase's id is its position here. */
  readonly phrases: string[] = [];
  private readonly ids = new Map<string, number>();
  private classOf = new Uint16Array(0);
  private width = 0;
  private delta = new Uint16Array(0);
  /** Per state: [outStart, outEnd) into outPids (the phrases that end at this state). */
  private outStart = new Uint32Array(0);
  private outEnd = new Uint32Array(0);
  private outPids = new Uint32Array(0);
  private built = false;
  /** The answer for every key without a phrase (shared: most lines). */
  readonly none: PhraseHits = { index: this, entries: null };

  /** Id of a phrase (added if new). New phrases can be added until the first scan. */
  add(phrase: string): number {
    let id = this.ids.get(phrase);
    if (id === undefined) {
      if (this.built) throw new Error('PhraseIndex: phrases added after the first scan');
      id = this.phrases.length;
      this.phrases.push(phrase);
      this.ids.set(phrase, id);
    }
    return id;
  }

  private build(): void {
    this.built = true;
    const classOf = new Uint16Array(0x10000);
    let classes = 1;
    for (const p of this.phrases)
      for (let i = 0; i < p.length; i++) {
        const u = p.charCodeAt(i);
        if (classOf[u] === 0) classOf[u] = classes++;
      }
    // The trie, with sparse children while it is built.
    const children: Array<Map<number, number>> = [new Map()];
    const ends: number[][] = [[]];
    for (let pid = 0; pid < this.phrases.length; pid++) {
      const p = this.phrases[pid]!;
      if (p.length === 0) continue;
      let s = 0;
      for (let i = 0; i < p.length; i++) {
        const c = classOf[p.charCodeAt(i)]!;
        let next = children[s]!.get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          ends.push([]);
          children[s]!.set(c, next);
        }
        s = next;
      }
      ends[s]!.push(pid);
    }
    const states = children.length;
    if (states > 0xffff) throw new Error(`PhraseIndex: ${states} states do not fit 16-bit transitions`);
    const width = classes;
    const delta = new Uint16Array(states * width);
    const fail = new Uint32Array(states);
    // Breadth-first: a state's failure state is shallower, so its row and outputs are final.
    const order: number[] = [0];
    for (const [c, next] of children[0]!) {
      delta[c] = next;
      order.push(next);
    }
    for (let q = 1; q < order.length; q++) {
      const s = order[q]!;
      const f = fail[s]!;
      for (let c = 0; c < width; c++) delta[s * width + c] = delta[f * width + c]!;
      for (const pid of ends[f]!) ends[s]!.push(pid);
      for (const [c, next] of children[s]!) {
        fail[next] = delta[f * width + c]!;
        delta[s * width + c] = next;
        order.push(next);
      }
    }
    const outStart = new Uint32Array(states);
    const outEnd = new Uint32Array(states);
    const outPids: number[] = [];
    for (let s = 0; s < states; s++) {
      outStart[s] = outPids.length;
      for (const pid of ends[s]!) outPids.push(pid);
      outEnd[s] = outPids.length;
    }
    this.classOf = classOf;
    this.width = width;
    this.delta = delta;
    this.outStart = outStart;
    this.outEnd = outEnd;
    this.outPids = Uint32Array.from(outPids);
  }

  /** The phrases that occur in `key`, and which of them start it. */
  scan(key: string): PhraseHits {
    if (!this.built) this.build();
    const { classOf, delta, width, outStart, outEnd, outPids } = this;
    let entries: number[] | null = null;
    let s = 0;
    for (let i = 0; i < key.length; i++) {
      s = delta[s * width + classOf[key.charCodeAt(i)]!]!;
      const from = outStart[s]!;
      const to = outEnd[s]!;
      for (let o = from; o < to; o++) {
        const pid = outPids[o]!;
        const atStart = i + 1 === this.phrases[pid]!.length ? 1 : 0;
        (entries ??= []).push((pid << 1) | atStart);
      }
    }
    return entries === null ? this.none : { index: this, entries };
  }
}

/** Does any entry report phrase `pid` (anywhere, or at the start only)? */
export function hasPhrase(entries: readonly number[], pid: number, atStart: boolean): boolean {
  for (const e of entries) if (e >>> 1 === pid && (!atStart || (e & 1) === 1)) return true;
  return false;
}
