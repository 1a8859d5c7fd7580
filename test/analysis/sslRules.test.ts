// The client-certificate and renegotiation rules (RULES.md §2, ssl/*) on whole
// trees: a per-directory line is judged against the handshake settings of the
// host its Include puts it in, each file gets only its own findings, and
// what Apache itself refuses is checked against the real `apache2 -t`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { findRule } from '../../server/src/analysis/registry';
import { buildConfigModel, type ConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { DEFAULT_SETTINGS } from '../../server/src/settings';
import { apacheConfigTest, loadAllModules } from '../support/apacheOracle';

const MAIN = '/etc/apache2/apache2.conf';
const MODULES = '/usr/lib/apache2/modules';
const load = (...names: string[]) => names.map((name) => `LoadModule ${name}_module ${MODULES}/mod_${name}.so\n`).join('');
const BASE = load('mpm_event', 'ssl', 'authz_core', 'proxy', 'proxy_http', 'access_compat', 'headers') + 'ServerName main.test\n';
const WITH_H2 = BASE + load('http2');

function modelOf(files: Record<string, string>): ConfigModel {
  return buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem(files)) });
}

/** The findings of `rule` in one file of the tree. */
function findings(model: ConfigModel, path: string, rule: string, httpdVersion?: string): Diagnostic[] {
  const file = model.files.get(path)?.file;
  assert.ok(file, `${path} is not in the tree`);
  const settings = httpdVersion ? { ...DEFAULT_SETTINGS, httpdVersion } : undefined;
  return analyzeFile(file, { fileName: path, model, settings }).filter((d) => d.code === rule);
}

/** A finding's message as text. */
function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** `line severity` (1-based line) of the findings. */
function where(diagnostics: Diagnostic[]): string[] {
  const names: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
  return diagnostics.map((d) => `${d.range.start.line + 1} ${names[d.severity ?? 1]}`);
}

/** A site whose <VirtualHost> has `host` lines and includes conf/secure.conf, which holds `section`. */
function siteWithInclude(host: string, section: string, main = BASE): ConfigModel {
  return modelOf({
    [MAIN]: `${main}IncludeOptional sites/*.conf\n`,
    '/etc/apache2/sites/shop.conf': `<VirtualHost *:443>\n    ServerName shop.example\n${host}    Include conf/secure.conf\n</VirtualHost>\n`,
    '/etc/apache2/conf/secure.conf': section,
  });
}

const SECURE = '<Location /secure>\n    SSLVerifyClient require\n</Location>\n';

test('per-dir-client-auth: reported in the included file, judged by the virtual host around its Include', () => {
  const model = siteWithInclude('    SSLCACertificateFile /etc/ssl/ca.pem\n', SECURE);
  assert.deepEqual(where(findings(model, '/etc/apache2/sites/shop.conf', 'ssl/per-dir-client-auth')), []);
  const [finding, ...more] = findings(model, '/etc/apache2/conf/secure.conf', 'ssl/per-dir-client-auth');
  assert.equal(more.length, 0);
  assert.deepEqual(where([finding]), ['2 error'], 'the default SSLProtocol allows TLS 1.3');
  assert.deepEqual(finding.data, {
    ruleId: 'ssl/per-dir-client-auth',
    value: 'require',
    mode: 'require',
    section: { kind: 'Location', name: '/secure' },
    inVirtualHost: true,
    vhostVerifyClient: null,
    handshakeVerifyClient: 'none',
    tls13: true,
    h2: false,
  });
  // What the user sees, why, and what to do.
  for (const words of ['403 even with a valid certificate', 'Re-negotiation handshake failed', 'post-handshake authentication', 'browsers', 'HTTP/2', '<VirtualHost>', "Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'"]) {
    assert.ok(messageOf(finding).includes(words), `message lacks "${words}": ${messageOf(finding)}`);
  }
});

