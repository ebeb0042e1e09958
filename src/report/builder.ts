/**
 * Streaming builder of the visual audit report (issue 7).
 *
 * `add()` is called once per document. Corpus-wide aggregates (per rule, per host, per language,
 * kept vs dropped) are updated for EVERY document; only a bounded sample of full documents
 * (`maxDocs`) and of duplicate clusters (`maxClusters`) is kept in memory for the HTML, so the
 * builder's memory stays bounded for corpora of any size (host and language tables grow with
 * the number of distinct hosts/languages only).
 *
 * Sampling policy (documented, deterministic):
 *  - documents: reservoir sampling (Algorithm R) driven by a seeded mulberry32 PRNG
 *    (`seed`, default 1). The first `maxDocs` documents are always kept; after that document
 *    n (0-based) replaces a random slot with probability maxDocs/(n+1). The same documents in
 *    the same order with the same options always give the same sample. `sampling: 'first'`
 *    keeps the first `maxDocs` documents instead. The sample is shown in input order.
 *  - duplicate clusters: the first `maxClusters` clusters (in input order) that have at least
 *    one dropped copy, each with its kept representative and up to `maxCopiesPerCluster`
 *    dropped copies (in input order).
 */
import type { OutputRecord } from '../types.js';
import { diffLines, type DiffRow } from './diff.js';
import { renderHtml } from './html.js';

export interface ReportLine {
  /** 1-based line number in the original file. */
  lineNo: number;
  /** The line exactly as read. */
  raw: string;
  kept: boolean;
  rule?: string;
  reason?: string;
  evidence?: Record<string, unknown>;
}

export interface ReportDoc {
  record: OutputRecord;
  lines: ReportLine[];
}

export interface ReportOptions {
  /** Report title (header and <title>). Default "seed-clean audit report". */
  title?: string;
  /** Full documents kept for the document list. Default 2000 (DEFAULT_MAX_DOCS). */
  maxDocs?: number;
  /** Seed of the reservoir sampler. Default 1. */
  seed?: number;
  /** 'reservoir' (default): uniform sample over the whole corpus; 'first': the first maxDocs documents. */
  sampling?: 'reservoir' | 'first';
  /** Duplicate clusters shown side by side. Default 200. */
  maxClusters?: number;
  /** Dropped copies kept per shown cluster. Default 3. */
  maxCopiesPerCluster?: number;
  /** Lines kept per sampled document (and per text in a cluster); the rest is cut with a note. Default 5000. */
  maxLinesPerDoc?: number;
  /** Documents per page in the list. Default 50. */
  pageSize?: number;
  /** Hosts shown in the per-host chart. Default 20. */
  topHosts?: number;
  /** Free text shown under the title (e.g. command line, date). Nothing by default, so output is reproducible. */
  subtitle?: string;
}

export const DEFAULT_MAX_DOCS = 2000;

export interface RuleAggregate {
  rule: string;
  /** Lines removed by this rule, over all documents. */
  lines: number;
  /** Characters (UTF-16 code units of the raw lines, without line terminators) removed by this rule. */
  chars: number;
  /** Documents with at least one line removed by this rule. */
  docs: number;
}

export interface HostAggregate {
  host: string;
  docs: number;
  dropped: number;
  lines: number;
  linesRemoved: number;
  chars: number;
  charsRemoved: number;
}

export interface ReportSummary {
  documents: number;
  /** Documents that are not dropped duplicates. */
  kept: number;
  /** Documents with `duplicate_of` set (dropped as duplicates). */
  dropped: number;
  /** Kept documents whose every line was removed. */
  emptyKept: number;
  lines: number;
  linesRemoved: number;
  chars: number;
  charsRemoved: number;
  /** Clusters with at least one dropped copy (over all documents). */
  duplicateClusters: number;
  /** Sorted by lines removed, descending, then rule id. */
  rules: RuleAggregate[];
  /** All hosts, sorted by documents descending, then host. `(no host)` for records without one. */
  hosts: HostAggregate[];
  /** Sorted by count descending, then language. `(unknown)` for records without one. */
  languages: Array<{ language: string; docs: number }>;
  /** Full documents in the report. */
  sampled: number;
}

