// The TLS rules of RULES.md §4 (deprecated, obsolete and insecure settings):
// SSLProtocol read as mod_ssl reads it, settings in force per host through
// Includes, the Mozilla profile setting, the httpd version, and cipher
// strings with and without OpenSSL's answer.
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { opensslCipherExpander, parseCiphersOutput, withCipherExpander, type CipherExpander } from '../../server/src/analysis/expandCipherString';
import { RULES } from '../../server/src/analysis/registry';
import { evaluateProtocols, weakCipherWords } from '../../server/src/analysis/tlsSettings';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { TLS_GUIDELINES, tlsProfile } from '../../server/src/knowledge/tlsProfiles';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { DEFAULT_SETTINGS, normalizeSettings, type ServerSettings } from '../../server/src/settings';

const MAIN = '/etc/apache2/apache2.conf';
const MODULES = ['mpm_event', 'ssl', 'socache_shmcb', 'proxy', 'access_compat', 'authz_core', 'authz_host']
  .map((name) => `LoadModule ${name}_module /usr/lib/apache2/modules/mod_${name}.so\n`)
  .join('');
const CERT = 'SSLCertificateFile /etc/ssl/certs/ssl-cert-snakeoil.pem\nSSLCertificateKeyFile /etc/ssl/private/ssl-cert-snakeoil.key\n';
const TLS_IDS = new Set(RULES.map((rule) => rule.id).filter((id) => /^(ssl\/(chainfile|sslrequire-dep|requiressl|protocol|no-prot|weak|cipher|compression|insecure|engine-opt|ssllog|stapling-cache-m|no-session|session-t|proxycheckpeercn))|core\/access-compat/.test(id)));

/** `line code` (1-based) of the TLS findings in `path` of a tree whose main file loads the modules. */
function findingsIn(files: Record<string, string>, path = MAIN, settings: Partial<ServerSettings> = {}): Diagnostic[] {
  const model = buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem(files)) });
  const file = model.files.get(path)?.file;
  assert.ok(file, `${path} is not in the tree`);
  return analyzeFile(file, { fileName: path, model, settings: { ...DEFAULT_SETTINGS, ...settings } }).filter((d) => TLS_IDS.has(String(d.code)));
}

/** The findings of a main file: the modules, then `text`. */
function findings(text: string, settings: Partial<ServerSettings> = {}): string[] {
  return findingsIn({ [MAIN]: MODULES + text }, MAIN, settings).map((d) => `${d.range.start.line + 1 - MODULES.split('\n').length + 1} ${String(d.code)}`);
}

function messages(text: string, code: string, settings: Partial<ServerSettings> = {}): string[] {
  return findingsIn({ [MAIN]: MODULES + text }, MAIN, settings)
    .filter((d) => d.code === code)
    .map(messageOf);
}

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

const CACHES = 'SSLSessionCache "shmcb:/tmp/c(512000)"\nSSLSessionTickets off\n';

test('rule ids of RULES.md §4 are all registered', () => {
  const ids = RULES.map((rule) => rule.id);
  for (const id of [
    'ssl/chainfile-deprecated', 'ssl/sslrequire-deprecated', 'ssl/requiressl-prefer-require-ssl', 'ssl/protocol-sslv2',
    'ssl/protocol-sslv3', 'ssl/protocol-tls10-11', 'ssl/protocol-missing-sign', 'ssl/no-protocols', 'ssl/weak-cipher',
    'ssl/cipher-no-match', 'ssl/ciphersuite-not-tls13', 'ssl/compression', 'ssl/insecure-renegotiation',
    'ssl/engine-optional-removed', 'ssl/ssllog-removed', 'ssl/stapling-cache-missing', 'ssl/no-session-cache',
    'ssl/session-tickets', 'ssl/proxycheckpeercn-legacy', 'core/access-compat',
  ]) {
    assert.ok(ids.includes(id), `${id} is not registered`);
  }
});

