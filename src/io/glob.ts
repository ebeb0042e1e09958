/**
 * Minimal, dependency-free glob matching on POSIX relative paths.
 *
 * Supported: `*` (any chars but `/`), `?`, `**` (any number of path segments, also zero),
 * `[abc]` / `[!abc]` classes, `{a,b}` alternatives. Matching is case-insensitive (`A.TXT` matches `*.txt`).
 * A pattern without `/` is matched against the basename at any depth (like .gitignore), so
 * `--glob '*.txt'` finds `a/b/c.txt`. A pattern starting with `!` excludes.
 */

function escapeRe(c: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c;
}

export function globToRegExp(pattern: string): RegExp {
  let re = '';
  let i = 0;
  let braceDepth = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        // `**`: as a whole segment it spans directories.
        const atStart = i === 0 || pattern[i - 1] === '/';
        const atEnd = i + 2 === pattern.length || pattern[i + 2] === '/';
        if (atStart && atEnd) {
          if (i + 2 === pattern.length) {
            re += '.*';
            i += 2;
          } else {
            re += '(?:[^/]*(?:/[^/]*)*/)?';
            i += 3;
          }
          continue;
        }
        re += '[^/]*';
        i += 2;
        continue;
      }
      re += '[^/]*';
      i++;
    } else if (c === '?') {
      re += '[^/]';
      i++;
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        i++;
        continue;
      }
      let body = pattern.slice(i + 1, close);
      if (body.startsWith('!')) body = '^' + body.slice(1);
      re += '[' + body.replace(/\\/g, '\\\\') + ']';
      i = close + 1;
    } else if (c === '{') {
      braceDepth++;
      re += '(?:';
      i++;
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      re += ')';
      i++;
    } else if (c === ',' && braceDepth > 0) {
      re += '|';
      i++;
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += escapeRe(pattern[i + 1]!);
      i += 2;
    } else {
      re += escapeRe(c);
      i++;
    }
  }
  while (braceDepth-- > 0) re += ')';
  return new RegExp(`^${re}$`, 'i');
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
