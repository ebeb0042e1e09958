/**
 * Site-template learning across a corpus (pass 1). A line whose key recurs in several documents of
 * the same group (host, site name, or directory — never the whole corpus) is template: navigation,
 * footers, sidebars. Exact duplicate documents are counted once, so copies of one article do not
 * turn its paragraphs into "template".
 *
 * Memory: keys are stored as 53-bit numeric hashes (never the key strings), and a document's body
 * as a 52-bit number, in flat typed-array hash tables (hashtable.ts): 12 B per slot for a counted
 * key (≈ 18 B at the tables' average load) instead of ≈ 68 B in a Map of heap numbers (measured on
 * the 20k bench corpus: 371k distinct keys, 25.4 MB → see README "### Memory"). After pass 1,
 * `prune(minCount)` drops the keys counted in fewer documents than the rule can act on (84% of
 * them on that corpus) and the near-copy state, which only pass 1 needs.
 * A collision (two different keys with one hash) needs ~10^8 distinct keys in one group to become
 * likely; at that point counts would merge, nothing else.
 */
import { createHash } from 'node:crypto';
import { HashCounter, HashSet } from './hashtable.js';
import { digitFoldedKey, matchKey, normalizeDisplay } from './normalize.js';
import { keyUnitClass, KEY_BAIL, KEY_DIGIT, KEY_DROP } from './key-units.js';

/** Lines with longer keys are not counted: template lines are short; long ones cost memory. */
export const TEMPLATE_MAX_KEY = 300;

export interface TemplateStats {
  /** Distinct documents seen in the group. */
  groupDocs(group: string): number;
  /** In how many distinct documents of the group the key occurs. */
  lineDocs(group: string, key: string): number;
}

/**
 * A frozen copy of learned templates (for worker threads): per group
 * [group, documents, key hashes (ascending), counts], only keys counted in at least `minCount` documents.
 */
export type SnapshotData = Array<[string, number, Float64Array, Uint32Array]>;

/** A document's contribution to template learning, hashed (cheap to send between threads). */
export interface HashedKeys {
  /** Hash of the whole key list: exact duplicate documents are counted once. */
  body: number;
  /** Hashes of the distinct countable keys (1..TEMPLATE_MAX_KEY characters), in first-seen order. */
  keys: Float64Array;
  /** The SKETCH_SIZE smallest hashes of the document's long keys (>= SKETCH_MIN_KEY characters). */
  sketch: Float64Array;
}

/**
 * Near-copies of one article must not teach each other their paragraphs as "template": on the
 * bench corpus, clusters of up to 31 near-copies on one site lost their whole body that way. A
 * document whose sketch (the 3 smallest hashes of its long lines: mostly paragraphs) shares at least
 * SKETCH_MATCH values with documents already seen in its group is a near-copy and is not counted.
 * Near-copies that edit 10% of their lines keep >= 2 of 3 values with probability ~0.97; distinct
 * articles share them only through long lines repeated on every page of the site.
 */
const SKETCH_SIZE = 3;
const SKETCH_MATCH = 2;
const SKETCH_MIN_KEY = 60;

/** 53-bit hash of a template key (cyrb53: two 32-bit multiply-xor lanes over UTF-16 units). */
export function templateKeyHash(key: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return cyrb53Finish(h1, h2);
}

/** templateKeyHash's last step: the two lanes mixed into 53 bits. */
function cyrb53Finish(h1: number, h2: number): number {
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A document's template keys, one per body line, as their templateKeyHash and their length (0 for
 * an empty key): what HashedKeys is made from (hashLineKeys).
 */
export interface LineKeyHashes {
  hash: Float64Array;
  len: Int32Array;
}

/** Hash a document's template keys (see HashedKeys). */
export function hashTemplateKeys(keys: readonly string[]): HashedKeys {
  const hash = new Float64Array(keys.length);
  const len = new Int32Array(keys.length);
  keys.forEach((k, i) => {
    hash[i] = templateKeyHash(k);
    len[i] = k.length;
  });
  return hashLineKeys({ hash, len });
}

/**
 * HashedKeys from the lines' key hashes. The body is the sha1 of the per-line hashes in order
 * (empty keys included), so two documents get one body exactly when their key lists are equal,
 * but for a collision of 53-bit hashes; distinct keys are told apart by their hashes likewise.
 */
