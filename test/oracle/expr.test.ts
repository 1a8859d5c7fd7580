// Expressions through the real `apache2 -t`: for every case, when we report
// expr/parse-error, Apache must refuse the file at a line our error covers with
// exactly the message we quote; when we report none, Apache must accept it.
// The fixture oracle (structure.test.ts) covers test/fixtures/expr; this file
// covers many more expressions, run in parallel.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import forge from 'node-forge';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { resolveSslVariable } from '../../server/src/knowledge/variables';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { loadAllModules, parseApacheError, requireApache } from '../support/apacheOracle';
import { freePort, startApache } from '../support/apacheServer';

type Context = 'If' | 'Require' | 'SSLRequire' | 'HeaderValue' | 'HeaderCondition' | 'SetEnvIfExpr' | 'RewriteCond' | 'ProxyHCExpr';

/** Writes an expression into a directive the way a user would. */
function configFor(context: Context, expression: string): string {
  const quoted = expression.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  switch (context) {
    case 'If':
      return `<If "${quoted}">\n    Header set X-If yes\n</If>\n`;
    case 'Require':
      return `<Location /t/>\n    Require expr ${expression}\n</Location>\n`;
    case 'SSLRequire':
      return `<Location /t/>\n    SSLRequire ${expression}\n</Location>\n`;
    case 'HeaderValue':
      return `<Location /t/>\n    Header set X-Value "expr=${quoted}"\n</Location>\n`;
    case 'HeaderCondition':
      return `<Location /t/>\n    Header set X-Value 1 "expr=${quoted}"\n</Location>\n`;
    case 'SetEnvIfExpr':
      return `SetEnvIfExpr "${quoted}" matched=1\n`;
    case 'ProxyHCExpr':
      // mod_proxy_hcheck also takes the condition in braces, where quotes need no escaping.
      return `ProxyHCExpr healthy {${expression}}\n`;
    case 'RewriteCond':
      // mod_rewrite unescapes nothing: keep double quotes out of these expressions.
      return `<Location /t/>\n    RewriteEngine on\n    RewriteCond expr "${expression}"\n    RewriteRule ^ - [E=MATCHED:1]\n</Location>\n`;
  }
}

