// The README documents exactly the rules the registry has (its headings are the docs anchors).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/analysis/registry';
import { withRuleList } from '../../scripts/rule-list';

const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

test('every rule has a README section, and every rule section is a real rule', () => {
  const documented = [...readme.matchAll(/^### ([a-z]+\/[a-z0-9-]+)$/gm)].map((m) => m[1]).sort();
  assert.deepEqual(documented, RULES.map((rule) => rule.id).sort());
});

test('the README quick start is the two commands CI and users run', () => {
  assert.match(readme, /npm ci && npm start/);
  assert.match(readme, /^npm test /m);
  assert.match(readFileSync(join(__dirname, '..', '..', '.ci', 'run'), 'utf8'), /^npm test$/m);
});

test('the README\'s rule table is the one the registry gives (npx tsx scripts/rule-list.ts rewrites it)', () => {
  assert.equal(readme, withRuleList(readme));
  for (const rule of RULES) assert.ok(readme.includes(`| [\`${rule.id}\`](#`), `${rule.id} is in the table`);
});