test('SSLProtocol is read as mod_ssl reads it', () => {
  const enabled = (line: string) => [...evaluateProtocols(line.split(' ')).enabled].sort();
  assert.deepEqual(enabled('all -SSLv3'), ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3']);
  assert.deepEqual(enabled('-all +TLSv1.2 +TLSv1.3'), ['TLSv1.2', 'TLSv1.3']);
  assert.deepEqual(enabled('ALL -tlsv1 -TLSV1.1'), ['TLSv1.2', 'TLSv1.3'], 'words compare without case, as Apache does');
  assert.deepEqual(enabled('-all -TLSv1.2'), []);
  assert.deepEqual(enabled('+TLSv1.2'), ['TLSv1.2'], 'every line starts from nothing');
  // A word without a sign after the first starts over (AH02532 when something was set).
  const override = evaluateProtocols(['TLSv1.2', 'TLSv1.3']);
  assert.deepEqual([...override.enabled], ['TLSv1.3']);
  assert.deepEqual(override.unsigned, [{ index: 1, discarded: ['TLSv1.2'] }]);
  assert.deepEqual(evaluateProtocols(['-all', 'TLSv1.2']).unsigned, [{ index: 1, discarded: [] }]);
  // What Apache refuses, and what it ignores.
  assert.deepEqual(evaluateProtocols(['all', '+SSLv2', 'SSLv3', '-SSLv3', '+TLSv1.4']).refused, [
    { index: 1, reason: 'SSLv2' },
    { index: 2, reason: 'SSLv3' },
    { index: 4, reason: 'illegal' },
  ]);
  assert.deepEqual(evaluateProtocols(['all', '-SSLv2']).redundant, [1]);
});

test('protocols: SSLv2 and SSLv3 are errors where they are written, -SSLv2 a hint', () => {
  assert.deepEqual(findings('SSLProtocol all +SSLv2\nSSLProxyProtocol -all +TLSv1.2 -SSLv2\nSSLProtocol -all +TLSv1.2 SSLv3\n'), [
    '1 ssl/protocol-sslv2',
    '2 ssl/protocol-sslv2',
    '3 ssl/protocol-sslv3',
  ]);
  const [hint] = findingsIn({ [MAIN]: MODULES + 'SSLProxyProtocol -all +TLSv1.2 -SSLv2\n' });
  assert.equal(hint.severity, 4);
  assert.equal(hint.range.start.character, 'SSLProxyProtocol -all +TLSv1.2 '.length);
});

test('protocols: TLS 1.0/1.1 where enabled, through the default for a TLS host without SSLProtocol, judged by the profile', () => {
  assert.deepEqual(findings(`${CACHES}SSLProtocol all -SSLv3\n`), ['3 ssl/protocol-tls10-11']);
  assert.deepEqual(findings(`${CACHES}SSLProtocol -all +TLSv1.2 +TLSv1.3\n`), []);
  assert.match(messages(`${CACHES}SSLProtocol -all +TLSv1 +TLSv1.2\n`, 'ssl/protocol-tls10-11')[0], /^'\+TLSv1' enables TLS 1\.0, deprecated by RFC 8996/);
  // Toward backends, `all` is left alone; a word naming TLS 1.0 is not.
  assert.deepEqual(findings(`${CACHES}SSLProxyProtocol all -SSLv3\nSSLProxyProtocol -all +TLSv1.1\n`), ['4 ssl/protocol-tls10-11']);
  // The default reaches a TLS host with no SSLProtocol of its own or of the server config.
  const host = `<VirtualHost *:443>\nSSLEngine on\n${CERT}</VirtualHost>\n`;
  assert.deepEqual(findings(CACHES + host), ['4 ssl/protocol-tls10-11']);
  assert.match(messages(CACHES + host, 'ssl/protocol-tls10-11')[0], /default "all -SSLv3" enables TLS 1\.0 and 1\.1/);
  assert.deepEqual(findings(`${CACHES}${host}SSLProtocol -all +TLSv1.2\n`), [], 'a server-level SSLProtocol after the host applies too');
  // The modern profile allows TLS 1.3 only: TLS 1.2 is information.
  const modern = findingsIn({ [MAIN]: `${MODULES}${CACHES}SSLProtocol -all +TLSv1.2 +TLSv1.3\n` }, MAIN, { tlsProfile: 'modern' });
  assert.deepEqual(modern.map((d) => [d.code, d.severity]), [['ssl/protocol-tls10-11', 3]]);
  assert.deepEqual(findings(`${CACHES}SSLProtocol -all +TLSv1.2 +TLSv1.3\n`, { tlsProfile: 'off' }), []);
});

test('protocols: a host takes SSLProtocol from a file its <VirtualHost> includes', () => {
  const files = {
    [MAIN]: `${MODULES}${CACHES}Include sites/*.conf\n`,
    '/etc/apache2/sites/a.conf': `<VirtualHost *:443>\nSSLEngine on\n${CERT}Include /etc/letsencrypt/options-ssl-apache.conf\n</VirtualHost>\n`,
    '/etc/letsencrypt/options-ssl-apache.conf': 'SSLProtocol all -SSLv2 -SSLv3 -TLSv1 -TLSv1.1\n',
  };
  assert.deepEqual(findingsIn(files, '/etc/apache2/sites/a.conf').map((d) => d.code), []);
  assert.deepEqual(findingsIn(files, '/etc/letsencrypt/options-ssl-apache.conf').map((d) => d.code), ['ssl/protocol-sslv2']);
});

test('protocols: a file checked on its own says nothing about what its server config may set', () => {
  const file = parseConfig(`<VirtualHost *:443>\nSSLEngine on\n${CERT}SSLUseStapling on\n</VirtualHost>\n`);
  const codes = analyzeFile(file, { fileName: '/srv/site.conf' }).map((d) => String(d.code));
  assert.deepEqual(codes.filter((code) => TLS_IDS.has(code)), []);
});

test('a directive whose module is not loaded is mod/unknown-directive\'s alone', () => {
  const files = {
    [MAIN]: 'LoadModule mpm_event_module /x/mod_mpm_event.so\n<VirtualHost *:443>\nSSLEngine on\nSSLProtocol all\nSSLCompression on\n</VirtualHost>\n',
  };
  assert.deepEqual(findingsIn(files).map((d) => d.code), []);
});

test('protocols: a missing sign, and a line that enables nothing', () => {
  const [sign] = findingsIn({ [MAIN]: `${MODULES}${CACHES}SSLProtocol TLSv1.2 TLSv1.3\n` }).filter((d) => d.code === 'ssl/protocol-missing-sign');
  assert.equal(sign.severity, 2);
  assert.match(messageOf(sign), /drops TLS.*AH02532: SSLProtocol: Protocol 'TLSv1\.3' overrides already set parameter\(s\)/);
  const [quiet] = findingsIn({ [MAIN]: `${MODULES}${CACHES}SSLProtocol -all TLSv1.2 +TLSv1.3\n` }).filter((d) => d.code === 'ssl/protocol-missing-sign');
  assert.equal(quiet.severity, 3, 'nothing is lost after -all: information');
  assert.deepEqual(findings(`${CACHES}SSLProtocol -all\n`), ['3 ssl/no-protocols']);
  assert.match(messages(`${CACHES}SSLProtocol -all\n`, 'ssl/no-protocols')[0], /AH02231: No SSL protocols available/);
});

/** These tests need the openssl command, which .ci/run installs; without it they fail and say so. */
function requireOpenssl(): void {
  const probe = opensslCipherExpander().expand('SSL', 'HIGH');
  assert.equal(probe.kind, 'suites', `openssl is not usable here (apt-get install -y openssl): ${JSON.stringify(probe)}`);
}

test('ciphers, with the installed OpenSSL: no match is an error, suites outside the profile are information', () => {
  requireOpenssl();
  const base = `${CACHES}SSLProtocol -all +TLSv1.2 +TLSv1.3\n`;
  assert.deepEqual(findings(`${base}SSLCipherSuite RC4-SHA:DES-CBC3-SHA\n`), ['4 ssl/cipher-no-match']);
  assert.match(messages(`${base}SSLCipherSuite TLSv1.3 NOPE\n`, 'ssl/cipher-no-match')[0], /AH10127: Unable to configure permitted TLSv1\.3 ciphers/);
  assert.deepEqual(findings(`${base}SSLCipherSuite ${tlsProfile('intermediate')?.apache.SSLCipherSuite}\n`), []);
  const [outside] = findingsIn({ [MAIN]: `${MODULES}${base}SSLCipherSuite HIGH:!aNULL\n` }).filter((d) => d.code === 'ssl/weak-cipher');
  assert.equal(outside.severity, 3);
  assert.match(messageOf(outside), /not in the Mozilla intermediate profile/);
  assert.doesNotMatch(messageOf(outside), /PSK/, 'PSK suites are dead entries: Apache sets no pre-shared keys');
  // The same string under no profile: nothing weak, nothing to say.
  assert.deepEqual(findings(`${base}SSLCipherSuite HIGH:!aNULL\n`, { tlsProfile: 'off' }), []);
  // A TLS 1.3-only host does not use the TLS 1.2 list at all: only that it does not restrict TLS 1.3 is said.
  assert.deepEqual(findings(`${CACHES}SSLProtocol -all +TLSv1.3\nSSLCipherSuite AES256-SHA256\n`), ['4 ssl/ciphersuite-not-tls13']);
});

test('ciphers: TLS 1.3 is not restricted by the SSL list, from 2.4.36 on', () => {
  requireOpenssl();
  const base = `${CACHES}SSLProtocol -all +TLSv1.2 +TLSv1.3\n`;
  assert.deepEqual(findings(`${base}SSLCipherSuite AES256-SHA256\n`), ['4 ssl/ciphersuite-not-tls13', '4 ssl/weak-cipher']);
  assert.deepEqual(findings(`${base}SSLCipherSuite AES256-SHA256\n`, { httpdVersion: '2.4.35' }), ['4 ssl/weak-cipher']);
  assert.deepEqual(findings(`${base}SSLCipherSuite AES256-SHA256\nSSLCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384\n`), ['4 ssl/weak-cipher']);
  assert.deepEqual(findings(`${CACHES}SSLProtocol -all +TLSv1.2\nSSLCipherSuite AES256-SHA256\n`), ['4 ssl/weak-cipher'], 'no TLS 1.3 on this host');
  assert.match(messages(`${base}SSLCipherSuite ECDHE-RSA-AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256\n`, 'ssl/ciphersuite-not-tls13')[0], /names TLS_AES_128_GCM_SHA256/);
});

/** An OpenSSL that has weak suites, as older builds do. */
const OLD_OPENSSL: CipherExpander = {
  expand: (list, spec) =>
    list === 'SSL' && spec.includes('RC4')
      ? {
          kind: 'suites',
          suites: parseCiphersOutput(
            'ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 Kx=ECDH Au=RSA Enc=AESGCM(128) Mac=AEAD\n' +
              'RC4-SHA SSLv3 Kx=RSA Au=RSA Enc=RC4(128) Mac=SHA1\n' +
              'DES-CBC3-SHA SSLv3 Kx=RSA Au=RSA Enc=3DES(168) Mac=SHA1\n' +
              'PSK-AES128-CBC-SHA SSLv3 Kx=PSK Au=PSK Enc=AES(128) Mac=SHA1\n',
          ),
        }
      : { kind: 'unknown', reason: 'test' },
};

test('ciphers: weak suites an OpenSSL really enables are a warning, listed by name', () => {
  const [weak] = withCipherExpander(OLD_OPENSSL, () =>
    findingsIn({ [MAIN]: `${MODULES}${CACHES}SSLProtocol -all +TLSv1.2\nSSLCipherSuite HIGH:RC4:3DES\n` }),
  ).filter((d) => d.code === 'ssl/weak-cipher');
  assert.equal(weak.severity, 2);
  assert.match(messageOf(weak), /^OpenSSL expands this string to 3 suites Apache can use; 2 are weak: RC4-SHA \(RC4\), DES-CBC3-SHA \(3DES\)\./);
});

test('ciphers without OpenSSL say less: the words only, never a guess at the suites', () => {
  const none = opensslCipherExpander('/nonexistent/openssl');
  assert.deepEqual(none.expand('SSL', 'HIGH'), { kind: 'unknown', reason: 'OpenSSL (/nonexistent/openssl) is not installed' });
  const base = `${MODULES}${CACHES}SSLProtocol -all +TLSv1.2 +TLSv1.3\n`;
  const run = (line: string, settings: Partial<ServerSettings> = {}) =>
    withCipherExpander(none, () => findingsIn({ [MAIN]: base + line }, MAIN, settings)).map((d) => ({ code: String(d.code), severity: d.severity, message: messageOf(d) }));
  const [{ code, severity, message }] = run('SSLCipherSuite HIGH:RC4-SHA:!MD5\n');
  assert.deepEqual([code, severity], ['ssl/weak-cipher', 2]);
  assert.match(message, /asks for weak ciphers: RC4-SHA\. \(Which suites it enables is not known: OpenSSL .* is not installed\.\)/);
  assert.deepEqual(run('SSLCipherSuite NOPE\n'), [], 'no match is only known from OpenSSL');
  assert.deepEqual(run('SSLCipherSuite ALL\n').map((d) => [d.code, d.severity]), [['ssl/weak-cipher', 4]]);
  // apacheSsl.expandCiphers off: OpenSSL is not asked even when installed.
  const off = findingsIn({ [MAIN]: `${base}SSLCipherSuite NOPE:RC4\n` }, MAIN, { expandCiphers: false });
  assert.deepEqual(off.map((d) => d.code), ['ssl/weak-cipher']);
  assert.match(messageOf(off[0]), /apacheSsl\.expandCiphers is off/);
  assert.deepEqual(weakCipherWords('!RC4:-3DES:HIGH:+MD5:aNULL:EXP:SEED:kRSA+IDEA'), ['SEED', 'kRSA+IDEA']);
});

test('openssl ciphers is run without a shell, answers are remembered per string, and a string with a path is never passed', (t) => {
  const folder = mkdtempSync(join(tmpdir(), 'apache-ssl-openssl-'));
  after(() => rmSync(folder, { recursive: true, force: true }));
  const log = join(folder, 'calls');
  const fake = join(folder, 'openssl');
  writeFileSync(fake, `#!/bin/sh\nprintf '%s|' "$@" >> ${log}\necho >> ${log}\necho 'ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 Kx=ECDH Au=RSA Enc=AESGCM(128) Mac=AEAD'\n`);
  chmodSync(fake, 0o755);
  const expander = opensslCipherExpander(fake);
  const first = expander.expand('SSL', '-ALL:ECDHE; rm -rf /');
  assert.equal(first.kind, 'unknown', 'not cipher-string syntax: not passed');
  assert.equal(expander.expand('SSL', 'ECDHE+AESGCM').kind, 'suites');
  expander.expand('SSL', 'ECDHE+AESGCM');
  expander.expand('TLSv1.3', '-x');
  assert.equal(expander.expand('SSL', '/etc/passwd').kind, 'unknown');
  assert.deepEqual(readFileSync(log, 'utf8').trim().split('\n'), ['ciphers|-v|--|ECDHE+AESGCM:!aNULL:!eNULL:!EXP|', 'ciphers|-v|-ciphersuites|-x|']);
  // An OpenSSL that does not answer is given up after 2 s.
  const slow = join(folder, 'slow');
  writeFileSync(slow, '#!/bin/sh\nsleep 5\n');
  chmodSync(slow, 0o755);
  const started = Date.now();
  const answer = opensslCipherExpander(slow).expand('SSL', 'HIGH');
  t.diagnostic(`slow openssl given up after ${Date.now() - started} ms`);
  assert.equal(answer.kind, 'unknown');
  assert.ok(Date.now() - started < 4_000);
});

test('obsolete and insecure settings', () => {
  assert.deepEqual(
    findings(
      `${CACHES}SSLProtocol -all +TLSv1.2 +TLSv1.3\nSSLInsecureRenegotiation on\nSSLInsecureRenegotiation off\nSSLCompression off\n` +
        `<VirtualHost *:443>\nSSLEngine optional\n${CERT}SSLCertificateChainFile /etc/ssl/certs/ssl-cert-snakeoil.pem\n` +
        'SSLSessionTickets on\nSSLProxyCheckPeerCN off\n</VirtualHost>\n',
    ),
    ['4 ssl/insecure-renegotiation', '8 ssl/engine-optional-removed', '11 ssl/chainfile-deprecated', '12 ssl/session-tickets', '13 ssl/proxycheckpeercn-legacy'],
  );
  assert.deepEqual(findings('SSLCompression On\n'), ['1 ssl/compression']);
  assert.deepEqual(findings('<VirtualHost *:80>\nSSLLog /var/log/ssl.log\nSSLLogLevel warn\n</VirtualHost>\n'), ['2 ssl/ssllog-removed', '3 ssl/ssllog-removed']);
});

test('SSLEngine optional: ignored from 2.4.64 on, a CVE before; never args/invalid-value', () => {
  const text = `${CACHES}SSLProtocol -all +TLSv1.2\nSSLEngine optional\n`;
  assert.match(messages(text, 'ssl/engine-optional-removed')[0], /AH10510: 'SSLEngine optional' is no longer supported", starts, and this host speaks plain HTTP/);
  assert.match(messages(text, 'ssl/engine-optional-removed', { httpdVersion: '2.4.63' })[0], /CVE-2025-49812\); Apache 2\.4\.64 removed it/);
  const model = buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem({ [MAIN]: MODULES + text })) });
  const codes = analyzeFile(model.files.get(MAIN)?.file ?? parseConfig(''), { model, fileName: MAIN }).map((d) => d.code);
  assert.ok(!codes.includes('args/invalid-value'), 'Apache 2.4.71 accepts the word (Syntax OK)');
});