const VALID: [Context, string][] = [
  ['If', 'true'],
  ['If', '!false && (true || false)'],
  ['If', 'true and not false or false'],
  ['If', "%{HTTP_HOST} == 'x' || %{HTTP_HOST} = 'y'"],
  ['If', "%{HTTP_HOST} != 'x' && %{HTTP_HOST} < 'm' && %{HTTP_HOST} <= 'm' && %{HTTP_HOST} > 'a' && %{HTTP_HOST} >= 'a'"],
  ['If', '1 -eq 1 && 1 eq 1 && 1 -ne 2 && 1 ne 2 && 1 -lt 2 && 1 lt 2 && 2 -gt 1 && 2 gt 1 && 1 -le 1 && 1 le 1 && 1 -ge 1 && 1 ge 1'],
  ['If', '-1 -lt 0 && 0 -eq 00'],
  ['If', "%{REQUEST_URI} =~ /^app/ && %{REQUEST_URI} !~ m#^/static#i"],
  ['If', "%{REQUEST_URI} =~ m|a|i || %{REQUEST_URI} =~ m,b, || %{REQUEST_URI} =~ m_/_"],
  ['If', "%{REQUEST_URI} =~ /(a)(b)/ && $1 == 'a' && '$2x' == 'bx'"],
  ['If', "%{HTTP:X-Forwarded-Proto} == 'https' && %{ENV:HOME} != '' && %{reqenv:x} == ''"],
  ['If', "%{http_host} == 'x' || %{Request_Method} == 'GET'"],
  ['If', "'a' . 'b' == 'ab' && 'a' . %{HTTP_HOST} . 'c' != ''"],
  ['If', "tolower('A') == 'a' && TOLOWER('A') == 'a' && md5('x') != '' && base64('x') != ''"],
  ['If', "'a' in {'a','b'} && 'a' -in { 'a' }"],
  ['If', "'x' -in PeerExtList('1.2.3.4') || 'y' in peerextlist('2.5.29.17')"],
  ['If', "-n 'x' && -z '' && -T 'on' && -d '/tmp' && -e '/' && -f '/etc/hostname' && -s '/etc/hostname'"],
  ['If', "-L '/x' || -h '/x' || -x '/bin/sh' || -F '/x' || -U '/x' || -A '/x'"],
  ['If', "-R '127.0.0.1' || -R '10.1.' || -R '10' || -R '::1' || -R '10.0.0.0/255.0.0.0' || -R '2001:db8::/32'"],
  ['If', "%{REMOTE_ADDR} -ipmatch '10.0.0.0/8' || %{REMOTE_ADDR} -IPMATCH '192.168.0.0/16'"],
  ['If', "-R '1.2.3.4/32' || -R '10.0.0.1/+8' || -R '010.1.2.3' || -R '2001:db8::1/128'"],
  ['If', "%{REQUEST_URI} -strmatch '/a/*' || %{REQUEST_URI} -strcmatch '/A*' || %{REQUEST_URI} -fnmatch '/a/*'"],
  ['If', "'a\\'b' == \"a'b\" && '\\101' == 'A' && '\\n' != '' && \"%\" == '%' && '}' == '}' && '$' == '$'"],
  ['If', "%{SSL_ANYTHING} == '' && %{ssl_whatever} == '' && %{HC_X} == ''"],
  ['If', "%{SSL:SSL_PROTOCOL} == '' && SSL('SSL_CIPHER') == '' && %{HTTP2} == 'off' && %{IPV6} == 'off'"],
  ['If', `${'('.repeat(200)}true${')'.repeat(200)}`],
  ['If', `${'!'.repeat(9996)}true`],
  ['If', "1.2 == 12 && %{TIME} -gt 0 && %{API_VERSION} -gt 0"],
  ['If', `'${'a'.repeat(8191)}' != ''`],
  ['If', "%{REQUEST_URI} =~ /[[:alpha:]](?:x)?\\Q(\\E/"],
  ['Require', "'a' == 'a' && %{REMOTE_USER} == ''"],
  ['Require', '"%{REQUEST_METHOD} == \'GET\'"'],
  ['SSLRequire', "%{SSL_CIPHER} !~ m/^(EXP|NULL)-/ and %{SSL_CLIENT_S_DN_O} eq \"Snake Oil, Ltd.\" and %{TIME_WDAY} -ge 1"],
  ['SSLRequire', "%{SSL_CLIENT_S_DN_OU} in {\"Staff\", \"CA\", \"Dev\"}"],
  ['HeaderValue', "%{HTTP_HOST}:%{REQUEST_URI}"],
  ['HeaderValue', 'a\'b"c $1 } %x'],
  ['HeaderValue', ''],
  ['HeaderCondition', "%{HTTP_HOST} == 'x' && -n %{HTTP:Y}"],
  ['SetEnvIfExpr', "%{HTTP_USER_AGENT} =~ /curl/ && %{REMOTE_ADDR} -ipmatch '127.0.0.0/8'"],
  ['ProxyHCExpr', '%{REQUEST_STATUS} =~ /^[234]/'],
  ['ProxyHCExpr', "hc('body') !~ /Under maintenance/ && 'a' -in {'a', 'b'}"],
  ['RewriteCond', "%{HTTP_HOST} == 'a b' || %{REQUEST_URI} =~ m#^/x#"],
];

