// Quick fixes: each changes only what its title says (every other byte stays),
// and where Apache refused the configuration before, it accepts it after.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { buildConfigModel, type ConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem, nodeFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { quickFixes } from '../../server/src/features/codeActions';
import { apacheConfigTest } from '../support/apacheOracle';
import { applyEdits } from '../support/applyEdits';
import { writeTree } from '../support/tempTree';

const MODULES = '/usr/lib/apache2/modules';
const uriOf = (path: string) => `file://${path}`;

function tree(files: Record<string, string>, main: string): ConfigModel {
  return buildConfigModel(main, { sources: new SourceCache(memoryFileSystem(files)) });
}

function diagnosticsAndFixes(model: ConfigModel, path: string): { diagnostics: Diagnostic[]; actions: CodeAction[] } {
  const file = model.files.get(path)?.file;
  assert.ok(file, `${path} is not in the tree`);
  const diagnostics = analyzeFile(file, { model, fileName: path });
  // Every finding also gets "Disable … for this line" (disableNextLine.test.ts): left out here.
  const actions = quickFixes(diagnostics, { file, path, uri: uriOf(path), model, uriOf }).filter((a) => !a.title.startsWith('Disable '));
  return { diagnostics, actions };
}

/** The files after applying one action's edits. */
function apply(files: Record<string, string>, action: CodeAction): Record<string, string> {
  const out = { ...files };
  for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
    const path = uri.replace(/^file:\/\//, '');
    out[path] = applyEdits(files[path], edits);
  }
  return out;
}

/** `apache2 -t` on the tree as written: the main file loads its own modules, so no prelude. */
function apacheAccepts(files: Record<string, string>, main: string): { ok: boolean; output: string } {
  return apacheConfigTest(files, main, '');
}

test('a directive whose module is not loaded: add LoadModule after the last one, written like it; Apache then accepts', () => {
  const files = {
    '/t/httpd.conf': `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so\r\n  LoadModule authz_core_module ${MODULES}/mod_authz_core.so\r\nServerName t\r\nErrorLog /dev/null\r\nInclude site.conf\r\n`,
    '/t/site.conf': '<Location />\n    Header set X-Test yes\n</Location>\n',
  };
  const { diagnostics, actions } = diagnosticsAndFixes(tree(files, '/t/httpd.conf'), '/t/site.conf');
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}`), ['1:mod/unknown-directive']);
  assert.match(String(diagnostics[0].message), /mod_headers/);
  assert.match(String(diagnostics[0].message), /LoadModule headers_module/);
  assert.equal(actions.length, 1);
  const fixed = apply(files, actions[0]);
  assert.equal(
    fixed['/t/httpd.conf'],
    files['/t/httpd.conf'].replace('Server', `  LoadModule headers_module ${MODULES}/mod_headers.so\r\nServer`),
    'one line added, after the last LoadModule, with its indentation and line break',
  );
  assert.equal(fixed['/t/site.conf'], files['/t/site.conf']);
  assert.deepEqual(diagnosticsAndFixes(tree(fixed, '/t/httpd.conf'), '/t/site.conf').diagnostics, []);

  const real = (all: Record<string, string>) => Object.fromEntries(Object.entries(all).map(([path, text]) => [path.replace('/t/', ''), text]));
  const before = apacheAccepts(real(files), 'httpd.conf');
  assert.ok(!before.ok && /Invalid command 'Header'/.test(before.output), before.output);
  const after = apacheAccepts(real(fixed), 'httpd.conf');
  assert.ok(after.ok, after.output);
});

test('beside a third-party module loaded from its own folder, the LoadModule goes with Apache\'s own, whose folder has the .so', () => {
  const files = {
    '/t/main.conf': [
      `LoadModule mpm_prefork_module ${MODULES}/mod_mpm_prefork.so`,
      `LoadModule authz_core_module ${MODULES}/mod_authz_core.so`,
      'LoadModule php_module /opt/php8.2/usr/lib/apache2/modules/libphp8.2.so',
      'ServerName t',
      '<Location />',
      '    Header set X-Test yes',
      '</Location>',
      '',
    ].join('\n'),
  };
  const { diagnostics: all, actions } = diagnosticsAndFixes(tree(files, '/t/main.conf'), '/t/main.conf');
  // mod/load-file-missing also reports libphp8.2.so, which is not on this machine; its fix is not this test's.
  const diagnostics = all.filter((d) => d.code !== 'mod/load-file-missing');
  assert.deepEqual(diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}`), ['5:mod/unknown-directive']);
  assert.match(String(diagnostics[0].message), new RegExp(`LoadModule headers_module ${MODULES}/mod_headers\\.so`));
  assert.equal(actions.length, 1);
  const fixed = apply(files, actions[0])['/t/main.conf'];
  const line = `LoadModule headers_module ${MODULES}/mod_headers.so`;
  assert.equal(fixed, files['/t/main.conf'].replace('LoadModule php_module', `${line}\nLoadModule php_module`), 'one line added after the last of Apache\'s modules, nothing else changed');
  assert.ok(existsSync(`${MODULES}/mod_headers.so`), `${MODULES}/mod_headers.so does not exist`);
});

