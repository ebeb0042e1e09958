/** Config resolution: flags > config file (seed-clean.config.json or --config) > defaults; validated. */
import path from 'node:path';
import fs from 'fs-extra';
import { DEFAULT_CONFIG, type CleanConfig } from '../core/config.js';
import { RULES } from '../rules/index.js';

export class ConfigError extends Error {}

const TOP_KEYS = new Set(['rules', 'groupBy', 'lexicon']);
const GROUP_BY = new Set(['host', 'dir', 'none']);

export function validateConfig(raw: unknown, file: string): CleanConfig {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(`${file}: the config must be a JSON object`);
  const obj = raw as Record<string, unknown>;
  for (const k of Object.keys(obj)) if (!TOP_KEYS.has(k) && k !== '$schema') throw new ConfigError(`${file}: unknown key "${k}"`);
  const cfg: CleanConfig = { ...DEFAULT_CONFIG, rules: {} };
  if (obj.groupBy !== undefined) {
    if (typeof obj.groupBy !== 'string' || !GROUP_BY.has(obj.groupBy)) throw new ConfigError(`${file}: groupBy must be one of host, dir, none`);
    cfg.groupBy = obj.groupBy as CleanConfig['groupBy'];
  }
  if (obj.rules !== undefined) {
    if (obj.rules === null || typeof obj.rules !== 'object' || Array.isArray(obj.rules)) throw new ConfigError(`${file}: rules must be an object`);
    const ids = new Set(RULES.map((r) => r.id));
    for (const [id, v] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (!ids.has(id)) throw new ConfigError(`${file}: rules.${id}: unknown rule id (see \`seed-clean rules\`)`);
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(`${file}: rules.${id} must be an object`);
      const rc = v as Record<string, unknown>;
      for (const [k, val] of Object.entries(rc)) {
        if (k === 'enabled' ? typeof val !== 'boolean' : typeof val !== 'number')
          throw new ConfigError(`${file}: rules.${id}.${k} must be a ${k === 'enabled' ? 'boolean' : 'number'}`);
      }
      cfg.rules[id] = rc;
    }
  }
  if (obj.lexicon !== undefined) {
    if (obj.lexicon === null || typeof obj.lexicon !== 'object' || Array.isArray(obj.lexicon)) throw new ConfigError(`${file}: lexicon must be an object`);
    for (const [cat, v] of Object.entries(obj.lexicon as Record<string, unknown>)) {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new ConfigError(`${file}: lexicon.${cat} must be an object`);
      for (const [k, list] of Object.entries(v as Record<string, unknown>)) {
        if (!['exact', 'prefix', 'contains'].includes(k)) throw new ConfigError(`${file}: lexicon.${cat}.${k}: unknown key (exact, prefix, contains)`);
        if (!Array.isArray(list) || !list.every((x) => typeof x === 'string')) throw new ConfigError(`${file}: lexicon.${cat}.${k} must be an array of strings`);
      }
    }
    cfg.lexicon = obj.lexicon as CleanConfig['lexicon'];
  }
  return cfg;
}

export async function resolveConfig(flags: { file?: string; groupBy?: CleanConfig['groupBy'] }): Promise<CleanConfig> {
  let cfg: CleanConfig = { ...DEFAULT_CONFIG, rules: {} };
  const file = flags.file ?? (fs.existsSync('seed-clean.config.json') ? 'seed-clean.config.json' : undefined);
  if (file) {
    let raw: unknown;
    try {
      raw = JSON.parse(await fs.readFile(path.resolve(file), 'utf8'));
    } catch (e) {
      throw new ConfigError(`${file}: cannot read config: ${(e as Error).message.split('\n')[0]}`);
    }
    cfg = validateConfig(raw, file);
  }
  if (flags.groupBy) cfg.groupBy = flags.groupBy;
  return cfg;
}