const INVALID: [Context, string][] = [
  ['If', ''],
  ['If', '%{HTTP_HOST}'],
  ['If', '%{HTTP_HOST} =='],
  ['If', "== 'a'"],
  ['If', "'a' == 'b' 'c'"],
  ['If', "('a' == 'b'"],
  ['If', "'a' == 'b')"],
  ['If', 'true &&'],
  ['If', '!'],
  ['If', '()'],
  ['If', "('a') == 'b'"],
  ['If', "'a' == SUCCESS"],
  ['If', "%{X} == 'a'"],
  ['If', "%{FOO} == 'x' &&"],
  ['If', "%{X} == 'a' && -R %{Y}"],
  ['If', '%{} == 1'],
  ['If', '%{HTTP_HOST'],
  ['If', "%{HTTP-HOST} == 'x'"],
  ['If', "%{HTTP:} == 'x'"],
  ['If', "%{HTTP_HOST} == 'abc"],
  ['If', "%{HTTP_HOST} == '%{HTTP_HOST}abc"],
  ['If', "'\\8' == 'a'"],
  ['If', "'\\400' == 'a'"],
  ['If', "'\\0123' == 'a'"],
  ['If', "'a' =~ 'b'"],
  ['If', "'a' =~ /b/x"],
  ['If', "'a' =~ /b"],
  ['If', "'a' =~ /(b/"],
  ['If', "'a' =~ /b)/"],
  ['If', "'a' =~ /[b/"],
  ['If', "'a' =~ /*b/"],
  ['If', "'a' =~ /b\\/"],
  // A regex ends at the first delimiter: `\/` does not escape it, so this pattern is `^\`.
  ['If', "%{REQUEST_URI} =~ /^\\/app/"],
  // `m_c_` is an identifier (the longer match), not a regex.
  ['If', "%{REQUEST_URI} =~ m_c_"],
  ['If', "'a' -in 'a'"],
  ['If', "'a' in {'a' 'b'}"],
  ['If', "'a' -in {}"],
  ['If', "'a' -in foo('x')"],
  ['If', "'a' -in tolower('x')"],
  ['If', "'a' -in PeerExtList('x'"],
  ['If', "foo('x') == 'a'"],
  ['If', "-X 'a'"],
  ['If', "-r 'a'"],
  ['If', "-not 'a'"],
  ['If', "'a' -foo 'b'"],
  ['If', "'a' -IN {'a'}"],
  ['If', '-R %{REMOTE_ADDR}'],
  ['If', "-R 'x.y'"],
  ['If', "-R '10.0.0.0/0'"],
  ['If', "-R '10.1/8'"],
  ['If', "-R '::ffff:1.2.3.4'"],
  ['If', "-R ''"],
  ['If', "-R '10.0.0.0/33'"],
  ['If', "-R '2001:db8::/129'"],
  ['If', "-R '1.2.3.256'"],
  ['If', "-R 'host.example'"],
  ['If', '%{REMOTE_ADDR} -ipmatch 10'],
  ['If', "%{REMOTE_ADDR} -ipmatch '2001:db8::/255.255.0.0'"],
  ['If', "'a' & 'b'"],
  ['If', "'a' == 'b' @"],
  ['If', "- 'a'"],
  ['If', 'true false'],
  ['If', 'true )'],
  ['If', "'a' . == 'b'"],
  ['If', "'a' == 'b' == 'c'"],
  ['If', "tolower 'a' == 'a'"],
  ['If', "tolower('a' 'b') == 'a'"],
  ['If', "%{HTTP_HOST} =~ /x/ && $ == 'a'"],
  ['If', `${'!'.repeat(9997)}true`],
  ['If', `${' true &&'.repeat(5000)} true`],
  ['If', `'${'a'.repeat(8192)}' != ''`],
  ['If', `'a' =~ /${'a'.repeat(8192)}/`],
  ['If', "%{HTTP:a'b} == 'x'"],
  ['If', "'abc\\"],
  ['Require', "'%{HTTP_HOST} == \"x\"'"],
  ['Require', '"'],
  ['Require', '"%{HTTP_HOST} == \'x\'" && true'],
  ['SSLRequire', '"%{SSL_CIPHER} eq \'x\'"'],
  ['SSLRequire', "%{SSL_CIPHER} eq"],
  ['SSLRequire', "%{SSL_CLIENT_S_DN_O} eq Snake"],
  ['HeaderValue', '%{HTTP_HOST'],
  ['HeaderValue', 'abc%{FOO}'],
  ['HeaderValue', '%{HTTP:x"y}'],
  ['HeaderValue', 'abc\\'],
  ['HeaderCondition', '%{HTTP_HOST}'],
  ['HeaderCondition', "%{NOPE} == 'x'"],
  ['SetEnvIfExpr', "%{HTTP_HOST} == 'x' ||"],
  ['SetEnvIfExpr', "-R 'x'"],
  ['ProxyHCExpr', '%{FOO} == 1'],
  ['ProxyHCExpr', '%{REQUEST_STATUS} =='],
  ['ProxyHCExpr', '%{REQUEST_STATUS} == {1}'],
  ['ProxyHCExpr', "{'a'} == {'a'}"],
  ['RewriteCond', "%{HTTP_HOST} =~ 'a'"],
  ['RewriteCond', "tolowr(%{HTTP_HOST}) == 'a'"],
];