test('with only a third-party module loaded, the LoadModule names Debian\'s module folder under /etc/apache2, else ServerRoot\'s modules/', () => {
  const lines = (main: string) => {
    const text = 'LoadModule wsgi_module /opt/wsgi/mod_wsgi.so\nServerName t\nHeader set X-Test yes\n';
    const { actions } = diagnosticsAndFixes(tree({ [main]: text }, main), main);
    assert.equal(actions.length, 1);
    return { text, fixed: apply({ [main]: text }, actions[0])[main] };
  };
  const debian = lines('/etc/apache2/apache2.conf');
  assert.equal(debian.fixed, debian.text.replace('ServerName', `LoadModule headers_module ${MODULES}/mod_headers.so\nServerName`));
  assert.ok(existsSync(`${MODULES}/mod_headers.so`));
  const other = lines('/srv/httpd/conf/httpd.conf');
  assert.equal(other.fixed, other.text.replace('ServerName', 'LoadModule headers_module modules/mod_headers.so\nServerName'));
});

test('in a Debian layout the message says a2enmod, and no edit pretends to do it', () => {
  const files = {
    '/etc/apache2/apache2.conf': 'IncludeOptional mods-enabled/*.load\nInclude sites-enabled/*.conf\n',
    '/etc/apache2/mods-enabled/mpm_event.load': `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so\n`,
    '/etc/apache2/sites-enabled/a.conf': '<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n',
  };
  const { diagnostics, actions } = diagnosticsAndFixes(tree(files, '/etc/apache2/apache2.conf'), '/etc/apache2/sites-enabled/a.conf');
  assert.deepEqual(diagnostics.map((d) => String(d.code)), ['mod/unknown-directive']);
  assert.match(String(diagnostics[0].message), /a2enmod ssl/);
  assert.deepEqual(actions, []);
});

test('a misspelled directive or section: change to a suggestion (a section in its close tag too)', () => {
  const files = {
    '/t/httpd.conf': `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so\nLoadModule ssl_module ${MODULES}/mod_ssl.so\nSSLVerifyClinet require\n<Locaton /x>\n</Locaton>\n`,
  };
  const { actions } = diagnosticsAndFixes(tree(files, '/t/httpd.conf'), '/t/httpd.conf');
  const titles = actions.map((a) => a.title);
  assert.ok(titles.includes("Change to 'SSLVerifyClient'"), titles.join(', '));
  const directive = apply(files, actions.find((a) => a.title === "Change to 'SSLVerifyClient'") as CodeAction);
  assert.equal(directive['/t/httpd.conf'], files['/t/httpd.conf'].replace('SSLVerifyClinet', 'SSLVerifyClient'));
  const section = apply(files, actions.find((a) => a.title === "Change to '<Location'") as CodeAction);
  assert.equal(section['/t/httpd.conf'], files['/t/httpd.conf'].replace('<Locaton /x>\n</Locaton>', '<Location /x>\n</Location>'));
});

