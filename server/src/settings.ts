// The server's settings with their typed defaults. package.json
// `contributes.configuration` declares the same keys under `apacheSsl.`; a
// test keeps the two in agreement.
import type { RuleSetting } from './analysis/types';

export interface ServerSettings {
  /** Per-rule override: `off`, or the severity to report with. */
  rules: Record<string, RuleSetting>;
  /** Findings reported per file at most, so a hostile file cannot flood the client. */
  maxNumberOfProblems: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  rules: {},
  maxNumberOfProblems: 1000,
};

/** Reads a settings object as a client sends it, keeping defaults for anything missing or malformed. */
export function normalizeSettings(raw: unknown): ServerSettings {
  const source = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const rules: Record<string, RuleSetting> = {};
  if (typeof source.rules === 'object' && source.rules !== null) {
    for (const [id, value] of Object.entries(source.rules)) {
      if (value === 'off' || value === 'warning' || value === 'error') rules[id] = value;
    }
  }
  const max = source.maxNumberOfProblems;
  return {
    rules,
    maxNumberOfProblems:
      typeof max === 'number' && Number.isInteger(max) && max > 0 ? max : DEFAULT_SETTINGS.maxNumberOfProblems,
  };
}
