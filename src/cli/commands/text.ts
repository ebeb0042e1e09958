/** Text helpers for the explain/diff commands. */
/** Terminal columns of a character: East Asian wide/full-width characters take two. */
function columns(c: number): number {
  return (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x20000 && c <= 0x3fffd)
    ? 2
    : 1;
}

/** Cut text to at most `max` terminal columns, with `…` when cut. */
export function clipColumns(s: string, max: number): string {
  let w = 0;
  let i = 0;
  for (const ch of s) {
    const cw = columns(ch.codePointAt(0)!);
    if (w + cw > max - 1) {
      // does the rest fit without the ellipsis?
      let rest = w;
      for (const c2 of s.slice(i)) rest += columns(c2.codePointAt(0)!);
      return rest <= max ? s : s.slice(0, i) + '…';
    }
    w += cw;
    i += ch.length;
  }
  return s;
}