test('<IfModule mod_ssl> becomes the module identifier, found from the source name, the .so or the Debian name', () => {
  for (const [written, wanted] of [
    ['mod_ssl', 'ssl_module'],
    ['!mod_ssl', '!ssl_module'],
    ['mod_dumpio', 'dumpio_module'],
    ['mod_mpm_event.so', 'mpm_event_module'],
    ['"mod_headers"', 'headers_module'],
  ]) {
    const files = { '/t/httpd.conf': `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so\n<IfModule ${written}>\n    ServerAdmin a@b.example\n</IfModule>\n` };
    const { diagnostics, actions } = diagnosticsAndFixes(tree(files, '/t/httpd.conf'), '/t/httpd.conf');
    assert.deepEqual(diagnostics.map((d) => String(d.code)), ['mod/ifmodule-bad-name'], written);
    assert.equal(actions.length, 1);
    const fixed = apply(files, actions[0]);
    assert.equal(fixed['/t/httpd.conf'], files['/t/httpd.conf'].replace(`<IfModule ${written}>`, `<IfModule ${wanted}>`));
  }
});

test("LoadModule naming what its file does not export: the fix writes the one module the file exports; only that word changes, and Apache accepts", () => {
  // A third-party module (Apache's mod_rewrite under a file name of its own) and one of Apache's.
  const module = readFileSync(`${MODULES}/mod_rewrite.so`);
  for (const [line, wanted] of [
    ['LoadModule security2_module thirdparty/mod_security2.so', 'LoadModule rewrite_module thirdparty/mod_security2.so'],
    [`LoadModule mod_rewrite   "${MODULES}/mod_rewrite.so"`, `LoadModule rewrite_module   "${MODULES}/mod_rewrite.so"`],
  ]) {
    const text = `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so\r\nServerName t\r\n${line}\r\nErrorLog /dev/null\r\n`;
    const root = writeTree({ 'thirdparty/mod_security2.so': module });
    try {
      const main = join(root, 'httpd.conf');
      const written = text.replace('thirdparty/', `${root}/thirdparty/`);
      writeFileSync(main, written);
      const model = buildConfigModel(main, { sources: new SourceCache(nodeFileSystem) });
      const { diagnostics, actions } = diagnosticsAndFixes(model, main);
      assert.deepEqual(diagnostics.map((d) => String(d.code)), ['mod/module-not-in-file'], line);
      assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [[`Change to ${wanted.split(/\s+/).slice(0, 2).join(' ')}`, false]], line);
      const fixed = applyEdits(written, actions[0].edit?.changes?.[uriOf(main)] ?? []);
      assert.equal(fixed, written.replace(line.replace('thirdparty/', `${root}/thirdparty/`), wanted.replace('thirdparty/', `${root}/thirdparty/`)));
      assert.equal(apacheConfigTest({ 'main.conf': written }, 'main.conf', '').ok, false, `${line}: Apache refuses it before`);
      const after = apacheConfigTest({ 'main.conf': fixed }, 'main.conf', '');
      assert.ok(after.ok, `${line}: Apache refuses it after the fix: ${after.output}`);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
});

test('FancyIndexing on|off: the fix writes the IndexOptions line that says the same; only that line changes, and Apache accepts', () => {
  for (const [line, wanted] of [
    ['    FancyIndexing on', '    IndexOptions +FancyIndexing'],
    ['\tFancyIndexing   Off', '\tIndexOptions -FancyIndexing'],
  ]) {
    const files = {
      '/t/httpd.conf': `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so\nLoadModule autoindex_module ${MODULES}/mod_autoindex.so\nServerName t\nErrorLog /dev/null\n<Directory /srv>\n${line}\n</Directory>\n`,
    };
    assert.equal(apacheAccepts(files, '/t/httpd.conf').ok, false, line);
    const { diagnostics, actions } = diagnosticsAndFixes(tree(files, '/t/httpd.conf'), '/t/httpd.conf');
    assert.deepEqual(diagnostics.map((d) => String(d.code)), ['core/removed-directive'], line);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [[`Change to ${wanted.trim()}`, true]]);
    const fixed = apply(files, actions[0]);
    assert.equal(fixed['/t/httpd.conf'], files['/t/httpd.conf'].replace(line, wanted));
    const after = apacheAccepts(fixed, '/t/httpd.conf');
    assert.ok(after.ok, after.output);
  }
});