/** Compact form of a sampled document, as embedded in the HTML. */
export interface CompactDoc {
  /** Input ordinal (0-based, order of add()). */
  o: number;
  id: string;
  t: string | null;
  u: string | null;
  h: string;
  l: string;
  /** Source: path, with `:line` for JSONL. */
  s: string;
  /** duplicate_of (dropped copy) or null. */
  d: string | null;
  c: string | null;
  /** Lines in, lines removed, chars in, chars removed. */
  n: [number, number, number, number];
  /** Distinct removal causes: [rule index in `rules`, reason, evidence as JSON or null]. */
  sp: Array<[number, string, string | null]>;
  /** Lines: [lineNo, raw, index in sp or -1 when kept]. */
  ln: Array<[number, string, number]>;
  /** Lines not embedded (maxLinesPerDoc). */
  cut: number;
}

interface ClusterCopy {
  id: string;
  title: string | null;
  host: string;
  similarity: number | null;
  method: string | null;
  text: string[];
}

interface ClusterSlot {
  id: string;
  rep: { id: string; title: string | null; host: string; text: string[] } | null;
  copies: ClusterCopy[];
  /** Dropped copies seen (including those not kept). */
  seen: number;
}

export interface ReportCluster {
  id: string;
  rep: { id: string; title: string | null; host: string; lines: number } | null;
  copies: Array<{ id: string; title: string | null; host: string; similarity: number | null; method: string | null; lines: number; rows: DiffRow[] }>;
  /** Dropped copies in this cluster, over all documents. */
  dropped: number;
}

export interface ReportData {
  title: string;
  subtitle: string | null;
  pageSize: number;
  maxDocs: number;
  sampling: 'reservoir' | 'first';
  summary: ReportSummary;
  rules: Array<{ id: string; color: string }>;
  docs: CompactDoc[];
  clusters: ReportCluster[];
  /** Clusters with dropped copies that are not shown (maxClusters). */
  clustersOmitted: number;
}

const NO_HOST = '(no host)';
const NO_LANG = '(unknown)';

/** Distinct colours for rules (sorted by id); more rules get golden-angle hues. */
const PALETTE = [
  '#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42a5b5', '#f032e6', '#8fb300',
  '#d4a017', '#008080', '#9a6324', '#800000', '#808000', '#000075', '#e377c2', '#7f7f7f',
];

export function ruleColor(index: number): string {
  if (index < PALETTE.length) return PALETTE[index]!;
  const hue = Math.round((index * 137.508) % 360);
  return `hsl(${hue} 65% 42%)`;
}

/** mulberry32: small, fast, deterministic 32-bit PRNG returning [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sourceLabel(r: OutputRecord): string {
  return r.source.line !== undefined ? `${r.source.path}:${r.source.line}` : r.source.path;
}

function isDropped(r: OutputRecord): boolean {
  return typeof r.duplicate_of === 'string' && r.duplicate_of !== '';
}

/**
 * Rebuild a report document from a record and the body lines it was cleaned from:
 * a line is removed when it lies in one of `record.removed`'s spans (first span wins), else kept.
 */
export function reportDocFromRecord(record: OutputRecord, bodyLines: string[], bodyStartLine: number): ReportDoc {
  const lines: ReportLine[] = bodyLines.map((raw, i) => ({ lineNo: bodyStartLine + i, raw, kept: true }));
  for (const span of record.removed) {
    const [first, last] = span.lines;
    for (let no = Math.max(first, bodyStartLine); no <= last; no++) {
      const line = lines[no - bodyStartLine];
      if (!line) break;
      if (!line.kept) continue;
      line.kept = false;
      line.rule = span.rule;
      line.reason = span.reason;
      if (span.evidence) line.evidence = span.evidence;
    }
  }
  return { record, lines };
}

