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
  private groups = new Map<string, { docs: number; counts: Map<number, number> }>();

  constructor(data: SnapshotData) {
    for (const [group, docs, keys, counts] of data) {
      const m = new Map<number, number>();
      keys.forEach((k, i) => m.set(k, counts[i]!));
      this.groups.set(group, { docs, counts: m });
    }
  }

  groupDocs(group: string): number {
    return this.groups.get(group)?.docs ?? 0;
  }

  lineDocs(group: string, key: string): number {
    const g = this.groups.get(group);
    return g ? (g.counts.get(templateKeyHash(key)) ?? 0) : 0;
  }
}
