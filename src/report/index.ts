/**
 * Visual audit report (issue 7): a streaming builder that turns cleaned records into one
 * self-contained HTML file. See builder.ts for the sampling policy.
 *
 *   const report = new ReportBuilder({ title: 'crawl 2024-05', maxDocs: 2000 });
 *   for (const ev of run) report.add(reportDocFromRecord(ev.record, doc.bodyLines, doc.bodyStartLine));
 *   await writeFile('report.html', report.toHtml());
 */
export {
  ReportBuilder,
  reportDocFromRecord,
  ruleColor,
  DEFAULT_MAX_DOCS,
  type ReportDoc,
  type ReportLine,
  type ReportOptions,
  type ReportSummary,
  type ReportData,
  type ReportCluster,
  type RuleAggregate,
  type HostAggregate,
  type CompactDoc,
} from './builder.js';
export { escapeHtml, jsonForScript } from './html.js';
export { diffLines, type DiffRow, type DiffOptions } from './diff.js';