export function hashLineKeys({ hash, len }: LineKeyHashes): HashedKeys {
  const digest = createHash('sha1').update(new Uint8Array(hash.buffer, hash.byteOffset, hash.length * 8)).digest();
  const body = digest.readUIntBE(0, 6) * 32 + (digest[6]! >>> 3); // 53 bits
  const seen = new Set<number>();
  const out: number[] = [];
  const long: number[] = [];
  for (let i = 0; i < hash.length; i++) {
    const n = len[i]!;
    const h = hash[i]!;
    if (n === 0 || seen.has(h)) continue;
    seen.add(h);
    if (n <= TEMPLATE_MAX_KEY) out.push(h);
    if (n >= SKETCH_MIN_KEY) long.push(h);
  }
  long.sort((a, b) => a - b);
  return { body, keys: Float64Array.from(out), sketch: Float64Array.from(long.slice(0, SKETCH_SIZE)) };
}

/**
 * The template keys of body lines (`digitFoldedKey(matchKey(normalizeDisplay(raw)))`, see
 * clean.ts templateKeys) as LineKeyHashes, without making the key strings: a line whose every
 * unit keys on its own (key-units.ts: dropped, a digit, or one key unit) is hashed as it is
 * scanned, each run of digits written `0` (a run goes on across dropped units, as the key has
 * them removed before digits are folded). Pass 1 keys every line of the corpus this way. Only
 * lines with a unit that may join its neighbours (a combining mark, `ﬁ`, an astral character)
 * take the string functions. Printable ASCII alone was scanned before; scanning every script too
 * made the non-ASCII lines of 3,000 bench documents (a third of them, German and Chinese) cost
 * ~50 ms instead of ~200 ms in-process (all 160,630 lines of those documents: ~80 ms instead of
 * ~275 ms).
 */
export function templateKeyHashes(bodyLines: readonly string[]): LineKeyHashes {
  const n = bodyLines.length;
  const hash = new Float64Array(n);
  const len = new Int32Array(n);
  for (let li = 0; li < n; li++) {
    const raw = bodyLines[li]!;
    let h1 = 0xdeadbeef;
    let h2 = 0x41c6ce57;
    let k = 0;
    let inDigits = false;
    let scanned = true;
    for (let i = 0; i < raw.length; i++) {
      let c = raw.charCodeAt(i);
      // printable ASCII inline (most lines), the class table for the rest
      if (c >= 0x61 && c <= 0x7a) inDigits = false;
      else if (c >= 0x41 && c <= 0x5a) {
        inDigits = false;
        c |= 0x20;
      } else if (c >= 0x30 && c <= 0x39) {
        if (inDigits) continue;
        inDigits = true;
        c = 0x30;
      } else if (c >= 0x20 && c <= 0x7e) continue; // space, punctuation, symbol: dropped
      else {
        const u = keyUnitClass(c);
        if (u === KEY_DROP) continue;
        if (u === KEY_BAIL) {
          scanned = false;
          break;
        }
        if (u === KEY_DIGIT) {
          if (inDigits) continue;
          inDigits = true;
          c = 0x30;
        } else {
          inDigits = false;
          c = u - 1;
        }
      }
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
      k++;
    }
    if (!scanned) {
      const text = normalizeDisplay(raw);
      const key = text === '' ? '' : digitFoldedKey(matchKey(text));
      hash[li] = templateKeyHash(key);
      len[li] = key.length;
      continue;
    }
    hash[li] = cyrb53Finish(h1, h2);
    len[li] = k;
  }
  return { hash, len };
}

interface GroupState {
  docs: number;
  /** Pass-1 state, dropped by prune(). */
  bodies: HashSet | null;
  counts: HashCounter;
  /** Sketch values of the documents counted so far (near-copy detection); dropped by prune(). */
  sketches: HashSet | null;
  /** Set by releaseLookups(): the counts alone, ascending (what topGroups needs); `counts` is then empty. */
  countsOnly: Uint32Array | null;
}

export class TemplateLearner implements TemplateStats {
  private groups = new Map<string, GroupState>();
  /** Set by prune(): counts below it were dropped, and no document can be added any more. */
  private prunedBelow = 0;
  /** Set by releaseLookups(). */
  private released = false;

  addDocument(group: string | null, keys: readonly string[]): void {
    if (!group) return;
    this.addHashed(group, hashTemplateKeys(keys));
  }

