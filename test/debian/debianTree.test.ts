// Debian's /etc/apache2 as a whole tree, copied to a temporary folder, read by
// the configuration model and by the real Apache side by side: once as
// installed, once after what `a2enmod ssl proxy proxy_http headers` and
// `a2ensite default-ssl` would do (done here on the copy, never on /etc).
// For each: no error finding in any file the model reads, no include problem,
// the same files in the same order as `apache2 -t -D DUMP_INCLUDES`,
// Apache's "Syntax OK", and the same virtual host map as `apache2 -S`.
// Apache runs with the environment the copy's envvars gives (read by
// readEnvironmentFile, no shell), as apache2ctl would give it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { after, test, type TestContext } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { buildConfigModel, type ConfigModel } from '../../server/src/config/buildConfigModel';
import { nodeFileSystem } from '../../server/src/config/fileSystem';
import { readEnvironmentFile } from '../../server/src/config/readEnvironmentFile';
import { SourceCache } from '../../server/src/config/sourceCache';
import { assertSameVhostMap } from '../support/compareVhostMaps';

const ETC = '/etc/apache2';
const APACHE = '/usr/sbin/apache2';
const SNAKEOIL_CERT = '/etc/ssl/certs/ssl-cert-snakeoil.pem';
const SNAKEOIL_KEY = '/etc/ssl/private/ssl-cert-snakeoil.key';
/** What the issue asks to enable: `a2enmod ssl proxy proxy_http headers` and `a2ensite default-ssl`. */
const MODULES_TO_ENABLE = ['ssl', 'proxy', 'proxy_http', 'headers'];
const SITES_TO_ENABLE = ['default-ssl'];

const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'apache-ssl-debian-')));
after(() => rmSync(scratch, { recursive: true, force: true }));

function requireDebianApache(): void {
  assert.ok(existsSync(ETC), `${ETC} does not exist: this test needs Debian's Apache configuration. Install it with: apt-get install -y apache2`);
  assert.ok(existsSync(APACHE), `${APACHE} is missing. Install it with: apt-get install -y apache2`);
}

/** Every symbolic link under `root`, not following any. */
function symlinksUnder(root: string): string[] {
  return readdirSync(root, { withFileTypes: true }).flatMap((entry) => {
    const path = join(root, entry.name);
    if (entry.isSymbolicLink()) return [path];
    return entry.isDirectory() ? symlinksUnder(path) : [];
  });
}

/** `cp -a /etc/apache2 DEST`: links stay links with their target text, modes and times kept, nothing dereferenced. */
function copyTree(name: string): string {
  const root = join(scratch, name);
  cpSync(ETC, root, { recursive: true, verbatimSymlinks: true, preserveTimestamps: true, dereference: false });
  for (const link of symlinksUnder(root)) {
    const target = readlinkSync(link);
    assert.ok(!isAbsolute(target), `${relative(root, link)} -> ${target} is absolute: the copy would read the real ${ETC}`);
    const resolved = realpathSync(link);
    assert.ok(resolved.startsWith(`${root}/`), `${relative(root, link)} -> ${target} leaves the copy (${resolved})`);
  }
  return root;
}