test('per-dir-client-auth: an error with TLS 1.3 or h2 in force for the host, else a warning', () => {
  const severity = (host: string, main = BASE) => where(findings(siteWithInclude(host, SECURE, main), '/etc/apache2/conf/secure.conf', 'ssl/per-dir-client-auth'));
  const tls12 = '    SSLProtocol -all +TLSv1.2\n';
  assert.deepEqual(severity(tls12), ['2 warning'], 'TLS 1.2 and HTTP/1.1 only');
  assert.deepEqual(severity(tls12 + '    Protocols h2 http/1.1\n', WITH_H2), ['2 error'], 'h2 offered');
  assert.deepEqual(severity(tls12 + '    Protocols h2 http/1.1\n'), ['2 warning'], 'h2 without mod_http2 is never negotiated');
  assert.deepEqual(severity(tls12, WITH_H2 + 'Protocols h2 http/1.1\n'), ['2 error'], 'h2 from the server config');
  assert.deepEqual(severity(tls12 + '    Protocols http/1.1\n', WITH_H2 + 'Protocols h2 http/1.1\n'), ['2 warning'], "the host's own list replaces the server's");
  assert.deepEqual(severity('', BASE + 'SSLProtocol -all +TLSv1.2\n'), ['2 warning'], 'SSLProtocol from the server config');
  assert.deepEqual(severity('    SSLProtocol -all +TLSv1.2 +TLSv1.3\n', BASE + 'SSLProtocol -all +TLSv1.2\n'), ['2 error']);
  const data = findings(siteWithInclude(tls12 + '    Protocols h2 http/1.1\n', SECURE, WITH_H2), '/etc/apache2/conf/secure.conf', 'ssl/per-dir-client-auth')[0].data;
  assert.deepEqual([data?.tls13, data?.h2], [false, true]);
});

test('per-dir-client-auth: only a level stronger than the handshake renegotiates', () => {
  const verdict = (host: string, section: string) =>
    where(findings(siteWithInclude(host, `<Location /secure>\n    SSLVerifyClient ${section}\n</Location>\n`), '/etc/apache2/conf/secure.conf', 'ssl/per-dir-client-auth'));
  assert.deepEqual(verdict('    SSLVerifyClient optional\n', 'require'), ['2 error']);
  assert.deepEqual(verdict('    SSLVerifyClient optional\n', 'optional'), []);
  assert.deepEqual(verdict('    SSLVerifyClient optional\n', 'optional_no_ca'), []);
  assert.deepEqual(verdict('    SSLVerifyClient require\n', 'require'), []);
  assert.deepEqual(verdict('    SSLVerifyClient none\n', 'optional_no_ca'), ['2 error']);
  assert.deepEqual(verdict('', 'none'), []);
  const data = findings(siteWithInclude('    SSLVerifyClient optional\n', SECURE), '/etc/apache2/conf/secure.conf', 'ssl/per-dir-client-auth')[0].data;
  assert.deepEqual([data?.vhostVerifyClient, data?.handshakeVerifyClient], ['optional', 'optional']);
  // The server config's level is the handshake's for a host without its own.
  const inherited = siteWithInclude('', SECURE, BASE + 'SSLVerifyClient require\n');
  assert.deepEqual(where(findings(inherited, '/etc/apache2/conf/secure.conf', 'ssl/per-dir-client-auth')), []);
});

test('per-dir-client-auth: nothing in branches Apache skips, in <Proxy>, or at host level', () => {
  const dead = siteWithInclude('', `<IfModule !ssl_module>\n${SECURE}</IfModule>\n<IfDefine NEVER>\n${SECURE}</IfDefine>\n`);
  assert.deepEqual(where(findings(dead, '/etc/apache2/conf/secure.conf', 'ssl/per-dir-client-auth')), []);
  const proxy = siteWithInclude('', '<Proxy "*">\n    SSLVerifyClient require\n</Proxy>\nSSLVerifyClient optional\n');
  assert.deepEqual(where(findings(proxy, '/etc/apache2/conf/secure.conf', 'ssl/per-dir-client-auth')), []);
  assert.deepEqual(where(findings(proxy, '/etc/apache2/conf/secure.conf', 'ssl/frontend-directive-in-proxy-section')), ['2 warning']);
});

test('per-dir-client-auth: a .htaccess file is per-directory; its host is unknown, so a warning', () => {
  const path = '/var/www/shop/.htaccess';
  const diagnostics = analyzeFile(parseConfig('SSLVerifyClient require\nSSLCACertificateFile /etc/ssl/ca.pem\n'), { fileName: path });
  const client = diagnostics.filter((d) => d.code === 'ssl/per-dir-client-auth');
  assert.deepEqual(where(client), ['1 warning']);
  assert.deepEqual(client[0].data?.section, { kind: '.htaccess', name: '' });
  assert.deepEqual(where(diagnostics.filter((d) => d.code === 'ssl/ca-per-dir')), ['2 error']);
});

