// The editor analyses a file on a view of the tree limited to the hosts the
// file holds (focusedModel). That is only right if it changes no finding: every
// golden fixture is split into a tree (each top-level <VirtualHost> moved to a
// site file of its own, included where it stood), and each file of the tree
// must get the same findings, certificate rules included, with and without the
// focus. Hand-made trees add hosts that share names and addresses across files.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { focusedModel } from '../../server/src/analysis/focusedModel';
import type { ConfigModel } from '../../server/src/config/buildConfigModel';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { modelWithAllModules, TREE_ROOT } from '../support/analyzeInTree';
import { listFixtures } from '../support/fixtures';

const MAIN_SITE = `${TREE_ROOT}/fixture.conf`;

/** The fixture with each top-level <VirtualHost> moved into sites/N.conf and included in its place. */
function splitIntoSites(text: string): { main: string; sites: Record<string, string> } {
  const file = parseConfig(text);
  const sites: Record<string, string> = {};
  let main = '';
  let from = 0;
  for (const node of file.children) {
    if (node.kind !== 'section' || node.name.toLowerCase() !== 'virtualhost') continue;
    const path = `${TREE_ROOT}/sites/${Object.keys(sites).length}.conf`;
    sites[path] = text.slice(node.start, node.end);
    main += `${text.slice(from, node.start)}Include ${path}\n`;
    from = node.end;
  }
  return { main: main + text.slice(from), sites };
}

function findingsOf(model: ConfigModel, path: string, focus: boolean): string[] {
  const file = model.files.get(path)?.file;
  assert.ok(file, `${path} is in the tree`);
  return analyzeFile(file, { model, fileName: path, focus }).map((d) => `${d.range.start.line}:${d.range.start.character} ${String(d.code)} ${d.message}`);
}

function assertFocusChangesNothing(model: ConfigModel, label: string): number {
  let narrowed = 0;
  for (const path of model.files.keys()) {
    if (focusedModel(model, path) !== model) narrowed++;
    assert.deepEqual(findingsOf(model, path, true), findingsOf(model, path, false), `${label}: ${path}`);
  }
  return narrowed;
}

test('focus changes no finding in any golden fixture split into site files', () => {
  let narrowed = 0;
  for (const fixture of listFixtures()) {
    const { main, sites } = splitIntoSites(fixture.text);
    if (Object.keys(sites).length === 0) continue;
    narrowed += assertFocusChangesNothing(modelWithAllModules(main, MAIN_SITE, sites), fixture.name);
  }
  // Otherwise the comparison above proves nothing about the view.
  assert.ok(narrowed >= 30, `only ${narrowed} files were analysed on a narrowed view`);
});

const SHARED = [
  'Listen 443',
  'SSLCertificateFile /etc/ssl/certs/ssl-cert-snakeoil.pem',
  'SSLCertificateKeyFile /etc/ssl/private/ssl-cert-snakeoil.key',
  '',
].join('\n');

test('focus changes no finding where hosts in different files share names, addresses and backends', () => {
  const site = (name: string, body: string[]) =>
    ['<VirtualHost *:443>', `    ServerName ${name}`, '    SSLEngine on', ...body.map((line) => `    ${line}`), '</VirtualHost>', ''].join('\n');
  const sites = {
    [`${TREE_ROOT}/sites/a.conf`]: site('shop.example', ['SSLVerifyClient require', 'SSLCACertificateFile /etc/ssl/certs/ca-certificates.crt', 'ProxyPass / https://backend.example/ max=5']),
    [`${TREE_ROOT}/sites/b.conf`]: site('shop.example', ['ProxyPass / https://backend.example/ max=9', 'SSLProxyEngine on']),
    [`${TREE_ROOT}/sites/c.conf`]: site('api.example', ['ServerAlias shop.example', '<Location /admin>', '    SSLVerifyClient require', '</Location>']),
  };
  const main = `${SHARED}${Object.keys(sites).map((path) => `Include ${path}`).join('\n')}\n`;
  const model = modelWithAllModules(main, MAIN_SITE, sites);
  assert.equal(assertFocusChangesNothing(model, 'shared names'), 3);
});
