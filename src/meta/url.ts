/**
 * URL validation for the `URL:` header.
 *
 * Decisions (documented here because callers rely on them):
 * - Only http/https URLs are accepted (WHATWG `URL` parser). Scheme-less input is accepted only in
 *   the two forms that are unambiguous on scraped pages: protocol-relative `//host/...` and
 *   `www.host/...`; both are read as `https://`. Anything else without a scheme (`None`, `foo`,
 *   `index.html`) is not a URL.
 * - `url` is the parser's serialisation (`href`): scheme and host lower-cased, default port
 *   dropped, IDN hosts in punycode. The fragment is dropped (it never identifies a different page).
 * - `host` is the hostname exactly as the parser gives it: lower-case, punycode, and *keeping* a
 *   leading `www.` (removing it would conflate distinct hosts such as `www.x.de` / `x.de` in host
 *   statistics; code that wants the registrable name strips it itself, see `hostLabels`).
 * - A host must contain a dot (or be an IPv6 literal): single-label hosts such as `None`,
 *   `localhost`, `intranet` do not identify a public page.
 */
import { domainToUnicode } from 'node:url';

export interface ParsedUrl {
  url: string | null;
  host: string | null;
}

const NONE: ParsedUrl = { url: null, host: null };

/**
 * The last answer: the cleaner asks twice per document with the same URL (its template group, then
 * the record's fields). Results are treated as read-only by every caller.
 */
let lastRaw: string | null = null;
let lastParsed: ParsedUrl = NONE;

export function parseUrl(raw: string | null): ParsedUrl {
  if (raw === null || raw === undefined) return NONE;
  if (raw === lastRaw) return lastParsed;
  const parsed = parseUrlUncached(raw);
  lastRaw = raw;
  lastParsed = parsed;
  return parsed;
}

function parseUrlUncached(raw: string): ParsedUrl {
  let s = String(raw).trim();
  if (s === '' || /\s/.test(s)) return NONE;
  if (s.startsWith('//')) s = 'https:' + s;
  else if (/^www\.[^/\s.]+\.[^/\s]+/i.test(s)) s = 'https://' + s;
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return NONE;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return NONE;
  const host = u.hostname.toLowerCase();
  if (host === '' || (!host.includes('.') && !host.startsWith('['))) return NONE;
  // Reject hosts with empty labels (`a..b`, `.x.com`), which WHATWG tolerates.
  if (!host.startsWith('[') && host.replace(/\.$/, '').split('.').some((l) => l === '')) return NONE;
  u.hash = '';
  return { url: u.href, host };
}

/** Second-level labels that are registry parts, not site names (`bbc.co.uk` → `bbc`). */
const REGISTRY_SLDS = new Set(['co', 'com', 'org', 'net', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'gv', 'gob', 'nic']);
/** Leading labels that are not the site's name. */
const GENERIC_SUBDOMAINS = new Set(['www', 'www2', 'www3', 'm', 'mobile', 'amp', 'news', 'blog', 'blogs', 'en', 'de', 'zh', 'cn', 'web']);

/**
 * The labels of a host that can name the site, in Unicode: `www.news.bbc.co.uk` → `['bbc']`,
 * `blog.python.org` → `['python']` plus its non-generic subdomains (`lexikon.huettenhilfe.de` →
 * `['huettenhilfe', 'lexikon']`). The registrable label comes first.
 */
export function hostLabels(host: string | null): readonly string[] {
  if (!host || host.startsWith('[')) return [];
  // namesHost asks for every title segment it checks, and pages of one site recur through a run
  // (1,387 hosts in the 5,000 c5k documents, a different one from page to page almost every time):
  // each host's labels are kept (the same array for the same host), bounded like the other memos.
  let labels = labelsMemo.get(host);
  if (labels === undefined) {
    labels = hostLabelsUncached(host);
    if (labelsMemo.size >= LABELS_MEMO_MAX) labelsMemo.clear();
    labelsMemo.set(host, labels);
  }
  return labels;
}
/** Dropped whole when full, as the meta text and title memos (text.ts, title.ts MEMO_MAX). */
const LABELS_MEMO_MAX = 20000;
const labelsMemo = new Map<string, readonly string[]>();

function hostLabelsUncached(host: string): string[] {
  const labels = domainToUnicode(host.toLowerCase()).replace(/\.$/, '').split('.');
  if (labels.length < 2) return [];
  labels.pop(); // TLD
  if (labels.length >= 2 && REGISTRY_SLDS.has(labels[labels.length - 1]!)) labels.pop();
  const main = labels.pop();
  if (main === undefined) return [];
  const out = [main];
  for (const l of labels.reverse()) if (!GENERIC_SUBDOMAINS.has(l)) out.push(l);
  return out;
}