test('per-dir-verify-depth: against the host depth written in another file', () => {
  const model = siteWithInclude(
    '    SSLVerifyClient optional\n    SSLVerifyDepth 3\n    SSLCACertificateFile /etc/ssl/ca.pem\n',
    '<Location /a>\n    SSLVerifyDepth 2\n</Location>\n<Location /b>\n    SSLVerifyDepth 3\n</Location>\n<Location /c>\n    SSLVerifyDepth 10\n</Location>\n',
  );
  const found = findings(model, '/etc/apache2/conf/secure.conf', 'ssl/per-dir-verify-depth');
  assert.deepEqual(where(found), ['2 warning']);
  assert.match(messageOf(found[0]), /SSLVerifyDepth 2 in <Location \/a> is lower than .* \(3, SSLVerifyDepth 3\)/);
  // Without client verification the depth is never used.
  const unverified = siteWithInclude('', '<Location /a>\n    SSLVerifyDepth 0\n</Location>\n');
  assert.deepEqual(where(findings(unverified, '/etc/apache2/conf/secure.conf', 'ssl/per-dir-verify-depth')), []);
});

test('verify-without-ca: on TLS hosts; the CA may come from the server config; a server-level SSLVerifyClient names the host that lacks one', () => {
  const inherited = siteWithInclude('    SSLEngine on\n    SSLVerifyClient require\n', '', BASE + 'SSLCACertificateFile /etc/ssl/ca.pem\n');
  assert.deepEqual(where(findings(inherited, '/etc/apache2/sites/shop.conf', 'ssl/verify-without-ca')), []);
  const missing = siteWithInclude('    SSLEngine on\n    SSLVerifyClient require\n', SECURE);
  assert.deepEqual(where(findings(missing, '/etc/apache2/sites/shop.conf', 'ssl/verify-without-ca')), ['4 error']);
  const plain = siteWithInclude('    SSLVerifyClient require\n', SECURE);
  assert.deepEqual(where(findings(plain, '/etc/apache2/sites/shop.conf', 'ssl/verify-without-ca')), [], 'mod_ssl sets nothing up without SSLEngine on');
  assert.deepEqual(where(findings(missing, '/etc/apache2/conf/secure.conf', 'ssl/verify-without-ca')), [], 'said once, on the host line');
  const server = modelOf({
    [MAIN]: `${BASE}SSLVerifyClient require\nSSLCACertificateFile /etc/ssl/ca.pem\nIncludeOptional sites/*.conf\n`,
    '/etc/apache2/sites/a.conf': '<VirtualHost *:443>\n    SSLEngine on\n    SSLCACertificateFile /etc/ssl/a.pem\n</VirtualHost>\n',
    '/etc/apache2/sites/b.conf': '<VirtualHost *:443>\n    SSLEngine on\n    SSLCACertificateFile /etc/ssl/b.pem\n</VirtualHost>\n',
  });
  assert.deepEqual(where(findings(server, MAIN, 'ssl/verify-without-ca')), []);
  const lacking = modelOf({
    [MAIN]: `${BASE}SSLVerifyClient require\nIncludeOptional sites/*.conf\n`,
    '/etc/apache2/sites/a.conf': '<VirtualHost *:443>\n    SSLEngine on\n    SSLCACertificateFile /etc/ssl/a.pem\n</VirtualHost>\n',
    '/etc/apache2/sites/b.conf': '<VirtualHost *:443>\n    SSLEngine on\n</VirtualHost>\n',
  });
  const [finding] = findings(lacking, MAIN, 'ssl/verify-without-ca');
  assert.match(messageOf(finding), /the virtual host at sites\/b\.conf:1 has none/);
});

test('require-needs-verifyclient: a server-level section that verifies counts; a lone file or a plain-HTTP host says nothing', () => {
  const site = '<VirtualHost *:443>\n    SSLEngine on\n    <Location /admin>\n        Require ssl-verify-client\n    </Location>\n</VirtualHost>\n';
  const bare = modelOf({ [MAIN]: `${BASE}Include sites/a.conf\n`, '/etc/apache2/sites/a.conf': site });
  assert.deepEqual(where(findings(bare, '/etc/apache2/sites/a.conf', 'ssl/require-needs-verifyclient')), ['4 warning']);
  const verified = modelOf({
    [MAIN]: `${BASE}<Location /admin>\n    SSLVerifyClient optional\n</Location>\nInclude sites/a.conf\n`,
    '/etc/apache2/sites/a.conf': site,
  });
  assert.deepEqual(where(findings(verified, '/etc/apache2/sites/a.conf', 'ssl/require-needs-verifyclient')), []);
  const lone = analyzeFile(parseConfig(site), { fileName: '/etc/apache2/sites/a.conf' });
  assert.deepEqual(where(lone.filter((d) => d.code === 'ssl/require-needs-verifyclient')), []);
  const plain = modelOf({ [MAIN]: `${BASE}Include sites/a.conf\n`, '/etc/apache2/sites/a.conf': site.replace('    SSLEngine on\n', '') });
  assert.deepEqual(where(findings(plain, '/etc/apache2/sites/a.conf', 'ssl/require-needs-verifyclient')), []);
});