interface Outcome {
  ok: boolean;
  jammed: boolean;
  line?: number;
  message?: string;
  output: string;
}

let prelude: string | undefined;

async function apacheTest(config: string): Promise<Outcome> {
  prelude ??= `${loadAllModules()}ServerName localhost\nErrorLog /dev/null\n`;
  const root = mkdtempSync(join(tmpdir(), 'apache-ssl-expr-'));
  try {
    writeFileSync(join(root, 'prelude.conf'), prelude);
    writeFileSync(join(root, 'main.conf'), config);
    const args = ['-t', '-d', root, '-f', join(root, 'main.conf'), '-C', `Include ${join(root, 'prelude.conf')}`];
    const child = spawn('/usr/sbin/apache2', args, { env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    const parsed = parseApacheError(output);
    return { ok: status === 0, jammed: output.includes('flex scanner jammed'), line: parsed.line, message: parsed.message, output };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function inBatches<T, R>(items: T[], size: number, run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index]);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return results;
}

const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);

test('apache2 -t agrees with expr/parse-error on every expression, message for message', async () => {
  requireApache();
  const cases = [...VALID.map((c) => ({ context: c[0], expression: c[1], valid: true })), ...INVALID.map((c) => ({ context: c[0], expression: c[1], valid: false }))];
  const outcomes = await inBatches(cases, 8, (c) => apacheTest(configFor(c.context, c.expression)));
  const problems: string[] = [];
  cases.forEach((c, index) => {
    const config = configFor(c.context, c.expression);
    const errors = analyzeFile(parseConfig(config)).filter((d) => d.code === 'expr/parse-error');
    const verdict = outcomes[index];
    const label = `${c.context} ${short(JSON.stringify(c.expression))}`;
    if (c.valid !== (errors.length === 0)) problems.push(`${label}: expected ${c.valid ? 'no error' : 'an error'} from us`);
    if (errors.length === 0) {
      if (!verdict.ok) problems.push(`${label}: we accept it, Apache says ${verdict.message ?? verdict.output}`);
      return;
    }
    const data = errors[0].data as { apacheMessage: string };
    if (verdict.ok) {
      problems.push(`${label}: we say "${data.apacheMessage}", Apache accepts it`);
    } else if (data.apacheMessage === 'flex scanner jammed') {
      if (!verdict.jammed) problems.push(`${label}: we expect a jammed scanner, Apache says ${verdict.output}`);
    } else if (verdict.message !== data.apacheMessage) {
      problems.push(`${label}:\n    we:     ${data.apacheMessage}\n    Apache: ${verdict.message}`);
    } else {
      const line = (verdict.line ?? 0) - 1;
      const covered = errors.some((e) => e.range.start.line <= line && line <= e.range.end.line);
      if (!covered) problems.push(`${label}: Apache blames line ${line + 1}, we do not cover it`);
    }
  });
  assert.deepEqual(problems, []);
  console.log(`apache2 -t agreed on ${cases.length} expressions (${VALID.length} valid, ${INVALID.length} refused)`);
});

// ---- at request time: which SSL_ names resolve, and what `eq` really does ----

interface Pki {
  caPem: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

function makePki(): Pki {
  const keyPair = () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const key = forge.pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
    return { pem, key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e) };
  };
  const issue = (
    subject: forge.pki.CertificateField[],
    subjectKey: forge.pki.PublicKey,
    issuer: forge.pki.Certificate | undefined,
    signer: forge.pki.rsa.PrivateKey,
    extensions: object[],
    serial: string,
  ) => {
    const cert = forge.pki.createCertificate();
    cert.publicKey = subjectKey;
    cert.serialNumber = serial;
    cert.validity.notBefore = new Date(Date.now() - 86_400_000);
    cert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
    cert.setSubject(subject);
    cert.setIssuer(issuer ? issuer.subject.attributes : subject);
    cert.setExtensions(extensions);
    cert.sign(signer, forge.md.sha256.create());
    return cert;
  };
  const ca = keyPair();
  const caCert = issue([{ name: 'commonName', value: 'Expr Test CA' }], ca.publicKey, undefined, ca.key, [
    { name: 'basicConstraints', cA: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true },
  ], '01');
  const server = keyPair();
  const serverCert = issue([{ name: 'commonName', value: 'localhost' }], server.publicKey, caCert, ca.key, [
    { name: 'subjectAltName', altNames: [{ type: 2, value: 'localhost' }, { type: 7, ip: '127.0.0.1' }] },
  ], '02');
  const client = keyPair();
  const clientCert = issue(
    [
      { name: 'countryName', value: 'DE' },
      { name: 'organizationName', value: 'Example Ltd' },
      { shortName: 'OU', value: 'Staff' },
      { shortName: 'OU', value: 'Dev' },
      { name: 'commonName', value: 'alice' },
      { type: '2.5.4.5', value: '4711' },
      { name: 'emailAddress', value: 'alice@example.com' },
    ],
    client.publicKey,
    caCert,
    ca.key,
    [{ name: 'subjectAltName', altNames: [{ type: 1, value: 'alice@example.com' }, { type: 2, value: 'device.example.com' }] }],
    '0a1b',
  );
  return {
    caPem: forge.pki.certificateToPem(caCert),
    serverCert: forge.pki.certificateToPem(serverCert),
    serverKey: server.pem,
    clientCert: forge.pki.certificateToPem(clientCert),
    clientKey: client.pem,
  };
}

