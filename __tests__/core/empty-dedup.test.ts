import { describe, test, expect } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCorpus, type RunEvent } from '../../src/core/run.js';
import type { OutputRecord } from '../../src/types.js';

// Pages whose every line is boilerplate clean to empty text. Byte-identical ones are still exact
// duplicates; different ones must stay unique (never merged because both are empty).
const NAV_A = ['Home', 'News', 'Sport', 'Weather', 'Contact us', 'Privacy policy', '© 2024 Example Media'];
const NAV_B = ['Start', 'Politik', 'Wirtschaft', 'Kultur', 'Impressum', 'Datenschutz', '© 2024 Beispiel Verlag'];

async function run(dir: string): Promise<Array<{ record: OutputRecord; dropped: boolean }>> {
  const out: Array<{ record: OutputRecord; dropped: boolean }> = [];
  const gen = runCorpus([dir], { dedup: {} });
  for (;;) {
    const step = await gen.next();
    if (step.done) break;
    const ev: RunEvent = step.value;
    if (ev.kind === 'record') out.push({ record: ev.record, dropped: ev.dropped });
  }
  return out;
}

describe('dedup of documents that cleaning empties', () => {
  test('identical raw bodies are exact duplicates; different ones stay unique', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-clean-empty-'));
    const write = (name: string, url: string, body: string[]) =>
      fs.writeFileSync(path.join(dir, name), `Title: ${name}\nDate: None\nURL: ${url}\n\n${body.join('\n')}\n`);
    write('a.txt', 'https://one.example/a', NAV_A);
    write('b.txt', 'https://two.example/b', NAV_A);
    write('c.txt', 'https://three.example/c', NAV_B);
    const recs = await run(dir);
    const by = new Map(recs.map((r) => [r.record.source.path, r]));
    for (const r of recs) expect(r.record.text).toBe('');
    expect(by.get('a.txt')!.dropped).toBe(false);
    expect(by.get('b.txt')!.dropped).toBe(true);
    expect(by.get('b.txt')!.record.duplicate_of).toBe(by.get('a.txt')!.record.id);
    expect(by.get('b.txt')!.record.method).toBe('exact');
    expect(by.get('c.txt')!.dropped).toBe(false);
  });
});
