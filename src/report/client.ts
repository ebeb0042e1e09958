/**
 * Inline CSS and browser script of the report. The script is plain ES2017 kept in a String.raw
 * literal (no backticks or dollar-brace inside), so it ships as-is in the single HTML file.
 * It reads the JSON data tag, renders the paged, filterable document list (all text via
 * textContent, never innerHTML), the rule legend, the hover tooltip and the duplicate clusters.
 */

export const CLIENT_CSS = String.raw`
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:#1d2330;background:#f3f5f8}
header.top{background:#1f2a3c;color:#eef2f8;padding:18px 24px 0}
header.top h1{margin:0 0 2px;font-size:22px;font-weight:600;word-break:break-word}
.subtitle{margin:0 0 6px;color:#b8c3d6}
.figs{display:flex;flex-wrap:wrap;gap:10px;margin:12px 0}
.fig{background:#2b3950;border-radius:8px;padding:8px 14px;min-width:130px}
.fig-v{font-size:22px;font-weight:600}
.fig-l{font-size:12px;color:#b8c3d6;text-transform:uppercase;letter-spacing:.04em}
.fig-n{font-size:12px;color:#8fa0bb}
nav{display:flex;gap:4px}
nav a{color:#dfe6f2;text-decoration:none;padding:6px 12px;border-radius:6px 6px 0 0;background:#2b3950}
nav a:hover{background:#3a4b68}
main{padding:16px 24px 40px;max-width:1500px}
.panel{background:#fff;border:1px solid #dde2ea;border-radius:8px;padding:12px 16px;margin-bottom:16px}
.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:16px;margin-bottom:16px}
.grid .panel{margin:0}
.grid .wide{grid-column:1/-1}
h2{font-size:16px;margin:0 0 8px}
.h2b{margin-top:16px}
.hint{color:#5d6778;font-size:12.5px;margin:2px 0 8px}
.empty{color:#5d6778}
table.chart{width:100%;border-collapse:collapse}
table.chart th{text-align:left;font-weight:500;white-space:nowrap;max-width:260px;overflow:hidden;text-overflow:ellipsis;padding:3px 10px 3px 0;vertical-align:middle}
table.chart td{padding:3px 4px;vertical-align:middle}
td.bars{width:55%}
td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.sub{display:block;font-size:11px;color:#7a8496}
.bar{height:10px;border-radius:3px;min-width:0}
.bar2{opacity:.35;margin-top:2px;height:7px}
.bar.rm{background:#d9534f;height:12px}
.bar.lang{background:#4a7bd0}
.track{background:#e7ebf1;border-radius:3px}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px;vertical-align:-1px}
.stack{display:flex;height:22px;border-radius:4px;overflow:hidden;background:#e7ebf1}
.seg.k,.sw.k{background:#3c9d5d}.seg.e,.sw.e{background:#e0a82e}.seg.d,.sw.d{background:#8a5cc7}
ul.legend{list-style:none;padding:0;margin:8px 0}
ul.legend li{margin:2px 0}
.filters{display:flex;flex-wrap:wrap;gap:8px 14px;align-items:end;margin:8px 0}
.filters label{display:flex;flex-direction:column;font-size:12px;color:#5d6778;gap:2px}
.filters .grow{flex:1;min-width:200px}
select,input,button{font:inherit;font-size:13px;padding:4px 6px;border:1px solid #c4cbd6;border-radius:5px;background:#fff;color:inherit;max-width:260px}
.filters .grow input{max-width:none;width:100%}
button{cursor:pointer;background:#f0f3f7}
button:disabled{opacity:.45;cursor:default}
.legend-rules{display:flex;flex-wrap:wrap;gap:6px;margin:6px 0}
.chip{border:1px solid #d2d8e1;border-radius:12px;padding:1px 9px 1px 7px;font-size:12px;background:#fff;cursor:pointer;max-width:none}
.chip.on{outline:2px solid #1f2a3c}
.count{font-weight:600;margin:8px 0}
.doc{border:1px solid #e0e5ec;border-radius:6px;margin:6px 0;background:#fcfdfe}
.doc>summary{cursor:pointer;padding:6px 10px;display:flex;flex-wrap:wrap;gap:4px 10px;align-items:center;list-style-position:inside}
.doc[open]>summary{border-bottom:1px solid #e0e5ec;background:#f4f7fb}
.ord{color:#7a8496;font-variant-numeric:tabular-nums}
.ttl{font-weight:600;word-break:break-word}
.untitled{font-style:italic;color:#7a8496;font-weight:400}
.badge{font-size:11.5px;background:#edf0f5;border-radius:4px;padding:0 6px;color:#3d4656}
.badge.drop{background:#efe6fa;color:#5b2f97}
.rmsum{font-size:12px;color:#5d6778;margin-left:auto;white-space:nowrap}
.mini{display:inline-flex;width:120px;height:8px;background:#dfe9df;border-radius:2px;overflow:hidden;vertical-align:middle}
.mini span{display:block;height:100%}
.meta{padding:6px 10px;font-size:12.5px;color:#4b5567;word-break:break-all}
.meta b{color:#1d2330;font-weight:600}
.lines{font:12.5px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;padding:4px 0 8px;overflow-x:auto}
.ln{display:flex;white-space:pre-wrap;word-break:break-word;border-left:4px solid transparent;padding-right:8px}
.ln .no{flex:none;width:56px;text-align:right;padding-right:10px;color:#9aa3b2;user-select:none}
.ln .tx{flex:1;min-width:0}
.ln.rm{border-left-color:var(--c);background:color-mix(in srgb,var(--c) 11%,#fff)}
.ln.rm .tx{text-decoration:line-through;text-decoration-color:var(--c);text-decoration-thickness:1.5px;color:#6b7382}
.ln.rm:hover{background:color-mix(in srgb,var(--c) 24%,#fff)}
.cut{color:#7a8496;font-style:italic;padding:2px 10px}
.pager{display:flex;gap:12px;align-items:center;justify-content:center;margin-top:10px}
#tip{position:fixed;z-index:10;max-width:460px;background:#1f2a3c;color:#eef2f8;border-radius:6px;padding:8px 10px;font-size:12.5px;box-shadow:0 4px 16px rgba(0,0,0,.25);pointer-events:none;word-break:break-word}
#tip .r{font-weight:600}
#tip .ev{margin-top:4px;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:11.5px;color:#c9d3e3;white-space:pre-wrap}
.cluster{border:1px solid #e0e5ec;border-radius:6px;margin:6px 0}
.cluster>summary{cursor:pointer;padding:6px 10px}
.pair{margin:6px 10px 12px}
.pair table{width:100%;border-collapse:collapse;table-layout:fixed;font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.pair th{font:600 12.5px system-ui,sans-serif;text-align:left;padding:4px 6px;background:#f4f7fb;border:1px solid #e0e5ec;word-break:break-word}
.pair td{vertical-align:top;padding:1px 6px;border-left:1px solid #e0e5ec;border-right:1px solid #e0e5ec;white-space:pre-wrap;word-break:break-word}
.pair td.del{background:#fde8e8}.pair td.add{background:#e6f6e9}.pair td.none{background:#f6f7f9}
.pair tr.fold td{text-align:center;color:#7a8496;background:#f8f9fb;font-style:italic}
@media (max-width:900px){.grid{grid-template-columns:1fr}}
`;