/** SSL_ names, spelled right and wrong, and what we say mod_ssl makes of them. */
const NAMES = [
  'SSL_CLIENT_S_DN_CN', 'SSL_Client_S_DN_CN', 'ssl_client_s_dn_CN', 'SSL_CLIENT_S_DN_cn', 'ssl_client_verify',
  'SSL_CLIENT_S_DN_OU', 'SSL_CLIENT_S_DN_OU_1', 'SSL_CLIENT_S_DN_OU_0_RAW', 'SSL_CLIENT_S_DN_OU_raw', 'SSL_CLIENT_S_DN_OU_1_2',
  'SSL_CLIENT_S_DN_Email', 'SSL_CLIENT_S_DN_EMAIL', 'SSL_CLIENT_S_DN_SerialNumber', 'SSL_CLIENT_S_DN_serialNumber',
  'SSL_CLIENT_SAN_Email_0', 'SSL_CLIENT_SAN_email_0', 'SSL_CLIENT_SAN_DNS_0', 'SSL_CLIENT_SAN_DNS', 'SSL_CLIENT_SAN_DNS_00001',
  'SSL_CLIENT_VERIFIED', 'SSL_CIPHERS', 'SSL_cipher', 'SSL_CIPHER_USEKEYSIZE', 'SSL_VERSION_LIBRARY', 'SSL_VERSION_library',
  'SSL_SERVER_V_REMAIN', 'SSL_CLIENT_V_REMAIN', 'SSL_CLIENT_M_SERIAL', 'SSL_CLIENT_I_DN_CN', 'SSL_CLIENT_i_DN_CN',
  'SSL_PROTOCOL', 'SSL_SERVER_S_DN', 'SSL_SERVER_s_dn', 'SSL_CLIENT_A_KEY', 'SSL_SESSION_RESUMED',
];

