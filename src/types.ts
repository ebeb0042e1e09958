/** Shared data types of the seed-clean library. Everything here is plain data (JSON-serialisable). */

/** One input document, as read from a raw scraped-text file, a JSONL line or stdin. */
export interface InputDocument {
  /** The input's own id (JSONL `id`), if it had one. */
  inputId: string | null;
  /** Where it came from: path relative to the input root (POSIX separators); `line` for JSONL. */
  source: { path: string; line?: number };
  title: string | null;
  date: string | null;
  url: string | null;
  /** Body lines exactly as read (line terminators removed). */
  bodyLines: string[];
  /** 1-based line number (in the file) of bodyLines[0]; 1 for JSONL texts. */
  bodyStartLine: number;
  /** Header keys / JSONL fields that are not title/date/url/text/id. */
  metadata: Record<string, unknown>;
  /** Encoding the bytes were decoded from. */
  encoding?: string;
}

/** A line of the body, with its display form and its matching key. */
export interface Line {
  /** 0-based index in the body. */
  index: number;
  /** 1-based line number in the original file. */
  lineNo: number;
  /** The line as read. */
  raw: string;
  /** Display form: NFC, invisible characters removed, whitespace runs collapsed, trimmed. */
  text: string;
  /** Matching key: NFKC, case-folded, punctuation and whitespace removed. */
  key: string;
}

/** What a rule reports. Rules never edit: the applier (core/apply.ts) acts on findings. */
export interface Finding {
  ruleId: string;
  reason: string;
  /** Inclusive range of 0-based body line indices. */
  lines: [number, number];
  evidence?: Record<string, unknown>;
}

/** One removed span in an output record. */
export interface RemovedSpan {
  rule: string;
  reason: string;
  /** Inclusive [first, last] 1-based line numbers in the original file. */
  lines: [number, number];
  /** The removed lines exactly as read, joined by `\n`. */
  text: string;
  evidence?: Record<string, unknown>;
}

export interface RecordStats {
  lines_in: number;
  lines_out: number;
  chars_in: number;
  chars_out: number;
  /** Lines removed per rule id. */
  removed_by_rule: Record<string, number>;
  /** Lines whose display form differs from the raw line (normalization). */
  lines_normalized: number;
  /** 1-based line number in the file of the body's first line (after the header). */
  body_start_line: number;
}

/** One output record (see schema/record.schema.json). */
export interface OutputRecord {
  id: string;
  source: { path: string; line?: number };
  url: string | null;
  host: string | null;
  title: string | null;
  title_raw: string | null;
  site_name: string | null;
  date: string | null;
  date_source: 'header' | 'url' | 'text' | null;
  language: string | null;
  encoding?: string;
  text: string;
  removed: RemovedSpan[];
  /** Kept lines whose text was changed by normalization, with the raw line: with `removed` and
   * `text` this rebuilds the original body exactly (core/rebuild.ts). Omitted when empty. */
  normalized?: Array<{ line: number; raw: string }>;
  stats: RecordStats;
  metadata: Record<string, unknown>;
  /** Dedup: id of the cluster (its first member in input order). */
  cluster_id?: string;
  /** Dedup, on kept records: how many dropped documents duplicate this one. */
  duplicates?: number;
  /** Dedup, on dropped records: id of the kept document this one duplicates. */
  duplicate_of?: string | null;
  /** Dedup, on dropped records: verified similarity (1 for exact; Jaccard of shingles for near). */
  similarity?: number | null;
  /** Dedup, on dropped records: `exact` or `minhash`. */
  method?: string | null;
}