test('caches: stapling without SSLStaplingCache, TLS without SSLSessionCache, only where the server config is read', () => {
  const host = `<VirtualHost *:443>\nSSLEngine on\n${CERT}SSLUseStapling on\n</VirtualHost>\n`;
  assert.deepEqual(findings(`SSLProtocol -all +TLSv1.2\nSSLSessionTickets off\n${host}`), ['4 ssl/no-session-cache', '7 ssl/stapling-cache-missing']);
  assert.deepEqual(findings(`SSLProtocol -all +TLSv1.2\nSSLSessionTickets off\n${host}SSLStaplingCache shmcb:/tmp/s(32768)\nSSLSessionCache none\n`), []);
  // A cache inside the virtual host is not a server-level one (ctx/not-allowed says Apache refuses it).
  assert.deepEqual(findings(`SSLProtocol -all +TLSv1.2\n${CACHES}${host.replace('SSLUseStapling on\n', 'SSLUseStapling on\nSSLStaplingCache shmcb:/tmp/s(32768)\n')}`), ['8 ssl/stapling-cache-missing']);
});

test('session tickets: on is a hint, and the default is reported only under a profile', () => {
  const host = `SSLSessionCache "shmcb:/tmp/c(512000)"\nSSLProtocol -all +TLSv1.2\n<VirtualHost *:443>\nSSLEngine on\n${CERT}</VirtualHost>\n`;
  assert.deepEqual(findings(host), ['4 ssl/session-tickets']);
  assert.deepEqual(findings(host, { tlsProfile: 'off' }), []);
  assert.deepEqual(findings(`${host}SSLSessionTickets on\n`, { tlsProfile: 'off' }), ['8 ssl/session-tickets']);
});

