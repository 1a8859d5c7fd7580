// The generated module facts (server/src/knowledge/modules.json) against their
// schema, the Debian .load files, `apache2 -l`, and the real <IfModule>
// matching of `apache2 -t`. Regenerate with: npx tsx scripts/generate-modules.ts
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { APACHE, MPMS } from '../../scripts/knowledge/listing';
import directiveData from '../../server/src/knowledge/directives.json';
import { createModuleIndex, defaultModuleIndex, type ModuleFact } from '../../server/src/knowledge/moduleIndex';
import data from '../../server/src/knowledge/modules.json';
import schema from '../../server/src/knowledge/modules.schema.json';
import { apacheConfigTest, loadAllModules, runApacheTest } from '../support/apacheOracle';

const REGENERATE = 'regenerate with: npx tsx scripts/generate-modules.ts';
const MODS_AVAILABLE = '/etc/apache2/mods-available';
const facts = data.modules as readonly ModuleFact[];
const index = createModuleIndex(facts);
const mpmFacts = MPMS.map((mpm) => index.byIdentifier(`mpm_${mpm}_module`));

/** A line Apache refuses ("Invalid command"), so a config passes only if <IfModule> skipped it. */
const GARBAGE = 'NoSuchDirectiveAnywhere on';

function skipped(condition: string): string[] {
  return [`<IfModule ${condition}>`, GARBAGE, '</IfModule>'];
}

test('modules.json validates against modules.schema.json, sorted, unique, stably formatted', () => {
  const ajv = new Ajv({ allErrors: true });
  const validate = ajv.compile(schema);
  assert.ok(validate(data), ajv.errorsText(validate.errors, { separator: '\n' }));
  const identifiers = facts.map((fact) => fact.identifier);
  assert.deepEqual(identifiers, [...identifiers].sort(), 'sorted by identifier');
  assert.equal(new Set(identifiers).size, facts.length, 'identifiers are unique');
  assert.equal(new Set(facts.map((fact) => fact.sourceName)).size, facts.length, 'source names are unique');
  const debianNames = new Set(facts.flatMap((fact) => (fact.debianName ? [fact.debianName] : [])));
  for (const fact of facts) for (const dependency of fact.depends) assert.ok(debianNames.has(dependency), `${fact.identifier} depends on unknown ${dependency}`);
  const text = readFileSync(join(__dirname, '../../server/src/knowledge/modules.json'), 'utf8');
  assert.equal(text, JSON.stringify(data, null, 2) + '\n', `formatting drifted; ${REGENERATE}`);
});

test('the compiled-in modules are exactly apache2 -l, with DUMP_MODULES identifiers', () => {
  const listed = [...execFileSync(APACHE, ['-l'], { encoding: 'utf8' }).matchAll(/^\s+(\S+\.c)$/gm)].map((match) => match[1]);
  assert.ok(listed.includes('core.c'));
  const compiledIn = facts.filter((fact) => fact.compiledIn);
  assert.deepEqual(new Set(compiledIn.map((fact) => fact.sourceName)), new Set(listed), REGENERATE);

  const dump = apacheConfigTest({ 'main.conf': 'Define DUMP_MODULES\n' }, 'main.conf');
  assert.ok(dump.ok, dump.output);
  const loaded = (kind: string) => new Set([...dump.output.matchAll(new RegExp(`^ (\\S+) \\(${kind}\\)$`, 'gm'))].map((match) => match[1]));
  assert.deepEqual(loaded('static'), new Set(compiledIn.map((fact) => fact.identifier)));
  // apacheConfigTest loads every .so but worker and prefork: their identifiers must be the facts'.
  const shared = facts.filter((fact) => !fact.compiledIn && fact !== mpmFacts[1] && fact !== mpmFacts[2]);
  assert.deepEqual(loaded('shared'), new Set(shared.map((fact) => fact.identifier)));
});

