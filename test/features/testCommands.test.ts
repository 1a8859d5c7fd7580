// The openssl and curl commands for a virtual host: where they connect (the
// <VirtualHost> address and port, a Listen line for `*`), the name they send,
// the CA file that verifies the server (found by building its chain from the
// files the host names), the client certificate beside the CA file or
// placeholders, and sh quoting that gives every word back unchanged.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { buildConfigModel, type ConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import {
  renderTestCommands,
  shellWord,
  testCommandsFor,
  testCommandsText,
  testTarget,
  type TestTarget,
} from '../../server/src/features/testCommands';
import { makeCertificate, makeChain } from '../support/testCertificates';

const MAIN = '/etc/apache2/apache2.conf';
const SITE = '/etc/apache2/sites/site.conf';
const ca = makeCertificate({ commonName: 'Site CA', ca: true, keyUsage: ['keyCertSign', 'cRLSign'] });
const server = makeCertificate({ commonName: 'www.example.test', dnsNames: ['www.example.test'], issuer: ca, extendedKeyUsage: ['serverAuth'] });
const stranger = makeCertificate({ commonName: 'Other CA', ca: true });
const strangersServer = makeCertificate({ commonName: 'www.example.test', dnsNames: ['www.example.test'], issuer: stranger });

interface Setup {
  model: ConfigModel;
  files: Record<string, string>;
}

function setup(site: string, main = '', certificates: Record<string, string> = {}): Setup {
  const files = { [MAIN]: `${main}Include sites/site.conf\n`, [SITE]: site, ...certificates };
  return { model: buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem(files)) }), files };
}

function targetAt({ model, files }: Setup, line: number): TestTarget {
  const target = testTarget(model, SITE, { line, character: 0 }, {
    certificates: createCertificateReader(memoryFileSystem(files)),
    exists: (path) => path in files,
  });
  if ('error' in target) assert.fail(target.error);
  return target;
}

const MTLS_SITE = `<VirtualHost *:443>
    ServerName www.example.test:443
    SSLEngine on
    SSLCertificateFile /etc/pki/server.crt
    SSLCertificateKeyFile /etc/pki/server.key
    SSLCACertificateFile /etc/pki/ca.crt
    SSLVerifyClient require
</VirtualHost>
`;

test('a wildcard host is tried on 127.0.0.1 with its ServerName; the CA and the client certificate beside it are used', () => {
  const target = targetAt(setup(MTLS_SITE, '', {
    '/etc/pki/server.crt': server.cert,
    '/etc/pki/ca.crt': ca.cert,
    '/etc/pki/client.crt': 'client certificate',
    '/etc/pki/client.key': 'client key',
  }), 3);
  assert.deepEqual(target, {
    path: SITE,
    line: 1,
    tag: '<VirtualHost *:443>',
    serverName: 'www.example.test',
    connectHost: '127.0.0.1',
    port: 443,
    caFile: '/etc/pki/ca.crt',
    clientCertificate: '/etc/pki/client.crt',
    clientKey: '/etc/pki/client.key',
    clientKnown: true,
    tls: true,
    verifyClient: 'require',
  });
  const commands = testCommandsFor(target);
  assert.equal(commands.length, 8);
  assert.deepEqual(commands[0], {
    comment: 'openssl, TLS 1.3, with the client certificate. Healthy: the handshake completes ("Verify return code: 0 (ok)"), then the site\'s HTTP status line (200 for a page that exists).',
    argv: ['openssl', 's_client', '-connect', '127.0.0.1:443', '-servername', 'www.example.test', '-tls1_3', '-CAfile', '/etc/pki/ca.crt',
      '-verify_return_error', '-cert', '/etc/pki/client.crt', '-key', '/etc/pki/client.key', '-ign_eof'],
    requestHost: 'www.example.test',
  });
  assert.deepEqual(commands[3].argv, ['openssl', 's_client', '-connect', '127.0.0.1:443', '-servername', 'www.example.test', '-tls1_2', '-CAfile', '/etc/pki/ca.crt', '-verify_return_error', '-ign_eof']);
  assert.match(commands[3].comment, /TLS 1\.2, no client certificate\. Healthy: refused, handshake failure alert/);
  assert.match(commands[1].comment, /TLS 1\.3, no client certificate\. Healthy: refused, alert "certificate required" just after the handshake/);
  assert.deepEqual(commands[4].argv, ['curl', '-sS', '-o', '/dev/null', '-w', '%{http_code}\\n', '--tlsv1.3', '--cacert', '/etc/pki/ca.crt',
    '--cert', '/etc/pki/client.crt', '--key', '/etc/pki/client.key', '--resolve', 'www.example.test:443:127.0.0.1', 'https://www.example.test:443/']);
  assert.deepEqual(commands[7].argv, ['curl', '-sS', '-o', '/dev/null', '-w', '%{http_code}\\n', '--tlsv1.2', '--tls-max', '1.2', '--cacert', '/etc/pki/ca.crt',
    '--resolve', 'www.example.test:443:127.0.0.1', 'https://www.example.test:443/']);
  assert.ok(commands.every((command) => command.comment.includes('Healthy:')));
  assert.deepEqual(commands.map((command) => command.argv.includes('-cert') || command.argv.includes('--cert')), [true, false, true, false, true, false, true, false]);
});

