/**
 * Worker side of `--jobs N` (see parallel.ts). Messages, answered in the order received:
 *   { type: 'keys', seq, docs }       pass 1: template group and keys per document
 *   { type: 'templates', snapshot }   the learned template counts, before any 'clean'
 *   { type: 'clean', seq, docs, dedup }  pass 2: the cleaned records as one RecordBatch (batch.ts):
 *                                     JSONL text, the summary's digest, and with dedup ids and
 *                                     sketches (made with the run's dedup options, workerData.dedup)
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { InputDocument } from '../types.js';
import type { CleanConfig } from './config.js';
import { cleanDocument, documentGroup } from './clean.js';
import { loadLexicon } from './lexicon.js';
import { TemplateSnapshot, type SnapshotData } from './snapshot.js';
import { hashLineKeys, templateKeyHashes } from './templates.js';
import { recordBatch } from './batch.js';
import { Sketcher, type DedupOptions } from '../dedup/engine.js';

interface Init {
  config: CleanConfig;
  dedup: DedupOptions | null;
}

const { config, dedup } = workerData as Init;
const lexicon = loadLexicon(config.lexicon);
// (messages wait in the port's queue until the listener below is attached)
const sketcher = dedup ? await Sketcher.create(dedup) : null;
let templates: TemplateSnapshot | null = null;

type Msg =
  | { type: 'keys'; seq: number; docs: InputDocument[] }
  | { type: 'templates'; snapshot: SnapshotData | null }
  | { type: 'clean'; seq: number; docs: InputDocument[]; dedup: boolean };

parentPort!.on('message', (m: Msg) => {
  try {
    if (m.type === 'templates') {
      templates = m.snapshot ? new TemplateSnapshot(m.snapshot) : null;
      return;
    }
    if (m.type === 'keys') {
      const out = m.docs.map((doc) => {
        const group = documentGroup(doc, config);
        // A document without a group teaches nothing: its keys are not even built.
        return group ? { group, ...hashLineKeys(templateKeyHashes(doc.bodyLines)) } : { group, body: 0, keys: new Float64Array(0) };
      });
      parentPort!.postMessage({ seq: m.seq, keys: out });
      return;
    }
    const docs = m.docs;
    function* records() {
      for (const doc of docs) yield cleanDocument(doc, { config, templates, lexicon }).record;
    }
    if (m.dedup && !sketcher) throw new Error('dedup batch without dedup options');
    const batch = recordBatch(records(), m.dedup ? sketcher : null);
    parentPort!.postMessage({ seq: m.seq, batch }, [batch.jsonl.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ seq: (m as { seq?: number }).seq ?? -1, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
