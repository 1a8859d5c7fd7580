// Quick fixes of the mod_proxy / mod_ssl dependency rules: each output is
// compared byte for byte, the finding is gone once it is applied, and the
// real `apache2 -t` accepts the result. The header fix is also tried on a
// running Apache: before it, a header the client sends reaches the backend;
// after it, it does not.
import assert from 'node:assert/strict';
import { createServer, get, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { buildConfigModel, type ConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { quickFixes } from '../../server/src/features/codeActions';
import { apacheConfigTest, preludeWithModules } from '../support/apacheOracle';
import { startApache } from '../support/apacheServer';
import { applyEdits } from '../support/applyEdits';

const ROOT = '/t';
const MODULES = '/usr/lib/apache2/modules';
const load = (...names: string[]) => names.map((name) => `LoadModule ${name}_module ${MODULES}/mod_${name}.so\n`).join('');
const BASE = load('mpm_event', 'authz_core', 'ssl', 'headers', 'proxy', 'proxy_http') + 'ServerName fix.test\nErrorLog /dev/null\n';
const uriOf = (path: string) => `file://${path}`;

function modelOf(files: Record<string, string>, main = `${ROOT}/httpd.conf`): ConfigModel {
  return buildConfigModel(main, { sources: new SourceCache(memoryFileSystem(files)) });
}

function findingsAndFixes(files: Record<string, string>, path: string, main?: string): { diagnostics: Diagnostic[]; actions: CodeAction[] } {
  const model = modelOf(files, main);
  const file = model.files.get(path)?.file;
  assert.ok(file, `${path} is not in the tree`);
  const diagnostics = analyzeFile(file, { model, fileName: path });
  return { diagnostics, actions: quickFixes(diagnostics, { file, path, uri: uriOf(path), model, uriOf }) };
}

/** The action with this title (or the one title starting so), applied to every file it edits; findings that share a fix share its action. */
function applyFix(files: Record<string, string>, path: string, title: string, main?: string): Record<string, string> {
  const { actions } = findingsAndFixes(files, path, main);
  const exact = actions.filter((action) => action.title === title);
  const candidates = exact.length > 0 ? exact : actions.filter((action) => action.title.startsWith(title));
  const matching = [...new Map(candidates.map((action) => [JSON.stringify(action.edit), action])).values()];
  assert.equal(matching.length, 1, `actions: ${actions.map((a) => a.title).join(' | ')}`);
  const out = { ...files };
  for (const [uri, edits] of Object.entries(matching[0].edit?.changes ?? {})) {
    const target = uri.replace(/^file:\/\//, '');
    out[target] = applyEdits(files[target], edits);
  }
  return out;
}

function codes(files: Record<string, string>, path: string, main?: string): string[] {
  return findingsAndFixes(files, path, main).diagnostics.map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
}

/** `apache2 -t` on the tree, written under a throw-away ServerRoot (paths under /t/ become relative to it). */
function assertApacheAccepts(files: Record<string, string>): void {
  const relative = Object.fromEntries(Object.entries(files).map(([path, text]) => [path.slice(ROOT.length + 1), text.replaceAll(`${ROOT}/`, '')]));
  const verdict = apacheConfigTest(relative, 'httpd.conf', preludeWithModules());
  assert.ok(verdict.ok, verdict.output);
}

test('https backend: SSLProxyEngine on goes into the virtual host, before the <Location>, with its indentation', () => {
  const site = [
    '<VirtualHost *:8443>',
    '\tServerName shop.example',
    '\t<Location /app/>',
    '\t\tProxyPass https://app.internal.example/',
    '\t\tProxyPassReverse https://app.internal.example/',
    '\t</Location>',
    '</VirtualHost>',
    '',
  ].join('\r\n');
  const files = { [`${ROOT}/httpd.conf`]: `${BASE}Include ${ROOT}/site.conf\n`, [`${ROOT}/site.conf`]: site };
  const fixed = applyFix(files, `${ROOT}/site.conf`, 'Add `SSLProxyEngine on`');
  assert.equal(fixed[`${ROOT}/site.conf`], site.replace('\t<Location /app/>', '\tSSLProxyEngine on\r\n\t<Location /app/>'));
  assert.ok(!codes(fixed, `${ROOT}/site.conf`).some((code) => code.endsWith('proxy/https-backend-needs-sslproxyengine')));
  assert.ok(codes(fixed, `${ROOT}/site.conf`).includes('5 proxy/backend-not-verified'), 'verification is still to do');
  assertApacheAccepts(fixed);
});

test('ProxyPassReverse: after the ProxyPass, words as written; the URL alone inside <Location>; at the end of a file without a final line break', () => {
  const site = '<VirtualHost *:8080>\n    ServerName app.example\n    ProxyPass "/app/" "http://app.internal.example/" timeout=30\n    <Location /api/>\n        ProxyPass http://api.internal.example/\n    </Location>\n</VirtualHost>\nProxyPass /last/ http://last.internal.example/';
  const files = { [`${ROOT}/httpd.conf`]: `${BASE}Include ${ROOT}/site.conf\n`, [`${ROOT}/site.conf`]: site };
  const host = applyFix(files, `${ROOT}/site.conf`, 'Add `ProxyPassReverse "/app/"');
  assert.equal(
    host[`${ROOT}/site.conf`],
    site.replace('timeout=30\n', 'timeout=30\n    ProxyPassReverse "/app/" "http://app.internal.example/"\n'),
  );
  const location = applyFix(host, `${ROOT}/site.conf`, 'Add `ProxyPassReverse http://api');
  assert.equal(
    location[`${ROOT}/site.conf`],
    host[`${ROOT}/site.conf`].replace('api.internal.example/\n', 'api.internal.example/\n        ProxyPassReverse http://api.internal.example/\n'),
  );
  const last = applyFix(location, `${ROOT}/site.conf`, 'Add `ProxyPassReverse /last/');
  assert.equal(last[`${ROOT}/site.conf`], `${location[`${ROOT}/site.conf`]}\nProxyPassReverse /last/ http://last.internal.example/`);
  assert.ok(!codes(last, `${ROOT}/site.conf`).some((code) => code.endsWith('proxy/missing-proxypassreverse')));
  assertApacheAccepts(last);
});

test('trailing slash: added inside the quotes or removed, in the ProxyPass and its ProxyPassReverse', () => {
  const site = [
    'ProxyPass /app/ "http://app.internal.example"',
    'ProxyPassReverse /app/ "http://app.internal.example"',
    'ProxyPass /api http://api.internal.example:8080//',
    '<Location /docs>',
    '    ProxyPass http://docs.internal.example/',
    '    ProxyPassReverse http://docs.internal.example/',
    '</Location>',
    '',
  ].join('\n');
  const files = { [`${ROOT}/httpd.conf`]: `${BASE}Include ${ROOT}/site.conf\n`, [`${ROOT}/site.conf`]: site };
  const added = applyFix(files, `${ROOT}/site.conf`, 'Add a trailing / to the URL (and in its ProxyPassReverse)');
  assert.equal(added[`${ROOT}/site.conf`], site.replaceAll('"http://app.internal.example"', '"http://app.internal.example/"'));
  const removed = applyFix(added, `${ROOT}/site.conf`, 'Remove the trailing / from the URL');
  assert.equal(removed[`${ROOT}/site.conf`], added[`${ROOT}/site.conf`].replace('8080//', '8080'));
  const inLocation = applyFix(removed, `${ROOT}/site.conf`, 'Remove the trailing / from the URL (and in its ProxyPassReverse)');
  assert.equal(inLocation[`${ROOT}/site.conf`], removed[`${ROOT}/site.conf`].replaceAll('http://docs.internal.example/', 'http://docs.internal.example'));
  assert.ok(!codes(inLocation, `${ROOT}/site.conf`).some((code) => code.endsWith('proxy/trailing-slash-mismatch')));
  assertApacheAccepts(inLocation);
});

test('client header: RequestHeader unset goes before the line, or before the <If> that starts its chain', () => {
  const site = [
    '<VirtualHost *:8443>',
    '    ServerName mtls.example',
    '    RequestHeader set X-SSL-Client-DN "%{SSL_CLIENT_S_DN}s" env=HTTPS',
    '    <If "%{SSL_CLIENT_VERIFY} == \'SUCCESS\'">',
    '        RequestHeader set X-Client-Verify yes',
    '    </If>',
    '    <Else>',
    '        RequestHeader append X-Client-Verify "%{SSL_CLIENT_VERIFY}s"',
    '    </Else>',
    '</VirtualHost>',
    '',
  ].join('\n');
  const files = { [`${ROOT}/httpd.conf`]: `${BASE}Include ${ROOT}/site.conf\n`, [`${ROOT}/site.conf`]: site };
  const first = applyFix(files, `${ROOT}/site.conf`, 'Add `RequestHeader unset X-SSL-Client-DN` before it');
  assert.equal(first[`${ROOT}/site.conf`], site.replace('    RequestHeader set X-SSL', '    RequestHeader unset X-SSL-Client-DN\n    RequestHeader set X-SSL'));
  // Both lines of the <If> chain want the same unset, before the <If>.
  const { actions } = findingsAndFixes(first, `${ROOT}/site.conf`);
  const chain = actions.filter((action) => action.title.startsWith('Add `RequestHeader unset X-Client-Verify`'));
  assert.equal(chain.length, 2);
  assert.deepEqual(chain[0].edit, chain[1].edit);
  const second = applyFix(first, `${ROOT}/site.conf`, 'Add `RequestHeader unset X-Client-Verify` before it');
  assert.equal(second[`${ROOT}/site.conf`], first[`${ROOT}/site.conf`].replace('    <If ', '    RequestHeader unset X-Client-Verify\n    <If '));
  assert.ok(!codes(second, `${ROOT}/site.conf`).some((code) => code.endsWith('proxy/client-header-spoofable')));
  assertApacheAccepts(second);
});

test('scheme module: LoadModule lines after the last one, the balancer\'s three in one action', () => {
  const main = `${load('mpm_event', 'authz_core', 'proxy')}ServerName fix.test\nErrorLog /dev/null\nProxyPass /a/ http://a.internal.example/\nProxyPassReverse /a/ http://a.internal.example/\nProxyPass /p/ balancer://pool/\n<Proxy balancer://pool>\n    BalancerMember fcgi://127.0.0.1:9000\n</Proxy>\n`;
  const files = { [`${ROOT}/httpd.conf`]: main };
  const path = `${ROOT}/httpd.conf`;
  assert.deepEqual(codes(files, path).filter((code) => code.endsWith('mod/scheme-module-missing')), ['6 mod/scheme-module-missing', '8 mod/scheme-module-missing', '10 mod/scheme-module-missing']);
  const http = applyFix(files, path, 'Load the module: add `LoadModule proxy_http_module');
  assert.equal(http[path], main.replace('mod_proxy.so\n', `mod_proxy.so\nLoadModule proxy_http_module ${MODULES}/mod_proxy_http.so\n`));
  const balancer = applyFix(http, path, 'Load the modules: add `LoadModule proxy_balancer_module');
  assert.equal(
    balancer[path],
    http[path].replace(
      'mod_proxy_http.so\n',
      `mod_proxy_http.so\nLoadModule proxy_balancer_module ${MODULES}/mod_proxy_balancer.so\nLoadModule slotmem_shm_module ${MODULES}/mod_slotmem_shm.so\nLoadModule lbmethod_byrequests_module ${MODULES}/mod_lbmethod_byrequests.so\n`,
    ),
  );
  const fcgi = applyFix(balancer, path, 'Load the module: add `LoadModule proxy_fcgi_module');
  assert.deepEqual(codes(fcgi, path).filter((code) => code.endsWith('mod/scheme-module-missing')), []);
  assertApacheAccepts(fcgi);
});

test('on a running Apache: a conditional RequestHeader set lets the client\'s header through, and the unset fix stops it', async (t) => {
  const backend = await echoBackend();
  t.after(() => new Promise<void>((resolve) => backend.close(() => resolve())));
  const port = (backend.address() as AddressInfo).port;
  const site = `ProxyPass /echo http://127.0.0.1:${port}/echo\nProxyPassReverse /echo http://127.0.0.1:${port}/echo\nRequestHeader set X-Client-DN "%{SSL_CLIENT_S_DN}s" env=HTTPS\n`;
  const files = { [`${ROOT}/httpd.conf`]: `${BASE}Include ${ROOT}/site.conf\n`, [`${ROOT}/site.conf`]: site };
  assert.deepEqual(codes(files, `${ROOT}/site.conf`), ['3 proxy/client-header-spoofable']);
  const fixed = applyFix(files, `${ROOT}/site.conf`, 'Add `RequestHeader unset X-Client-DN`')[`${ROOT}/site.conf`];
  assert.equal(fixed, `ProxyPass /echo http://127.0.0.1:${port}/echo\nProxyPassReverse /echo http://127.0.0.1:${port}/echo\nRequestHeader unset X-Client-DN\nRequestHeader set X-Client-DN "%{SSL_CLIENT_S_DN}s" env=HTTPS\n`);
  for (const [config, expected] of [
    [site, 'evil'],
    [fixed, undefined],
  ] as const) {
    const apache = await startApache({ 'site.conf': config }, 'site.conf');
    try {
      const headers = await fetchHeaders(apache.port, '/echo', { 'X-Client-DN': 'evil' });
      assert.equal(headers['x-client-dn'], expected, apache.errorLog());
    } finally {
      await apache.stop();
    }
  }
});

/** A backend that answers with the request headers it received, as JSON. */
function echoBackend(): Promise<Server> {
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify(request.headers));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function fetchHeaders(port: number, path: string, headers: Record<string, string>): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, headers, timeout: 10_000 }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => {
        try {
          resolve(JSON.parse(body) as Record<string, string>);
        } catch {
          reject(new Error(`status ${response.statusCode}: ${body}`));
        }
      });
    }).on('error', reject);
  });
}

test('socache module: the LoadModule line for the cache SSLSessionCache names, after the last one; Apache then accepts the tree', () => {
  const main = `${BASE}SSLSessionCache shmcb:/tmp/apache-ssl-fix-scache(512000)\n`;
  const files = { [`${ROOT}/httpd.conf`]: main };
  const path = `${ROOT}/httpd.conf`;
  assert.deepEqual(codes(files, path).filter((code) => code.endsWith('mod/socache-module-missing')), ['9 mod/socache-module-missing']);
  const fixed = applyFix(files, path, 'Load the module: add `LoadModule socache_shmcb_module');
  assert.equal(fixed[path], main.replace('mod_proxy_http.so\n', `mod_proxy_http.so\nLoadModule socache_shmcb_module ${MODULES}/mod_socache_shmcb.so\n`));
  assert.deepEqual(codes(fixed, path).filter((code) => code.endsWith('mod/socache-module-missing')), []);
  assertApacheAccepts(fixed);
});
