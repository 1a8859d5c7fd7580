// Certificates over JSON-RPC: hover on a certificate path, the expiry lens,
// and both following the file when it is replaced on disk and the editor's
// watcher reports it.
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeLens, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient } from '../support/lspClient';
import { writeTree } from '../support/tempTree';
import { makeCertificate } from '../support/testCertificates';

const MODULES = '/usr/lib/apache2/modules';

test('hover and lens on a certificate path follow the file when it is replaced by an expired one', async () => {
  const current = makeCertificate({ commonName: 'site.example.test', dnsNames: ['site.example.test'], notAfterDays: 90 });
  const expired = makeCertificate({ commonName: 'site.example.test', dnsNames: ['site.example.test'], notBeforeDays: -400, notAfterDays: -12, key: current });
  const config = [
    `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so`,
    `LoadModule authz_core_module ${MODULES}/mod_authz_core.so`,
    `LoadModule ssl_module ${MODULES}/mod_ssl.so`,
    'Listen 443',
    '<VirtualHost *:443>',
    '    ServerName site.example.test',
    '    SSLEngine on',
    '    SSLCertificateFile certs/site.pem',
    '    SSLCertificateKeyFile certs/site.key',
    '</VirtualHost>',
    '',
  ].join('\n');
  const root = writeTree({ 'httpd.conf': config, 'certs/site.pem': current.cert, 'certs/site.key': current.key }, 'apache-ssl-lsp-certs-');
  const client = await LspClient.start({ workspaceFolders: [root] });
  try {
    assert.deepEqual(client.initializeResult?.capabilities.codeLensProvider, { resolveProvider: false });
    const uri = pathToFileURL(join(root, 'httpd.conf')).href;
    await client.openDocument(config, { uri });
    const first = await client.nextDiagnostics(uri);
    assert.ok(!first.diagnostics.some((d) => d.code === 'cert/expired'), JSON.stringify(first.diagnostics));

    const hover = await client.hover(uri, { line: 7, character: 30 });
    const value = (hover?.contents as MarkupContent).value;
    assert.match(value, /holds 1 certificate\./);
    assert.match(value, /- Subject: `CN=site\.example\.test`/);
    assert.match(value, /- Valid: .* UTC, 89 days left/);
    assert.doesNotMatch(value, /PRIVATE KEY/);

    const lenses = async () => (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } })).map((lens) => [lens.range.start.line, lens.command?.title]);
    const expiry = (date: Date) => date.toISOString().slice(0, 10);
    assert.deepEqual(await lenses(), [[7, `expires ${expiry(current.forgeCert.validity.notAfter)} (89 days)`]]);

    writeFileSync(join(root, 'certs/site.pem'), expired.cert);
    await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(root, 'certs/site.pem')).href, type: 2 }] });
    const after = await client.nextDiagnostics(uri, (params) => params.diagnostics.some((d) => d.code === 'cert/expired'));
    assert.equal(after.diagnostics.find((d) => d.code === 'cert/expired')?.range.start.line, 7);
    assert.deepEqual(await lenses(), [[7, `expired ${expiry(expired.forgeCert.validity.notAfter)} (12 days ago)`]]);
    assert.match(((await client.hover(uri, { line: 7, character: 30 }))?.contents as MarkupContent).value, /expired 12 days ago/);
  } finally {
    await client.dispose();
    rmSync(root, { recursive: true, force: true });
  }
});
