/** `--explain`: every original line, marked kept or removed with the rule that removed it. */
import type { CleanResult } from '../core/clean.js';
import type { Finding } from '../types.js';
import { safeText, type Colors } from './format.js';

const MAX_SHOWN = 160;

/** The finding that removed each line (the first claim in rule order), undefined for kept lines. */
export function lineOwners(res: Pick<CleanResult, 'lines' | 'findings'>): (Finding | undefined)[] {
  const owner: (Finding | undefined)[] = new Array(res.lines.length).fill(undefined);
  for (const f of res.findings) {
    for (let i = f.lines[0]; i <= f.lines[1]; i++) if (!owner[i]) owner[i] = f;
  }
  return owner;
}

/** Every finding that covers each line, in rule order (the first one removed it; the others were shadowed). */
export function lineFindings(res: Pick<CleanResult, 'lines' | 'findings'>): Finding[][] {
  const all: Finding[][] = res.lines.map(() => []);
  for (const f of res.findings) {
    for (let i = f.lines[0]; i <= f.lines[1]; i++) all[i]?.push(f);
  }
  return all;
}

export function printExplain(res: CleanResult, c: Colors, write: (s: string) => void): void {
  const r = res.record;
  write(c.bold(`== ${safeText(r.source.path)}${r.source.line !== undefined ? `:${r.source.line}` : ''}  ${safeText(r.title ?? '')}\n`));
  write(c.dim(`   url=${safeText(r.url ?? '-')} date=${r.date ?? '-'} (${r.date_source ?? '-'}) language=${r.language ?? '-'}\n`));
  const owner = lineOwners(res);
  for (const l of res.lines) {
    const f = owner[l.index];
    const shown = safeText(l.text.length > MAX_SHOWN ? l.text.slice(0, MAX_SHOWN) + '…' : l.text);
    const no = String(l.lineNo).padStart(5);
    if (!f) write(`${c.green(`${no} keep`)}  ${shown}\n`);
    else if (f.ruleId === 'normalize/empty-line') write(c.dim(`${no} drop  (empty)\n`));
    else write(`${c.red(`${no} drop`)}  ${c.strikethrough.dim(shown)}  ${c.yellow(`[${f.ruleId}: ${f.reason}]`)}\n`);
  }
}
