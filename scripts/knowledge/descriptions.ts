// Descriptions are written by hand, in our own words, one JSON object per file
// under server/src/knowledge/descriptions/ (directive name → text). The folder
// and any file may be missing or half-written while others work on them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface DescriptionSet {
  /** Lower-case directive name → description. */
  byName: Map<string, string>;
  /** Problems worth telling whoever runs the generator (bad files, duplicate names). */
  warnings: string[];
}

export function readDescriptions(dir: string): DescriptionSet {
  const byName = new Map<string, string>();
  const warnings: string[] = [];
  if (!existsSync(dir)) return { byName, warnings: [`${dir} does not exist yet`] };
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (error) {
      warnings.push(`${file}: not valid JSON (${(error as Error).message}); skipped`);
      continue;
    }
    if (typeof content !== 'object' || content === null || Array.isArray(content)) {
      warnings.push(`${file}: not an object of name → text; skipped`);
      continue;
    }
    for (const [name, text] of Object.entries(content)) {
      if (typeof text !== 'string' || text.trim() === '') {
        warnings.push(`${file}: ${name} has no text`);
        continue;
      }
      const key = name.toLowerCase();
      if (byName.has(key) && byName.get(key) !== text) warnings.push(`${file}: ${name} described twice; the later text wins`);
      byName.set(key, text.trim());
    }
  }
  return { byName, warnings };
}
