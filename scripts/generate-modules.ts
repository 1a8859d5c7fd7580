// Regenerates server/src/knowledge/modules.json: every module of this Debian
// build, the LoadModule line that loads it and the names <IfModule> answers to.
//   - identifier, file, debianName, depends: /etc/apache2/mods-available/*.load; a .so that Debian
//     ships without a .load file (mod_bucketeer, mod_case_filter*) gets its exported *_module symbol;
//   - compiled-in modules: `apache2 -l` (source names) and DUMP_MODULES (identifiers). Both lists come
//     from the same build-generated modules.c tables, in the same order, so they pair by position;
//   - sourceName, probed: a configuration loads the modules one by one and, right before and right
//     after each LoadModule, asks <IfModule CANDIDATE> for every candidate name (the .c strings of the
//     .so, and the module column of directives.json), each "yes" recorded with Define and printed by
//     DUMP_RUN_CFG. The one candidate that turns true with the module's LoadModule is its source name.
//     One apache2 -t run per MPM, as the MPMs exclude each other.
// Run: npx tsx scripts/generate-modules.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import directiveData from '../server/src/knowledge/directives.json';
import type { ModuleFact } from '../server/src/knowledge/moduleIndex';
import { runApacheTest } from '../test/support/apacheOracle';
import { APACHE, apacheVersion, MPMS } from './knowledge/listing';

const MODS_AVAILABLE = '/etc/apache2/mods-available';
const MODULES = '/usr/lib/apache2/modules';
const OUTPUT = 'server/src/knowledge/modules.json';

/** A module that LoadModule loads; its source name is what the probe finds out. */
type SharedModule = Omit<ModuleFact, 'sourceName' | 'compiledIn'> & { file: string };

function readLoadFiles(): Map<string, SharedModule> {
  const byFile = new Map<string, SharedModule>();
  for (const name of readdirSync(MODS_AVAILABLE).filter((entry) => entry.endsWith('.load')).sort()) {
    const text = readFileSync(join(MODS_AVAILABLE, name), 'utf8');
    // Indented too: dav.load wraps its line in <IfModule !mod_dav.c>.
    const lines = [...text.matchAll(/^\s*LoadModule\s+(\S+)\s+(\S+)/gm)];
    if (lines.length !== 1) throw new Error(`${name}: expected one LoadModule line, found ${lines.length}`);
    const depends = /^#\s*Depends:(.*)$/m.exec(text)?.[1].trim().split(/\s+/).filter(Boolean) ?? [];
    const file = basename(lines[0][2]);
    byFile.set(file, { identifier: lines[0][1], file, debianName: name.slice(0, -'.load'.length), depends });
  }
  return byFile;
}

/** The module structure a .so exports, for the few .so files without a .load file. */
function exportedIdentifier(file: string): string {
  const symbols = execFileSync('nm', ['-D', '--defined-only', join(MODULES, file)], { encoding: 'utf8' });
  const found = [...symbols.matchAll(/ [DB] (\w+_module)$/gm)].map((match) => match[1]);
  if (found.length !== 1) throw new Error(`${file}: expected one exported *_module symbol, found ${found.join(', ') || 'none'}`);
  return found[0];
}

function sharedModules(): SharedModule[] {
  const loads = readLoadFiles();
  const files = readdirSync(MODULES).filter((file) => file.endsWith('.so')).sort();
  for (const file of loads.keys()) if (!files.includes(file)) throw new Error(`a .load file names ${file}, missing from ${MODULES}`);
  return files.map((file) => loads.get(file) ?? { identifier: exportedIdentifier(file), file, depends: [] });
}

/** Dependencies first (mod_proxy_http needs mod_proxy's symbols at load time), otherwise by file name. */
function loadOrder(modules: SharedModule[]): SharedModule[] {
  const byDebianName = new Map(modules.filter((module) => module.debianName).map((module) => [module.debianName!, module]));
  const ordered: SharedModule[] = [];
  const visit = (module: SharedModule) => {
    if (ordered.includes(module)) return;
    for (const dependency of module.depends) {
      const found = byDebianName.get(dependency);
      if (found) visit(found);
    }
    ordered.push(module);
  };
  modules.forEach(visit);
  return ordered;
}

const directiveModules = [...new Set(directiveData.directives.map((directive) => `${directive.module}.c`))];

/** Names the module may have been built from: the .c strings of the .so, and every directive module. */
function candidates(file: string): string[] {
  const strings = readFileSync(join(MODULES, file)).toString('latin1').match(/[\w./-]+\.c(?=\0)/g) ?? [];
  return [...new Set([...strings.map((path) => basename(path)), ...directiveModules])].sort();
}

interface ProbeRun {
  sourceNames: Map<SharedModule, string>;
  /** DUMP_MODULES' compiled-in identifiers, in order. */
  staticIdentifiers: string[];
}

