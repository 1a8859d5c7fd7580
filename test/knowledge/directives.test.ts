// The directive list must be exactly what the installed Apache knows.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { createDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import { loadAllModules } from '../support/apacheOracle';

test('every directive of apache2 -L (all modules, every MPM) is in the data', () => {
  const index = createDirectiveIndex();
  const root = mkdtempSync(join(tmpdir(), 'apache-ssl-L-'));
  try {
    const missing: string[] = [];
    let listed = 0;
    for (const mpm of ['event', 'worker', 'prefork']) {
      const config = join(root, `${mpm}.conf`);
      writeFileSync(config, `${loadAllModules(mpm)}ServerName localhost\nErrorLog /dev/null\n`);
      const listing = execFileSync('/usr/sbin/apache2', ['-L', '-d', root, '-f', config], { encoding: 'utf8' });
      for (const match of listing.matchAll(/^(\S+) \(\S+\.c\)$/gm)) {
        listed++;
        if (!index.lookup(match[1])) missing.push(match[1]);
      }
    }
    assert.ok(listed > 2000, `apache2 -L listed only ${listed} directives`);
    assert.deepEqual([...new Set(missing)], [], 'regenerate with: npx tsx scripts/generate-directives.ts');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
