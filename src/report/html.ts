/**
 * HTML rendering of the audit report: one self-contained file (inline CSS and JS, no network,
 * no external fonts; a Content-Security-Policy forbids any fetch). Charts are static CSS bars
 * rendered here; the document list and duplicate clusters are rendered in the browser from data
 * embedded as JSON in a `<script type="application/json">` tag.
 */
import type { ReportData } from './builder.js';
import { CLIENT_CSS, CLIENT_JS } from './client.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Escape text for HTML content or a quoted attribute; control characters become visible symbols. */
export function escapeHtml(s: string): string {
  return s
    .replace(LONE_SURROGATE, '\ufffd')
    .replace(CONTROL, (c) => {
      const n = c.charCodeAt(0);
      return n < 0x20 ? String.fromCharCode(0x2400 + n) : n === 0x7f ? '\u2421' : '\ufffd';
    })
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/**
 * JSON for embedding in `<script type="application/json">`: `<`, `>`, `&`, U+2028 and U+2029 are
 * written as \u escapes, so no `</script>` or `<!--` can appear in the tag's content.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

const fmtInt = (n: number): string => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

function pct(part: number, whole: number): string {
  if (whole <= 0) return '0%';
  const p = (100 * part) / whole;
  return p === 0 ? '0%' : p < 0.1 ? '<0.1%' : `${p.toFixed(1)}%`;
}

/** Bar width in percent (at least a sliver for non-zero values). */
function width(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  return `${Math.max(0.5, Math.min(100, (100 * part) / whole)).toFixed(2)}%`;
}

function figure(label: string, value: string, note = ''): string {
  return `<div class="fig"><div class="fig-v">${escapeHtml(value)}</div><div class="fig-l">${escapeHtml(label)}</div>${note ? `<div class="fig-n">${escapeHtml(note)}</div>` : ''}</div>`;
}

function ruleChart(d: ReportData): string {
  const s = d.summary;
  if (s.rules.length === 0) return '<p class="empty">No lines were removed.</p>';
  const color = new Map(d.rules.map((r) => [r.id, r.color]));
  const maxShare = Math.max(...s.rules.map((r) => Math.max(r.lines / Math.max(1, s.lines), r.chars / Math.max(1, s.chars))));
  const rows = s.rules.map((r) => {
    const c = escapeHtml(color.get(r.rule) ?? '#888');
    const ls = r.lines / Math.max(1, s.lines);
    const cs = r.chars / Math.max(1, s.chars);
    return (
      `<tr><th scope="row"><span class="sw" style="background:${c}"></span>${escapeHtml(r.rule)}</th>` +
      `<td class="bars"><div class="bar" style="width:${width(ls, maxShare)};background:${c}" title="lines"></div>` +
      `<div class="bar bar2" style="width:${width(cs, maxShare)};background:${c}" title="characters"></div></td>` +
      `<td class="num">${pct(r.lines, s.lines)}<span class="sub">${fmtInt(r.lines)} lines</span></td>` +
      `<td class="num">${pct(r.chars, s.chars)}<span class="sub">${fmtInt(r.chars)} chars</span></td>` +
      `<td class="num">${fmtInt(r.docs)}<span class="sub">docs</span></td></tr>`
    );
  });
  return (
    '<p class="hint">Share of all input lines (solid bar) and characters (light bar) removed by each rule.</p>' +
    `<table class="chart"><tbody>${rows.join('')}</tbody></table>`
  );
}

function hostChart(d: ReportData, top: number): string {
  const hosts = d.summary.hosts.slice(0, top);
  if (hosts.length === 0) return '<p class="empty">No documents.</p>';
  const rows = hosts.map(
    (h) =>
      `<tr><th scope="row" title="${escapeHtml(h.host)}">${escapeHtml(h.host)}</th>` +
      `<td class="bars"><div class="track"><div class="bar rm" style="width:${width(h.charsRemoved, h.chars)}"></div></div></td>` +
      `<td class="num">${pct(h.charsRemoved, h.chars)}<span class="sub">chars removed</span></td>` +
      `<td class="num">${pct(h.linesRemoved, h.lines)}<span class="sub">lines removed</span></td>` +
      `<td class="num">${fmtInt(h.docs)}<span class="sub">docs${h.dropped ? `, ${fmtInt(h.dropped)} dup` : ''}</span></td></tr>`,
  );
  const more = d.summary.hosts.length - hosts.length;
  return (
    `<p class="hint">Top ${hosts.length} hosts by documents: share of their characters removed.</p>` +
    `<table class="chart"><tbody>${rows.join('')}</tbody></table>` +
    (more > 0 ? `<p class="hint">…and ${fmtInt(more)} more hosts.</p>` : '')
  );
}

function keptChart(d: ReportData): string {
  const s = d.summary;
  const parts = [
    { label: 'kept', n: s.kept - s.emptyKept, cls: 'k' },
    { label: 'kept but empty after cleaning', n: s.emptyKept, cls: 'e' },
    { label: 'dropped as duplicates', n: s.dropped, cls: 'd' },
  ];
  const segs = parts.map((p) => (p.n > 0 ? `<div class="seg ${p.cls}" style="width:${width(p.n, s.documents)}" title="${escapeHtml(p.label)}: ${fmtInt(p.n)}"></div>` : '')).join('');
  const legend = parts.map((p) => `<li><span class="sw ${p.cls}"></span>${escapeHtml(p.label)}: <b>${fmtInt(p.n)}</b> (${pct(p.n, s.documents)})</li>`).join('');
  return (
    `<div class="stack">${segs}</div><ul class="legend">${legend}</ul>` +
    `<p class="hint">${fmtInt(s.duplicateClusters)} duplicate clusters.</p>`
  );
}

function languageChart(d: ReportData): string {
  const langs = d.summary.languages;
  if (langs.length === 0) return '<p class="empty">No documents.</p>';
  const shown = langs.slice(0, 15);
  const rest = langs.slice(15).reduce((a, l) => a + l.docs, 0);
  const max = shown[0]!.docs;
  const rows = shown.map(
    (l) =>
      `<tr><th scope="row">${escapeHtml(l.language)}</th><td class="bars"><div class="bar lang" style="width:${width(l.docs, max)}"></div></td>` +
      `<td class="num">${fmtInt(l.docs)}<span class="sub">${pct(l.docs, d.summary.documents)}</span></td></tr>`,
  );
  if (rest > 0) rows.push(`<tr><th scope="row">others (${langs.length - shown.length})</th><td class="bars"><div class="bar lang" style="width:${width(rest, max)}"></div></td><td class="num">${fmtInt(rest)}<span class="sub">${pct(rest, d.summary.documents)}</span></td></tr>`);
  return `<table class="chart"><tbody>${rows.join('')}</tbody></table>`;
}

export function renderHtml(d: ReportData, topHosts: number): string {
  const s = d.summary;
  const sampleNote =
    s.sampled < s.documents
      ? `${fmtInt(s.sampled)} of ${fmtInt(s.documents)} documents are listed (${d.sampling === 'reservoir' ? 'seeded random sample' : 'the first ones'}); all figures and charts cover every document.`
      : `All ${fmtInt(s.documents)} documents are listed.`;
  const csp = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="seed-clean report">
<title>${escapeHtml(d.title)}</title>
<link rel="icon" href="data:,">
<style>${CLIENT_CSS}</style>
</head>
<body>
<header class="top">
<h1>${escapeHtml(d.title)}</h1>
${d.subtitle ? `<p class="subtitle">${escapeHtml(d.subtitle)}</p>` : ''}
<div class="figs">
${figure('documents', fmtInt(s.documents), `${fmtInt(s.kept)} kept · ${fmtInt(s.dropped)} duplicates`)}
${figure('lines removed', pct(s.linesRemoved, s.lines), `${fmtInt(s.linesRemoved)} of ${fmtInt(s.lines)}`)}
${figure('characters removed', pct(s.charsRemoved, s.chars), `${fmtInt(s.charsRemoved)} of ${fmtInt(s.chars)}`)}
${figure('rules fired', fmtInt(s.rules.length))}
${figure('hosts', fmtInt(s.hosts.length))}
${figure('languages', fmtInt(s.languages.length))}
${figure('duplicate clusters', fmtInt(s.duplicateClusters))}
</div>
<nav><a href="#charts">Charts</a><a href="#documents">Documents</a><a href="#duplicates">Duplicates</a></nav>
</header>
<main>
<section id="charts" class="grid">
<div class="panel wide"><h2>Removed by rule</h2>${ruleChart(d)}</div>
<div class="panel"><h2>Hosts</h2>${hostChart(d, topHosts)}</div>
<div class="panel"><h2>Kept vs dropped</h2>${keptChart(d)}<h2 class="h2b">Languages</h2>${languageChart(d)}</div>
</section>
<section id="documents" class="panel">
<h2>Documents</h2>
<p class="hint">${escapeHtml(sampleNote)} Removed lines are struck through in their rule's colour; hover one for the rule, reason and evidence.</p>
<div class="filters">
<label>Rule <select id="f-rule"><option value="">any</option></select></label>
<label>Host <select id="f-host"><option value="">any</option></select></label>
<label>Language <select id="f-lang"><option value="">any</option></select></label>
<label>Status <select id="f-status"><option value="">any</option><option value="changed">with removals</option><option value="untouched">no removals</option><option value="kept">kept</option><option value="dropped">dropped duplicates</option></select></label>
<label>Sort <select id="f-sort"><option value="input">input order</option><option value="share">most removed (share)</option><option value="lines">most lines</option></select></label>
<label class="grow">Search <input id="f-q" type="search" placeholder="title, URL or text" autocomplete="off"></label>
<button id="f-reset" type="button">Reset</button>
</div>
<div id="legend" class="legend-rules"></div>
<p id="doc-count" class="count" aria-live="polite"></p>
<div id="doc-list"></div>
<div class="pager"><button id="p-prev" type="button">‹ Prev</button><span id="p-info"></span><button id="p-next" type="button">Next ›</button></div>
</section>
<section id="duplicates" class="panel">
<h2>Duplicate clusters</h2>
<p class="hint">Kept representative (left) against each dropped copy (right), cleaned text; differing lines are highlighted, identical runs folded.${d.clustersOmitted > 0 ? ` ${fmtInt(d.clustersOmitted)} more clusters are not shown.` : ''}</p>
<div id="dup-list"></div>
</section>
</main>
<div id="tip" role="tooltip" hidden></div>
<script type="application/json" id="report-data">${jsonForScript({ pageSize: d.pageSize, documents: s.documents, rules: d.rules, docs: d.docs, clusters: d.clusters })}</script>
<script>${CLIENT_JS}</script>
</body>
</html>
`;
}
