// Argument values, and a section's paths, against the real `apache2 -t`,
// line by line: each case is a configuration of its own (every module
// loaded), and we report an error on the line Apache blames exactly when
// Apache refuses it, quoting Apache's message; the valid neighbours of each
// refused form must stay silent.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { Prober } from '../../scripts/knowledge/prober';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { findRule } from '../../server/src/analysis/registry';
import { defaultDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import valuesJson from '../../server/src/knowledge/values.json';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { analyzeWithAllModules } from '../support/analyzeInTree';
import { apacheConfigTest, loadAllModules, preludeWithModules, type ApacheVerdict } from '../support/apacheOracle';

const prober = new Prober();
after(() => prober.close());

/** Each case against Apache; returns the disagreements, one line each. */
async function disagreements(cases: readonly string[], rule = 'args/invalid-value'): Promise<string[]> {
  const verdicts = await Promise.all(cases.map((text) => prober.test('event', `${text}\n`)));
  return cases.flatMap((text, index) => {
    const verdict = verdicts[index];
    const errors = analyzeWithAllModules(`${text}\n`).filter(
      (d) => d.severity === DiagnosticSeverity.Error && findRule(String(d.code))?.refusedBy === 'configtest',
    );
    const shown = JSON.stringify(text);
    if (verdict.ok) return errors.length === 0 ? [] : [`${shown}: Apache accepts it, we report ${errors.map((e) => `${e.code}: ${e.message}`).join('; ')}`];
    const line = (verdict.line ?? 0) - 1;
    const ours = errors.find((e) => e.code === rule && e.range.start.line <= line && line <= e.range.end.line);
    if (!ours) return [`${shown}: Apache refuses line ${line + 1} ("${verdict.message}"), we report ${errors.map((e) => `${e.code}@${e.range.start.line + 1}`).join(', ') || 'nothing'}`];
    // Apache stops at its first refusal: one error for the line, not one per rule that sees something.
    const onLine = errors.filter((e) => e.range.start.line <= line && line <= e.range.end.line);
    if (onLine.length > 1) return [`${shown}: Apache refuses line ${line + 1} once, we report ${onLine.map((e) => e.code).join(', ')}`];
    // After a count, Apache adds the directive's help text (", a mime type followed by …"), which we do not quote.
    const quoted = rule === 'args/count' ? (verdict.message ?? '').replace(/ (requires|takes) ([^,]*), .*$/, ' $1 $2') : verdict.message;
    return String(ours.message).includes(`"${quoted}"`) ? [] : [`${shown}: our message does not quote Apache's "${verdict.message}": ${ours.message}`];
  });
}

test('LogLevel: levels, module:level, and the modules Apache finds by name', async () => {
  const refused = [
    'LogLevel ssl:verbose',
    'LogLevel bogus',
    'LogLevel trace9',
    'LogLevel +warn',
    'LogLevel warn ssl:info extra:',
    'LogLevel ssl:',
    'LogLevel ssl:info:x',
    'LogLevel nosuch:verbose',
    'LogLevel nosuch:info',
    'LogLevel mod_ssl:info',
    'LogLevel SSL:INFO',
    'LogLevel http_core:debug',
    'LogLevel event:info',
    'LogLevel a:b:info',
    'LogLevel ssl:warn bogus',
    '<Directory /tmp>\nLogLevel nosuch:info\n</Directory>',
  ];
  const accepted = [
    'LogLevel warn',
    'LogLevel WARN',
    'LogLevel core:trace8',
    'LogLevel info ssl:trace3',
    'LogLevel ssl:info warn',
    'LogLevel ssl_module:info',
    'LogLevel mod_ssl.c:info',
    'LogLevel http:debug',
    'LogLevel http_core.c:debug',
    'LogLevel core_module:info',
    'LogLevel so:info',
    'LogLevel mpm_event:info',
    'LogLevel rewrite:trace3 proxy:debug ssl:Warn',
    // ITERATE stops at an empty word: what follows is never read.
    'LogLevel warn "" bogus',
    '<VirtualHost *:80>\nLogLevel info ssl:debug\n</VirtualHost>',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('SSLOpenSSLConfCmd: the command names of OpenSSL configuration files, whatever their case; the value is not read until start-up', async () => {
  const refused = [
    'SSLOpenSSLConfCmd Foo bar',
    'SSLOpenSSLConfCmd -cipher HIGH',
    'SSLOpenSSLConfCmd sigalgs RSA+SHA256',
    'SSLOpenSSLConfCmd no_ssl3 on',
    'SSLOpenSSLConfCmd ServerPreference on',
    '<VirtualHost *:443>\nSSLOpenSSLConfCmd Curve X25519\n</VirtualHost>',
  ];
  const accepted = [
    'SSLOpenSSLConfCmd Options ServerPreference',
    'SSLOpenSSLConfCmd options -SessionTicket',
    'SSLOpenSSLConfCmd Options Bogus',
    'SSLOpenSSLConfCmd Curves X25519',
    'SSLOpenSSLConfCmd Groups X25519:secp256r1',
    'SSLOpenSSLConfCmd MinProtocol TLSv1.2',
    'SSLOpenSSLConfCmd NumTickets 2',
    'SSLOpenSSLConfCmd SignatureAlgorithms RSA+SHA256',
    'SSLOpenSSLConfCmd ECDHParameters auto',
    'SSLOpenSSLConfCmd VerifyCAStore org.openssl.winstore://',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('SSLSessionCacheTimeout and the OCSP and stapling times: C atoi(), refused below 0', async () => {
  const refused = [
    'SSLSessionCacheTimeout -1',
    'SSLSessionCacheTimeout -1x',
    'SSLSessionCacheTimeout " -1"',
    'SSLSessionCacheTimeout 4294967295',
    'SSLSessionCacheTimeout 2147483648',
    'SSLSessionCacheTimeout 99999999999999999999999',
    '<VirtualHost *:443>\nSSLSessionCacheTimeout -5\n</VirtualHost>',
    'SSLStaplingResponseMaxAge -5',
    'SSLStaplingResponseTimeSkew -1',
    'SSLStaplingResponderTimeout -1',
    'SSLStaplingStandardCacheTimeout -1',
    'SSLStaplingErrorCacheTimeout -1',
    'SSLOCSPResponseMaxAge -2',
    'SSLOCSPResponseTimeSkew -1',
    'SSLOCSPResponderTimeout -1',
  ];
  const accepted = [
    'SSLSessionCacheTimeout 300',
    'SSLSessionCacheTimeout 0',
    'SSLSessionCacheTimeout -0',
    'SSLSessionCacheTimeout +5',
    'SSLSessionCacheTimeout abc',
    'SSLSessionCacheTimeout -abc',
    'SSLSessionCacheTimeout 2x',
    'SSLSessionCacheTimeout 4294967376',
    'SSLSessionCacheTimeout -99999999999999999999999',
    'SSLStaplingResponseMaxAge 0',
    'SSLOCSPResponderTimeout 10',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('ProxyErrorOverride: On or Off, then status codes 400 to 599 after On', async () => {
  const refused = [
    'ProxyErrorOverride On abc',
    'ProxyErrorOverride On 399',
    'ProxyErrorOverride On 600',
    'ProxyErrorOverride On 200',
    'ProxyErrorOverride On 0',
    'ProxyErrorOverride On 4e2',
    'ProxyErrorOverride On -404',
    'ProxyErrorOverride On +404',
    'ProxyErrorOverride On " 404"',
    'ProxyErrorOverride Off 404',
    'ProxyErrorOverride On 404 Off 500',
    'ProxyErrorOverride abc',
    'ProxyErrorOverride yes',
    'ProxyErrorOverride 200',
    '<Location /x>\nProxyErrorOverride On 404 50x\n</Location>',
    'ProxyErrorOverride On 99',
    'ProxyErrorOverride On 404 600',
    'ProxyErrorOverride Off 500',
    // Codes before any On or Off in the section: the switch is kept per section (per-directory record), not per tree.
    'ProxyErrorOverride 404',
    'ProxyErrorOverride 500 503',
    '<IfModule proxy_module>\nProxyErrorOverride 404\n</IfModule>',
    'Define CODES "404 500"\nProxyErrorOverride ${CODES}',
    'ProxyErrorOverride On\n<VirtualHost *:80>\nProxyErrorOverride 404\n</VirtualHost>',
    '<VirtualHost *:80>\nProxyErrorOverride On\n</VirtualHost>\nProxyErrorOverride 404',
    'ProxyErrorOverride On\n<Location /a>\nProxyErrorOverride 404\n</Location>',
    '<Location /a>\nProxyErrorOverride On\n</Location>\n<Location /a>\nProxyErrorOverride 404\n</Location>',
    '<Location /a>\nProxyErrorOverride On\n<If "true">\nProxyErrorOverride 404\n</If>\n</Location>',
    '<Directory /srv>\nProxyErrorOverride On\n<Files x>\nProxyErrorOverride 404\n</Files>\n</Directory>',
    'ProxyErrorOverride Off\nProxyErrorOverride 404',
    'ProxyErrorOverride On\nProxyErrorOverride x',
    'ProxyErrorOverride On\nProxyErrorOverride 600',
  ];
  const accepted = [
    'ProxyErrorOverride On',
    'ProxyErrorOverride Off',
    'ProxyErrorOverride on 404',
    'ProxyErrorOverride On 400 599',
    'ProxyErrorOverride On 404x',
    'ProxyErrorOverride On 0404',
    'ProxyErrorOverride On On',
    'ProxyErrorOverride On 404 On 500',
    'ProxyErrorOverride Off On 502',
    // ITERATE stops at an empty word.
    'ProxyErrorOverride On "" abc',
    // The switch holds across the lines of a section, so a later line may list codes alone.
    'ProxyErrorOverride On\nProxyErrorOverride 404',
    '<Location /x>\nProxyErrorOverride On 502 503\n</Location>',
    'ProxyErrorOverride Off\nProxyErrorOverride On\nProxyErrorOverride 502',
    'ProxyErrorOverride On "" Off\nProxyErrorOverride 404',
    '<IfModule proxy_module>\nProxyErrorOverride On\n</IfModule>\nProxyErrorOverride 404',
    '<VirtualHost *:80>\nProxyErrorOverride On\nProxyErrorOverride 404 500\n</VirtualHost>',
    // <Limit> writes to the section around it.
    '<Location /a>\nProxyErrorOverride On\n<Limit GET>\nProxyErrorOverride 404\n</Limit>\n</Location>',
    'Define SWITCH On\nProxyErrorOverride ${SWITCH}\nProxyErrorOverride 404',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('ProxyErrorOverride: the switch an included file finds is the one its Include line is read with', () => {
  const main = 'ProxyErrorOverride On\nInclude conf/codes.conf\n<VirtualHost *:80>\n    Include conf/codes.conf\n</VirtualHost>\n';
  const codes = '# codes only\nProxyErrorOverride 404\n';
  const apache = apacheConfigTest({ 'main.conf': main, 'conf/codes.conf': codes }, 'main.conf');
  assert.equal(apache.message, 'ProxyErrorOverride first parameter must be one of: off | on');
  assert.ok(apache.file?.endsWith('/conf/codes.conf') && apache.line === 2, apache.output);
  const model = buildConfigModel('/srv/o/main.conf', {
    sources: new SourceCache(memoryFileSystem({ '/srv/o/main.conf': `${loadAllModules()}ServerName localhost\n${main}`, '/srv/o/conf/codes.conf': codes })),
  });
  const file = model.files.get('/srv/o/conf/codes.conf')?.file;
  assert.ok(file);
  const ours = analyzeFile(file, { fileName: '/srv/o/conf/codes.conf', model }).filter((d) => d.code === 'args/invalid-value');
  assert.deepEqual(ours.map((d) => [d.range.start.line + 1, String(d.message).includes(`"${apache.message}"`)]), [[2, true]]);
  // Read once, after the On: accepted, and silent.
  const once = 'ProxyErrorOverride On\nInclude conf/codes.conf\n';
  assert.ok(apacheConfigTest({ 'main.conf': once, 'conf/codes.conf': codes }, 'main.conf').ok);
  const onceModel = buildConfigModel('/srv/o/main.conf', {
    sources: new SourceCache(memoryFileSystem({ '/srv/o/main.conf': `${loadAllModules()}ServerName localhost\n${once}`, '/srv/o/conf/codes.conf': codes })),
  });
  const onceFile = onceModel.files.get('/srv/o/conf/codes.conf')?.file;
  assert.ok(onceFile);
  assert.deepEqual(analyzeFile(onceFile, { fileName: '/srv/o/conf/codes.conf', model: onceModel }).filter((d) => d.code === 'args/invalid-value'), []);
});

test('ProxyErrorOverride in a file checked on its own: the main configuration may say On before it; a section of the file may not', () => {
  const errors = (text: string) => analyzeFile(parseConfig(text)).filter((d) => d.code === 'args/invalid-value').map((d) => d.range.start.line + 1);
  assert.deepEqual(errors('ProxyErrorOverride 404\n'), []);
  assert.deepEqual(errors('ProxyErrorOverride 200\n'), [1]);
  assert.deepEqual(errors('ProxyErrorOverride Off\nProxyErrorOverride 404\n'), [2]);
  assert.deepEqual(errors('<Location /a>\n    ProxyErrorOverride 404\n</Location>\n<VirtualHost *:80>\n    ProxyErrorOverride 500\n</VirtualHost>\n'), [2, 5]);
});

test('Listen: an address Apache can parse, with a port from 1 to 65535', async () => {
  const refused = [
    'Listen admin@x',
    'Listen 99999',
    'Listen 0',
    'Listen 65536',
    'Listen [::1',
    'Listen [::1]',
    'Listen 127.0.0.1:',
    'Listen 127.0.0.1:99999',
    'Listen 127.0.0.1:0',
    'Listen :80',
    'Listen -1',
    'Listen abc',
    'Listen 80x',
    'Listen 1.2.3.4',
    'Listen [zz]:80',
    'Listen [fe80::1%]:80',
    'Listen [::1]:80:80',
  ];
  const accepted = [
    // atoi() keeps 32 bits: this is port 80.
    'Listen 4294967376',
    'Listen 8443',
    'Listen 65535',
    'Listen 127.0.0.1:8080',
    'Listen [::1]:8080',
    'Listen [::]:8081',
    'Listen *:8082',
    'Listen localhost:8083',
    'Listen [fe80::1%lo]:8084',
    'Listen 8085 https',
    'Listen 8086 HTTPS',
    // The protocol word is not checked: Apache serves it as http.
    'Listen 8087 bogusproto',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('Listen: the address, then at most a protocol word; a last "" is no word', async () => {
  const refused = [
    'Listen 8080 http extra',
    'Listen 8080 http options=reuseport',
    'Listen [::1]:8443 https x',
    'Listen ""',
    'Listen 8080 "" http',
    'Listen 8080 http "" ""',
    'Listen 8080 http #comment',
    'Listen 8080 http \\\n    extra',
    'Define PROTO "http extra"\nListen 8080 ${PROTO}',
    'Define ADDR "8080 http extra"\nListen ${ADDR}',
    '<IfModule mpm_event_module>\nListen 8080 https extra\n</IfModule>',
  ];
  const accepted = [
    'Listen 8080 http',
    'Listen 8080 https',
    'Listen [::1]:8443 https',
    'Listen 8080 ""',
    'Listen 8080 http ""',
    'Listen 8080 "" ""',
    // 2.4 has no options= word: it is taken as the protocol.
    'Listen 8080 options=reuseport',
    'Define PROTO https\nListen 8443 ${PROTO}',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted], 'args/count'), []);
});

test('an empty "" is no word: a list (ITERATE, ITERATE2) with an empty first word has none, and a later one ends it; a TAKE1 with one has none', async () => {
  const refused = ['CacheIgnoreHeaders "" Set-Cookie', '<Directory /srv>\nAuthBasicProvider ""\n</Directory>', 'AddType "" .x', 'AddHandler "" .x', 'AddLanguage "" en', '<Location /x>\nDAV ""\n</Location>'];
  const accepted = ['CacheIgnoreHeaders Set-Cookie "" ""', '<Directory /srv>\nAuthBasicProvider file "" bogus\n</Directory>', 'AddType text/html ""', 'AddType text/html "" .x', 'DirectoryIndex "" index.html'];
  assert.deepEqual(await disagreements([...refused, ...accepted], 'args/count'), []);
});

test('mod_setenvif: the words each handler reads in turn, an empty "" being none; the pattern or expression is judged before the variables', async () => {
  const refused = [
    'SetEnvIf',
    'SetEnvIf ""',
    'SetEnvIf "" ^1 x',
    'SetEnvIf Remote_Addr',
    'SetEnvIf Remote_Addr ""',
    'SetEnvIf Remote_Addr "" x',
    'SetEnvIf Remote_Addr ^1',
    'SetEnvIf Remote_Addr ^1 ""',
    'SetEnvIf Remote_Addr ^1 "" x',
    'SetEnvIfNoCase Host',
    'SetEnvIfNoCase Host x',
    'BrowserMatch',
    'BrowserMatch x',
    'BrowserMatch x "" y',
    'BrowserMatchNoCase',
    'SetEnvIfExpr',
    'SetEnvIfExpr "" x',
    'SetEnvIfExpr "true"',
    'SetEnvIfExpr "true" ""',
    'Define VARS ""\nSetEnvIf Remote_Addr ^1 ${VARS}',
    '<Location />\nSetEnvIf Remote_Addr ^1\n</Location>',
  ];
  const accepted = ['SetEnvIf Remote_Addr ^1 x', 'SetEnvIf Remote_Addr "" x=1 y', 'BrowserMatch x y', 'SetEnvIfExpr "true" x', 'SetEnvIf Remote_Addr ^1 x ""'];
  assert.deepEqual(await disagreements([...refused, ...accepted], 'args/count'), []);
  // A pattern that does not compile is refused before the variables are read, and is args/invalid-value's.
  assert.deepEqual(await disagreements(['SetEnvIf Remote_Addr (', 'BrowserMatch (', 'SetEnvIf Remote_Addr ( x'], 'args/invalid-value'), []);
  assert.deepEqual(await disagreements(['SetEnvIfExpr "%{FOO"', 'SetEnvIfExpr "%{FOO" x'], 'expr/parse-error'), []);
});

test('ProxyRemote and ProxyRemoteMatch: scheme://host, then a port C reads with sscanf; the pattern is compiled after', async () => {
  const remotes = ['http:/bad', 'foo', 'http://', 'http://h:x', 'http://h:70000', 'http://h:0', 'http://h:-1', 'http://h:-70000', 'http://h:80x', 'http://h:', 'x://h', '://h', 'http://h/path', 'http://h:80/p', 'HTTP://H', 'http://[::1]:80', 'http://h:+5', 'http://h: 5', 'http://h:4294967296', 'http://h:2147483648', 'http://proxy.example:3128'];
  const lines = remotes.flatMap((remote) => [`ProxyRemote * "${remote}"`, `ProxyRemoteMatch ^x "${remote}"`]);
  // A bad remote is found before the pattern is compiled.
  lines.push('ProxyRemoteMatch ( foo', 'ProxyRemoteMatch ( http://h:3128', 'ProxyRemote ( http://h:3128');
  assert.deepEqual(await disagreements(lines), []);
});

test('ProxyHCExpr: a name, then one condition (a word, quoted, or in braces); the condition is parsed before a word after it is refused, one error a line', async () => {
  const refused = [
    'ProxyHCExpr',
    'ProxyHCExpr "" {true}',
    'ProxyHCExpr ok',
    'ProxyHCExpr ok ""',
    'ProxyHCExpr ok {}',
    'ProxyHCExpr ok {} x',
    'ProxyHCExpr ok {}x',
  ];
  const accepted = ['ProxyHCExpr ok {true}', 'ProxyHCExpr ok {true} ""', 'ProxyHCExpr ok {true} "" x', 'ProxyHCExpr ok true ""', 'ProxyHCExpr ok {%{REQUEST_STATUS} =~ /^[234]/}', 'ProxyHCExpr ok {true'];
  assert.deepEqual(await disagreements([...refused, ...accepted], 'args/count'), []);
  // The word after a condition that parses is refused as part of reading the condition (expr/parse-error, like <If a b>).
  const extra = [
    'ProxyHCExpr ok {true} extra',
    'ProxyHCExpr ok {true}x',
    'ProxyHCExpr ok {true}}',
    'ProxyHCExpr ok "true" x',
    'ProxyHCExpr ok true x',
    'ProxyHCExpr ok {%{REQUEST_STATUS} =~ /^[23]/} x',
    'ProxyHCExpr ok { %{REQUEST_STATUS}  =~ /^[23]/ } \\\n    x',
  ];
  assert.deepEqual(await disagreements(extra, 'expr/parse-error'), []);
  // A condition Apache cannot parse is refused first, with a word after it or not.
  const unparsed = ['ProxyHCExpr ok {%{FOO} extra', 'ProxyHCExpr ok {a == b} x', 'ProxyHCExpr ok %{FOO x', 'ProxyHCExpr ok {{true}} x'];
  assert.deepEqual(await disagreements(unparsed, 'expr/parse-error'), []);
});

test('RemoteIPInternalProxy and RemoteIPTrustedProxy: each word an address or network APR reads, or a host name without a mask', async () => {
  const words = ['300.1.1.1', '1::2::3', 'fe80::1/200', '10.0.0.0/33', '10.0.0.1/255.0.0.0', '10.0.0.0/8', '10.1', '10.0.0.0/', '/8', 'localhost', '::ffff:1.2.3.4', 'localhost/8', '10.0.0.0/8/9', '2001:db8::/32', '10.0.0.0/8 1::2::3', '1.2.3.4 "" 1::2::3'];
  const lines = words.flatMap((word) => [`RemoteIPInternalProxy ${word}`, `RemoteIPTrustedProxy ${word}`]);
  assert.deepEqual(await disagreements(lines), []);
});

test('Redirect and its kin: the status word, a target for 3xx only, a URL or a path', async () => {
  const location = (line: string) => `<Location /l>\n${line}\n</Location>`;
  const refused = [
    'Redirect permanant /a http://x/',
    'Redirect +301 /a http://x/',
    'Redirect 200 /a http://x/',
    'Redirect 3xx /a http://x/',
    'Redirect 410 /a http://x/',
    'Redirect 400 /a http://x/',
    'Redirect gone /a http://x/',
    'Redirect gone /a /b',
    'Redirect 301 /a',
    'Redirect permanent /a',
    'Redirect 301',
    'Redirect /a',
    'Redirect http://x/',
    'Redirect /a relative/path',
    'Redirect /a ://x',
    'Redirect /a ""',
    '<VirtualHost *:80>\nRedirect 301 /a\n</VirtualHost>',
    location('Redirect permanant /a http://x/'),
    location('Redirect /a relative'),
    location('Redirect relative b'),
    location('Redirect 301'),
    'RedirectMatch permanant ^/a http://x/',
    'RedirectMatch 200 ^/a http://x/',
    'RedirectMatch 301 ^/a',
    'RedirectMatch gone ^/a http://x/',
    'RedirectPermanent /a relative',
    'RedirectPermanent 301 /a',
    'RedirectTemp /a relative',
    location('RedirectPermanent /a relative'),
  ];
  const accepted = [
    'Redirect /a http://x/',
    'Redirect /a /b',
    'Redirect permanent /a http://x/',
    'Redirect Permanent /a http://x/',
    'Redirect temp /a https://x/',
    'Redirect seeother /a http://x/',
    'Redirect 301 /a http://x/',
    'Redirect 0301 /a http://x/',
    'Redirect 301x /a http://x/',
    'Redirect 399 /a http://x/',
    'Redirect 302 /a /b',
    'Redirect gone /a',
    'Redirect gone',
    'Redirect 410 /a',
    'Redirect 404 /a',
    'Redirect 200 /a',
    'Redirect 600 /a',
    'Redirect /a mailto:x@y',
    'Redirect /a x:y',
    location('Redirect 301 /a'),
    location('Redirect /a'),
    location('Redirect relative'),
    location('Redirect 301 relative'),
    location('Redirect permanant /a'),
    location('Redirect gone'),
    location('Redirect gone /a'),
    location('Redirect 404'),
    '<Directory /tmp>\nRedirect 301 /a\n</Directory>',
    '<Files x>\nRedirect 301 /a\n</Files>',
    '<If "true">\nRedirect 301 /a\n</If>',
    '<Proxy "*">\nRedirect 301 /a\n</Proxy>',
    'RedirectMatch ^/a relative',
    'RedirectMatch ^/a http://x/',
    'RedirectMatch 301 ^/a http://x/',
    'RedirectMatch gone ^/a',
    location('RedirectMatch 301 ^/a'),
    'RedirectPermanent /a http://x/',
    'RedirectPermanent /a /b',
    'RedirectPermanent gone /a',
    'RedirectTemp gone /a',
    'RedirectTemp 200 /a',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('<Directory>, <Location>, <Files> and their Match forms take one path, the first four after an optional ~', async () => {
  const refused = [
    '<Directory a b>\n</Directory>',
    '<Directory "/tmp" "/srv">\n</Directory>',
    '<Directory a "">\n</Directory>',
    '<Directory a ~>\n</Directory>',
    '<Directory ~ a b>\n</Directory>',
    '<Location a b>\n</Location>',
    '<Files a b>\n</Files>',
    '<Files ~ a "">\n</Files>',
    '<DirectoryMatch a b>\n</DirectoryMatch>',
    '<LocationMatch a b>\n</LocationMatch>',
    '<LocationMatch ~ a>\n</LocationMatch>',
    '<FilesMatch ~ a>\n</FilesMatch>',
    '<ProxyMatch a b=c>\n</ProxyMatch>',
    'Define V "/a /b"\n<Location ${V}>\n</Location>',
  ];
  const accepted = [
    '<Directory "a b">\n</Directory>',
    '<Directory  /tmp   >\n</Directory>',
    '<Directory ~ a>\n</Directory>',
    '<Directory "~" a>\n</Directory>',
    '<Directory ~ ~>\n</Directory>',
    '<Directory ~>\n</Directory>',
    '<DirectoryMatch ~ a>\n</DirectoryMatch>',
    '<Location ~ a>\n</Location>',
    '<Files ~ a>\n</Files>',
    '<LocationMatch "^/a b">\n</LocationMatch>',
    '<VirtualHost *:80 *:81>\n</VirtualHost>',
    'Define V "/a"\n<Location ${V}>\n</Location>',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted], 'syntax/section-arguments'), []);
});

/** `text` as the main configuration, for Apache and for us: it loads its own modules. */
function mainConfigVerdicts(text: string): { apache: ApacheVerdict; ours: Diagnostic[] } {
  const model = buildConfigModel('/srv/main.conf', { sources: new SourceCache(memoryFileSystem({ '/srv/main.conf': text })) });
  const file = model.files.get('/srv/main.conf')?.file;
  assert.ok(file);
  return { apache: apacheConfigTest({ 'main.conf': text }, 'main.conf', 'ErrorLog /dev/null\n'), ours: analyzeFile(file, { model, fileName: '/srv/main.conf' }) };
}

test('LogLevel: a module Debian ships but the tree does not load is not found', () => {
  const prelude = preludeWithModules(['ssl_module', 'authz_core_module']);
  const missing = mainConfigVerdicts(`${prelude}LogLevel ssl:info rewrite:trace3\n`);
  assert.equal(missing.apache.message, 'Cannot find module rewrite');
  assert.deepEqual(
    missing.ours.filter((d) => d.code === 'args/invalid-value').map((d) => [d.range.start.line + 1, String(d.message).includes('"Cannot find module rewrite"')]),
    [[missing.apache.line, true]],
  );
  // LoadModule is read before the other lines, wherever it stands.
  const later = mainConfigVerdicts(`${prelude}LogLevel rewrite:trace3\nLoadModule rewrite_module /usr/lib/apache2/modules/mod_rewrite.so\n`);
  assert.ok(later.apache.ok, later.apache.output);
  assert.deepEqual(later.ours.filter((d) => d.code === 'args/invalid-value'), []);
});

test('LogLevel in a file checked on its own: modules Debian ships may be loaded elsewhere; a name no module has is still refused', () => {
  const errors = (text: string) => analyzeFile(parseConfig(text)).filter((d) => d.code === 'args/invalid-value').map((d) => String(d.message));
  assert.deepEqual(errors('LogLevel warn ssl:info rewrite:trace3 core:debug\n'), []);
  const [misspelt] = errors('LogLevel mod_ssl:info\n');
  assert.match(misspelt, /"Cannot find module mod_ssl"/);
  assert.match(misspelt, /Here: ssl:info\./);
  assert.equal(errors('LogLevel ssl:verbose\n').length, 1);
});

test('Port and FancyIndexing were removed: Apache refuses every such line it reads, whatever the words', async () => {
  const refused = [
    'Port 80',
    'Port abc',
    '<VirtualHost *:80>\nPort 8080\n</VirtualHost>',
    'FancyIndexing on',
    'FancyIndexing Off',
    'FancyIndexing',
    'FancyIndexing maybe so',
    '<Directory /tmp>\nFancyIndexing on\n</Directory>',
    '<IfModule autoindex_module>\nFancyIndexing on\n</IfModule>',
  ];
  const accepted = ['IndexOptions +FancyIndexing', '<IfModule !autoindex_module>\nFancyIndexing on\n</IfModule>', 'Listen 8080'];
  assert.deepEqual(await disagreements([...refused, ...accepted], 'core/removed-directive'), []);
});

test('Mutex, AllowCONNECT, ProxyDomain, the DBD counts and the mod_vhost_alias paths: the forms their handlers read', async () => {
  const refused = [
    'Mutex bogus',
    'Mutex fileXYZ',
    'Mutex flockish',
    'Mutex fcntlx:/tmp',
    'Mutex posix ssl-cache',
    'Mutex bogus:/tmp',
    'Mutex :/tmp',
    'AllowCONNECT x',
    'AllowCONNECT 443 -1',
    'AllowCONNECT 1x',
    'AllowCONNECT 1-',
    'AllowCONNECT 1-2-3',
    'AllowCONNECT 1-2x',
    'ProxyDomain example.com',
    'CookieDomain example.com',
    'CookieDomain .com',
    '<Directory /tmp>\nCookieDomain .\n</Directory>',
    '<VirtualHost *:80>\nProxyDomain x\n</VirtualHost>',
    'DBDExptime 1x',
    'DBDExptime -1',
    'DBDMin abc',
    'DBDKeep +5',
    'DBDMax 0x1',
    'VirtualDocumentRoot relative/%0',
    'VirtualScriptAlias x',
    'VirtualDocumentRootIP x',
    'VirtualScriptAliasIP x',
    'VirtualDocumentRoot /srv/%',
    'VirtualDocumentRoot /srv/%x',
    'VirtualDocumentRoot /srv/%-x',
    'VirtualDocumentRoot /srv/%1.',
    'VirtualDocumentRoot /srv/%1.x',
    'VirtualDocumentRoot /srv/%.1',
    '<VirtualHost *:80>\nVirtualDocumentRoot x\n</VirtualHost>',
  ];
  const accepted = [
    'Mutex default',
    'Mutex yes:',
    'Mutex File',
    'Mutex FILE:/tmp',
    'Mutex flock:/tmp',
    'Mutex fcntl',
    'Mutex pthread:/tmp',
    'Mutex sem',
    'Mutex posixsem ssl-cache',
    'Mutex sysvsem ssl-cache OmitPID',
    'Mutex default ssl-cache',
    'AllowCONNECT 443 563',
    'AllowCONNECT 1-100',
    'AllowCONNECT 70000 0',
    'AllowCONNECT 5-1',
    'AllowCONNECT 99999999999',
    'ProxyDomain .example.com',
    'ProxyDomain .',
    'CookieDomain .example.com',
    'CookieDomain .x.',
    'DBDExptime 10',
    'DBDMin 0',
    'DBDKeep 5',
    'DBDMax 007',
    'VirtualDocumentRoot /srv/%0',
    'VirtualDocumentRoot none',
    'VirtualScriptAlias NONE',
    'VirtualDocumentRoot /srv/%9/%p/%%',
    'VirtualDocumentRoot /srv/%0.0',
    'VirtualDocumentRoot /srv/%-1+',
    'VirtualDocumentRoot /srv/%1.2+',
    'VirtualDocumentRoot /srv/%1.-2x',
    'VirtualDocumentRoot /srv/%12',
    'VirtualDocumentRoot /srv/%1+.2+/x',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('every closed set of keywords in values.json: each value is accepted and a made-up word refused, by Apache and by us, in a place the directive may stand', async () => {
  const entries = Object.entries(valuesJson as Record<string, unknown>).filter(
    (entry): entry is [string, { kind: string; values: string[] }] =>
      typeof entry[1] === 'object' &&
      entry[1] !== null &&
      ['keyword', 'tokens'].includes((entry[1] as { kind: string }).kind) &&
      !['prefixes', 'flags', 'conditions', 'modules', 'open'].some((key) => key in (entry[1] as object)),
  );
  assert.ok(entries.length >= 60, `${entries.length} entries`);
  const cases = entries.flatMap(([name, entry]) => {
    const fact = defaultDirectiveIndex().lookup(name);
    assert.ok(fact?.contexts, name);
    // One word must do: lines that need more (SSLRandomSeed; RequestHeader's actions take a header) have tests of their own, and a flag's word is args/count's.
    if (!fact.arguments || fact.arguments.kind === 'flag' || fact.arguments.min > 1 || name === 'RequestHeader') return [];
    const place = fact.contexts.server ? (line: string) => line : fact.contexts.virtualhost ? (line: string) => `<VirtualHost *:80>\n${line}\n</VirtualHost>` : (line: string) => `<Directory /tmp>\n${line}\n</Directory>`;
    return [...entry.values, 'ZzBogus'].map((value) => place(`${name} ${value}`));
  });
  assert.deepEqual(await disagreements(cases), []);
});

test('every number in values.json: read like C atoi() and refused below its minimum, by Apache and by us', async () => {
  const entries = Object.entries(valuesJson as Record<string, unknown>).filter(
    (entry): entry is [string, { kind: 'number'; min: number }] => typeof entry[1] === 'object' && entry[1] !== null && (entry[1] as { kind: string }).kind === 'number',
  );
  assert.ok(entries.length >= 35, `${entries.length} entries`);
  const cases = entries.flatMap(([name, { min }]) => {
    const fact = defaultDirectiveIndex().lookup(name);
    assert.ok(fact?.contexts, name);
    const place = fact.contexts.server ? (line: string) => line : fact.contexts.virtualhost ? (line: string) => `<VirtualHost *:443>\n${line}\n</VirtualHost>` : (line: string) => `<Directory /tmp>\n${line}\n</Directory>`;
    // 'abc' reads as 0 and '1x' as 1; 4294967297 wraps to 1 in 32 bits, 2147483648 to a negative number.
    // Some also have a maximum (BrotliCompressionQuality 11), which is not judged: the words stay under it.
    return [String(min), String(min - 1), 'abc', `${min + 1}x`, '4294967297', '2147483648'].map((word) => place(`${name} ${word}`));
  });
  assert.deepEqual(await disagreements(cases), []);
});

test('durations, byte counts and buffer sizes: KeepAliveTimeout and its kin, LimitRequestBody, SendBufferSize and its kin', async () => {
  const refused = [
    'KeepAliveTimeout 10m',
    'KeepAliveTimeout 10x',
    'KeepAliveTimeout -1',
    'KeepAliveTimeout abc',
    'KeepAliveTimeout 1.5',
    'KeepAliveTimeout 10S',
    'KeepAliveTimeout 0x10',
    'KeepAliveTimeout " s"',
    'KeepAliveTimeout +s',
    'KeepAliveTimeout "10 "',
    '<VirtualHost *:80>\nKeepAliveTimeout 5 s\n</VirtualHost>'.replace('5 s', '"5 s"'),
    'CGIScriptTimeout 5x',
    'CGIDScriptTimeout -5',
    'LDAPRetryDelay 1d',
    'MemcacheConnTTL 5mx',
    'RedisConnPoolTTL 5x',
    'RedisTimeout 2.5s',
    'LimitRequestBody -1',
    'LimitRequestBody abc',
    'LimitRequestBody 10x',
    'LimitRequestBody 0x10',
    'LimitRequestBody "5 "',
    '<Directory /tmp>\nLimitRequestBody 10M\n</Directory>',
    'DeflateInflateLimitRequestBody -5',
    'DeflateInflateLimitRequestBody abc',
    'SendBufferSize 511',
    'SendBufferSize -1',
    'SendBufferSize 10x',
    'ReceiveBufferSize 1',
    'ProxyIOBufferSize 100',
    'ProxyReceiveBufferSize 511',
  ];
  const accepted = [
    'KeepAliveTimeout 10',
    'KeepAliveTimeout 10s',
    'KeepAliveTimeout 10ms',
    'KeepAliveTimeout 10mi',
    'KeepAliveTimeout 10h',
    'KeepAliveTimeout s',
    'KeepAliveTimeout +5',
    'KeepAliveTimeout -0',
    'KeepAliveTimeout " 10"',
    'KeepAliveTimeout 1000000000000',
    'KeepAliveTimeout 5min',
    'KeepAliveTimeout 5sx',
    'MemcacheConnTTL 5min',
    'CGIScriptTimeout 5mi',
    'LDAPRetryDelay 500ms',
    'RedisTimeout 3',
    'LimitRequestBody 0',
    'LimitRequestBody +5',
    'LimitRequestBody -0',
    'LimitRequestBody " 5"',
    'LimitRequestBody 010',
    'LimitRequestBody 9223372036854775807',
    'DeflateInflateLimitRequestBody +0',
    'SendBufferSize 0',
    'SendBufferSize 512',
    'SendBufferSize abc',
    'SendBufferSize 4294967296',
    'ReceiveBufferSize 65536',
    'ProxyIOBufferSize 8192',
    'ProxyReceiveBufferSize 0',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('sizes and times read as 64-bit numbers: mod_cache, mod_cache_disk and mod_cache_socache, BufferSize, KeptBodySize, AuthFormSize, SubstituteMaxLineLength, ReadBufferSize and the Flush limits', async () => {
  const inLocation = (line: string) => `<Location /x>\n${line}\n</Location>`;
  const refused = [
    'LimitRequestBody 9223372036854775808',
    'DeflateInflateLimitRequestBody 99999999999999999999',
    inLocation('KeptBodySize -1'),
    inLocation('KeptBodySize 10x'),
    inLocation('KeptBodySize abc'),
    inLocation('KeptBodySize 99999999999999999999'),
    inLocation('AuthFormSize -1'),
    inLocation('AuthFormSize 99999999999999999999'),
    'SubstituteMaxLineLength 10x',
    'SubstituteMaxLineLength -1',
    'SubstituteMaxLineLength 10kb',
    'SubstituteMaxLineLength 9223372036854775807k',
    'SubstituteMaxLineLength abc',
    'CacheLockMaxAge 0',
    'CacheLockMaxAge -5',
    'CacheLockMaxAge abc',
    'CacheMinFileSize -1',
    'CacheMaxFileSize 99999999999999999999',
    'CacheReadSize -5',
    'CacheReadTime -1',
    'CacheSocacheMaxSize 1023',
    'CacheSocacheMaxSize 4294967296',
    'CacheSocacheMaxSize abc',
    'CacheSocacheMaxTime -1',
    'CacheSocacheMinTime -1',
    'CacheSocacheReadSize -1',
    'CacheSocacheReadTime -2',
    inLocation('BufferSize 0'),
    inLocation('BufferSize abc'),
    inLocation('BufferSize -1'),
    'SubstituteMaxLineLength 9007199254740992k',
    'SubstituteMaxLineLength 8796093022208m',
    'SubstituteMaxLineLength -9007199254740992k',
    'ReadBufferSize 10x',
    'ReadBufferSize 4294967296',
    'FlushMaxThreshold -1',
    'FlushMaxPipelined -2',
    'FlushMaxPipelined 2147483648',
  ];
  const accepted = [
    'LimitRequestBody 9223372036854775807',
    inLocation('KeptBodySize 0'),
    inLocation('KeptBodySize +5'),
    inLocation('KeptBodySize " 5"'),
    inLocation('AuthFormSize 0'),
    inLocation('AuthFormSize abc'),
    inLocation('AuthFormSize 8192x'),
    'SubstituteMaxLineLength 10k',
    'SubstituteMaxLineLength 10M',
    'SubstituteMaxLineLength 1g',
    'SubstituteMaxLineLength 5b',
    'SubstituteMaxLineLength 5B',
    'SubstituteMaxLineLength 0',
    'CacheLockMaxAge 1',
    'CacheLockMaxAge 5x',
    'CacheLockMaxAge 99999999999999999999',
    'CacheMinFileSize abc',
    'CacheMaxFileSize 10x',
    'CacheReadTime 0',
    'CacheSocacheMaxSize 1024',
    'CacheSocacheMaxSize 4294967295',
    'CacheSocacheMaxSize 2000x',
    'CacheSocacheMinTime 600',
    inLocation('BufferSize 1'),
    inLocation('BufferSize 5k'),
    'SubstituteMaxLineLength 9007199254740991k',
    'SubstituteMaxLineLength 9223372036854775807b',
    'SubstituteMaxLineLength -9007199254740993k',
    'ReadBufferSize 4294967295',
    'ReadBufferSize " 5"',
    'FlushMaxThreshold +5',
    'FlushMaxPipelined -1',
    'FlushMaxPipelined 2147483647',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('MultiviewsMatch: Any and NegotiatedOnly each alone, Filters with Handlers, across the lines of one section', async () => {
  const inDirectory = (lines: string) => `<Directory /tmp>\n${lines}\n</Directory>`;
  const refused = [
    inDirectory('MultiviewsMatch Any Filters'),
    inDirectory('MultiviewsMatch Handlers NegotiatedOnly'),
    inDirectory('MultiviewsMatch NegotiatedOnly Any'),
    inDirectory('MultiviewsMatch Any\nMultiviewsMatch Handlers'),
    'MultiviewsMatch Filters\nMultiviewsMatch Any',
  ];
  const accepted = [
    inDirectory('MultiviewsMatch Filters Handlers'),
    inDirectory('MultiviewsMatch Any Any'),
    inDirectory('MultiviewsMatch Handlers\nMultiviewsMatch Filters'),
    `${inDirectory('MultiviewsMatch Any')}\n<Directory /var>\nMultiviewsMatch Filters\n</Directory>`,
    `MultiviewsMatch Handlers\n${inDirectory('MultiviewsMatch Any')}`,
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test("Allow and Deny: 'from', then env=, all, an address or network APR reads, or a host name without '#'", async () => {
  const inDirectory = (line: string) => `<Directory /tmp>\n${line}\n</Directory>`;
  const refused = [
    'Allow to 10.0.0.1',
    'Deny 10.0.0.1 10.0.0.2',
    'Allow from 1.2.3.4/99',
    'Allow from 127.0.0.1/',
    'Allow from 1::2::3',
    'Allow from 300.1.1.1',
    'Allow from ::ffff:1.2.3.4',
    'Allow from x/8',
    'Deny from a#b',
    'Allow from 10.0.0.1 1::2::3',
  ].map(inDirectory);
  const accepted = [
    'Deny From all',
    'Allow from env=!X',
    'Allow from env=LOCAL 10.0.0.0/8 .example.com',
    'Allow from 1.2.3.4/255.0.255.0',
    'Allow from 010.1',
    'Allow from 2001:db8::/32',
    'Allow from "" 1::2::3',
    'Deny from host-name.example',
  ].map(inDirectory);
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test("Action's option is 'virtual'; CGIVar sets REQUEST_URI, in capitals, to current-uri or original-uri", async () => {
  const inDirectory = (line: string) => `<Directory /tmp>\n${line}\n</Directory>`;
  const refused = ['Action image/gif /cgi-bin/images.cgi real', inDirectory('CGIVar request_uri current-uri'), inDirectory('CGIVar SCRIPT_NAME current-uri'), inDirectory('CGIVar REQUEST_URI new-uri')];
  const accepted = [
    'Action image/gif /cgi-bin/images.cgi',
    'Action add-footer /cgi-bin/footer.pl VIRTUAL',
    inDirectory('CGIVar REQUEST_URI Original-URI'),
    inDirectory('CGIVar REQUEST_URI current-uri'),
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('H2StreamTimeout and H2MaxWorkerIdleSeconds: durations as KeepAliveTimeout reads them, refused in mod_http2\'s own words', async () => {
  const refused = ['H2StreamTimeout /', 'H2StreamTimeout a=b', 'H2StreamTimeout 10x', 'H2StreamTimeout -1', 'H2MaxWorkerIdleSeconds env=X', 'H2MaxWorkerIdleSeconds 5q'];
  const accepted = ['H2StreamTimeout 10', 'H2StreamTimeout 10ms', 'H2StreamTimeout 2mi', 'H2MaxWorkerIdleSeconds 10', 'H2MaxWorkerIdleSeconds 0', 'H2MaxWorkerIdleSeconds 10s'];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('Options: the mixes set_options refuses, word by word in its order; signed words after a first None or All are accepted', async () => {
  const inDirectory = (words: string) => `<Directory /tmp>\nOptions ${words}\n</Directory>`;
  const refused = ['All All', 'Indexes All', 'Indexes +None', '+Indexes All', '+All', '-None', 'None None', 'All None', '+Indexes None', '+Indexes FollowSymLinks', 'Indexes -ExecCGI'].map(inDirectory);
  const accepted = ['None +Indexes', 'All -Indexes -ExecCGI', 'None', 'All', '+Indexes -ExecCGI', 'Indexes FollowSymLinks'].map(inDirectory);
  assert.deepEqual(await disagreements([...refused, ...accepted], 'args/options-mix'), []);
});

test('AuthMerging: Off, And or Or, any case', async () => {
  const inDirectory = (line: string) => `<Directory /tmp>\n${line}\n</Directory>`;
  const refused = ['AuthMerging a=b', 'AuthMerging xor', 'AuthMerging on'].map(inDirectory);
  const accepted = ['AuthMerging Off', 'AuthMerging and', 'AuthMerging OR'].map(inDirectory);
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('IndexOrderDefault: Ascending or Descending, then Name, Date, Size or Description, any case', async () => {
  const inDirectory = (line: string) => `<Directory /tmp>\n${line}\n</Directory>`;
  const refused = ['IndexOrderDefault up Name', 'IndexOrderDefault Ascending Foo', 'IndexOrderDefault Descend Date'].map(inDirectory);
  const accepted = ['IndexOrderDefault ascending name', 'IndexOrderDefault DESCENDING Description', 'IndexOrderDefault Ascending Size'].map(inDirectory);
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('LDAPTrustedGlobalCert and LDAPTrustedClientCert: the certificate types mod_ldap knows, the client one without the Netscape databases and CERT_PFX', async () => {
  const file = '/etc/ssl/certs/ca-certificates.crt';
  const client = (type: string) => `<Directory /tmp>\nLDAPTrustedClientCert ${type} ${file}\n</Directory>`;
  const global = (type: string) => `LDAPTrustedGlobalCert ${type} ${file}`;
  const refused = [client('PEM'), client('CA_SECMOD'), client('CERT_PFX'), client('ca_cert7_db'), client('CERT_KEY3_DB'), global('PEM'), global('DER')];
  const accepted = [client('CA_BASE64'), client('ca_der'), client('KEY_PFX'), client('CERT_NICKNAME'), global('CA_SECMOD'), global('cert_pfx'), global('KEY_BASE64')];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('RemoteIPProxyProtocolExceptions: each word an address or network apr_ipsubnet_create reads, host names refused', async () => {
  const refused = ['example.com', '10.0.0.0/33', '10.0.0.0/abc', 'fe80::1%eth0', 'a.b/8', '300.1.1.1', '10.0.0.1 example.com'];
  const accepted = ['10.0.0.0/8', '10.0.0.1', '::1', '1.2.3', '2001:db8::/32', '10.0.0.0/255.0.0.0', '10.0.0.1 192.168.0.0/16'];
  assert.deepEqual(await disagreements([...refused, ...accepted].map((words) => `RemoteIPProxyProtocolExceptions ${words}`)), []);
});

test('xml2EncDefault: a charset libxml2 knows by name, or one an earlier xml2EncAlias names', async () => {
  const refused = ['latin1', 'ISO-8859-15', 'ISO-8859-10', 'windows-1252', 'US-ASCII', 'UTF-16LE', 'HTML', '"UTF-8 "'].map((charset) => `xml2EncDefault ${charset}`);
  const accepted = ['UTF-8', 'utf8', 'Utf-8', 'ISO-8859-9', 'iso-8859-1', '"ISO LATIN 1"', 'ISO-LATIN-2', 'utf-16', 'UCS2', 'UCS-4', 'ISO-10646-UCS-2', 'ISO-2022-JP', 'SHIFT_JIS', 'EUC-JP'].map(
    (charset) => `xml2EncDefault ${charset}`,
  );
  // An alias Apache has read makes the name known; one it reads later does not, and is not judged either way.
  const aliased = ['xml2EncAlias ISO-8859-1 latin1\nxml2EncDefault latin1'];
  assert.deepEqual(await disagreements([...refused, ...accepted, ...aliased]), []);
});

test('CookieExpires: seconds, or mod_expires\'s number and unit pairs after an optional plus, without a base', async () => {
  const refused = ['abc', '"1 m"', '1x', 'x1', '"1 x"', '"+1 day"', '"plus 1"', '"p 2 weeks 3"', '"2 d x"'];
  const accepted = ['3600', '"1 month"', '"plus 1 month"', '"pickle 2 d"', '"1"', '"1 mo 2"', '"2 weeks 3 Mi"', '"plus"', '"PLUS 3 YEARS 2 s"'];
  assert.deepEqual(await disagreements([...refused, ...accepted].map((code) => `CookieExpires ${code}`)), []);
});

test('ProxyPass backends: apr_uri_parse\'s failures are "Unable to parse URL", then a scheme and a host make the URL absolute', async () => {
  const refused = ['x?a:b', 'a_b:c', 'http://h:8x', 'http://[::1', 'http://:80', 'http://[]:80', 'http://[]', '//h/x', 'http:foo', '127.0.0.1:8080/'];
  const accepted = ['http://[]x/', 'unix:/run/a.sock|http://', 'http://[::1]:8080/', 'http://backend:+80/'];
  assert.deepEqual(await disagreements([...refused, ...accepted].map((url, index) => `ProxyPass /p${index} "${url}"`), 'proxy/bad-params'), []);
});

test('CacheKeyBaseURL: a URL apr_uri_parse reads, with a scheme, a hostname or a port', async () => {
  const load = 'LoadModule cache_module /usr/lib/apache2/modules/mod_cache.so\n';
  const refused = ['/foo', 'foo', '?q', '///x', 'x//:', 'x/a:b', 'http://h:abc', 'http://[::1', 'http://[::1]:8x', 'http://a@[::1', '1http://x', ':foo', '-x:y', 'x?a:b', 'a_b:c', '"http://h:8 0"', 'http://a:b@h:x'];
  const accepted = ['http://example.com', 'http:', '//host', '//', 'http://h:', 'http://[::1]x', 'https://[::1]:443/', 'http://u@h:+80', 'a+b.c-d:/x', 'http://h:99999999999999999999', 'x:y', 'a:b:c', '"http://h: 80"', 'HTTP://H/', 'http://h:-1', 'h:80', 'http://a:b@h'];
  assert.deepEqual(await disagreements([...refused, ...accepted].map((url) => `${load}CacheKeyBaseURL ${url}`)), []);
});

test('mod_deflate and mod_brotli levels and windows: at most their largest value, read like atoi()', async () => {
  const refused = ['DeflateCompressionLevel 10', 'DeflateCompressionLevel 65536', 'DeflateCompressionLevel 10x', 'DeflateMemLevel 10', 'DeflateWindowSize 16', 'BrotliCompressionQuality 12', 'BrotliCompressionWindow 25', 'BrotliCompressionMaxInputBlock 25'];
  const accepted = ['DeflateCompressionLevel 9', 'DeflateCompressionLevel 9x', 'DeflateCompressionLevel 4294967297', 'DeflateMemLevel 9', 'DeflateWindowSize 15', 'BrotliCompressionQuality 11', 'BrotliCompressionWindow 24', 'BrotliCompressionMaxInputBlock 24'];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('MaxRanges, MaxRangeOverlaps and MaxRangeReversals: none, default, unlimited, or more than 0 as atoi() reads it', async () => {
  const refused = ['MaxRanges 0', 'MaxRanges -1', 'MaxRanges x', 'MaxRangeOverlaps nonee', 'MaxRangeReversals 4294967296', '<Location /x>\nMaxRangeReversals off\n</Location>'];
  const accepted = ['MaxRanges NONE', 'MaxRanges default', 'MaxRangeOverlaps Unlimited', 'MaxRangeReversals 5x', 'MaxRanges 1', '<Directory /srv>\nMaxRanges 200\n</Directory>'];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test("mod_lua's hooks with a third word: early or late, in any case", async () => {
  const refused = ['LuaHookTranslateName /x.lua f middle', 'LuaHookAccessChecker /x.lua f ""', 'LuaHookAuthChecker /x.lua f earlyx'];
  const accepted = ['LuaHookTranslateName /x.lua f EARLY', 'LuaHookAccessChecker /x.lua f late', 'LuaHookAuthChecker /x.lua f', 'LuaHookCheckUserID /x.lua f Late', 'LuaHookCheckUserID /x.lua f x'];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test("CacheEnable and CacheDisable: what each needs outside a section and in <Location>, <LocationMatch> or <Proxy>, whose path as written a URL must start with", async () => {
  const loc = (section: string, line: string) => `<${section}>\n${line}\n</${section.split(' ')[0]}>`;
  const refused = [
    'CacheEnable disk',
    'CacheEnable /disk /x',
    'CacheDisable x',
    '<VirtualHost *:80>\nCacheEnable disk\n</VirtualHost>',
    loc('Location /a', 'CacheDisable /a'),
    loc('Proxy "*"', 'CacheDisable /x'),
    loc('Location /a', 'CacheEnable disk /b'),
    loc('Location /a', 'CacheEnable disk http://x/a'),
    loc('LocationMatch "^/a"', 'CacheEnable disk /a'),
    loc('Location ~ "^/a"', 'CacheEnable disk /a'),
    loc('Proxy "proxy:http://b/"', 'CacheEnable disk http://c/'),
    loc('Location /a', 'CacheEnable /disk'),
  ];
  const accepted = [
    'CacheEnable disk /x',
    'CacheEnable bogus /x',
    'CacheEnable disk http://example.com/',
    'CacheDisable /x',
    'CacheDisable http:',
    '<VirtualHost *:80>\nCacheEnable disk /\n</VirtualHost>',
    loc('Location /a', 'CacheDisable on'),
    loc('LocationMatch "^/a"', 'CacheDisable ON'),
    loc('Location /a', 'CacheEnable disk'),
    loc('Location /a', 'CacheEnable disk /ab'),
    loc('Location ~ "^/a"', 'CacheEnable disk ^/a/b'),
    loc('Proxy "proxy:http://b/"', 'CacheEnable disk http://b/x'),
    loc('Proxy "http://b/"', 'CacheEnable disk'),
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('DAV: On, Off, or a provider by its exact name (filesystem, with every module loaded)', async () => {
  const dir = (line: string) => `<Directory /srv>\n${line}\n</Directory>`;
  const refused = [dir('DAV bogus'), dir('DAV Filesystem'), dir('DAV svn')];
  const accepted = [dir('DAV On'), dir('DAV off'), dir('DAV filesystem'), dir('DAV ON')];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('Substitute: s, a delimiter, a pattern that is not empty, the replacement, flags from infq; the pattern compiles unless n', async () => {
  const refused = ['s/a', 's/', 's', 's//b/', 's/a/b/x', 's/(/b/', 's/a/b/ix', 'sa', '%', 'a=b', 's/a\\/b/c/', 's/[/x/', 'auto'];
  const accepted = ['s/a/b/', 's/a/b', 'S/a/b/I', 's/(/b/n', 'sXaXbX', 's/a//', 's/a//i', 's,a,b,', 's|<a href="http:|<a href="https:|i', 's/a/b/qf'];
  assert.deepEqual(await disagreements([...refused, ...accepted].map((pattern) => `<Location /x>\nSubstitute '${pattern}'\n</Location>`)), []);
});

test("mod_ssl's revocation and OCSP checks: a mode, then only their flag, each compared without case; Apache stops at the first other word", async () => {
  const refused = ['SSLOCSPEnable on x', 'SSLOCSPEnable leaf on', 'SSLOCSPEnable on ""', 'SSLOCSPEnable off no_crl_for_cert_ok', 'SSLCARevocationCheck chain x y', 'SSLProxyCARevocationCheck leaf no_ocsp_for_cert_ok'];
  const accepted = ['SSLOCSPEnable On', 'SSLOCSPEnable leaf no_ocsp_for_cert_ok', 'SSLOCSPEnable on NO_OCSP_FOR_CERT_OK', 'SSLOCSPEnable off no_ocsp_for_cert_ok no_ocsp_for_cert_ok', 'SSLCARevocationCheck CHAIN No_CRL_For_Cert_OK', 'SSLProxyCARevocationCheck none'];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('ProxyFCGISetEnvIf: the condition parses first, then !NAME takes no value and needs a name, and a value is a string expression', async () => {
  const line = (words: string) => `<Location /x>\nProxyFCGISetEnvIf ${words}\n</Location>`;
  const expressions = ['! 10', '"%{x" ! 1', '"%{x" X', '5s auto 127.0.0.1', 'true X "%{"', '"true" X "%{x"', '"-z" X'].map(line);
  assert.deepEqual(await disagreements(expressions, 'expr/parse-error'), []);
  const refused = ['true !X 1', 'true !', 'true ! ""'].map(line);
  const accepted = ['true X', 'true X "%{REQUEST_URI}"', 'true X ""', 'true !HTTP_PROXY', '"reqenv(\'a\') =~ /x/" !X', '"%{REQUEST_URI} =~ m#^/app/#" SCRIPT_NAME "%{REQUEST_URI}"'].map(line);
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test("mod_md's durations and windows: a number and a unit told by its first letters, or a percentage of the life below 100", async () => {
  const refused = [
    ...['abc', '100%', '150%', '-5%', '"10 d"', '10m', '10x', '99999999999999999999', '%'].map((value) => `MDRenewWindow ${value}`),
    'MDWarnWindow 100%',
    'MDStaplingRenewWindow 100%',
    'MDStaplingKeepResponse abc',
    ...['0', '500ms', 'abc', '1x', '-1'].map((value) => `MDCheckInterval ${value}`),
    'MDRetryDelay abc',
    'MDRetryDelay 5m',
    'MDActivationDelay x',
    'MDStoreLocks yes',
    'MDStoreLocks +TLSv1.2',
    'MDInitialDelay always',
    'MDInitialDelay ^/(a|b)$',
  ];
  const accepted = [
    ...['33%', '0%', '99%', '30', '30d', '30days', '12h', '90mi', '500ms', '10S', '-5', '+7d'].map((value) => `MDRenewWindow ${value}`),
    'MDStaplingKeepResponse 150%',
    'MDWarnWindow 10%',
    ...['1', '1s', '2h', '1000ms', '1d', '1Dx'].map((value) => `MDCheckInterval ${value}`),
    'MDRetryDelay 5',
    'MDRetryDelay 5mi',
    'MDActivationDelay 1',
    'MDActivationDelay -1',
    'MDStoreLocks on',
    'MDStoreLocks OFF',
    'MDStoreLocks 5',
    'MDStoreLocks 5s',
    'MDInitialDelay 5',
    'MDInitialDelay 1d',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('SSLSessionCache, SSLStaplingCache and AuthnCacheSOCache create their cache as Apache reads them: memcache and redis need servers, shmcb a size of 8192 bytes or more', async () => {
  const refused = [
    'SSLStaplingCache redis:',
    'SSLStaplingCache redis',
    'SSLSessionCache memcache:',
    'SSLSessionCache memcache',
    'AuthnCacheSOCache memcache:',
    'SSLSessionCache shmcb:/tmp/x(0)',
    'SSLSessionCache shmcb:/tmp/x(abc)',
    'SSLSessionCache shmcb:/tmp/x(8191)',
    'SSLSessionCache shmcb:/tmp/x(8192',
    'SSLSessionCache shmcb:/tmp/x)',
    'SSLSessionCache "shmcb:/tmp/x(1 0)"',
    'SSLStaplingCache shmcb:/tmp/x(4294967295)',
    'SSLSessionCache "shmcb:/tmp/x(8192 )"',
  ];
  const accepted = [
    'SSLSessionCache redis:localhost',
    'SSLSessionCache memcache:a.example:11211,b.example:11211',
    'CacheSocache redis:',
    'CacheSocache memcache',
    'SSLSessionCache dbm:',
    'SSLSessionCache shmcb:',
    'SSLSessionCache shmcb',
    'SSLSessionCache shmcb:/tmp/x(8192)',
    'SSLSessionCache "shmcb:/tmp/x( 512000)"',
    'SSLSessionCache shmcb:/tmp/x(+512000)',
    'SSLSessionCache shmcb:/tmp/(a)/x(512000)',
    'SSLStaplingCache shmcb:/tmp/x(4294967294)',
    'SSLSessionCache none',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('FileETag: components in any case, each alone or after + or -, None and All only alone; RewriteBase: a path from /', async () => {
  const refused = ['FileETag 007', 'FileETag INode Bogus', 'FileETag +None', 'FileETag -all', 'FileETag Size ""', 'FileETag ++Size', '<Directory /srv>\nRewriteBase app/\n</Directory>', '<Location /x>\nRewriteBase http://example.com/\n</Location>'];
  const accepted = ['FileETag INode MTime Size', 'FileETag none', 'FileETag ALL', 'FileETag -INode +digest', 'FileETag LMTime LastModified', 'FileETag', '<Directory /srv>\nRewriteBase /app/\n</Directory>'];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('RequestReadTimeout: stage=timeout, or a range with MinRate, numbers as strtol reads them', async () => {
  const refused = ['x', 'header', 'head=20', 'header=abc', 'header=20x', 'header=-5', 'header=20-40', 'header=20-40,MinRate=0', 'header=40-20,MinRate=500', 'header=20,MinRate=5x', 'body=20,minrate=', 'header=20-,MinRate=1', 'header=20 body=x', '""', 'header=2147483648'];
  const accepted = ['header=20-40,MinRate=500 body=20,MinRate=500', 'handshake=5', 'HEADER=0', 'body=0', 'header=20,MINRATE=500', 'header=20-0,MinRate=500', 'header= 20', 'header=+20', 'header=99999999999'];
  assert.deepEqual(await disagreements([...refused, ...accepted].map((words) => `RequestReadTimeout ${words}`)), []);
});

test("mod_auth_digest's numbers: the nonce lifetime in seconds, the shared memory in bytes, K or M, at least 88", async () => {
  const dir = (line: string) => `<Directory /srv>\n${line}\n</Directory>`;
  const refused = [dir('AuthDigestNonceLifetime -'), dir('AuthDigestNonceLifetime 10s'), dir('AuthDigestNonceLifetime abc'), 'AuthDigestShmemSize 1e3', 'AuthDigestShmemSize "quoted word"', 'AuthDigestShmemSize 0', 'AuthDigestShmemSize 87', 'AuthDigestShmemSize 10G'];
  const accepted = [dir('AuthDigestNonceLifetime 300'), dir('AuthDigestNonceLifetime -1'), dir('AuthDigestNonceLifetime "300 s"'), 'AuthDigestShmemSize 88', 'AuthDigestShmemSize 1M', 'AuthDigestShmemSize 10kx', 'AuthDigestShmemSize "1 K"', 'AuthDigestShmemSize 512000b'];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('AuthLDAPURL: an ldap://, ldaps:// or ldapi:// URL, then NONE, SSL, TLS or STARTTLS', async () => {
  const dir = (words: string) => `<Directory /srv>\nAuthLDAPURL ${words}\n</Directory>`;
  const refused = ['env=X', 'http://x/', 'ldap:/x', '"ldap //x/"', 'ldap://x/o=y bogus'].map(dir);
  const accepted = ['ldap://x/o=y', 'LDAP://x/o=y', '"ldaps://x/o=y?uid?sub?(objectClass=*)"', 'ldapi://%2fvar%2frun%2fldapi/o=y', '<ldap://x/o=y>', 'URL:ldap://x/o=y', '<url:ldaps://x/o=y>', 'ldap://x/o=y NONE', 'ldap://x/o=y starttls', 'ldaps://x/o=y SSL', 'ldaps://x/o=y ""'].map(dir);
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('ProxyHTMLBufSize: a whole decimal number as C strtol reads it, blanks and a sign before it, nothing after', async () => {
  const refused = ['ProxyHTMLBufSize abc', 'ProxyHTMLBufSize 10x', 'ProxyHTMLBufSize "12 "', 'ProxyHTMLBufSize 0x10', 'proxyhtmlbufsize 8k'];
  const accepted = ['ProxyHTMLBufSize 8192', 'ProxyHTMLBufSize " 12"', 'ProxyHTMLBufSize -5', 'ProxyHTMLBufSize +7', 'ProxyHTMLBufSize 99999999999999999999'];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('CustomLog and GlobalLog: the condition after the format is env=NAME, env=!NAME or expr=…', async () => {
  const refused = [
    'CustomLog /dev/null common env=',
    'CustomLog /dev/null common env=!',
    'CustomLog /dev/null common expr=',
    'CustomLog /dev/null common foo',
    'CustomLog /dev/null common ""',
    'GlobalLog /dev/null common bar',
  ];
  const accepted = ['CustomLog /dev/null common ENV=x', 'CustomLog /dev/null common env=!dontlog', 'CustomLog /dev/null common "Expr=true"', 'GlobalLog /dev/null common', 'CustomLog /dev/null common "expr=%{REQUEST_STATUS} -ge 400"'];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
  // The expression itself is parsed as Apache parses it: its errors are expr/parse-error's.
  const broken = ['CustomLog /dev/null common "expr=%{FOO} =="', 'GlobalLog /dev/null common "expr=%{REQUEST_STATUS} -ge"'];
  assert.deepEqual(await disagreements(broken, 'expr/parse-error'), []);
});

test('SSLPassPhraseDialog: builtin, exec: and a program, or | and a program', async () => {
  const refused = ['SSLPassPhraseDialog balancer://b', 'SSLPassPhraseDialog exec:', 'SSLPassPhraseDialog EXEC:/bin/true', 'SSLPassPhraseDialog |', 'SSLPassPhraseDialog ask'];
  const accepted = ['SSLPassPhraseDialog builtin', 'SSLPassPhraseDialog BuiltIn', 'SSLPassPhraseDialog exec:/bin/true', 'SSLPassPhraseDialog "|/bin/cat"'];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('ExpiresDefault and ExpiresByType: the codes mod_expires reads, telling each word by its first letters', async () => {
  const refused = [
    'ExpiresDefault "access plus month"',
    'ExpiresDefault "access plus 1 mnth"',
    'ExpiresDefault "bogus plus 1 day"',
    'ExpiresDefault "access plus 1"',
    'ExpiresDefault "access plus x day"',
    'ExpiresDefault "access plus -1 day"',
    'ExpiresDefault "access plus 1 day extra"',
    'ExpiresDefault "access plus 1 day 2"',
    'ExpiresDefault "access plus 1 m"',
    'ExpiresDefault "now 5 x"',
    'ExpiresDefault zz',
    '<Directory /tmp>\nExpiresDefault "access plus 1 mnth"\n</Directory>',
    'ExpiresByType text/html "access plus 1 mnth"',
    'ExpiresByType text/html bogus',
    'ExpiresByType texthtml A3600',
    'ExpiresByType texthtml bogus',
  ];
  const accepted = [
    'ExpiresDefault "access plus 1 month"',
    'ExpiresDefault "now plus 1 day"',
    'ExpiresDefault "modification plus 5 hours 3 minutes"',
    'ExpiresDefault A3600',
    'ExpiresDefault M86400',
    'ExpiresDefault Ax',
    'ExpiresDefault "access 1 month"',
    'ExpiresDefault "ACCESS PLUS 1 MONTH"',
    'ExpiresDefault "access plus 2 weeks 1 day"',
    'ExpiresDefault "access plus 1 years"',
    'ExpiresDefault access',
    'ExpiresDefault "a plus 1 d"',
    'ExpiresDefault "access pizza 1 day"',
    'ExpiresDefault "access  plus  1  day"',
    'ExpiresDefault "access plus 1.5 days"',
    'ExpiresDefault "access plus 1 mo"',
    'ExpiresDefault "access plus 1 mi"',
    'ExpiresDefault "access plus 1 s"',
    'ExpiresDefault "access plus"',
    'ExpiresByType text/html "access plus 1 month"',
    'ExpiresByType image/png A2592000',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test('AllowMethods: reset alone, or the methods httpd registers, in capitals', async () => {
  const inLocation = (line: string): string => `<Location /x>\n${line}\n</Location>`;
  const refused = ['AllowMethods GET,POST', 'AllowMethods get', 'AllowMethods GET reset', 'AllowMethods reset GET', 'AllowMethods FOO', 'AllowMethods SEARCH', 'AllowMethods "GET POST"', 'AllowMethods INVALID'];
  const accepted = ['AllowMethods GET POST', 'AllowMethods reset', 'AllowMethods RESET', 'AllowMethods "GET"', 'AllowMethods HEAD PATCH', 'AllowMethods OPTIONS TRACE CONNECT DELETE PUT', 'AllowMethods PROPFIND PROPPATCH MKCOL COPY MOVE LOCK UNLOCK VERSION-CONTROL CHECKOUT UNCHECKOUT CHECKIN UPDATE LABEL REPORT MKWORKSPACE MKACTIVITY BASELINE-CONTROL MERGE'];
  assert.deepEqual(await disagreements([...refused, ...accepted].map(inLocation)), []);
});

test('ErrorLogFormat: connection or request before a second word; the main format holds %M and no + flag', async () => {
  const refused = [
    'ErrorLogFormat "[%t] %P"',
    'ErrorLogFormat "%%M"',
    'ErrorLogFormat "%+M"',
    'ErrorLogFormat "[%t] [%+l] %M"',
    'ErrorLogFormat bogus "[%t]"',
    '<VirtualHost *:80>\nErrorLogFormat "[%t]"\n</VirtualHost>',
  ];
  const accepted = [
    'ErrorLogFormat "[%t] %M"',
    'ErrorLogFormat "%-M"',
    'ErrorLogFormat "%7M"',
    'ErrorLogFormat "%{x}M"',
    'ErrorLogFormat "[%{u}t] [%-m:%l] [pid %P:tid %T] %7F: %E: [client\\ %a] %M% ,\\ referer\\ %{Referer}i"',
    'ErrorLogFormat connection "[%t] conn"',
    'ErrorLogFormat Request "[%t] %+L"',
  ];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});

test("ErrorDocument: a code httpd knows, read like atoi(); the document a string expression, up to the parser's 8190 characters", async () => {
  assert.deepEqual(await disagreements(['ErrorDocument 999 x', 'ErrorDocument abc x', 'ErrorDocument 404x x', 'ErrorDocument 4294967700 x', 'ErrorDocument 100 x']), []);
  const documents = [`ErrorDocument 404 "${'x'.repeat(8200)}"`, `ErrorDocument 404 "${'x'.repeat(8100)}"`, 'ErrorDocument 404 "a %{ b"', 'ErrorDocument 404 "%%{HTTP_HOTS}"', 'ErrorDocument 404 "expr=%{HTTP_HOTS}"', 'ErrorDocument 401 http://x/%{HTTP_HOTS}', 'ErrorDocument 404 DEFAULT'];
  assert.deepEqual(await disagreements(documents, 'expr/parse-error'), []);
});

test('DirectoryIndexRedirect: on, off, permanent, temp, seeother, or a 3xx status read like atoi()', async () => {
  const refused = ['DirectoryIndexRedirect 3xx', 'DirectoryIndexRedirect 299', 'DirectoryIndexRedirect 400', 'DirectoryIndexRedirect abc', 'DirectoryIndexRedirect "on off"', 'DirectoryIndexRedirect -301', '<Directory /tmp>\nDirectoryIndexRedirect found\n</Directory>'];
  const accepted = ['DirectoryIndexRedirect ON', 'DirectoryIndexRedirect Permanent', 'DirectoryIndexRedirect SeeOther', 'DirectoryIndexRedirect temp', 'DirectoryIndexRedirect 300', 'DirectoryIndexRedirect 399', 'DirectoryIndexRedirect 301x', 'DirectoryIndexRedirect "301 x"'];
  assert.deepEqual(await disagreements([...refused, ...accepted]), []);
});