function requestWithClientCert(port: number, path: string, pki: Pki): Promise<{ status: number; headers: Record<string, string> }> {
  return new Promise((resolve, reject) => {
    const request = httpsRequest(
      { host: '127.0.0.1', port, path, ca: pki.caPem, cert: pki.clientCert, key: pki.clientKey, rejectUnauthorized: false, timeout: 10_000 },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers as Record<string, string> }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}

test('at request time, SSL_ names resolve exactly where we say, and eq compares integers', async (t) => {
  const pki = makePki();
  const tlsPort = await freePort();
  const headers = NAMES.map((name, i) => `    Header always set X-V${i} "expr=%{${name}}"`).join('\n');
  const site = `Listen 127.0.0.1:${tlsPort} https
DocumentRoot htdocs
<VirtualHost 127.0.0.1:${tlsPort}>
    ServerName localhost
    SSLEngine on
    SSLCertificateFile server.pem
    SSLCertificateKeyFile server.key
    SSLCACertificateFile ca.pem
    SSLVerifyClient require
    SSLVerifyDepth 1
    <Location />
${headers}
    </Location>
    <Location /integer-eq/>
        Require expr %{SSL_CLIENT_S_DN_CN} eq 'bob'
    </Location>
    <Location /string-eq/>
        Require expr %{SSL_CLIENT_S_DN_CN} == 'bob'
    </Location>
    <Location /sslrequire-eq/>
        SSLRequire %{SSL_CLIENT_S_DN_CN} eq "bob"
    </Location>
</VirtualHost>
`;
  const files: Record<string, string> = {
    'ca.pem': pki.caPem,
    'server.pem': pki.serverCert,
    'server.key': pki.serverKey,
    'htdocs/index.html': 'ok\n',
    'htdocs/integer-eq/index.html': 'ok\n',
    'htdocs/string-eq/index.html': 'ok\n',
    'htdocs/sslrequire-eq/index.html': 'ok\n',
  };
  // Relative paths resolve against the throw-away ServerRoot.
  const server = await startApache({ ...files, 'site.conf': site }, 'site.conf');
  t.after(() => server.stop());
  const { headers: values } = await requestWithClientCert(tlsPort, '/', pki);
  const mismatches = NAMES.flatMap((name, i) => {
    const value = values[`x-v${i}`] ?? '';
    const resolves = resolveSslVariable(name) !== undefined;
    return resolves === (value !== '') ? [] : [`${name}: we say ${resolves ? 'defined' : 'undefined'}, Apache gives "${value}"`];
  });
  assert.deepEqual(mismatches, []);
  assert.equal(values[`x-v${NAMES.indexOf('SSL_CLIENT_S_DN_OU_1')}`], 'Dev');
  assert.equal(values[`x-v${NAMES.indexOf('SSL_CLIENT_S_DN_SerialNumber')}`], '4711');

  // `eq` is an integer comparison: 'alice' and 'bob' are both 0, so access is granted.
  assert.equal((await requestWithClientCert(tlsPort, '/integer-eq/', pki)).status, 200);
  assert.equal((await requestWithClientCert(tlsPort, '/string-eq/', pki)).status, 403);
  assert.equal((await requestWithClientCert(tlsPort, '/sslrequire-eq/', pki)).status, 403);
  const flagged = analyzeFile(parseConfig(site)).filter((d) => d.code === 'expr/integer-operator-on-string');
  assert.deepEqual(flagged.map((d) => d.range.start.line), [site.split('\n').findIndex((l) => l.includes("eq 'bob'"))]);
});
