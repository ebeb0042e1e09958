/**
 * Site-template learning across a corpus (pass 1). A line whose key recurs in several documents of
 * the same group (host, site name, or directory — never the whole corpus) is template: navigation,
 * footers, sidebars. Exact duplicate documents are counted once, so copies of one article do not
 * turn its paragraphs into "template".
 */
import { createHash } from 'node:crypto';

/** Lines with longer keys are not counted: template lines are short; long ones cost memory. */
export const TEMPLATE_MAX_KEY = 300;

export interface TemplateStats {
  /** Distinct documents seen in the group. */
  groupDocs(group: string): number;
  /** In how many distinct documents of the group the key occurs. */
  lineDocs(group: string, key: string): number;
}

interface GroupState {
  docs: number;
  bodies: Set<string>;
  counts: Map<string, number>;
}

export class TemplateLearner implements TemplateStats {
  private groups = new Map<string, GroupState>();

  addDocument(group: string | null, keys: readonly string[]): void {
    if (!group) return;
    let g = this.groups.get(group);
    if (!g) {
      g = { docs: 0, bodies: new Set(), counts: new Map() };
      this.groups.set(group, g);
    }
    const bodyHash = createHash('sha1').update(keys.join('\n')).digest('base64');
    if (g.bodies.has(bodyHash)) return;
    g.bodies.add(bodyHash);
    g.docs++;
    const seen = new Set<string>();
    for (const k of keys) {
      if (k.length === 0 || k.length > TEMPLATE_MAX_KEY || seen.has(k)) continue;
      seen.add(k);
      g.counts.set(k, (g.counts.get(k) ?? 0) + 1);
    }
  }

  groupDocs(group: string): number {
    return this.groups.get(group)?.docs ?? 0;
  }

  lineDocs(group: string, key: string): number {
    return this.groups.get(group)?.counts.get(key) ?? 0;
  }

  /** Groups with the most template lines (key in >= minDocs docs), for summaries. */
  topGroups(minDocs: number, n: number): Array<{ group: string; docs: number; templateLines: number }> {
    const out: Array<{ group: string; docs: number; templateLines: number }> = [];
    for (const [group, g] of this.groups) {
      let t = 0;
      for (const c of g.counts.values()) if (c >= minDocs) t++;
      if (t > 0) out.push({ group, docs: g.docs, templateLines: t });
    }
    return out.sort((a, b) => b.templateLines - a.templateLines || a.group.localeCompare(b.group)).slice(0, n);
  }
}