/** Loads `sequence` in order, asking <IfModule> about each module's candidates before and after its LoadModule. */
function probeSourceNames(sequence: SharedModule[]): ProbeRun {
  const lines: string[] = [];
  const asked = sequence.map((module, index) => {
    const names = candidates(module.file);
    const ask = (when: string) => names.forEach((name, j) => lines.push(`<IfModule ${name}>`, `Define M${index}_${j}_${when}`, '</IfModule>'));
    ask('BEFORE');
    lines.push(`LoadModule ${module.identifier} ${join(MODULES, module.file)}`);
    ask('AFTER');
    return names;
  });
  lines.push('Define DUMP_RUN_CFG', 'Define DUMP_MODULES');
  const root = mkdtempSync(join(tmpdir(), 'apache-ssl-modules-'));
  try {
    // runApacheTest includes this prelude first; the modules are loaded by the probe itself.
    writeFileSync(join(root, '.oracle-prelude.conf'), 'ServerName localhost\nErrorLog /dev/null\n');
    writeFileSync(join(root, 'probe.conf'), lines.join('\n') + '\n');
    const verdict = runApacheTest(root, join(root, 'probe.conf'));
    if (!verdict.ok) throw new Error(`the probe configuration failed:\n${verdict.output}`);
    const defined = new Set([...verdict.output.matchAll(/^Define: (\S+)$/gm)].map((match) => match[1]));
    const sourceNames = new Map<SharedModule, string>();
    sequence.forEach((module, index) => {
      const turned = asked[index].filter((_, j) => defined.has(`M${index}_${j}_AFTER`) && !defined.has(`M${index}_${j}_BEFORE`));
      if (turned.length !== 1) throw new Error(`${module.file}: ${turned.length} candidates turned true with its LoadModule (${turned.join(', ')})`);
      sourceNames.set(module, turned[0]);
    });
    return { sourceNames, staticIdentifiers: [...verdict.output.matchAll(/^ (\S+) \(static\)$/gm)].map((match) => match[1]) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function compiledIn(identifiers: string[]): ModuleFact[] {
  const sourceNames = [...execFileSync(APACHE, ['-l'], { encoding: 'utf8' }).matchAll(/^\s+(\S+\.c)$/gm)].map((match) => match[1]);
  if (sourceNames.length !== identifiers.length) {
    throw new Error(`apache2 -l lists ${sourceNames.length} modules, DUMP_MODULES ${identifiers.length} static ones`);
  }
  return sourceNames.map((sourceName, index) => ({ identifier: identifiers[index], sourceName, compiledIn: true, depends: [] }));
}

function main(): void {
  const started = Date.now();
  const shared = sharedModules();
  const mpmFile = (mpm: string) => `mod_mpm_${mpm}.so`;
  const others = loadOrder(shared.filter((module) => !MPMS.some((mpm) => module.file === mpmFile(mpm))));
  const facts: ModuleFact[] = [];
  let staticIdentifiers: string[] = [];
  for (const mpm of MPMS) {
    const own = shared.find((module) => module.file === mpmFile(mpm));
    if (!own) throw new Error(`${mpmFile(mpm)} is missing from ${MODULES}`);
    // The other modules are probed once, with event.
    const run = probeSourceNames(mpm === 'event' ? [own, ...others] : [own]);
    staticIdentifiers = run.staticIdentifiers;
    for (const [module, sourceName] of run.sourceNames) {
      facts.push({ identifier: module.identifier, sourceName, file: module.file, debianName: module.debianName, compiledIn: false, depends: module.depends });
    }
  }
  facts.push(...compiledIn(staticIdentifiers));
  facts.sort((a, b) => (a.identifier < b.identifier ? -1 : a.identifier > b.identifier ? 1 : 0));
  for (const key of ['identifier', 'sourceName'] as const) {
    const seen = new Set(facts.map((fact) => fact[key]));
    if (seen.size !== facts.length) throw new Error(`two modules share a ${key}`);
  }
  const data = {
    generatedFrom: `${apacheVersion()}: /etc/apache2/mods-available/*.load, apache2 -l, DUMP_MODULES and <IfModule> probes (event, worker, prefork)`,
    // Fixed key order, undefined keys dropped by JSON.stringify.
    modules: facts.map(({ identifier, sourceName, file, debianName, compiledIn, depends }) => ({ identifier, sourceName, file, debianName, compiledIn, depends })),
  };
  writeFileSync(OUTPUT, JSON.stringify(data, null, 2) + '\n');
  const unusual = facts.filter((fact) => fact.sourceName !== `mod_${fact.identifier.replace(/_module$/, '')}.c`);
  console.log(`${facts.length} modules written to ${OUTPUT} in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  console.log(`not mod_X.c for X_module: ${unusual.map((fact) => `${fact.identifier}=${fact.sourceName}`).join(', ')}`);
}

main();
