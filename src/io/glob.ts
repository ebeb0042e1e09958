/**
 * Glob matching on POSIX relative paths, with picomatch. The directory walk itself stays ours
 * (src/io/read.ts): sorted order and symlink-loop safety.
 *
 * Supported: `*` (any chars but `/`), `?`, `**` (any number of path segments, also zero),
 * `[abc]` / `[!abc]` classes, `{a,b}` alternatives. Matching is case-insensitive (`A.TXT` matches `*.txt`).
 * A pattern without `/` is matched against the basename at any depth (like .gitignore), so
 * `--glob '*.txt'` finds `a/b/c.txt`. A pattern starting with `!` excludes.
 */
import picomatch from 'picomatch';

/** Compile one pattern with picomatch (the matcher fast-glob and micromatch use), case-insensitive. */
export function globToRegExp(pattern: string): RegExp {
  return picomatch.makeRe(pattern, { nocase: true, dot: true });
}

export interface GlobMatcher {
  (relPosix: string): boolean;
}

/** Build a matcher from include patterns (any must match) and `!`-prefixed exclude patterns (none may match). */
export function compileGlobs(patterns: string[]): GlobMatcher {
  const inc: Array<{ re: RegExp; base: boolean }> = [];
  const exc: Array<{ re: RegExp; base: boolean }> = [];
  for (let p of patterns) {
    p = p.trim();
    if (!p) continue;
    const neg = p.startsWith('!');
    if (neg) p = p.slice(1);
    if (p.startsWith('./')) p = p.slice(2);
    const entry = { re: globToRegExp(p), base: !p.includes('/') };
    (neg ? exc : inc).push(entry);
  }
  const test = (e: { re: RegExp; base: boolean }, rel: string): boolean => {
    if (e.re.test(rel)) return true;
    if (e.base) {
      const slash = rel.lastIndexOf('/');
      return slash >= 0 && e.re.test(rel.slice(slash + 1));
    }
    return false;
  };
  return (rel: string) => inc.some((e) => test(e, rel)) && !exc.some((e) => test(e, rel));
}