  /** addDocument with keys hashed beforehand (by a worker thread). */
  addHashed(group: string | null, h: HashedKeys): void {
    if (!group) return;
    if (this.prunedBelow > 0 || this.released) throw new Error(`TemplateLearner: addDocument after ${this.released ? 'releaseLookups()' : 'prune()'}`);
    let g = this.groups.get(group);
    if (!g) {
      g = { docs: 0, bodies: new HashSet(), counts: new HashCounter(), sketches: new HashSet(), countsOnly: null };
      this.groups.set(group, g);
    }
    const bodies = g.bodies!;
    const sketches = g.sketches!;
    if (bodies.has(h.body)) return;
    bodies.add(h.body);
    if (h.sketch.length === SKETCH_SIZE) {
      let shared = 0;
      for (const x of h.sketch) if (sketches.has(x)) shared++;
      for (const x of h.sketch) sketches.add(x);
      if (shared >= SKETCH_MATCH) return;
    }
    g.docs++;
    // distinct keys can still share a hash: count such a document once, as for one key
    const seen = h.keys.length > 1 ? new Set<number>() : null;
    for (const k of h.keys) {
      if (seen) {
        if (seen.has(k)) continue;
        seen.add(k);
      }
      g.counts.increment(k);
    }
  }

  /**
   * End of pass 1: keep only the keys counted in at least `minCount` documents (the others read
   * as 0 afterwards, exactly as in the workers' snapshot) and drop the near-copy state. Call it
   * with the snapshot's minCount (≤ the rule's minDocs), so no count the rule can act on changes;
   * adding documents afterwards throws.
   */
  prune(minCount: number): void {
    this.prunedBelow = Math.max(1, minCount);
    for (const g of this.groups.values()) {
      g.counts = g.counts.filtered(this.prunedBelow);
      g.bodies = null;
      g.sketches = null;
    }
  }

  /**
   * After cleaning, when only summaries (topGroups, groupDocs) are still asked for: keep each group's
   * counts without their key hashes (4 B per key instead of ≈ 18 B). lineDocs() and snapshot()
   * throw afterwards.
   */
  releaseLookups(): void {
    if (this.released) return;
    this.released = true;
    for (const g of this.groups.values()) {
      const counts = new Uint32Array(g.counts.size);
      let i = 0;
      g.counts.forEach((_, c) => {
        counts[i++] = c;
      });
      g.countsOnly = counts.sort();
      g.counts = new HashCounter();
    }
  }

  groupDocs(group: string): number {
    return this.groups.get(group)?.docs ?? 0;
  }

  lineDocs(group: string, key: string): number {
    if (this.released) throw new Error('TemplateLearner: lineDocs after releaseLookups()');
    const g = this.groups.get(group);
    return g ? (g.counts.get(templateKeyHash(key)) ?? 0) : 0;
  }

  /**
   * Every group's document count and the keys counted in at least `minCount` documents (a key in
   * fewer reads as 0 from the snapshot), for TemplateSnapshot.
   */
  snapshot(minCount: number): SnapshotData {
    if (this.released) throw new Error('TemplateLearner: snapshot after releaseLookups()');
    const out: SnapshotData = [];
    for (const [group, g] of this.groups) {
      const pairs: Array<[number, number]> = [];
      g.counts.forEach((k, c) => {
        if (c >= minCount) pairs.push([k, c]);
      });
      // sorted by key: TemplateSnapshot looks keys up by binary search in these arrays as they are
      pairs.sort((a, b) => a[0] - b[0]);
      out.push([group, g.docs, Float64Array.from(pairs, (p) => p[0]), Uint32Array.from(pairs, (p) => p[1])]);
    }
    return out;
  }

  /** Groups with the most template lines (key in >= minDocs docs), for summaries. */
  topGroups(minDocs: number, n: number): Array<{ group: string; docs: number; templateLines: number }> {
    const out: Array<{ group: string; docs: number; templateLines: number }> = [];
    for (const [group, g] of this.groups) {
      let t = 0;
      if (g.countsOnly) {
        for (const c of g.countsOnly) if (c >= minDocs) t++;
      } else {
        g.counts.forEach((_, c) => {
          if (c >= minDocs) t++;
        });
      }
      if (t > 0) out.push({ group, docs: g.docs, templateLines: t });
    }
    return out.sort((a, b) => b.templateLines - a.templateLines || a.group.localeCompare(b.group)).slice(0, n);
  }
}