test('every .load file (and every .so) matches its fact', () => {
  const loads = readdirSync(MODS_AVAILABLE).filter((name) => name.endsWith('.load'));
  assert.ok(loads.length > 100, `only ${loads.length} .load files`);
  for (const name of loads) {
    const text = readFileSync(join(MODS_AVAILABLE, name), 'utf8');
    const line = /^\s*LoadModule\s+(\S+)\s+(\S+)/m.exec(text);
    assert.ok(line, `${name} has a LoadModule line`);
    const fact = index.byIdentifier(line[1]);
    assert.ok(fact, `${line[1]} (${name}) is missing; ${REGENERATE}`);
    assert.equal(fact.file, basename(line[2]), name);
    assert.equal(fact.debianName, name.slice(0, -'.load'.length));
    assert.equal(fact.compiledIn, false);
    const depends = /^#\s*Depends:(.*)$/m.exec(text)?.[1].trim().split(/\s+/) ?? [];
    assert.deepEqual(fact.depends, depends, name);
  }
  const files = readdirSync('/usr/lib/apache2/modules').filter((file) => file.endsWith('.so'));
  assert.deepEqual(new Set(facts.flatMap((fact) => (fact.file ? [fact.file] : []))), new Set(files), REGENERATE);
});

test('every module of directives.json resolves, and the index looks up every name kind', () => {
  for (const module of new Set(directiveData.directives.map((directive) => directive.module))) {
    assert.ok(index.forDirectiveModule(module), `directives.json module ${module} has no fact; ${REGENERATE}`);
  }
  assert.equal(index.forDirectiveModule('mod_ssl')?.identifier, 'ssl_module');
  assert.equal(index.forDirectiveModule('event')?.identifier, 'mpm_event_module');
  assert.equal(index.forDirectiveModule('util_ldap')?.identifier, 'ldap_module');
  assert.equal(index.forDirectiveModule('http_core')?.identifier, 'http_module');
  assert.equal(index.bySourceName('mod_ssl.c')?.debianName, 'ssl');
  assert.equal(index.byIdentifier('dumpio_module')?.debianName, 'dump_io');
  assert.deepEqual(index.byIdentifier('ssl_module')?.depends, ['setenvif', 'mime', 'socache_shmcb']);
  assert.equal(index.byIdentifier('so_module')?.compiledIn, true);
  const ssl = index.byIdentifier('ssl_module')!;
  assert.ok(index.matchesIfModule(ssl, 'mod_ssl.c'));
  assert.ok(index.matchesIfModule(ssl, 'ssl_module'));
  for (const miss of ['mod_ssl', 'ssl', 'MOD_SSL.c', 'mod_ssl.so']) assert.equal(index.matchesIfModule(ssl, miss), false, miss);
  assert.equal(defaultModuleIndex(), defaultModuleIndex(), 'built once');
  assert.equal(defaultModuleIndex().all().length, facts.length);
});

test('apache2 -t: <IfModule> matches every loaded module by source name and identifier, never without .c', () => {
  const loaded = facts.filter((fact) => fact !== mpmFacts[1] && fact !== mpmFacts[2]);
  const lines = loaded.flatMap((fact) => [...skipped(`!${fact.sourceName}`), ...skipped(`!${fact.identifier}`)]);
  lines.push(...skipped('mod_ssl'), ...skipped('mod_ssl.so'), ...skipped('MOD_SSL.c'));
  const verdict = apacheConfigTest({ 'main.conf': lines.join('\n') + '\n' }, 'main.conf');
  assert.ok(verdict.ok, `line ${verdict.line}: ${lines[(verdict.line ?? 0) - 2]} ${verdict.message}`);

  // The control: the body is read when <IfModule> holds, so the same garbage fails.
  const refused = apacheConfigTest({ 'main.conf': skipped('!mod_ssl').join('\n') + '\n' }, 'main.conf');
  assert.equal(refused.ok, false);
  assert.equal(refused.line, 2);
  assert.match(refused.message ?? '', /Invalid command 'NoSuchDirectiveAnywhere'/);
});

test('apache2 -t: each MPM answers to its own names, not to the other MPMs', () => {
  for (const [position, mpm] of MPMS.entries()) {
    const own = mpmFacts[position];
    assert.ok(own, `mpm_${mpm}_module is missing; ${REGENERATE}`);
    const lines = [...skipped(`!${own.sourceName}`), ...skipped(`!${own.identifier}`)];
    for (const other of mpmFacts) if (other && other !== own) lines.push(...skipped(other.sourceName), ...skipped(other.identifier));
    const root = mkdtempSync(join(tmpdir(), 'apache-ssl-mpm-'));
    try {
      writeFileSync(join(root, '.oracle-prelude.conf'), `${loadAllModules(mpm)}ServerName localhost\nErrorLog /dev/null\n`);
      writeFileSync(join(root, 'main.conf'), lines.join('\n') + '\n');
      const verdict = runApacheTest(root, join(root, 'main.conf'));
      assert.ok(verdict.ok, `${mpm}: ${verdict.output}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
});