test('sni-mtls-vhost-mismatch: by httpd version and SSLVHostSNIPolicy, on the mTLS host only', () => {
  const tls = '    SSLEngine on\n    SSLCertificateFile /etc/ssl/server.pem\n';
  const files = (server: string, partners = '') => ({
    [MAIN]: `${BASE}${server}IncludeOptional sites/*.conf\n`,
    '/etc/apache2/sites/a.conf': `<VirtualHost *:443>\n    ServerName www.example\n${tls}</VirtualHost>\n`,
    '/etc/apache2/sites/b.conf': `<VirtualHost *:443>\n    ServerName partners.example\n${tls}    SSLVerifyClient require\n    SSLCACertificateFile /etc/ssl/partners.pem\n${partners}</VirtualHost>\n`,
  });
  const verdict = (model: ConfigModel, version?: string) => [
    ...where(findings(model, '/etc/apache2/sites/a.conf', 'ssl/sni-mtls-vhost-mismatch', version)).map((f) => `a ${f}`),
    ...where(findings(model, '/etc/apache2/sites/b.conf', 'ssl/sni-mtls-vhost-mismatch', version)).map((f) => `b ${f}`),
  ];
  const insecure = modelOf(files('SSLVHostSNIPolicy insecure\n'));
  assert.deepEqual(verdict(insecure), ['b 1 warning']);
  const [finding] = findings(insecure, '/etc/apache2/sites/b.conf', 'ssl/sni-mtls-vhost-mismatch');
  assert.match(messageOf(finding), /virtual host at sites\/a\.conf:1 \(SSLVerifyClient, SSLCACertificateFile\)/);
  assert.match(messageOf(finding), /CVE-2025-23048/);
  assert.deepEqual(verdict(modelOf(files('SSLVHostSNIPolicy secure\n'))), []);
  assert.deepEqual(verdict(modelOf(files(''))), [], 'secure is the default on 2.4.71');
  // SSLStrictSNIVHostCheck does not help under the insecure policy (verified), but before 2.4.64 it is the fix.
  assert.deepEqual(verdict(modelOf(files('SSLVHostSNIPolicy insecure\n', '    SSLStrictSNIVHostCheck on\n'))), ['b 1 warning']);
  const old = modelOf(files(''));
  assert.deepEqual(verdict(old, '2.4.62'), ['b 1 warning']);
  assert.match(messageOf(findings(old, '/etc/apache2/sites/b.conf', 'ssl/sni-mtls-vhost-mismatch', '2.4.62')[0]), /SSLStrictSNIVHostCheck on/);
  assert.deepEqual(verdict(modelOf(files('', '    SSLStrictSNIVHostCheck on\n')), '2.4.62'), []);
  assert.deepEqual(verdict(old, '2.4.65'), [], 'fixed in 2.4.64, before the policy existed');
  assert.deepEqual(verdict(old, '2.4.34'), [], 'no TLS 1.3 yet');
});

test('reneg-buffer: requests with bodies are those proxied, by the section or by the host', () => {
  const verdict = (host: string, section: string) =>
    where(findings(siteWithInclude(host, `<Location /api>\n    SSLVerifyClient require\n${section}</Location>\n`), '/etc/apache2/conf/secure.conf', 'ssl/reneg-buffer'));
  assert.deepEqual(verdict('', ''), []);
  assert.deepEqual(verdict('', '    ProxyPass http://127.0.0.1:8080/\n'), ['2 information']);
  assert.deepEqual(verdict('    ProxyPass "/" "http://127.0.0.1:8080/"\n', ''), ['2 information']);
  assert.deepEqual(verdict('    ProxyPass "/api" "http://127.0.0.1:8080/"\n', ''), ['2 information']);
  assert.deepEqual(verdict('    ProxyPass "/other" "http://127.0.0.1:8080/"\n', ''), []);
  assert.deepEqual(verdict('', '    <Limit POST>\n        Require all granted\n    </Limit>\n'), ['2 information']);
  assert.deepEqual(verdict('', '    SetHandler "proxy:fcgi://127.0.0.1:9000"\n'), ['2 information']);
  assert.deepEqual(verdict('', '    ProxyPass http://127.0.0.1:8080/\n    SSLRenegBufferSize 1048576\n'), ['4 information'], 'only the buffer line');
});

