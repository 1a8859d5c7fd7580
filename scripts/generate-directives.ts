// Regenerates server/src/knowledge/directives.json from the installed Apache:
// `apache2 -L` with every module of /usr/lib/apache2/modules loaded, once per
// MPM (each MPM adds directives of its own, such as prefork's MinSpareServers).
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

const MPMS = ['event', 'worker', 'prefork'];

/** Adds each directive of an `apache2 -L` listing not seen yet (same name and module). */
function readListing(listing: string, facts: DirectiveFact[]): void {
  let current: DirectiveFact | undefined;
  let inAllowed = false;
  for (const line of listing.split('\n')) {
    const head = /^(\S+) \((\S+)\.c\)$/.exec(line);
    if (head) {
      const known = facts.find((fact) => fact.name === head[1] && fact.module === head[2]);
      current = known ? undefined : { name: head[1], module: head[2], allowed: '' };
      if (current) facts.push(current);
      inAllowed = false;
    } else if (current && line.startsWith('\tAllowed in ')) {
      current.allowed = line.slice('\tAllowed in '.length);
      inAllowed = true;
    } else if (current && inAllowed && line.startsWith('\t')) {
      current.allowed += ` ${line.trim()}`;
    }
  }
}

const root = mkdtempSync(join(tmpdir(), 'apache-ssl-gen-'));
try {
  const facts: DirectiveFact[] = [];
  for (const mpm of MPMS) {
    const config = join(root, `all-modules-${mpm}.conf`);
    writeFileSync(config, `${loadAllModules(mpm)}ServerName localhost\nErrorLog /dev/null\n`);
    const listing = execFileSync('/usr/sbin/apache2', ['-L', '-d', root, '-f', config], { encoding: 'utf8' });
    readListing(listing, facts);
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