test('the rendered text: a header, then each command under its comment, requests piped through printf', () => {
  const s = setup(MTLS_SITE, '', { '/etc/pki/server.crt': server.cert, '/etc/pki/ca.crt': ca.cert });
  const text = testCommandsText(s.model, SITE, { line: 6, character: 4 }, { certificates: createCertificateReader(memoryFileSystem(s.files)), exists: () => false });
  assert.equal(typeof text, 'string');
  const blocks = String(text).trimEnd().split('\n\n');
  assert.equal(blocks.length, 9);
  assert.deepEqual(blocks[0].split('\n'), [
    `# Test commands for <VirtualHost *:443> at ${SITE}:1, as www.example.test on 127.0.0.1 port 443.`,
    "# The server certificate's CA is read from /etc/pki/ca.crt.",
    "# client.crt and client.key stand for a client certificate the SSLCACertificateFile's CA signed, and its key.",
  ]);
  assert.equal(
    blocks[1].split('\n')[1],
    "printf 'GET / HTTP/1.1\\r\\nHost: %s\\r\\nConnection: close\\r\\n\\r\\n' www.example.test | openssl s_client -connect 127.0.0.1:443 -servername www.example.test -tls1_3 -CAfile /etc/pki/ca.crt -verify_return_error -cert client.crt -key client.key -ign_eof",
  );
  assert.equal(blocks[5].split('\n')[1], "curl -sS -o /dev/null -w '%{http_code}\\n' --tlsv1.3 --cacert /etc/pki/ca.crt --cert client.crt --key client.key --resolve www.example.test:443:127.0.0.1 https://www.example.test:443/");
  for (const block of blocks.slice(1)) assert.match(block, /^# (openssl|curl), TLS 1\.[23], .*Healthy: /);
});

test('the CA: a chain through SSLCertificateChainFile to a root in the CA file; the certificate itself when self-signed; none when the issuer is elsewhere', () => {
  const chain = makeChain(['www.example.test']);
  const site = MTLS_SITE.replace('    SSLVerifyClient', '    SSLCertificateChainFile /etc/pki/chain.crt\n    SSLVerifyClient');
  const viaChain = targetAt(setup(site, '', { '/etc/pki/server.crt': chain.leaf.cert, '/etc/pki/chain.crt': chain.intermediate.cert, '/etc/pki/ca.crt': chain.root.cert }), 2);
  assert.equal(viaChain.caFile, '/etc/pki/ca.crt');

  const selfSigned = makeCertificate({ commonName: 'www.example.test', dnsNames: ['www.example.test'] });
  assert.equal(targetAt(setup(MTLS_SITE, '', { '/etc/pki/server.crt': selfSigned.cert, '/etc/pki/ca.crt': ca.cert }), 2).caFile, '/etc/pki/server.crt');

  const unknown = targetAt(setup(MTLS_SITE, '', { '/etc/pki/server.crt': strangersServer.cert, '/etc/pki/ca.crt': ca.cert }), 2);
  assert.equal(unknown.caFile, undefined);
  const commands = testCommandsFor(unknown);
  assert.ok(commands.every((command) => !command.argv.includes('-CAfile') && !command.argv.includes('--cacert') && !command.argv.includes('-verify_return_error')));
  assert.match(renderTestCommands(unknown, commands), /CA was not found in the files this host names: add -CAfile\/--cacert/);

  const missing = targetAt(setup(MTLS_SITE), 2);
  assert.equal(missing.caFile, undefined);
  assert.equal(missing.clientKnown, false);
  assert.equal(missing.clientCertificate, 'client.crt');
  assert.equal(missing.clientKey, 'client.key');
});

test('ports and addresses: a Listen line for `*`, an IP address connected to directly, a host name through --connect-to', () => {
  const anyPort = targetAt(setup('<VirtualHost *>\n    ServerName app.example.test\n    SSLEngine on\n</VirtualHost>\n', 'Listen 80\nListen 8443 https\n'), 1);
  assert.equal(anyPort.port, 8443);
  assert.equal(testCommandsFor(anyPort)[0].requestHost, 'app.example.test:8443');

  const numbered = targetAt(setup('<VirtualHost 192.0.2.5:8443>\n    ServerName app.example.test\n</VirtualHost>\n'), 1);
  assert.equal(numbered.connectHost, '192.0.2.5');
  const [sClient, , , , curl] = testCommandsFor(numbered);
  assert.deepEqual(sClient.argv.slice(2, 6), ['-connect', '192.0.2.5:8443', '-servername', 'app.example.test']);
  assert.deepEqual(curl.argv.slice(-3), ['--resolve', 'app.example.test:8443:192.0.2.5', 'https://app.example.test:8443/']);

  const v6 = targetAt(setup('<VirtualHost [2001:db8::5]:443>\n    ServerName app.example.test\n</VirtualHost>\n'), 1);
  assert.deepEqual(testCommandsFor(v6)[0].argv.slice(2, 4), ['-connect', '[2001:db8::5]:443']);
  assert.deepEqual(testCommandsFor(v6)[4].argv.slice(-3, -1), ['--resolve', 'app.example.test:443:[2001:db8::5]']);

  const named = targetAt(setup('<VirtualHost backend.example.test:443>\n    ServerName www.example.test\n</VirtualHost>\n'), 1);
  assert.deepEqual(testCommandsFor(named)[4].argv.slice(-3, -1), ['--connect-to', 'www.example.test:443:backend.example.test:443']);

  const nameOnly = targetAt(setup('<VirtualHost backend.example.test:443>\n</VirtualHost>\n'), 1);
  assert.equal(nameOnly.serverName, 'backend.example.test');
  assert.ok(!testCommandsFor(nameOnly)[4].argv.some((word) => word === '--resolve' || word === '--connect-to'));
  assert.equal(testCommandsFor(nameOnly)[0].requestHost, 'backend.example.test');
});

test('an IP address as ServerName sends no SNI; no ServerName anywhere is localhost', () => {
  const ip = targetAt(setup('<VirtualHost *:443>\n    ServerName 127.0.0.1\n</VirtualHost>\n'), 1);
  assert.ok(!testCommandsFor(ip)[0].argv.includes('-servername'));
  assert.equal(testCommandsFor(ip)[4].argv.at(-1), 'https://127.0.0.1:443/');
  assert.equal(targetAt(setup('<VirtualHost *:443>\n</VirtualHost>\n'), 1).serverName, 'localhost');
  assert.equal(targetAt(setup('<VirtualHost *:443>\n</VirtualHost>\n', 'ServerName main.example.test\n'), 1).serverName, 'main.example.test');
});

test('the header warns when the host has no SSLEngine on, or asks for client certificates only per directory', () => {
  const plain = targetAt(setup('<VirtualHost *:443>\n    ServerName a.example.test\n    <Location /admin>\n        SSLVerifyClient require\n    </Location>\n</VirtualHost>\n'), 3);
  const text = renderTestCommands(plain, testCommandsFor(plain));
  assert.match(text, /# This host has no SSLEngine on: it does not speak TLS/);
  assert.match(text, /# This host does not say SSLVerifyClient require itself: .* a 403, not a refused handshake/);
  const inherited = targetAt(setup('<VirtualHost *:443>\n    ServerName a.example.test\n</VirtualHost>\n', 'SSLEngine on\nSSLVerifyClient require\n'), 1);
  assert.doesNotMatch(renderTestCommands(inherited, testCommandsFor(inherited)), /no SSLEngine on|does not say SSLVerifyClient/);
});

test('outside a <VirtualHost>, or in another file, there is nothing to test', () => {
  const s = setup('ServerAdmin ops@example.test\n<VirtualHost *:443>\n</VirtualHost>\n');
  const options = { certificates: createCertificateReader(memoryFileSystem(s.files)), exists: () => false };
  assert.deepEqual(testCommandsText(s.model, SITE, { line: 0, character: 0 }, options), { error: 'no <VirtualHost> holds that position' });
  assert.deepEqual(testCommandsText(s.model, MAIN, { line: 1, character: 0 }, options), { error: 'no <VirtualHost> holds that position' });
  assert.equal(typeof testCommandsText(s.model, SITE, { line: 2, character: 0 }, options), 'string', 'the close tag line is in the host');
});

test('sh reads every rendered word back as it was: spaces, quotes, $, backslashes, globs', () => {
  const words = ['/srv/my pki/client.crt', "it's", '$HOME', 'a\\b', '*.crt', '%{http_code}\\n', 'plain/path-1.2:3', '', ';rm -rf x', '`id`', 'new\nline'];
  const script = `for word in ${words.map(shellWord).join(' ')}; do printf '%s\\0' "$word"; done`;
  const run = spawnSync('sh', ['-c', script], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(run.stdout.split('\0').slice(0, -1), words);
  assert.equal(shellWord('/etc/pki/ca.crt'), '/etc/pki/ca.crt', 'plain paths stay bare');
});

test('paths with blanks are quoted in the rendered commands', () => {
  const site = MTLS_SITE.replaceAll('/etc/pki/', '"/srv/my pki/');
  const files = {
    '/srv/my pki/server.crt': server.cert,
    '/srv/my pki/ca.crt': ca.cert,
    '/srv/my pki/client.crt': 'c',
    '/srv/my pki/client.key': 'k',
  };
  const s = setup(site.replace(/(\.crt|\.key)$/gm, '$1"'), '', files);
  const text = String(testCommandsText(s.model, SITE, { line: 2, character: 0 }, { certificates: createCertificateReader(memoryFileSystem(s.files)), exists: (path) => path in files }));
  assert.ok(text.includes("-CAfile '/srv/my pki/ca.crt' -verify_return_error -cert '/srv/my pki/client.crt' -key '/srv/my pki/client.key'"), text);
});
