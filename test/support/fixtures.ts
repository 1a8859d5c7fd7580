// Golden fixtures: `test/fixtures/**/*.conf`. A line `# want <rule-id> [<rule-id>…]`
// says that the next line which is not itself a marker must be flagged with
// those rules (Apache has no end-of-line comments, so the marker cannot share
// the flagged line). Every finding must be wanted, and every want found.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const FIXTURES = join(__dirname, '..', 'fixtures');

export interface Fixture {
  name: string;
  path: string;
  text: string;
  /** `line:rule-id` for each wanted finding, 0-based lines. */
  wanted: string[];
}

const MARKER = /^\s*#\s*want\s+(.+?)\s*$/;

export function listFixtures(folder = FIXTURES): Fixture[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith('.conf') && !entry.name.endsWith('.fixed.conf') ? [path] : [];
    });
  return walk(folder)
    .sort()
    .map((path) => {
      const text = readFileSync(path, 'utf8');
      return { name: relative(FIXTURES, path), path, text, wanted: wantedFindings(text) };
    });
}

export function wantedFindings(text: string): string[] {
  const wanted: string[] = [];
  let pending: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const marker = MARKER.exec(line);
    if (marker) {
      pending.push(...marker[1].split(/\s+/));
    } else if (pending.length > 0) {
      wanted.push(...pending.map((rule) => `${index}:${rule}`));
      pending = [];
    }
  });
  return wanted.sort();
}