/** The names on a `# Depends:` or `# Conflicts:` line, read the way a2enmod's get_deps does (only before the first directive). */
function headerList(file: string, kind: 'Depends' | 'Conflicts'): string[] {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const match = new RegExp(`^# ${kind}:\\s+(.*?)\\s*$`).exec(line);
    if (match) return match[1].split(/\s+/).filter((name) => name !== '');
    if (!/^\s*(?:#.*)?$/.test(line)) break;
  }
  return [];
}

/** The relative link a2enmod's add_link makes (File::Spec->abs2rel), unless an equal one is there. */
function addLink(target: string, link: string, made: string[]): void {
  const wanted = relative(dirname(link), target);
  let existing: string | undefined;
  try {
    existing = lstatSync(link).isSymbolicLink() ? readlinkSync(link) : '(not a link)';
  } catch {
    existing = undefined;
  }
  if (existing !== undefined) {
    assert.ok(existsSync(link) && realpathSync(link) === realpathSync(target), `${link} exists but is not a link to ${target} (${existing})`);
    return;
  }
  symlinkSync(wanted, link);
  made.push(`${relative(dirname(dirname(link)), link)} -> ${wanted}`);
}

/** What `a2enmod NAME` does to the tree: dependencies first, conflicts refused, then NAME.conf (if any) and NAME.load. */
function enableModule(confdir: string, name: string, made: string[], seen = new Set<string>()): void {
  if (seen.has(name)) return;
  seen.add(name);
  const available = join(confdir, 'mods-available');
  const enabled = join(confdir, 'mods-enabled');
  const load = join(available, `${name}.load`);
  assert.ok(existsSync(load), `Module ${name} does not exist! (${load})`);
  for (const dependency of headerList(load, 'Depends')) enableModule(confdir, dependency, made, seen);
  for (const conflict of headerList(load, 'Conflicts')) {
    assert.ok(!existsSync(join(enabled, `${conflict}.load`)), `Module ${conflict} is enabled - cannot enable ${name} due to conflicts`);
  }
  const conf = join(available, `${name}.conf`);
  if (existsSync(conf)) addLink(conf, join(enabled, `${name}.conf`), made);
  addLink(load, join(enabled, `${name}.load`), made);
}

/** What `a2ensite NAME` does: refuse when a module of its `# Depends:` line is not enabled, else link it. */
function enableSite(confdir: string, name: string, made: string[]): void {
  const site = join(confdir, 'sites-available', `${name}.conf`);
  assert.ok(existsSync(site), `Site ${name} does not exist! (${site})`);
  for (const dependency of headerList(site, 'Depends')) {
    assert.ok(existsSync(join(confdir, 'mods-enabled', `${dependency}.load`)), `Module ${dependency} is not enabled, but ${name} depends on it`);
  }
  addLink(site, join(confdir, 'sites-enabled', `${name}.conf`), made);
}

interface Tree {
  root: string;
  main: string;
  environment: Record<string, string>;
  model: ConfigModel;
}

function prepare(name: string, enable: boolean, t: TestContext): Tree {
  requireDebianApache();
  const root = copyTree(name);
  // As after a boot (/run is emptied): the folders for APACHE_RUN_DIR and APACHE_LOCK_DIR do not exist until
  // apache2ctl makes them, so the model is read before they do (see likeApache2ctl), whatever this machine has.
  const envvars = join(root, 'envvars');
  const moved = readFileSync(envvars, 'utf8').replace(/\/var\/(run|lock)\/apache2/g, (_, kind: string) => join(root, kind, 'apache2'));
  assert.notEqual(moved, readFileSync(envvars, 'utf8'), 'envvars does not name /var/run/apache2 or /var/lock/apache2 any more');
  writeFileSync(envvars, moved);
  if (enable) {
    const made: string[] = [];
    for (const module of MODULES_TO_ENABLE) enableModule(root, module, made);
    for (const site of SITES_TO_ENABLE) enableSite(root, site, made);
    t.diagnostic(`links made in the copy: ${made.join(', ')}`);
    for (const module of [...MODULES_TO_ENABLE, ...headerList(join(root, 'mods-available', 'ssl.load'), 'Depends')]) {
      assert.ok(existsSync(join(root, 'mods-enabled', `${module}.load`)), `${module}.load is not enabled in the copy`);
    }
  }
  const main = join(root, 'apache2.conf');
  assert.ok(
    !/^\s*ServerRoot\b/im.test(readFileSync(main, 'utf8')),
    'apache2.conf sets ServerRoot: this test expects it commented out, as Debian ships it, so that -d / serverRoot decide',
  );
  // apache2ctl: APACHE_CONFDIR is the configuration folder, then `. $APACHE_CONFDIR/envvars`.
  const environment = readEnvironmentFile(readFileSync(join(root, 'envvars'), 'utf8'), {
    PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin',
    APACHE_CONFDIR: root,
  });
  for (const variable of ['APACHE_RUN_USER', 'APACHE_RUN_GROUP', 'APACHE_PID_FILE', 'APACHE_RUN_DIR', 'APACHE_LOCK_DIR', 'APACHE_LOG_DIR']) {
    assert.ok(environment[variable], `${variable} not set by the copy's envvars`);
  }
  const model = buildConfigModel(main, { sources: new SourceCache(nodeFileSystem), serverRoot: root, environment });
  return { root, main, environment, model };
}

/** apache2ctl creates APACHE_RUN_DIR and APACHE_LOCK_DIR before it runs apache2 (`mkdir -p`); DefaultRuntimeDir must exist even for -t. */
function likeApache2ctl(tree: Tree, t: TestContext): void {
  for (const variable of ['APACHE_RUN_DIR', 'APACHE_LOCK_DIR']) {
    const folder = tree.environment[variable];
    if (statSync(folder, { throwIfNoEntry: false })?.isDirectory()) continue;
    mkdirSync(folder, { recursive: true });
    t.diagnostic(`created ${folder} as apache2ctl does (mkdir -p $${variable})`);
  }
}

function apache(tree: Tree, extra: string[], t: TestContext): { status: number | null; stdout: string; stderr: string } {
  likeApache2ctl(tree, t);
  const run = spawnSync(APACHE, ['-t', ...extra, '-d', tree.root, '-f', tree.main], { env: tree.environment, encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface DumpedInclude {
  path: string;
  /** The line of the Include in the including file; undefined for the main file. */
  line?: number;
  parent?: string;
}

/** `apache2 -t -D DUMP_INCLUDES`: "  (*) main", then "    (LINE) path" indented two spaces per level. */
function parseDumpIncludes(stdout: string): DumpedInclude[] {
  const entries: DumpedInclude[] = [];
  const stack: string[] = [];
  for (const text of stdout.split('\n')) {
    const match = /^( +)\((\*|\d+)\) (.+)$/.exec(text);
    if (!match) continue;
    const depth = match[1].length / 2 - 1;
    stack.length = depth;
    entries.push({ path: match[3], ...(match[2] === '*' ? {} : { line: Number(match[2]), parent: stack[depth - 1] }) });
    stack.push(match[3]);
  }
  return entries;
}

/** `addresses`: the address sets apache2 -S is expected to print, in its order. */
async function checkTree(tree: Tree, addresses: string[], t: TestContext): Promise<void> {
  const { model, root } = tree;
  const name = (path: string) => relative(root, path);
  t.diagnostic(`${model.files.size} files read by the model: ${[...model.files.keys()].map(name).join(' ')}`);

  await t.test('(a) no error finding in any file the model reads, each analysed in its place in the tree', () => {
    const errors: string[] = [];
    for (const [path, scope] of model.files) {
      for (const d of analyzeFile(scope.file, { model, fileName: path })) {
        if (d.severity !== DiagnosticSeverity.Error) continue;
        errors.push(`  ${name(path)}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message} [${String(d.code)}]`);
      }
    }
    assert.equal(errors.length, 0, `error findings Apache does not agree with (it says Syntax OK):\n${errors.join('\n')}`);
  });

  await t.test('(b) the model has no include problem', () => {
    const includeProblems = model.problems
      .filter((p) => p.rule === 'include/failed' || p.rule === 'include/recursion')
      .map((p) => `  ${name(p.path)}:${p.range.start.line + 1}: ${p.message} [${p.rule}]`);
    assert.deepEqual(includeProblems, []);
  });

  await t.test('(c) the files Apache reads (-D DUMP_INCLUDES) are the files of the model, in the same order, from the same Include lines', () => {
    const run = apache(tree, ['-D', 'DUMP_INCLUDES'], t);
    assert.equal(run.status, 0, `apache2 -t -D DUMP_INCLUDES failed:\n${run.stdout}${run.stderr}`);
    const dumped = parseDumpIncludes(run.stdout);
    assert.ok(dumped.length > 10, `could not read the include dump:\n${run.stdout}`);
    const apacheOrder = dumped.map((entry) => entry.path).filter((path, index, all) => all.indexOf(path) === index);
    const ours = [...model.files.keys()];
    const onlyApache = apacheOrder.filter((path) => !model.files.has(path)).map(name);
    const onlyOurs = ours.filter((path) => !apacheOrder.includes(path)).map(name);
    assert.deepEqual({ onlyApache, onlyOurs }, { onlyApache: [], onlyOurs: [] }, 'the sets of files differ');
    assert.deepEqual(ours.map(name), apacheOrder.map(name), 'same files, different order');
    const origins = dumped.map((entry) => `${name(entry.path)} from ${entry.parent ? `${name(entry.parent)}:${entry.line}` : '(main)'}`);
    const ourOrigins = dumped.map((entry) => {
      const from = model.files.get(entry.path)?.includedFrom;
      return `${name(entry.path)} from ${from ? `${name(from.path)}:${from.node.range.start.line + 1}` : '(main)'}`;
    });
    assert.deepEqual(ourOrigins, origins, 'the Include line that brings a file in differs');
  });

  await t.test('(d) apache2 -t says Syntax OK, and the model finds the same undefined ${VAR} as AH00111', () => {
    const run = apache(tree, [], t);
    const output = `${run.stdout}${run.stderr}`;
    assert.equal(run.status, 0, `apache2 -t refuses the copy:\n${output}`);
    assert.match(output, /^Syntax OK$/m);
    const apacheUndefined = [...output.matchAll(/AH00111: Config variable \$\{([^}]*)\} is not defined/g)].map((m) => m[1]).sort();
    const ourUndefined = model.problems
      .filter((p) => p.rule === 'define/undefined-variable')
      .map((p) => /\$\{([^}]*)\}/.exec(p.message)?.[1] ?? p.message)
      .sort();
    assert.deepEqual(ourUndefined, apacheUndefined);
  });

  await t.test('(e) our virtual host map is the one apache2 -S prints', async () => {
    likeApache2ctl(tree, t);
    const dump = await assertSameVhostMap(model, root, tree.main, tree.environment);
    assert.deepEqual(
      dump.sets.map((set) => set.key),
      addresses,
      `apache2 -S printed other address sets than expected:\n${dump.output}`,
    );
  });
}

test('pristine copy of /etc/apache2: the model and apache2 -t agree', async (t) => {
  await checkTree(prepare('pristine', false, t), ['*:80'], t);
});

test('copy of /etc/apache2 after a2enmod ssl proxy proxy_http headers + a2ensite default-ssl: the model and apache2 -t agree', async (t) => {
  for (const file of [SNAKEOIL_CERT, SNAKEOIL_KEY]) {
    assert.ok(
      existsSync(file),
      `${file} does not exist: default-ssl.conf uses Debian's snakeoil certificate. Create it with: make-ssl-cert generate-default-snakeoil (package ssl-cert)`,
    );
  }
  const tree = prepare('enabled', true, t);
  for (const file of ['mods-enabled/ssl.load', 'mods-enabled/ssl.conf', 'mods-enabled/socache_shmcb.load', 'mods-enabled/proxy_http.load', 'sites-enabled/default-ssl.conf']) {
    assert.ok(tree.model.files.has(join(tree.root, file)), `the model does not read ${file}`);
  }
  assert.ok(tree.model.loadedModules.has('ssl_module'), 'ssl_module is not loaded in the model');
  // 000-default.conf is <VirtualHost *:80>, default-ssl.conf <VirtualHost *:443>.
  await checkTree(tree, ['*:80', '*:443'], t);
});