test('sslrequire-bypassable: Satisfy Any written in the server config reaches a section in another file', () => {
  const model = modelOf({
    [MAIN]: `${BASE}<Directory /srv>\n    Satisfy Any\n</Directory>\nInclude conf/a.conf\n`,
    '/etc/apache2/conf/a.conf': '<Directory /srv/secure>\n    Require all granted\n    SSLRequireSSL\n</Directory>\n',
  });
  const [finding] = findings(model, '/etc/apache2/conf/a.conf', 'ssl/sslrequire-bypassable');
  assert.deepEqual(where([finding]), ['3 warning']);
  assert.match(messageOf(finding), /Satisfy Any \(apache2\.conf:\d+\)/);
  assert.match(messageOf(finding), /"Require all granted" \(conf\/a\.conf:2\)/);
  const all = modelOf({
    [MAIN]: `${BASE}<Directory /srv>\n    Satisfy All\n</Directory>\nInclude conf/a.conf\n`,
    '/etc/apache2/conf/a.conf': '<Directory /srv/secure>\n    Require all granted\n    SSLRequireSSL\n</Directory>\n',
  });
  assert.deepEqual(where(findings(all, '/etc/apache2/conf/a.conf', 'ssl/sslrequire-bypassable')), []);
});

test('verify-depth-value: a negative depth is an error, other non-numbers a warning; ${VAR} waits for its value', () => {
  const model = modelOf({
    [MAIN]: `${BASE}Define DEPTH 2\n<VirtualHost *:443>\n    SSLVerifyDepth -1\n    SSLVerifyDepth 1x\n    SSLProxyVerifyDepth \${DEPTH}\n    SSLVerifyDepth +2\n    SSLVerifyDepth 4294967295\n    SSLProxyVerifyDepth 4294967298\n    SSLVerifyDepth 2147483647\n</VirtualHost>\n`,
  });
  const found = findings(model, MAIN, 'ssl/verify-depth-value');
  const first = BASE.split('\n').length + 2;
  assert.deepEqual(where(found), [`${first} error`, `${first + 1} warning`, `${first + 4} error`, `${first + 5} warning`]);
  assert.match(messageOf(found[0]), /"SSLVerifyDepth: Invalid argument '-1'"/);
  assert.match(messageOf(found[1]), /reads '1x' as 1, without a word: it takes the leading digits/);
  assert.match(messageOf(found[2]), /reads '4294967295' as -1: .*low 32 bits.*"SSLVerifyDepth: Invalid argument '4294967295'"/);
  assert.match(messageOf(found[3]), /reads '4294967298' as 2, without a word: .*low 32 bits/);
});

// ---- What apache2 -t says: the rules marked refusedBy configtest, and the ones it lets through.

/** Apache's verdict on a tree whose main file includes conf/a.conf inside a <VirtualHost>, and our errors from configtest rules there. */
function oracle(content: string): { apache: ReturnType<typeof apacheConfigTest>; ours: Diagnostic[] } {
  const main = '<VirtualHost *:443>\n    ServerName oracle.example\n    Include conf/a.conf\n</VirtualHost>\n';
  const apache = apacheConfigTest({ 'main.conf': main, 'conf/a.conf': content }, 'main.conf');
  const model = buildConfigModel('/srv/o/main.conf', {
    sources: new SourceCache(memoryFileSystem({ '/srv/o/main.conf': `${loadAllModules()}ServerName localhost\n${main}`, '/srv/o/conf/a.conf': content })),
  });
  const file = model.files.get('/srv/o/conf/a.conf')?.file;
  assert.ok(file);
  const ours = analyzeFile(file, { fileName: '/srv/o/conf/a.conf', model }).filter(
    (d) => d.severity === DiagnosticSeverity.Error && findRule(String(d.code))?.refusedBy === 'configtest',
  );
  return { apache, ours };
}

