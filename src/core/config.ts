/** Cleaning configuration: defaults, and the shape a config file may override. */
import type { LexiconExtension } from './lexicon.js';

export interface RuleConfig {
  enabled?: boolean;
  [threshold: string]: unknown;
}

export interface CleanConfig {
  /** Per-rule settings by rule id. A rule is enabled unless `enabled: false`. */
  rules: Record<string, RuleConfig>;
  /** How documents are grouped for site-template learning. */
  groupBy: 'host' | 'dir' | 'none';
  /** Extra lexicon phrases per category (`comments`, `share`, ..., `section-labels`). */
  lexicon?: LexiconExtension;
}

export const DEFAULT_CONFIG: CleanConfig = {
  rules: {},
  groupBy: 'host',
};

export function ruleEnabled(config: CleanConfig, id: string): boolean {
  return config.rules[id]?.enabled !== false;
}

/** A numeric threshold of a rule, from the config or the rule's documented default. */
export function ruleNumber(config: CleanConfig, id: string, name: string, dflt: number): number {
  const v = config.rules[id]?.[name];
  return typeof v === 'number' && Number.isFinite(v) ? v : dflt;
}
