// The server over JSON-RPC, on a configuration tree on disk: it finds the main
// configuration in the workspace, checks each open file in its place in the
// tree, follows changes to files that are not open, and answers navigation,
// quick fixes and the effective configuration.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Location, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';
import { writeTree } from '../support/tempTree';

const MODULES = '/usr/lib/apache2/modules';
const folders: string[] = [];
after(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

function workspace(files: Record<string, string>): string {
  const root = writeTree(files, 'apache-ssl-lsp-tree-');
  folders.push(root);
  return root;
}

const codes = (params: PublishDiagnosticsParams) => params.diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}`);

const TREE = {
  'httpd.conf': [
    `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so`,
    `LoadModule authz_core_module ${MODULES}/mod_authz_core.so`,
    // Relative to ServerRoot, where the tree has the folder: DocumentRoot looks for it.
    'Define SITE_ROOT www',
    'ServerName tree.example',
    '<VirtualHost *:80>',
    '    Include sites/*.conf',
    '</VirtualHost>',
    '',
  ].join('\n'),
  'sites/a.conf': 'DocumentRoot ${SITE_ROOT}/a\n<Location /a>\n    Header set X-A 1\n    Require all granted\n</Location>\n',
  'www/a/index.html': 'a\n',
};

test('a file of the tree is checked in its place: Defines of the main file count, and a module it lacks is named', async () => {
  const root = workspace(TREE);
  const client = await LspClient.start({ workspaceFolders: [root] });
  try {
    const uri = pathToFileURL(join(root, 'sites/a.conf')).href;
    await client.openDocument(TREE['sites/a.conf'], { uri });
    const diagnostics = await client.nextDiagnostics(uri);
    assert.deepEqual(codes(diagnostics), ['2:mod/unknown-directive'], JSON.stringify(diagnostics.diagnostics));
    assert.match(String(diagnostics.diagnostics[0].message), /mod_headers/);

    // The quick fix edits the main file, which is not open.
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostics.diagnostics[0].range,
      context: { diagnostics: diagnostics.diagnostics },
    });
    const main = pathToFileURL(join(root, 'httpd.conf')).href;
    // The fix, then the disable-next-line action every finding gets.
    assert.deepEqual(actions.map((a) => a.isPreferred === true), [true, false]);
    assert.equal(actions[1].title, 'Disable mod/unknown-directive for this line');
    assert.deepEqual(Object.keys(actions[0].edit?.changes ?? {}), [main]);
    assert.equal(actions[0].edit?.changes?.[main][0].newText, `LoadModule headers_module ${MODULES}/mod_headers.so\n`);

    // The main file changes on disk (as the fix would make it): the watcher's event re-checks the open file.
    assert.ok(client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'), 'the server asks to watch files');
    writeFileSync(join(root, 'httpd.conf'), TREE['httpd.conf'].replace('Define', `LoadModule headers_module ${MODULES}/mod_headers.so\nDefine`));
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: main, type: 2 }] });
    const after = await client.nextDiagnostics(uri, (params) => params.diagnostics.length === 0);
    assert.deepEqual(after.diagnostics, []);
  } finally {
    await client.dispose();
  }
});

test('with files watched, an unopened file of the tree is read again when the client reports its change; unwatched, at the next check', async () => {
  for (const watchFiles of [true, false]) {
    const root = workspace(TREE);
    const client = await LspClient.start({ workspaceFolders: [root], watchFiles });
    try {
      const uri = pathToFileURL(join(root, 'sites/a.conf')).href;
      await client.openDocument(TREE['sites/a.conf'], { uri, version: 1 });
      assert.deepEqual(codes(await client.diagnosticsForVersion(uri, 1)), ['2:mod/unknown-directive']);
      // httpd.conf gains mod_headers on disk; the open file is edited (a space), so it is checked again.
      writeFileSync(join(root, 'httpd.conf'), TREE['httpd.conf'].replace('Define', `LoadModule headers_module ${MODULES}/mod_headers.so\nDefine`));
      await client.changeDocument(uri, 2, [{ text: `${TREE['sites/a.conf']} ` }]);
      const edited = codes(await client.diagnosticsForVersion(uri, 2));
      if (!watchFiles) {
        assert.deepEqual(edited, [], 'unwatched, every check asks the disk');
        continue;
      }
      // Watched, the server relies on the client's report and does not stat the file at each check.
      assert.deepEqual(edited, ['2:mod/unknown-directive'], 'not reported yet');
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, 'httpd.conf')).href, type: 2 }] });
      assert.deepEqual((await client.nextDiagnostics(uri, (params) => params.diagnostics.length === 0)).diagnostics, []);
    } finally {
      await client.dispose();
    }
  }
});

test('editing one open file re-checks another that depends on it', async () => {
  const root = workspace(TREE);
  const client = await LspClient.start({ workspaceFolders: [root] });
  try {
    const site = pathToFileURL(join(root, 'sites/a.conf')).href;
    const main = pathToFileURL(join(root, 'httpd.conf')).href;
    await client.openDocument(TREE['sites/a.conf'].replace('${SITE_ROOT}', '${SITE_ROOT} ${NOPE}'), { uri: site });
    const first = await client.nextDiagnostics(site);
    assert.ok(codes(first).includes('0:define/undefined-variable'), JSON.stringify(codes(first)));
    await client.openDocument(TREE['httpd.conf'], { uri: main });
    await client.changeDocument(main, 2, [{ text: TREE['httpd.conf'].replace('Define SITE_ROOT www', 'Define SITE_ROOT www\nDefine NOPE x') }]);
    const second = await client.nextDiagnostics(site, (params) => !codes(params).some((c) => c.endsWith('define/undefined-variable')));
    assert.ok(!codes(second).some((c) => c.endsWith('define/undefined-variable')));
  } finally {
    await client.dispose();
  }
});

test('definition, references and rename of a Define variable across files; hover on an Include', async () => {
  const root = workspace(TREE);
  const client = await LspClient.start({ workspaceFolders: [root] });
  try {
    const site = pathToFileURL(join(root, 'sites/a.conf')).href;
    const main = pathToFileURL(join(root, 'httpd.conf')).href;
    await client.openDocument(TREE['sites/a.conf'], { uri: site });
    await client.nextDiagnostics(site);
    const onUse = { line: 0, character: 16 };
    const definition = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: site }, position: onUse });
    assert.deepEqual(definition.map((l) => [l.uri, l.range.start.line]), [[main, 2]]);
    const references = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: site },
      position: onUse,
      context: { includeDeclaration: true },
    });
    assert.deepEqual(references.map((l) => [l.uri, l.range.start.line]).sort(), [[main, 2], [site, 0]].sort());
    const rename = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: site }, position: onUse, newName: 'WEB_ROOT' });
    assert.deepEqual(Object.keys(rename.changes ?? {}).sort(), [main, site].sort());
    const refused = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: site }, position: onUse, newName: 'a:b' }).then(
      () => 'accepted',
      (error: Error) => error.message,
    );
    assert.match(refused, /:/);

    await client.openDocument(TREE['httpd.conf'], { uri: main });
    const hover = await client.hover(main, { line: 5, character: 16 });
    assert.match(JSON.stringify(hover?.contents), /sites\/a\.conf/);

    const symbols = await client.request<{ name: string; location: Location }[]>('workspace/symbol', { query: 'tree' });
    assert.deepEqual(symbols.map((s) => [s.name, s.location.uri, s.location.range.start.line]), [['tree.example:80', main, 4]]);
  } finally {
    await client.dispose();
  }
});

test('the effective configuration at a position comes back as text through workspace/executeCommand', async () => {
  const root = workspace(TREE);
  const client = await LspClient.start({ workspaceFolders: [root] });
  try {
    const site = pathToFileURL(join(root, 'sites/a.conf')).href;
    await client.openDocument(TREE['sites/a.conf'], { uri: site });
    const text = await client.request<string>('workspace/executeCommand', {
      command: 'apacheSsl.server.effectiveConfiguration',
      arguments: [site, { line: 3, character: 6 }],
    });
    assert.equal(typeof text, 'string');
    assert.match(text, /ServerName tree\.example/);
    assert.match(text, /DocumentRoot www\/a/);
    assert.match(text, /<Location \/a>/);
  } finally {
    await client.dispose();
  }
});

test('apacheSsl.mainConfig names the main file; without it a lone file says once that modules are unknown', async () => {
  const root = workspace({ 'conf/main.conf': TREE['httpd.conf'], 'sites/a.conf': TREE['sites/a.conf'], 'www/a/index.html': TREE['www/a/index.html'] });
  const lone = await LspClient.start({ workspaceFolders: [root] });
  try {
    const site = pathToFileURL(join(root, 'sites/a.conf')).href;
    await lone.openDocument(TREE['sites/a.conf'], { uri: site });
    assert.deepEqual(codes(await lone.nextDiagnostics(site)), ['2:mod/modules-unknown']);
  } finally {
    await lone.dispose();
  }
  const configured = await LspClient.start({
    workspaceFolders: [root],
    settings: (item) => (item.section === 'apacheSsl' ? { mainConfig: 'conf/main.conf', serverRoot: root } : {}),
  });
  try {
    const site = pathToFileURL(join(root, 'sites/a.conf')).href;
    await configured.openDocument(TREE['sites/a.conf'], { uri: site });
    assert.deepEqual(codes(await configured.nextDiagnostics(site)), ['2:mod/unknown-directive']);
  } finally {
    await configured.dispose();
  }
});

test('a host built by a macro: its findings on the Use line, hover shows the expansion, the workspace symbol and code actions stay on disk', async () => {
  const text = [
    `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so`,
    `LoadModule authz_core_module ${MODULES}/mod_authz_core.so`,
    `LoadModule ssl_module ${MODULES}/mod_ssl.so`,
    `LoadModule macro_module ${MODULES}/mod_macro.so`,
    '<Macro Partner $host>',
    '<VirtualHost *:443>',
    '    ServerName $host',
    '    SSLCACertificateFile /usr/share/ca-certificates/mozilla/ISRG_Root_X1.crt',
    '    <Location /partners>',
    '        SSLVerifyClient require',
    '    </Location>',
    '</VirtualHost>',
    '</Macro>',
    'Use Partner partner.example',
    '',
  ].join('\n');
  const root = workspace({ 'httpd.conf': text });
  const client = await LspClient.start({ workspaceFolders: [root] });
  try {
    const main = pathToFileURL(join(root, 'httpd.conf')).href;
    await client.openDocument(text, { uri: main });
    const published = await client.nextDiagnostics(main);
    const finding = published.diagnostics.find((d) => d.code === 'ssl/per-dir-client-auth');
    assert.equal(finding?.range.start.line, 13);
    assert.match(String(finding?.message), /^In what Use Partner partner\.example expands to, line 5 of the macro's body \(httpd\.conf:10\): /);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: main },
      range: finding?.range,
      context: { diagnostics: [finding] },
    });
    assert.deepEqual(actions.map((action) => action.title), ['Disable ssl/per-dir-client-auth for this line']);
    const hover = await client.hover(main, { line: 13, character: 16 });
    assert.match(JSON.stringify(hover?.contents), /ServerName partner\.example/);
    const symbols = await client.request<{ name: string; location: Location }[]>('workspace/symbol', { query: 'partner' });
    assert.deepEqual(symbols.map((s) => [s.name, s.location.uri, s.location.range.start.line]), [['partner.example:443', main, 13]]);
  } finally {
    await client.dispose();
  }
});