test('access control: Order/Allow/Deny/Satisfy, SSLRequire and SSLRequireSSL are hints in per-directory sections', () => {
  assert.deepEqual(
    findings('<Directory /srv>\nOrder allow,deny\nAllow from all\nSatisfy any\nSSLRequireSSL\nSSLRequire %{HTTPS} == "on"\n</Directory>\n'),
    ['2 core/access-compat', '3 core/access-compat', '4 core/access-compat', '5 ssl/requiressl-prefer-require-ssl', '6 ssl/sslrequire-deprecated'],
  );
  // Without mod_access_compat the lines are mod/unknown-directive's; at top level, ctx/not-allowed's.
  const without = buildConfigModel(MAIN, {
    sources: new SourceCache(memoryFileSystem({ [MAIN]: 'LoadModule mpm_event_module /x/mod_mpm_event.so\n<Directory /srv>\nOrder allow,deny\n</Directory>\n' })),
  });
  const codes = analyzeFile(without.files.get(MAIN)?.file ?? parseConfig(''), { model: without, fileName: MAIN }).map((d) => String(d.code));
  assert.ok(!codes.includes('core/access-compat'));
  assert.deepEqual(findings('Order allow,deny\n'), []);
});

test('tlsProfiles.json: Mozilla guidelines pinned with their source, Apache lines consistent with the lists', () => {
  assert.equal(TLS_GUIDELINES.version, '5.7');
  assert.equal(TLS_GUIDELINES.source, 'https://ssl-config.mozilla.org/guidelines/5.7.json');
  for (const name of ['modern', 'intermediate'] as const) {
    const profile = tlsProfile(name);
    assert.ok(profile);
    assert.equal(profile.apache.SSLProtocol, `-all ${profile.tlsVersions.map((v) => `+${v}`).join(' ')}`);
    assert.equal(profile.apache.SSLCipherSuite, profile.ciphers.length > 0 ? profile.ciphers.join(':') : undefined);
    assert.equal(profile.apache.SSLHonorCipherOrder, profile.serverPreferredOrder ? 'on' : 'off');
    assert.deepEqual(profile.ciphersuites, ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256']);
  }
  assert.equal(tlsProfile('intermediate')?.ciphers.length, 9);
  assert.equal(tlsProfile('off'), undefined);
});

test('settings: tlsProfile and expandCiphers', () => {
  assert.equal(DEFAULT_SETTINGS.tlsProfile, 'intermediate');
  assert.equal(DEFAULT_SETTINGS.expandCiphers, true);
  assert.equal(normalizeSettings({ tlsProfile: 'modern', expandCiphers: false }).tlsProfile, 'modern');
  assert.equal(normalizeSettings({ tlsProfile: 'modern', expandCiphers: false }).expandCiphers, false);
  assert.equal(normalizeSettings({ tlsProfile: 'old', expandCiphers: 'no' }).tlsProfile, 'intermediate');
  assert.equal(normalizeSettings({ tlsProfile: 'old', expandCiphers: 'no' }).expandCiphers, true);
});
