// Regenerates server/src/knowledge/directives.json from the installed Apache:
// `apache2 -L` with every module of /usr/lib/apache2/modules loaded.
// Run: npx tsx scripts/generate-directives.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAllModules } from '../test/support/apacheOracle';

interface DirectiveFact {
  name: string;
  module: string;
  /** Apache's own account of where the directive is allowed, as `apache2 -L` prints it. */
  allowed: string;
}

const root = mkdtempSync(join(tmpdir(), 'apache-ssl-gen-'));
try {
  const config = join(root, 'all-modules.conf');
  writeFileSync(config, `${loadAllModules()}ServerName localhost\nErrorLog /dev/null\n`);
  const listing = execFileSync('/usr/sbin/apache2', ['-L', '-d', root, '-f', config], { encoding: 'utf8' });
  const facts: DirectiveFact[] = [];
  let current: DirectiveFact | undefined;
  let inAllowed = false;
  for (const line of listing.split('\n')) {
    const head = /^(\S+) \((\S+)\.c\)$/.exec(line);
    if (head) {
      current = { name: head[1], module: head[2], allowed: '' };
      facts.push(current);
      inAllowed = false;
    } else if (current && line.startsWith('\tAllowed in ')) {
      current.allowed = line.slice('\tAllowed in '.length);
      inAllowed = true;
    } else if (current && inAllowed && line.startsWith('\t')) {
      current.allowed += ` ${line.trim()}`;
    }
  }
  const version = execFileSync('/usr/sbin/apache2', ['-v'], { encoding: 'utf8' }).split('\n')[0];
  const data = {
    generatedFrom: `${version.replace('Server version: ', '')}, apache2 -L with every Debian module loaded`,
    directives: facts.sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase())),
  };
  writeFileSync('server/src/knowledge/directives.json', JSON.stringify(data, null, 1) + '\n');
  console.log(`${facts.length} directives written to server/src/knowledge/directives.json`);
} finally {
  rmSync(root, { recursive: true, force: true });
}