export const CLIENT_JS = String.raw`
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var rules = data.rules, docs = data.docs, clusters = data.clusters, pageSize = data.pageSize || 50;
  var byId = function (id) { return document.getElementById(id); };
  var CTRL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
  function vis(s) {
    return String(s).replace(CTRL, function (c) { var n = c.charCodeAt(0); return n === 127 ? '\u2421' : String.fromCharCode(0x2400 + n); });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = vis(text);
    return e;
  }
  function fmt(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ','); }
  function pct(a, b) { return b > 0 ? (100 * a / b).toFixed(a === b || a === 0 ? 0 : 1) + '%' : '0%'; }

  // Per-document derived fields.
  docs.forEach(function (d) {
    d.rs = {};
    d.rc = {};
    for (var i = 0; i < d.ln.length; i++) {
      var k = d.ln[i][2];
      if (k >= 0) { var r = d.sp[k][0]; d.rs[r] = true; d.rc[r] = (d.rc[r] || 0) + 1; }
    }
    d.share = d.n[0] ? d.n[1] / d.n[0] : 0;
    d.hay = null;
  });
  function hay(d) {
    if (d.hay === null) {
      var parts = [d.t || '', d.u || '', d.id];
      for (var i = 0; i < d.ln.length; i++) parts.push(d.ln[i][1]);
      d.hay = parts.join('\n').toLowerCase();
    }
    return d.hay;
  }

  // Filter options, from the listed documents (most frequent first).
  function fillSelect(sel, counts, label) {
    var keys = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : a > b ? 1 : 0); });
    keys.forEach(function (k) {
      var o = document.createElement('option');
      o.value = k;
      o.textContent = vis(label ? label(k) : k) + ' (' + fmt(counts[k]) + ')';
      sel.appendChild(o);
    });
  }
  var ruleDocs = {}, hostDocs = {}, langDocs = {};
  docs.forEach(function (d) {
    Object.keys(d.rs).forEach(function (r) { ruleDocs[r] = (ruleDocs[r] || 0) + 1; });
    hostDocs[d.h] = (hostDocs[d.h] || 0) + 1;
    langDocs[d.l] = (langDocs[d.l] || 0) + 1;
  });
  var fRule = byId('f-rule'), fHost = byId('f-host'), fLang = byId('f-lang'), fStatus = byId('f-status'), fSort = byId('f-sort'), fQ = byId('f-q');
  rules.forEach(function (r, i) { ruleDocs[i] = ruleDocs[i] || 0; });
  fillSelect(fRule, ruleDocs, function (k) { return rules[k].id; });
  fillSelect(fHost, hostDocs);
  fillSelect(fLang, langDocs);

  // Legend: one chip per rule; clicking filters by it.
  var legend = byId('legend');
  rules.forEach(function (r, i) {
    var chip = el('button', 'chip');
    chip.type = 'button';
    chip.setAttribute('data-rule', String(i));
    var sw = el('span', 'sw');
    sw.style.background = r.color;
    chip.appendChild(sw);
    chip.appendChild(document.createTextNode(vis(r.id)));
    chip.title = 'Show documents with lines removed by ' + r.id;
    chip.addEventListener('click', function () {
      fRule.value = fRule.value === String(i) ? '' : String(i);
      update(true);
    });
    legend.appendChild(chip);
  });

  var page = 0, matched = docs;
  function filter() {
    var rule = fRule.value, host = fHost.value, lang = fLang.value, status = fStatus.value;
    var q = fQ.value.trim().toLowerCase();
    var out = docs.filter(function (d) {
      if (rule !== '' && !d.rs[rule]) return false;
      if (host !== '' && d.h !== host) return false;
      if (lang !== '' && d.l !== lang) return false;
      if (status === 'kept' && d.d !== null) return false;
      if (status === 'dropped' && d.d === null) return false;
      if (status === 'changed' && d.n[1] === 0) return false;
      if (status === 'untouched' && d.n[1] !== 0) return false;
      if (q && hay(d).indexOf(q) < 0) return false;
      return true;
    });
    if (fSort.value === 'share') out.sort(function (a, b) { return b.share - a.share || a.o - b.o; });
    else if (fSort.value === 'lines') out.sort(function (a, b) { return b.n[0] - a.n[0] || a.o - b.o; });
    return out;
  }

  function miniBar(d) {
    var bar = el('span', 'mini');
    bar.title = 'removed lines by rule';
    Object.keys(d.rc).sort(function (a, b) { return d.rc[b] - d.rc[a] || a - b; }).forEach(function (r) {
      var s = el('span');
      s.style.width = (100 * d.rc[r] / Math.max(1, d.ln.length)) + '%';
      s.style.background = rules[r].color;
      bar.appendChild(s);
    });
    return bar;
  }

  function renderLines(d, box) {
    var meta = el('div', 'meta');
    function field(label, value) {
      if (value === null || value === undefined || value === '') return;
      var b = el('b', null, label + ': ');
      meta.appendChild(b);
      meta.appendChild(document.createTextNode(vis(value) + '   '));
    }
    field('id', d.id);
    field('url', d.u);
    field('source', d.s);
    field('language', d.l);
    field('cluster', d.c);
    field('duplicate of', d.d);
    box.appendChild(meta);
    var wrap = el('div', 'lines');
    var frag = document.createDocumentFragment();
    for (var i = 0; i < d.ln.length; i++) {
      var L = d.ln[i];
      var row = el('div', L[2] >= 0 ? 'ln rm' : 'ln');
      if (L[2] >= 0) {
        var sp = d.sp[L[2]];
        row.style.setProperty('--c', rules[sp[0]].color);
        row.setAttribute('data-doc', String(d.o));
        row.setAttribute('data-sp', String(L[2]));
        row.setAttribute('data-rule', rules[sp[0]].id);
        row.setAttribute('aria-label', 'removed by ' + rules[sp[0]].id + ': ' + sp[1]);
      }
      row.appendChild(el('span', 'no', String(L[0])));
      row.appendChild(el('span', 'tx', L[1] === '' ? ' ' : L[1]));
      frag.appendChild(row);
    }
    wrap.appendChild(frag);
    if (d.cut > 0) wrap.appendChild(el('div', 'cut', fmt(d.cut) + ' more lines not included in the report.'));
    box.appendChild(wrap);
  }

  function card(d) {
    var det = el('details', 'doc');
    det.setAttribute('data-o', String(d.o));
    var sum = el('summary');
    sum.appendChild(el('span', 'ord', '#' + (d.o + 1)));
    if (d.t) sum.appendChild(el('span', 'ttl', d.t));
    else sum.appendChild(el('span', 'ttl untitled', d.u || d.s || '(untitled)'));
    sum.appendChild(el('span', 'badge', d.h));
    sum.appendChild(el('span', 'badge', d.l));
    if (d.d !== null) sum.appendChild(el('span', 'badge drop', 'duplicate of ' + d.d));
    var rm = el('span', 'rmsum', 'removed ' + fmt(d.n[1]) + '/' + fmt(d.n[0]) + ' lines (' + pct(d.n[1], d.n[0]) + ') ');
    rm.appendChild(miniBar(d));
    sum.appendChild(rm);
    det.appendChild(sum);
    var body = el('div');
    det.appendChild(body);
    det.addEventListener('toggle', function () {
      if (det.open && !body.firstChild) renderLines(d, body);
    });
    return det;
  }

  function render() {
    var list = byId('doc-list');
    list.textContent = '';
    var pages = Math.max(1, Math.ceil(matched.length / pageSize));
    if (page >= pages) page = pages - 1;
    var start = page * pageSize, end = Math.min(matched.length, start + pageSize);
    var frag = document.createDocumentFragment();
    for (var i = start; i < end; i++) frag.appendChild(card(matched[i]));
    list.appendChild(frag);
    var count = byId('doc-count');
    count.setAttribute('data-count', String(matched.length));
    count.textContent = matched.length === 0
      ? 'No matching documents.'
      : 'Showing ' + fmt(start + 1) + '\u2013' + fmt(end) + ' of ' + fmt(matched.length) + ' matching documents' +
        (matched.length !== docs.length ? ' (' + fmt(docs.length) + ' listed)' : '') + '.';
    byId('p-info').textContent = 'Page ' + (page + 1) + ' of ' + pages;
    byId('p-prev').disabled = page === 0;
    byId('p-next').disabled = page >= pages - 1;
    Array.prototype.forEach.call(legend.children, function (c) {
      c.classList.toggle('on', c.getAttribute('data-rule') === fRule.value);
    });
  }
  function update(resetPage) {
    matched = filter();
    if (resetPage) page = 0;
    render();
  }
  [fRule, fHost, fLang, fStatus, fSort].forEach(function (s) { s.addEventListener('change', function () { update(true); }); });
  var timer = null;
  fQ.addEventListener('input', function () {
    if (timer) clearTimeout(timer);
    timer = setTimeout(function () { timer = null; update(true); }, 120);
  });
  byId('f-reset').addEventListener('click', function () {
    fRule.value = fHost.value = fLang.value = fStatus.value = fQ.value = '';
    fSort.value = 'input';
    update(true);
  });
  byId('p-prev').addEventListener('click', function () { if (page > 0) { page--; render(); byId('documents').scrollIntoView(); } });
  byId('p-next').addEventListener('click', function () { page++; render(); byId('documents').scrollIntoView(); });

  // Tooltip for removed lines.
  var tip = byId('tip');
  var docByO = {};
  docs.forEach(function (d) { docByO[d.o] = d; });
  function showTip(row, x, y) {
    var d = docByO[row.getAttribute('data-doc')];
    var sp = d && d.sp[Number(row.getAttribute('data-sp'))];
    if (!sp) return;
    tip.textContent = '';
    var head = el('div', 'r');
    var sw = el('span', 'sw');
    sw.style.background = rules[sp[0]].color;
    head.appendChild(sw);
    head.appendChild(document.createTextNode(vis(rules[sp[0]].id)));
    tip.appendChild(head);
    tip.appendChild(el('div', 'reason', sp[1] || '(no reason given)'));
    if (sp[2] !== null) {
      var ev = sp[2];
      try {
        var obj = JSON.parse(sp[2]);
        if (obj && typeof obj === 'object') ev = Object.keys(obj).map(function (k) { return k + ': ' + JSON.stringify(obj[k]); }).join('\n');
      } catch (e) { /* keep the raw text */ }
      tip.appendChild(el('div', 'ev', ev));
    }
    tip.hidden = false;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var left = Math.min(x + 14, window.innerWidth - w - 8), top = y + 16;
    if (top + h > window.innerHeight - 8) top = Math.max(8, y - h - 10);
    tip.style.left = Math.max(8, left) + 'px';
    tip.style.top = top + 'px';
  }
  document.addEventListener('mouseover', function (e) {
    var row = e.target && e.target.closest ? e.target.closest('.ln.rm') : null;
    if (row) showTip(row, e.clientX, e.clientY);
    else tip.hidden = true;
  });
  document.addEventListener('mousemove', function (e) {
    if (tip.hidden) return;
    var row = e.target && e.target.closest ? e.target.closest('.ln.rm') : null;
    if (row) showTip(row, e.clientX, e.clientY);
  });
  window.addEventListener('scroll', function () { tip.hidden = true; }, { passive: true });

  // Duplicate clusters.
  function pairTable(rep, c) {
    var box = el('div', 'pair');
    var t = el('table');
    var head = el('tr');
    head.appendChild(el('th', null, rep ? 'kept: ' + (rep.title || rep.id) + ' \u2014 ' + rep.host + ' (' + rep.id + ')' : 'kept representative not in the report input'));
    var sim = c.similarity === null ? '' : ', similarity ' + c.similarity + (c.method ? ' (' + c.method + ')' : '');
    head.appendChild(el('th', null, 'dropped: ' + (c.title || c.id) + ' \u2014 ' + c.host + ' (' + c.id + ')' + sim));
    t.appendChild(head);
    c.rows.forEach(function (row) {
      var tr = el('tr');
      if (row[0] === '=') {
        tr.appendChild(el('td', null, row[1]));
        tr.appendChild(el('td', null, row[1]));
      } else if (row[0] === '~') {
        tr.appendChild(el('td', row[1] === null ? 'none' : 'del', row[1] === null ? '' : row[1]));
        tr.appendChild(el('td', row[2] === null ? 'none' : 'add', row[2] === null ? '' : row[2]));
      } else {
        tr.className = 'fold';
        var td = el('td', null, '\u22ef ' + fmt(row[1]) + ' identical lines');
        td.colSpan = 2;
        tr.appendChild(td);
      }
      t.appendChild(tr);
    });
    box.appendChild(t);
    return box;
  }
  var dupList = byId('dup-list');
  if (clusters.length === 0) dupList.appendChild(el('p', 'empty', 'No duplicate clusters (records carry no cluster_id/duplicate_of, or none were dropped).'));
  clusters.forEach(function (cl, i) {
    var det = el('details', 'cluster');
    var sum = el('summary');
    var title = cl.rep ? (cl.rep.title || cl.rep.id) : (cl.copies[0] ? cl.copies[0].title || cl.copies[0].id : cl.id);
    sum.textContent = vis('Cluster ' + cl.id + ' \u2014 ' + title + ' \u2014 ' + fmt(cl.dropped) + ' dropped cop' + (cl.dropped === 1 ? 'y' : 'ies') +
      (cl.copies.length < cl.dropped ? ' (' + cl.copies.length + ' shown)' : ''));
    det.appendChild(sum);
    det.addEventListener('toggle', function () {
      if (!det.open || det.children.length > 1) return;
      if (cl.copies.length === 0) det.appendChild(el('p', 'empty', 'The dropped copies were not given to the report.'));
      cl.copies.forEach(function (c) { det.appendChild(pairTable(cl.rep, c)); });
    });
    if (i === 0) det.open = true;
    dupList.appendChild(det);
  });

  update(true);
})();
`;
