// Debian's real /etc/apache2 (package apache2), which Apache starts with: every
// file must round-trip byte for byte through the parser, and none of the
// configuration files may get an error finding (they are what Apache accepts).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { parseConfig, printConfig } from '../../server/src/parser/parseConfig';

const ETC = '/etc/apache2';
const CLI = resolve(__dirname, '..', '..', 'dist', 'cli.js');

/**
 * Files of the tree that Apache does not read as configuration: `envvars` is a
 * shell script sourced by apache2ctl, `magic` is mod_mime_magic's data file
 * (MIMEMagicFile). They still must round-trip, but are not analysed.
 */
const NOT_CONFIGURATION = new Set(['envvars', 'magic']);

interface Found {
  /** The path as reached in the tree (possibly through a symlink). */
  path: string;
  real: string;
  viaLink: boolean;
}

/** Every regular file under `root`, following symlinks to files and folders; each folder is read once. */
function walk(root: string): { files: Found[]; dangling: string[] } {
  const files: Found[] = [];
  const dangling: string[] = [];
  const seenFolders = new Set<string>();
  const visit = (folder: string, viaLink: boolean) => {
    const real = realpathSync(folder);
    if (seenFolders.has(real)) return; // a symlink loop or a second way into the same folder
    seenFolders.add(real);
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      const isLink = lstatSync(path).isSymbolicLink();
      let stats;
      try {
        stats = statSync(path);
      } catch {
        dangling.push(path);
        continue;
      }
      if (stats.isDirectory()) visit(path, viaLink || isLink);
      else if (stats.isFile()) files.push({ path, real: realpathSync(path), viaLink: viaLink || isLink });
    }
  };
  visit(root, false);
  return { files, dangling };
}

test('Debian /etc/apache2: every file round-trips and no configuration file has an error finding', async (t) => {
  assert.ok(
    existsSync(ETC),
    `${ETC} does not exist: this test needs Debian's Apache configuration. Install it with: apt-get install -y apache2`,
  );
  const { files, dangling } = walk(ETC);
  assert.deepEqual(dangling, [], 'dangling symlinks in the tree');

  const distinct = new Set(files.map((f) => f.real));
  assert.ok(distinct.size > 40, `only ${distinct.size} distinct files found under ${ETC}`);
  // sites-enabled, mods-enabled and conf-enabled hold symlinks: they were read through.
  assert.ok(
    files.some((f) => f.viaLink && f.path.startsWith(join(ETC, 'sites-enabled'))),
    'sites-enabled/000-default.conf (a symlink) was read through the link',
  );
  for (const name of NOT_CONFIGURATION) {
    assert.ok(files.some((f) => f.path === join(ETC, name)), `${name} is in the tree (else drop it from NOT_CONFIGURATION)`);
  }

  let analysed = 0;
  for (const { path, viaLink } of files) {
    const name = relative(ETC, path);
    await t.test(`${name}${viaLink ? ' (through a symlink)' : ''}`, () => {
      const text = readFileSync(path, 'utf8');
      const file = parseConfig(text);
      assert.ok(printConfig(file) === text, `${name} does not round-trip byte for byte`);
      if (NOT_CONFIGURATION.has(name)) return;
      const errors = analyzeFile(file).filter((d) => d.severity === DiagnosticSeverity.Error);
      assert.equal(
        errors.length,
        0,
        `${name} gets error findings Apache does not agree with:\n` +
          errors
            .map((d) => `  ${name}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.message} [${String(d.code)}]`)
            .join('\n'),
      );
      analysed++;
    });
  }
  assert.ok(analysed > 40, `only ${analysed} configuration files analysed`);
  t.diagnostic(`${files.length} paths, ${distinct.size} distinct files, ${analysed} analysed as configuration`);
});

test('Debian /etc/apache2: `apache-ssl check /etc/apache2` exits 0', () => {
  assert.ok(existsSync(ETC), `${ETC} does not exist. Install it with: apt-get install -y apache2`);
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` first`);
  const run = spawnSync(process.execPath, [CLI, 'check', ETC], { encoding: 'utf8', timeout: 120_000 });
  assert.equal(run.status, 0, `status ${run.status} signal ${run.signal}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`);
  assert.equal(run.stderr, '');
  const summary = /^(\d+) files? checked: 0 errors, \d+ warnings?(?: \(.*\))?$/m.exec(run.stdout);
  assert.ok(summary, `no clean summary line:\n${run.stdout}`);
  // Each real file once: sites-enabled and mods-enabled links are not checked again.
  assert.ok(Number(summary[1]) > 30, `only ${summary[1]} distinct files checked`);
  // The main file and the enabled site are among them.
  const json = spawnSync(process.execPath, [CLI, 'check', '--format=json', '--root', join(ETC, 'apache2.conf'), ETC], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  assert.equal(json.status, 0, json.stderr);
  const paths = (JSON.parse(json.stdout) as { files: { path: string }[] }).files.map((f) => f.path);
  assert.ok(paths.includes(join(ETC, 'apache2.conf')));
  // The enabled site is a link to sites-available: checked once, under the first path found.
  const site = paths.filter((p) => p.endsWith('/000-default.conf'));
  assert.deepEqual(site, [join(ETC, 'sites-available', '000-default.conf')]);
  assert.ok(paths.includes(join(ETC, 'mods-available', 'ssl.conf')));
});