export class ReportBuilder {
  private readonly opts: Required<Omit<ReportOptions, 'subtitle'>> & { subtitle: string | null };
  private readonly rand: () => number;
  private n = 0;
  private kept = 0;
  private dropped = 0;
  private emptyKept = 0;
  private lines = 0;
  private linesRemoved = 0;
  private chars = 0;
  private charsRemoved = 0;
  private readonly rules = new Map<string, RuleAggregate>();
  private readonly hosts = new Map<string, HostAggregate>();
  private readonly languages = new Map<string, number>();
  private readonly sample: Array<{ ordinal: number; doc: ReportDoc }> = [];
  /** Clusters with dropped copies, over all documents: id → dropped copies (seen, or the representative's `duplicates`). */
  private readonly dupClusters = new Map<string, number>();
  /** Dropped copies seen per cluster that is not shown. */
  private readonly copiesSeen = new Map<string, number>();
  private readonly clusterSlots = new Map<string, ClusterSlot>();
  /** Representatives seen before any copy of theirs (bounded by maxClusters). */
  private readonly pendingReps = new Map<string, ClusterSlot['rep']>();

  constructor(opts: ReportOptions = {}) {
    const positive = (v: number | undefined, d: number, name: string): number => {
      if (v === undefined) return d;
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`report: ${name} must be a non-negative integer`);
      return v;
    };
    this.opts = {
      title: opts.title ?? 'seed-clean audit report',
      maxDocs: positive(opts.maxDocs, DEFAULT_MAX_DOCS, 'maxDocs'),
      seed: opts.seed ?? 1,
      sampling: opts.sampling ?? 'reservoir',
      maxClusters: positive(opts.maxClusters, 200, 'maxClusters'),
      maxCopiesPerCluster: positive(opts.maxCopiesPerCluster, 3, 'maxCopiesPerCluster'),
      maxLinesPerDoc: positive(opts.maxLinesPerDoc, 5000, 'maxLinesPerDoc'),
      pageSize: Math.max(1, positive(opts.pageSize, 50, 'pageSize')),
      topHosts: positive(opts.topHosts, 20, 'topHosts'),
      subtitle: opts.subtitle ?? null,
    };
    this.rand = mulberry32(this.opts.seed);
  }

  /** Documents added so far. */
  get count(): number {
    return this.n;
  }

  /** Convenience: `add(reportDocFromRecord(record, bodyLines, bodyStartLine))`. */
  addRecord(record: OutputRecord, bodyLines: string[], bodyStartLine: number): void {
    this.add(reportDocFromRecord(record, bodyLines, bodyStartLine));
  }

  /** Add one document (kept or dropped duplicate: `record.duplicate_of` tells). */
  add(doc: ReportDoc): void {
    const ordinal = this.n++;
    const r = doc.record;
    const host = r.host || NO_HOST;
    const lang = r.language || NO_LANG;
    const dropped = isDropped(r);

    let lines = 0;
    let linesRemoved = 0;
    let chars = 0;
    let charsRemoved = 0;
    const rulesHere = new Set<string>();
    for (const l of doc.lines) {
      lines++;
      chars += l.raw.length;
      if (l.kept) continue;
      linesRemoved++;
      charsRemoved += l.raw.length;
      const id = l.rule ?? '(unknown rule)';
      let agg = this.rules.get(id);
      if (!agg) this.rules.set(id, (agg = { rule: id, lines: 0, chars: 0, docs: 0 }));
      agg.lines++;
      agg.chars += l.raw.length;
      if (!rulesHere.has(id)) {
        rulesHere.add(id);
        agg.docs++;
      }
    }
    this.lines += lines;
    this.linesRemoved += linesRemoved;
    this.chars += chars;
    this.charsRemoved += charsRemoved;
    if (dropped) this.dropped++;
    else {
      this.kept++;
      if (lines > 0 && linesRemoved === lines) this.emptyKept++;
    }

    let h = this.hosts.get(host);
    if (!h) this.hosts.set(host, (h = { host, docs: 0, dropped: 0, lines: 0, linesRemoved: 0, chars: 0, charsRemoved: 0 }));
    h.docs++;
    if (dropped) h.dropped++;
    h.lines += lines;
    h.linesRemoved += linesRemoved;
    h.chars += chars;
    h.charsRemoved += charsRemoved;
    this.languages.set(lang, (this.languages.get(lang) ?? 0) + 1);

    this.sampleDoc(ordinal, doc);
    this.trackCluster(r, host);
  }

  private sampleDoc(ordinal: number, doc: ReportDoc): void {
    const max = this.opts.maxDocs;
    if (max === 0) return;
    if (this.sample.length < max) {
      this.sample.push({ ordinal, doc });
      return;
    }
    if (this.opts.sampling === 'first') return;
    const j = Math.floor(this.rand() * (ordinal + 1));
    if (j < max) this.sample[j] = { ordinal, doc };
  }

  private textLines(r: OutputRecord): string[] {
    const t = r.text === '' ? [] : r.text.split('\n');
    return t.length > this.opts.maxLinesPerDoc ? t.slice(0, this.opts.maxLinesPerDoc) : t;
  }

  private trackCluster(r: OutputRecord, host: string): void {
    const cid = r.cluster_id;
    if (typeof cid !== 'string' || cid === '') return;
    if (!isDropped(r)) {
      // A representative. `duplicates` > 0 says its cluster has dropped copies; when the field is
      // missing, its text is held (bounded) until a copy shows up.
      const dups = r.duplicates;
      if (dups !== undefined && dups <= 0) return;
      if (dups !== undefined) this.dupClusters.set(cid, Math.max(this.dupClusters.get(cid) ?? 0, dups));
      const rep = { id: r.id, title: r.title, host, text: this.textLines(r) };
      const slot = this.clusterSlots.get(cid);
      if (slot) {
        if (!slot.rep) slot.rep = rep;
      } else if (this.clusterSlots.size < this.opts.maxClusters) {
        if (dups !== undefined) this.clusterSlots.set(cid, { id: cid, rep, copies: [], seen: 0 });
        else if (this.pendingReps.size < this.opts.maxClusters) this.pendingReps.set(cid, rep);
      }
      return;
    }
    let slot = this.clusterSlots.get(cid);
    if (!slot) {
      if (this.clusterSlots.size < this.opts.maxClusters) {
        slot = { id: cid, rep: this.pendingReps.get(cid) ?? null, copies: [], seen: 0 };
        this.pendingReps.delete(cid);
        this.clusterSlots.set(cid, slot);
        if (this.clusterSlots.size >= this.opts.maxClusters) this.pendingReps.clear();
      }
    }
    const seen = (slot ? ++slot.seen : (this.copiesSeen.get(cid) ?? 0) + 1);
    if (!slot) this.copiesSeen.set(cid, seen);
    this.dupClusters.set(cid, Math.max(this.dupClusters.get(cid) ?? 0, seen));
    if (slot && slot.copies.length < this.opts.maxCopiesPerCluster) {
      slot.copies.push({ id: r.id, title: r.title, host, similarity: r.similarity ?? null, method: r.method ?? null, text: this.textLines(r) });
    }
  }

  /** Corpus-wide aggregates over every document added. */
  summary(): ReportSummary {
    const rules = [...this.rules.values()].map((x) => ({ ...x })).sort((a, b) => b.lines - a.lines || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
    const hosts = [...this.hosts.values()].map((x) => ({ ...x })).sort((a, b) => b.docs - a.docs || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
    const languages = [...this.languages.entries()]
      .map(([language, docs]) => ({ language, docs }))
      .sort((a, b) => b.docs - a.docs || (a.language < b.language ? -1 : a.language > b.language ? 1 : 0));
    return {
      documents: this.n,
      kept: this.kept,
      dropped: this.dropped,
      emptyKept: this.emptyKept,
      lines: this.lines,
      linesRemoved: this.linesRemoved,
      chars: this.chars,
      charsRemoved: this.charsRemoved,
      duplicateClusters: this.dupClusters.size,
      rules,
      hosts,
      languages,
      sampled: this.sample.length,
    };
  }

  /** Everything the HTML embeds (also handy for tests and other renderers). */
  data(): ReportData {
    const summary = this.summary();
    const ruleIds = summary.rules.map((r) => r.rule).sort();
    const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
    const rules = ruleIds.map((id, i) => ({ id, color: ruleColor(i) }));
    const docs = [...this.sample].sort((a, b) => a.ordinal - b.ordinal).map(({ ordinal, doc }) => this.compact(ordinal, doc, ruleIndex));
    const clusters: ReportCluster[] = [];
    for (const slot of this.clusterSlots.values()) {
      const repText = slot.rep?.text ?? [];
      clusters.push({
        id: slot.id,
        rep: slot.rep ? { id: slot.rep.id, title: slot.rep.title, host: slot.rep.host, lines: slot.rep.text.length } : null,
        copies: slot.copies.map((c) => ({
          id: c.id,
          title: c.title,
          host: c.host,
          similarity: c.similarity,
          method: c.method,
          lines: c.text.length,
          rows: diffLines(repText, c.text),
        })),
        dropped: Math.max(this.dupClusters.get(slot.id) ?? 0, slot.seen),
      });
    }
    return {
      title: this.opts.title,
      subtitle: this.opts.subtitle,
      pageSize: this.opts.pageSize,
      maxDocs: this.opts.maxDocs,
      sampling: this.opts.sampling,
      summary,
      rules,
      docs,
      clusters,
      clustersOmitted: Math.max(0, summary.duplicateClusters - clusters.length),
    };
  }

  private compact(ordinal: number, doc: ReportDoc, ruleIndex: Map<string, number>): CompactDoc {
    const r = doc.record;
    const sp: CompactDoc['sp'] = [];
    const spKey = new Map<string, number>();
    const ln: CompactDoc['ln'] = [];
    let lines = 0;
    let removed = 0;
    let chars = 0;
    let charsRemoved = 0;
    for (const l of doc.lines) {
      lines++;
      chars += l.raw.length;
      let idx = -1;
      if (!l.kept) {
        removed++;
        charsRemoved += l.raw.length;
        const rule = ruleIndex.get(l.rule ?? '(unknown rule)') ?? 0;
        const ev = l.evidence === undefined ? null : JSON.stringify(l.evidence);
        const reason = l.reason ?? '';
        const key = `${rule}\u0000${reason}\u0000${ev ?? ''}`;
        idx = spKey.get(key) ?? -1;
        if (idx < 0) {
          idx = sp.length;
          sp.push([rule, reason, ev]);
          spKey.set(key, idx);
        }
      }
      if (ln.length < this.opts.maxLinesPerDoc) ln.push([l.lineNo, l.raw, idx]);
    }
    return {
      o: ordinal,
      id: r.id,
      t: r.title,
      u: r.url,
      h: r.host || NO_HOST,
      l: r.language || NO_LANG,
      s: sourceLabel(r),
      d: isDropped(r) ? r.duplicate_of! : null,
      c: r.cluster_id ?? null,
      n: [lines, removed, chars, charsRemoved],
      sp,
      ln,
      cut: lines - ln.length,
    };
  }

  /** The self-contained HTML report. Same adds + same options ⇒ byte-identical output. */
  toHtml(): string {
    return renderHtml(this.data(), this.opts.topHosts);
  }
}
