// Quick fixes for client verification and SSLRequire: `ssl/per-dir-client-auth`
// (move SSLVerifyClient to the virtual host, Require expr in the section),
// `ssl/sslrequire-deprecated` and `ssl/requiressl-prefer-require-ssl`. Each
// output is compared byte for byte, and `apache2 -t` accepts every one.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { quickFixes } from '../../server/src/features/codeActions';
import { translateSslRequire } from '../../server/src/features/codeActions/sslRequireToRequireExpr';
import { apacheConfigTest, preludeWithModules } from '../support/apacheOracle';
import { applyEdits } from '../support/applyEdits';

const ROOT = '/t';
const SEED = join(__dirname, '..', '..', 'examples', 'seed-mtls-proxy.conf');
const MODULES = ['ssl_module', 'proxy_module', 'proxy_http_module', 'authz_core_module', 'authz_host_module', 'http2_module'];

/** One self-signed certificate, its key and itself as CA and chain, written under certs/ (mod_ssl wants the files to exist). */
let certificates: Record<string, string> | undefined;
function certificateFiles(): Record<string, string> {
  if (certificates) return certificates;
  const dir = mkdtempSync(join(tmpdir(), 'apache-ssl-move-verify-'));
  try {
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', 'server.key', '-out', 'server.crt', '-days', '2', '-subj', '/CN=localhost'],
      { cwd: dir, stdio: 'ignore', timeout: 30_000 },
    );
    const cert = readFileSync(join(dir, 'server.crt'), 'utf8');
    const key = readFileSync(join(dir, 'server.key'), 'utf8');
    certificates = { 'certs/server.crt': cert, 'certs/server.key': key, 'certs/ca.crt': cert, 'certs/self_ca.crt': cert, 'certs/ca_bundle.crt': cert };
    return certificates;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
after(() => (certificates = undefined));

/** The diagnostic another rule would give: on the first line that starts with `line` (after blanks, unless `line` has its own). */
function diagnosticOn(text: string, line: string, code: string): Diagnostic {
  const lines = text.split(/\r?\n/);
  const index = lines.findIndex((l) => (/^\s/.test(line) ? l : l.trimStart()).startsWith(line));
  assert.ok(index >= 0, `no line ${line}`);
  const character = lines[index].length - lines[index].trimStart().length;
  return {
    range: { start: { line: index, character }, end: { line: index, character: lines[index].trimEnd().length } },
    code,
    source: 'apache-ssl',
    message: code,
  };
}

/** Runs the registered quick fixes for one diagnostic on `path` of a tree read from `main`; the preferred ones. */
function fixesFor(files: Record<string, string>, main: string, path: string, line: string, code: string): CodeAction[] {
  const model = buildConfigModel(main, { sources: new SourceCache(memoryFileSystem(files)) });
  const file = model.files.get(path)?.file;
  assert.ok(file, `${path} is not in the tree`);
  const uriOf = (p: string) => `file://${p}`;
  // Only this module's fixes: every finding also gets a generic "Disable … for this line", never preferred.
  return quickFixes([diagnosticOn(files[path], line, code)], { file, path, uri: uriOf(path), model, uriOf }).filter((action) => action.isPreferred);
}

/** The files after one action's edits. */
function apply(files: Record<string, string>, action: CodeAction): Record<string, string> {
  const out = { ...files };
  for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
    const path = uri.replace(/^file:\/\//, '');
    assert.ok(path in files, `edit of a file not in the tree: ${path}`);
    out[path] = applyEdits(files[path], edits);
  }
  return out;
}

/**
 * Applies the one preferred fix for the finding on `line` of `path`, compares
 * every file with `wanted` (files not named there must not change), and has
 * apache2 -t check the result. Returns the files after the fix.
 */
function assertFix(
  files: Record<string, string>,
  path: string,
  line: string,
  wanted: Record<string, string>,
  code = 'ssl/per-dir-client-auth',
  main = path,
): Record<string, string> {
  const actions = fixesFor(files, main, path, line, code);
  assert.equal(actions.length, 1, actions.map((a) => a.title).join(', '));
  const out = apply(files, actions[0]);
  for (const [name, text] of Object.entries(files)) assert.equal(out[name], wanted[name] ?? text, name);
  assertApacheAccepts(out, main);
  return out;
}

/** apache2 -t on the tree (paths under /t/ become relative to a fresh ServerRoot, /path/to/ becomes certs/). */
function assertApacheAccepts(files: Record<string, string>, main: string): void {
  const tree: Record<string, string> = { ...certificateFiles() };
  for (const [path, text] of Object.entries(files)) tree[path.slice(ROOT.length + 1)] = text.replaceAll('/path/to/', 'certs/');
  const verdict = apacheConfigTest(tree, main.slice(ROOT.length + 1), preludeWithModules(MODULES));
  assert.ok(verdict.ok, verdict.output);
}

const SITE = '/t/site.conf';
const MOVE = 'ssl/per-dir-client-auth';

const HOST_HEAD = `<VirtualHost *:443>
    ServerName secure.example.com
    SSLEngine on
    SSLCertificateFile certs/server.crt
    SSLCertificateKeyFile certs/server.key
    SSLCACertificateFile certs/ca.crt
`;

/** The seed after the fix, line by line. */
const SEED_FIXED = [
  '<VirtualHost *:443>', 'ServerName example.com', 'ProxyPass / http://backend-server:80/', 'ProxyPassReverse / http://backend-server:80/',
  'SSLEngine On', 'SSLCertificateFile "/path/to/server.crt"', 'SSLCertificateKeyFile "/path/to/server.key"',
  'SSLCertificateChainFile "/path/to/ca_bundle.crt"', 'SSLCACertificateFile "/path/to/self_ca.crt"',
  'SSLVerifyClient optional', 'SSLVerifyDepth 1',
  'SSLProtocol all -SSLv2 -SSLv3 -TLSv1 -TLSv1.1', 'SSLCipherSuite HIGH:!aNULL:!MD5:!RC4', '<Location /clientauth>',
  `Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS' && %{SSL_CLIENT_S_DN_CN} == "client-cert-name"`, '</Location>', '</VirtualHost>', '',
];

test('the seed configuration: verification moves to the host, the SSLRequire CN check joins Require expr', () => {
  const seed = readFileSync(SEED, 'utf8');
  assertFix({ [SITE]: seed }, SITE, 'SSLVerifyClient require', { [SITE]: SEED_FIXED.join('\n') });
});

test('a CRLF seed keeps CRLF on every line, new ones included', () => {
  const seed = readFileSync(SEED, 'utf8').replaceAll('\n', '\r\n');
  const out = assertFix({ [SITE]: seed }, SITE, 'SSLVerifyClient require', { [SITE]: SEED_FIXED.join('\r\n') });
  assert.doesNotMatch(out[SITE], /[^\r]\n/, 'no bare LF');
});

test('existing Require lines: wrapped with Require expr in <RequireAll>, several as a <RequireAny>', () => {
  const ops = `    <Location /ops>
        # operators only
        SSLVerifyClient require
        Require ip 10.0.0.0/8
    </Location>
</VirtualHost>
`;
  const files = {
    [SITE]: `${HOST_HEAD}    ProxyPass / http://127.0.0.1:8080/
    <Location /admin>
        Require ip 127.0.0.1
        SSLVerifyClient require
        SSLVerifyDepth 2
        Require host localhost
    </Location>
${ops}`,
  };
  const once = assertFix(files, SITE, 'SSLVerifyClient require', {
    [SITE]: `${HOST_HEAD}    SSLVerifyClient optional
    SSLVerifyDepth 2
    ProxyPass / http://127.0.0.1:8080/
    <Location /admin>
        <RequireAll>
            Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'
            <RequireAny>
                Require ip 127.0.0.1
                Require host localhost
            </RequireAny>
        </RequireAll>
    </Location>
${ops}`,
  });
  // The second location: the host is optional already, so only the section changes.
  assertFix(once, SITE, 'SSLVerifyClient require', {
    [SITE]: once[SITE].replace(
      '        SSLVerifyClient require\n        Require ip 10.0.0.0/8\n',
      "        <RequireAll>\n            Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'\n            Require ip 10.0.0.0/8\n        </RequireAll>\n",
    ),
  });
});

test('SSLRequire with eq, ne, and, or, in and =~ becomes part of Require expr; an ordering of texts stays SSLRequire', () => {
  const location = `    <Location /staff>
        SSLRequireSSL
        SSLVerifyClient require
        SSLRequire %{SSL_CLIENT_S_DN_O} eq "Snake Oil, Ltd." and %{SSL_CLIENT_S_DN_OU} in {"Staff", "CA", "Dev"}
        SSLRequire %{SSL_CLIENT_S_DN_CN} ne 'mallory' or %{SSL_CLIENT_I_DN_CN} =~ m#^Test CA#
        SSLRequire %{SSL_CLIENT_S_DN_CN} lt "m"
    </Location>
</VirtualHost>
`;
  assertFix({ [SITE]: `${HOST_HEAD}    SSLVerifyClient none\n${location}` }, SITE, 'SSLVerifyClient require', {
    [SITE]: `${HOST_HEAD}    SSLVerifyClient optional
    <Location /staff>
        Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS' && %{SSL_CLIENT_S_DN_O} == "Snake Oil, Ltd." and %{SSL_CLIENT_S_DN_OU} in {"Staff", "CA", "Dev"} && (%{SSL_CLIENT_S_DN_CN} != 'mallory' or %{SSL_CLIENT_I_DN_CN} =~ m#^Test CA#)
        SSLRequire %{SSL_CLIENT_S_DN_CN} lt "m"
    </Location>
</VirtualHost>
`,
  });
});

test('the virtual host in another file: the edit spans both files', () => {
  const files = {
    '/t/httpd.conf': `${HOST_HEAD}    Include conf/secure.conf\n</VirtualHost>\n`,
    '/t/conf/secure.conf': '<Location /secure>\n  SSLVerifyClient require\n  SSLVerifyDepth 3\n</Location>\n',
  };
  const actions = fixesFor(files, '/t/httpd.conf', '/t/conf/secure.conf', 'SSLVerifyClient', MOVE);
  assert.deepEqual(Object.keys(actions[0]?.edit?.changes ?? {}).sort(), ['file:///t/conf/secure.conf', 'file:///t/httpd.conf']);
  assertFix(files, '/t/conf/secure.conf', 'SSLVerifyClient', {
    '/t/httpd.conf': `${HOST_HEAD}    SSLVerifyClient optional\n    SSLVerifyDepth 3\n    Include conf/secure.conf\n</VirtualHost>\n`,
    '/t/conf/secure.conf': `<Location /secure>\n  Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'\n</Location>\n`,
  }, MOVE, '/t/httpd.conf');
});

test('host settings from a shared included file stay there: the host overrides them at the end of its body', () => {
  const files = {
    '/t/httpd.conf': `${HOST_HEAD}    Include conf/tls-common.conf
    <Location /secure>
        SSLVerifyClient on
        SSLVerifyDepth 2
    </Location>
</VirtualHost>
`,
    '/t/conf/tls-common.conf': 'SSLVerifyClient off\nSSLVerifyDepth 1\n',
  };
  assertFix(files, '/t/httpd.conf', 'SSLVerifyClient on', {
    '/t/httpd.conf': `${HOST_HEAD}    Include conf/tls-common.conf
    <Location /secure>
        Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'
    </Location>
    SSLVerifyClient optional
    SSLVerifyDepth 2
</VirtualHost>
`,
  });
});

test('a host with SSLVerifyClient require keeps it; a deeper host depth stays; a shallower one is raised', () => {
  const site = `${HOST_HEAD}    SSLVerifyClient require
    SSLVerifyDepth 3
    <Location /admin>
        SSLVerifyClient require
        SSLVerifyDepth 2
        Require all granted
    </Location>
</VirtualHost>
`;
  const inLocation = '        SSLVerifyClient require';
  const wrapped = "        <RequireAll>\n            Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'\n            Require all granted\n        </RequireAll>\n";
  const location = '        SSLVerifyClient require\n        SSLVerifyDepth 2\n        Require all granted\n';
  assertFix({ [SITE]: site }, SITE, inLocation, { [SITE]: site.replace(location, wrapped) });
  const shallow = site.replace('SSLVerifyDepth 3', 'SSLVerifyDepth 1');
  assertFix({ [SITE]: shallow }, SITE, inLocation, { [SITE]: site.replace(location, wrapped).replace('SSLVerifyDepth 3', 'SSLVerifyDepth 2') });
});

test('a section with no Require of its own that inherits some gets AuthMerging And, so the inherited ones still hold', () => {
  const site = `${HOST_HEAD}    <Location />
        Require ip 127.0.0.1
    </Location>
    <Location /admin>
        SSLVerifyClient require
    </Location>
</VirtualHost>
`;
  assertFix({ [SITE]: site }, SITE, 'SSLVerifyClient require', {
    [SITE]: site
      .replace('SSLCACertificateFile certs/ca.crt\n', 'SSLCACertificateFile certs/ca.crt\n    SSLVerifyClient optional\n')
      .replace('        SSLVerifyClient require\n', "        AuthMerging And\n        Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'\n"),
  });
});

test('optional in a <Directory>: the host asks for the certificate, no Require is added; no host, or not SSLVerifyClient: no fix', () => {
  const site = `<VirtualHost *:443>
\tServerName secure.example.com
\tSSLEngine on
\tSSLCertificateFile certs/server.crt
\tSSLCertificateKeyFile certs/server.key
\tSSLCACertificateFile certs/ca.crt
\tSSLProtocol -all +TLSv1.2 +TLSv1.3
\t<Directory /srv/www>
\t\t<IfModule ssl_module>
\t\t\tSSLVerifyClient optional
\t\t</IfModule>
\t</Directory>
</VirtualHost>
`;
  assertFix({ [SITE]: site }, SITE, 'SSLVerifyClient optional', {
    [SITE]: site.replace('+TLSv1.3\n', '+TLSv1.3\n\tSSLVerifyClient optional\n').replace('\t\t\tSSLVerifyClient optional\n', ''),
  });
  const alone = { [SITE]: '<Location /x>\n    SSLVerifyClient require\n</Location>\n' };
  assert.deepEqual(fixesFor(alone, SITE, SITE, 'SSLVerifyClient', MOVE), []);
  assert.deepEqual(fixesFor({ [SITE]: site }, SITE, SITE, 'ServerName', MOVE), []);
});

test('SSLRequire → Require expr: operators translated; with Require lines in the section it joins them under <RequireAll>', () => {
  const code = 'ssl/sslrequire-deprecated';
  const site = `${HOST_HEAD}    SSLVerifyClient require
    <Location /a>
        SSLRequire %{SSL_CLIENT_S_DN_CN} eq "alice" && %{SSL_CIPHER_USEKEYSIZE} >= 128
    </Location>
    <Location /b>
        Require all granted
        SSLRequire %{SSL_CLIENT_S_DN_CN} in {'alice', 'bob'}
    </Location>
</VirtualHost>
`;
  const first = 'SSLRequire %{SSL_CLIENT_S_DN_CN} eq';
  assert.deepEqual(fixesFor({ [SITE]: site }, SITE, SITE, first, code).map((action) => action.title), ['Rewrite as Require expr (eq → ==, >= → -ge)']);
  assertFix({ [SITE]: site }, SITE, first, {
    [SITE]: site.replace(
      'SSLRequire %{SSL_CLIENT_S_DN_CN} eq "alice" && %{SSL_CIPHER_USEKEYSIZE} >= 128',
      'Require expr %{SSL_CLIENT_S_DN_CN} == "alice" && %{SSL_CIPHER_USEKEYSIZE} -ge 128',
    ),
  }, code);
  assertFix({ [SITE]: site }, SITE, 'SSLRequire %{SSL_CLIENT_S_DN_CN} in', {
    [SITE]: site.replace(
      "        Require all granted\n        SSLRequire %{SSL_CLIENT_S_DN_CN} in {'alice', 'bob'}\n",
      "        <RequireAll>\n            Require expr %{SSL_CLIENT_S_DN_CN} in {'alice', 'bob'}\n            Require all granted\n        </RequireAll>\n",
    ),
  }, code);
});

test('SSLRequireSSL → Require ssl, in place or under <RequireAll> beside the Require lines there', () => {
  const code = 'ssl/requiressl-prefer-require-ssl';
  const site = `${HOST_HEAD}    <Directory /srv/a>
        SSLRequireSSL
    </Directory>
    <Directory /srv/b>
        SSLRequireSSL
        Require ip 127.0.0.1
        Require ip ::1
    </Directory>
</VirtualHost>
`;
  assert.deepEqual(fixesFor({ [SITE]: site }, SITE, SITE, 'SSLRequireSSL', code).map((action) => action.title), ['Replace with Require ssl']);
  const once = assertFix({ [SITE]: site }, SITE, 'SSLRequireSSL', { [SITE]: site.replace('SSLRequireSSL', 'Require ssl') }, code);
  // The second SSLRequireSSL, once the first is done.
  assertFix(once, SITE, 'SSLRequireSSL', {
    [SITE]: once[SITE].replace(
      '        SSLRequireSSL\n        Require ip 127.0.0.1\n        Require ip ::1\n',
      '        <RequireAll>\n            Require ssl\n            <RequireAny>\n                Require ip 127.0.0.1\n                Require ip ::1\n            </RequireAny>\n        </RequireAll>\n',
    ),
  }, code);
});

test('translating SSLRequire: what changes, what stays, and what cannot be said in ap_expr', () => {
  const ok = (text: string) => {
    const translation = translateSslRequire(text);
    assert.ok('expression' in translation, `${text}: ${'error' in translation ? translation.error : ''}`);
    return translation.expression;
  };
  assert.equal(ok('%{SSL_CLIENT_S_DN_O} eq "Snake Oil, Ltd."'), '%{SSL_CLIENT_S_DN_O} == "Snake Oil, Ltd."');
  assert.equal(ok('%{SSL_CLIENT_S_DN_O} -ne "x" || !(%{HTTPS} == "on")'), '%{SSL_CLIENT_S_DN_O} != "x" || !(%{HTTPS} == "on")');
  assert.equal(ok('%{TIME_HOUR} >= 8 and %{TIME_HOUR} <= "20"'), '%{TIME_HOUR} -ge 8 and %{TIME_HOUR} -le "20"');
  assert.equal(ok('%{SSL_CIPHER} !~ m/^(EXP|NULL)-/'), '%{SSL_CIPHER} !~ m/^(EXP|NULL)-/');
  assert.equal(ok('"1.3.6.1.4.1.18060.1" in PeerExtList("1.3.6.1.4.1.18060.2")'), '"1.3.6.1.4.1.18060.1" in PeerExtList("1.3.6.1.4.1.18060.2")');
  assert.ok('error' in translateSslRequire('%{SSL_CLIENT_S_DN_CN} < "m"'));
  assert.ok('error' in translateSslRequire('"%{SSL_CLIENT_S_DN_CN} eq \'a\'"'), 'a quoted SSLRequire is a string, not a condition');
  assert.ok('error' in translateSslRequire('%{NO_SUCH_VARIABLE} eq "a"'));
});