const REFUSED: { rule: string; content: string; message: string }[] = [
  {
    rule: 'ssl/ca-per-dir',
    content: '<Location /partners>\n    SSLCACertificateFile /etc/ssl/certs/ssl-cert-snakeoil.pem\n</Location>\n',
    message: 'Your SSL library does not have support for per-directory CA',
  },
  {
    rule: 'ssl/ca-per-dir',
    content: '<Directory /srv>\n    SSLCACertificatePath /etc/ssl/certs\n</Directory>\n',
    message: 'Your SSL library does not have support for per-directory CA',
  },
  {
    rule: 'ssl/tls13-cipher-in-dir',
    content: '<If "%{HTTPS} == \'on\'">\n    SSLCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384\n</If>\n',
    message: 'TLSv1.3 ciphers cannot be set inside a directory context',
  },
  { rule: 'ssl/verify-depth-value', content: '# depth\nSSLVerifyDepth -1\n', message: "SSLVerifyDepth: Invalid argument '-1'" },
  { rule: 'ssl/verify-depth-value', content: '# depth\nSSLProxyVerifyDepth -3x\n', message: "SSLProxyVerifyDepth: Invalid argument '-3x'" },
  // atoi() keeps 32 bits: these are read as negative.
  { rule: 'ssl/verify-depth-value', content: '# depth\nSSLVerifyDepth 4294967295\n', message: "SSLVerifyDepth: Invalid argument '4294967295'" },
  { rule: 'ssl/verify-depth-value', content: '# depth\nSSLProxyVerifyDepth 2147483648\n', message: "SSLProxyVerifyDepth: Invalid argument '2147483648'" },
  { rule: 'ssl/verify-depth-value', content: '# depth\nSSLVerifyDepth "99999999999999999999"\n', message: "SSLVerifyDepth: Invalid argument '99999999999999999999'" },
];

for (const { rule, content, message } of REFUSED) {
  test(`apache2 -t refuses what ${rule} reports as an error, at the same line: ${content.split('\n')[1].trim()}`, () => {
    const { apache, ours } = oracle(content);
    assert.ok(!apache.ok, apache.output);
    assert.ok(apache.file?.endsWith('/conf/a.conf'), apache.output);
    assert.equal(apache.line, 2);
    assert.equal(apache.message, message);
    assert.ok(findRule(rule)?.refusedBy === 'configtest');
    assert.deepEqual(
      ours.filter((d) => d.code === rule).map((d) => d.range.start.line + 1),
      [2],
    );
  });
}

test('apache2 -t accepts what the other ssl/* rules report: they are about behaviour at request time', () => {
  const accepted = [
    '<Location /secure>\n    SSLVerifyClient require\n    SSLVerifyDepth 0\n    SSLCipherSuite HIGH\n    SSLRenegBufferSize 1048576\n</Location>\n',
    '<Proxy "*">\n    SSLVerifyClient require\n    SSLVerifyDepth 2\n    SSLCipherSuite HIGH\n    SSLRequireSSL\n</Proxy>\n',
    'SSLVerifyClient optional_no_ca\nSSLVerifyDepth abc\nSSLProxyVerifyDepth 2x\n',
    // atoi() keeps 32 bits: 2 and 1, a warning each, not refused.
    'SSLVerifyDepth 4294967298\nSSLProxyVerifyDepth -4294967295\nSSLVerifyDepth 2147483647\n',
    'SSLVerifyClient require\n<Location /public>\n    SSLVerifyClient none\n</Location>\n<Directory /srv>\n    Satisfy Any\n    Require all granted\n    SSLRequireSSL\n</Directory>\n',
  ];
  for (const content of accepted) {
    const { apache, ours } = oracle(content);
    assert.ok(apache.ok, apache.output);
    assert.deepEqual(ours, []);
  }
  for (const id of ['ssl/per-dir-client-auth', 'ssl/per-dir-verify-depth', 'ssl/per-dir-ciphersuite', 'ssl/frontend-directive-in-proxy-section', 'ssl/optional-no-ca', 'ssl/verify-without-ca']) {
    assert.equal(findRule(id)?.refusedBy, undefined, id);
  }
});

test('apache2 -t accepts SSLVHostSNIPolicy insecure in the server config', () => {
  const verdict = apacheConfigTest({ 'main.conf': 'SSLVHostSNIPolicy insecure\n' }, 'main.conf');
  assert.ok(verdict.ok, verdict.output);
});
