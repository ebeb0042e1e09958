/**
 * A small line diff for the report's side-by-side duplicate view.
 *
 * Common prefix and suffix are trimmed first (near-duplicates usually differ in a few lines),
 * then the middle is aligned by a longest-common-subsequence table when it is small enough
 * (`maxCells`), else by a linear fallback that only marks lines absent from the other side.
 */

/**
 * One side-by-side row:
 *  - `['=', line]`           the same line on both sides
 *  - `['~', left, right]`    a changed row (either side may be null: line only on one side)
 *  - `['…', n]`              n identical lines folded away
 */
export type DiffRow = ['=', string] | ['~', string | null, string | null] | ['…', number];

export interface DiffOptions {
  /** Largest LCS table (lines × lines) computed; bigger middles use the fallback. Default 1e6. */
  maxCells?: number;
  /** Identical lines kept around a change; longer identical runs are folded. Default 2. */
  context?: number;
}

type Op = ['=', string] | ['-', string] | ['+', string];

function lcsOps(a: string[], b: string[], maxCells: number): Op[] {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((x): Op => ['+', x]);
  if (m === 0) return a.map((x): Op => ['-', x]);
  if (n * m > maxCells) {
    // Linear fallback: walk both sides, keeping lines that occur on the other side as "same"
    // when they match at the cursor; otherwise emit them as removed/added.
    const inB = new Set(b);
    const inA = new Set(a);
    const ops: Op[] = [];
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[i] === b[j]) {
        ops.push(['=', a[i]!]);
        i++;
        j++;
      } else if (i < n && (!inB.has(a[i]!) || j >= m)) {
        ops.push(['-', a[i++]!]);
      } else if (j < m && (!inA.has(b[j]!) || i >= n)) {
        ops.push(['+', b[j++]!]);
      } else {
        ops.push(['-', a[i++]!]);
      }
    }
    return ops;
  }
  // dp[i][j] = LCS length of a[i..] and b[j..], row-major in one typed array.
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] = a[i] === b[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      ops.push(['=', a[i]!]);
      i++;
      j++;
    } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) ops.push(['-', a[i++]!]);
    else ops.push(['+', b[j++]!]);
  }
  while (i < n) ops.push(['-', a[i++]!]);
  while (j < m) ops.push(['+', b[j++]!]);
  return ops;
}

/** Side-by-side rows for `left` (the kept representative) against `right` (a dropped copy). */
export function diffLines(left: string[], right: string[], opts: DiffOptions = {}): DiffRow[] {
  const maxCells = opts.maxCells ?? 1e6;
  const context = opts.context ?? 2;
  let pre = 0;
  while (pre < left.length && pre < right.length && left[pre] === right[pre]) pre++;
  let suf = 0;
  while (suf < left.length - pre && suf < right.length - pre && left[left.length - 1 - suf] === right[right.length - 1 - suf]) suf++;
  const ops: Op[] = [];
  for (let k = 0; k < pre; k++) ops.push(['=', left[k]!]);
  ops.push(...lcsOps(left.slice(pre, left.length - suf), right.slice(pre, right.length - suf), maxCells));
  for (let k = left.length - suf; k < left.length; k++) ops.push(['=', left[k]!]);

  // Pair runs of removed/added lines into changed rows.
  const rows: DiffRow[] = [];
  let k = 0;
  while (k < ops.length) {
    const op = ops[k]!;
    if (op[0] === '=') {
      rows.push(['=', op[1]]);
      k++;
      continue;
    }
    const dels: string[] = [];
    const adds: string[] = [];
    while (k < ops.length && ops[k]![0] !== '=') {
      const o = ops[k]!;
      (o[0] === '-' ? dels : adds).push(o[1]);
      k++;
    }
    for (let r = 0; r < Math.max(dels.length, adds.length); r++) rows.push(['~', dels[r] ?? null, adds[r] ?? null]);
  }

  // Fold long identical runs, keeping `context` lines next to each change.
  const out: DiffRow[] = [];
  let r = 0;
  while (r < rows.length) {
    if (rows[r]![0] !== '=') {
      out.push(rows[r++]!);
      continue;
    }
    let end = r;
    while (end < rows.length && rows[end]![0] === '=') end++;
    // A run at the very start keeps no head, unless the texts are identical (then show a few lines).
    const keepHead = r === 0 ? (end === rows.length ? context + 1 : 0) : context;
    const keepTail = end === rows.length ? 0 : context;
    if (end - r > keepHead + keepTail + 1) {
      for (let q = r; q < r + keepHead; q++) out.push(rows[q]!);
      out.push(['…', end - r - keepHead - keepTail]);
      for (let q = end - keepTail; q < end; q++) out.push(rows[q]!);
    } else {
      for (let q = r; q < end; q++) out.push(rows[q]!);
    }
    r = end;
  }
  return out;
}
