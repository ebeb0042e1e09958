import { PhraseIndex, hasPhrase } from '../../src/core/phrase-index.js';
import { loadLexicon, lexiconIndex, matchPhrase, type PhraseSet } from '../../src/core/lexicon.js';
import { seededStrings } from '../helpers/strings.js';

/** What matchPhrase answered before the automaton: the lists walked in order. */
function referencePhrase(set: PhraseSet, key: string): string | null {
  if (key.length === 0) return null;
  for (const p of set.prefix) if (key.startsWith(p)) return p;
  for (const p of set.contains) if (key.includes(p)) return p;
  return null;
}

describe('PhraseIndex', () => {
  const index = new PhraseIndex();
  const phrases = ['he', 'she', 'his', 'hers', 'usher', '条评论', 'h'];
  const ids = phrases.map((p) => index.add(p));

  it('finds every phrase that occurs, overlapping ones included, and which start the key', () => {
    const { entries } = index.scan('ushers');
    expect(entries).not.toBeNull();
    const found = (p: string, atStart: boolean): boolean => hasPhrase(entries!, ids[phrases.indexOf(p)]!, atStart);
    for (const p of ['he', 'she', 'hers', 'usher', 'h']) expect(found(p, false)).toBe(true);
    expect(found('usher', true)).toBe(true);
    expect(found('she', true)).toBe(false);
    expect(found('his', false)).toBe(false);
  });

  it('answers with the shared empty result when nothing occurs, including for units outside every phrase', () => {
    expect(index.scan('xyz')).toBe(index.none);
    expect(index.scan('')).toBe(index.none);
    expect(index.scan('评论条')).toBe(index.none);
    expect(index.scan('共12条评论').entries).not.toBeNull();
  });

  it('gives one id per distinct phrase and refuses phrases after the first scan', () => {
    expect(index.add('she')).toBe(ids[1]);
    expect(() => index.add('new')).toThrow(/after the first scan/);
  });

  it('agrees with startsWith/includes on seeded keys', () => {
    const pool = ['a', 'b', 'ab', 'ba', 'aab', 'c', '评', '论', 'x'];
    const own = new PhraseIndex();
    const list = seededStrings(pool, 40, 4, 7).filter((p) => p.length > 0);
    const pids = list.map((p) => own.add(p));
    for (const key of seededStrings(pool, 2000, 12, 11)) {
      const { entries } = own.scan(key);
      list.forEach((p, k) => {
        expect([key, p, entries !== null && hasPhrase(entries, pids[k]!, false)]).toEqual([key, p, key.includes(p)]);
        expect([key, p, entries !== null && hasPhrase(entries, pids[k]!, true)]).toEqual([key, p, key.startsWith(p)]);
      });
    }
  });
});

describe('matchPhrase over the lexicon automaton', () => {
  const lex = loadLexicon();
  const shared = lexiconIndex(lex);
  const sets = [...lex.categories.values(), lex.sectionLabels];
  // Pieces of real phrases, so that keys hold whole phrases, prefixes and near misses.
  const pool: string[] = [];
  for (const set of sets) for (const p of [...set.prefix, ...set.contains]) pool.push(p, p.slice(0, Math.ceil(p.length / 2)), p.slice(1));
  pool.push('the', 'und', '的', '0');

  it('returns the first listed prefix, then the first listed contained phrase, as walking the lists does', () => {
    let matched = 0;
    for (const key of seededStrings(pool, 800, 4, 5)) {
      const hits = shared.scan(key);
      for (const set of sets) {
        const want = referencePhrase(set, key);
        // Weight 0: under every set's maxWeight; no text, so symbols and labels do not answer.
        if (set.exact.has(key)) continue;
        expect([key, matchPhrase(set, key, 0, '', hits)]).toEqual([key, want]);
        expect([key, matchPhrase(set, key, 0)]).toEqual([key, want]);
        if (want !== null) matched++;
      }
    }
    // The keys must exercise matches, or the comparison above proves little.
    expect(matched).toBeGreaterThan(300);
  });

  it('scans again when the hits come from another index (a set used outside its lexicon)', () => {
    const other = new PhraseIndex();
    other.add('zzzz');
    const comments = lex.categories.get('comments')!;
    expect(matchPhrase(comments, '共12条评论', 0, '', other.scan('共12条评论'))).toBe('条评论');
  });

  it('gives a set that belongs to no scanned lexicon its own index', () => {
    const own = loadLexicon({ comments: { contains: ['foobarbaz'] } });
    expect(matchPhrase(own.categories.get('comments')!, 'xxfoobarbazxx', 0)).toBe('foobarbaz');
  });
});
