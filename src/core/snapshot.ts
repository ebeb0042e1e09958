/**
 * A frozen copy of learned site templates for worker threads (`--jobs N`). Only what the cleaner
 * can use is sent: every group's document count, and the keys counted in at least `minCount`
 * documents of their group (a key in fewer documents reads as 0). run.ts picks `minCount` from
 * the site-template rule's `minDocs` (never above it), so every count the rule can act on is exact.
 */
import type { TemplateLearner, TemplateStats } from './templates.js';

/** Per group: [group, documents, keys joined by '\n' (keys hold no whitespace), counts]. */
export type SnapshotData = Array<[string, number, string, Uint32Array]>;

interface GroupState {
  docs: number;
  counts: Map<string, number>;
}

/**
 * Read a learner's per-group state (TemplateLearner keeps it private; a public accessor there would
 * be better); null if its internals are not the expected shape.
 */
function groupsOf(learner: TemplateLearner): Map<string, GroupState> | null {
  const g = (learner as unknown as { groups?: unknown }).groups;
  if (!(g instanceof Map)) return null;
  for (const v of g.values()) {
    if (typeof v?.docs !== 'number' || !(v.counts instanceof Map)) return null;
    break;
  }
  return g as Map<string, GroupState>;
}

export function snapshotTemplates(learner: TemplateLearner, minCount: number): SnapshotData | null {
  const groups = groupsOf(learner);
  // Never degrade silently (workers without templates would clean differently): fail loudly.
  if (!groups) throw new Error('--jobs: cannot read the learned templates (TemplateLearner changed); use --jobs 1');
  const out: SnapshotData = [];
  for (const [group, g] of groups) {
    const keys: string[] = [];
    const counts: number[] = [];
    for (const [k, c] of g.counts) {
      if (c < minCount) continue;
      if (k.includes('\n')) throw new Error('--jobs: a template key holds a newline; use --jobs 1');
      keys.push(k);
      counts.push(c);
    }
    out.push([group, g.docs, keys.join('\n'), Uint32Array.from(counts)]);
  }
  return out;
}

export class TemplateSnapshot implements TemplateStats {
  private groups = new Map<string, { docs: number; counts: Map<string, number> }>();

  constructor(data: SnapshotData) {
    for (const [group, docs, keys, counts] of data) {
      const m = new Map<string, number>();
      if (counts.length > 0) keys.split('\n').forEach((k, i) => m.set(k, counts[i]!));
      this.groups.set(group, { docs, counts: m });
    }
  }

  groupDocs(group: string): number {
    return this.groups.get(group)?.docs ?? 0;
  }

  lineDocs(group: string, key: string): number {
    return this.groups.get(group)?.counts.get(key) ?? 0;
  }
}
