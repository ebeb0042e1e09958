/**
 * A frozen copy of learned site templates for worker threads (`--jobs N`). Only what the cleaner
 * can use is sent: every group's document count, and the key hashes counted in at least `minCount`
 * documents of their group (a key in fewer documents reads as 0). run.ts picks `minCount` from
 * the site-template rule's `minDocs` (never above it), so every count the rule can act on is exact.
 */
import { templateKeyHash, type SnapshotData, type TemplateLearner, type TemplateStats } from './templates.js';

export type { SnapshotData } from './templates.js';

export function snapshotTemplates(learner: TemplateLearner, minCount: number): SnapshotData {
  return learner.snapshot(minCount);
}

export class TemplateSnapshot implements TemplateStats {
  /**
   * The snapshot's own arrays (keys ascending), searched in place: 12 B per key in each worker
   * instead of a Map<number, number> (≈ 68 B per key with boxed 53-bit keys).
   */
  private groups = new Map<string, { docs: number; keys: Float64Array; counts: Uint32Array }>();

  constructor(data: SnapshotData) {
    for (const [group, docs, keys, counts] of data) {
      for (let i = 1; i < keys.length; i++) if (!(keys[i - 1]! < keys[i]!)) throw new Error('template snapshot: keys not ascending');
      this.groups.set(group, { docs, keys, counts });
    }
  }

  groupDocs(group: string): number {
    return this.groups.get(group)?.docs ?? 0;
  }

  lineDocs(group: string, key: string): number {
    const g = this.groups.get(group);
    if (!g) return 0;
    const h = templateKeyHash(key);
    const k = g.keys;
    let lo = 0;
    let hi = k.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = k[mid]!;
      if (v === h) return g.counts[mid]!;
      if (v < h) lo = mid + 1;
      else hi = mid - 1;
    }
    return 0;
  }
}
