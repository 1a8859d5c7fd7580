// Every snippet in snippets/apacheconf.code-snippets, expanded with its
// defaults, must be a configuration the real Apache accepts (`apache2 -t`),
// with certificate, key and CA paths pointed at files generated here.
// New snippets are picked up automatically.

import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apacheConfigTest } from '../support/apacheOracle';
import { expandSnippet, expandSnippetDetailed } from '../support/expandSnippet';

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description: string;
}

const SNIPPETS_FILE = join(__dirname, '..', '..', 'snippets', 'apacheconf.code-snippets');
const snippets = JSON.parse(readFileSync(SNIPPETS_FILE, 'utf8')) as Record<string, Snippet>;

// ---------------------------------------------------------------------------
// Test certificates, made once with the openssl CLI (never through a shell).

interface Pki {
  dir: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  fullChain: string;
  certAndKey: string;
  docRoot: string;
}

let pki: Pki | undefined;

function openssl(args: string[], cwd: string): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function getPki(): Pki {
  if (pki) return pki;
  const dir = mkdtempSync(join(tmpdir(), 'apache-ssl-snippets-pki-'));
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl(
    ['req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=apache-ssl test CA',
      '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    dir,
  );
  openssl(
    ['req', '-new', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=www.example.com',
      '-addext', 'subjectAltName=DNS:www.example.com,DNS:api.example.com,DNS:example.com'],
    dir,
  );
  openssl(
    ['x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-set_serial', '2', '-days', '2',
      '-copy_extensions', 'copy', '-out', 'server.crt'],
    dir,
  );
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');
  writeFileSync(join(dir, 'fullchain.pem'), read('server.crt') + read('ca.crt'));
  writeFileSync(join(dir, 'server-cert-and-key.pem'), read('server.crt') + read('server.key'));
  mkdirSync(join(dir, 'htdocs'));
  pki = {
    dir,
    caCert: join(dir, 'ca.crt'),
    serverCert: join(dir, 'server.crt'),
    serverKey: join(dir, 'server.key'),
    fullChain: join(dir, 'fullchain.pem'),
    certAndKey: join(dir, 'server-cert-and-key.pem'),
    docRoot: join(dir, 'htdocs'),
  };
  return pki;
}

after(() => {
  if (pki) rmSync(pki.dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// Reading expanded snippet text as Apache configuration.

interface ConfigLine {
  indent: string;
  /** Directive name as written, or `<Section` / `</Section` for section lines. */
  name: string;
  args: string;
  /** Enclosing sections, outermost first, lower-cased (e.g. ['virtualhost', 'location']). */
  sections: string[];
  raw: string;
}

function readConfig(text: string): ConfigLine[] {
  const out: ConfigLine[] = [];
  const stack: string[] = [];
  for (const raw of text.split('\n')) {
    const m = /^(\s*)(\S+)\s*(.*?)\s*$/.exec(raw);
    if (!m || m[2].startsWith('#')) continue;
    const [, indent, name, args] = m;
    const close = /^<\/([A-Za-z]+)>?$/.exec(name);
    if (close) {
      stack.pop();
      out.push({ indent, name, args, sections: [...stack], raw });
      continue;
    }
    out.push({ indent, name, args, sections: [...stack], raw });
    const open = /^<([A-Za-z]+)/.exec(name);
    if (open) stack.push(open[1].toLowerCase());
  }
  return out;
}

const PER_DIRECTORY_SECTIONS = new Set([
  'location', 'locationmatch', 'directory', 'directorymatch', 'files', 'filesmatch', 'if', 'elseif', 'else',
  'proxy', 'proxymatch', 'limit', 'limitexcept',
]);

/** Directives allowed only in the main server config, hoisted out of the wrapper for fragments. */
const SERVER_ONLY = new Set([
  'sslstaplingcache', 'sslsessioncache', 'sslpassphrasedialog', 'sslrandomseed', 'sslcryptodevice', 'sslfips',
  'listen', 'loadmodule', 'mutex',
]);

/** Which generated file replaces the argument of each path-taking directive. */
function replacementFor(directive: string, files: Pki): string | undefined {
  switch (directive.toLowerCase()) {
    case 'sslcertificatefile':
      return files.fullChain;
    case 'sslcertificatekeyfile':
      return files.serverKey;
    case 'sslcacertificatefile':
    case 'sslproxycacertificatefile':
    case 'sslcadnrequestfile':
    case 'sslproxymachinecertificatechainfile':
      return files.caCert;
    case 'sslproxymachinecertificatefile':
      return files.certAndKey;
    case 'sslcacertificatepath':
    case 'sslproxycacertificatepath':
    case 'sslcadnrequestpath':
    case 'sslproxymachinecertificatepath':
      return files.dir;
    case 'documentroot':
      return files.docRoot;
    default:
      return undefined;
  }
}

/** Points every certificate/key/CA/document-root path at a real file or folder. */
function useRealFiles(text: string, files: Pki): string {
  return text
    .split('\n')
    .map((raw) => {
      const m = /^(\s*)([A-Za-z]\w*)\s+(.*?)\s*$/.exec(raw);
      if (!m || raw.trimStart().startsWith('#')) return raw;
      const [, indent, name, args] = m;
      const path = replacementFor(name, files);
      if (path === undefined) {
        if (/^SSL\w*(File|Path)$/i.test(name)) {
          throw new Error(`snippet uses ${name}: teach useRealFiles() which generated file stands in for it`);
        }
        return raw;
      }
      assert.match(args, /^("[^"]*"|\S+)$/, `${name} should take exactly one path argument: ${raw}`);
      return `${indent}${name} "${path}"`;
    })
    .join('\n');
}

/** Builds a whole configuration around the expanded snippet. */
function buildConfig(expanded: string, files: Pki): string {
  let serverLevel: string[] = [];
  let body: string;
  if (/^\s*<VirtualHost[\s>]/im.test(expanded)) {
    body = expanded;
  } else {
    // A fragment meant for inside a TLS virtual host: give it one.
    const inside: string[] = [];
    for (const line of expanded.split('\n')) {
      const name = /^\s*([A-Za-z]\w*)/.exec(line)?.[1]?.toLowerCase();
      if (name && SERVER_ONLY.has(name)) serverLevel.push(line.trim());
      else inside.push(line === '' ? '' : `    ${line}`);
    }
    const has = (directive: string): boolean => new RegExp(`^\\s*${directive}\\s`, 'im').test(expanded);
    body = [
      '<VirtualHost *:443>',
      '    ServerName fragment.example.com',
      ...(has('SSLEngine') ? [] : ['    SSLEngine on']),
      ...(has('SSLCertificateFile') ? [] : [`    SSLCertificateFile "${files.fullChain}"`]),
      ...(has('SSLCertificateKeyFile') ? [] : [`    SSLCertificateKeyFile "${files.serverKey}"`]),
      ...inside,
      '</VirtualHost>',
    ].join('\n');
  }
  // SSLUseStapling needs a (server-level) stapling cache to start.
  if (/^\s*SSLUseStapling\s+on\b/im.test(body) && !/^\s*SSLStaplingCache\s/im.test(body)) {
    serverLevel.push('SSLStaplingCache "shmcb:logs/ssl_stapling(32768)"');
  }
  const ports = new Set<string>();
  for (const m of body.matchAll(/^\s*<VirtualHost\s+([^>]+)>/gim)) {
    for (const address of m[1].trim().split(/\s+/)) {
      const port = /:(\d+)$/.exec(address)?.[1] ?? '80';
      if (!new RegExp(`^\\s*Listen\\s+(\\S+:)?${port}(\\s|$)`, 'im').test(body)) ports.add(port);
    }
  }
  serverLevel = [...[...ports].map((port) => `Listen ${port}`), ...serverLevel];
  return `${serverLevel.join('\n')}\n\n${useRealFiles(body, files)}\n`;
}

function numbered(text: string): string {
  return text
    .split('\n')
    .map((line, i) => `${String(i + 1).padStart(3)}| ${line}`)
    .join('\n');
}

function runApache(config: string) {
  return apacheConfigTest({ 'conf/snippet.conf': config, 'logs/.keep': '' }, 'conf/snippet.conf');
}

const prefixesOf = (s: Snippet): string[] => (typeof s.prefix === 'string' ? [s.prefix] : s.prefix);
const bodyOf = (s: Snippet): string => (typeof s.body === 'string' ? s.body : s.body.join('\n'));

// ---------------------------------------------------------------------------
// The expander itself.

test('expandSnippet: tabstops, defaults, nesting, choices, mirrors, escapes, variables', () => {
  assert.equal(expandSnippet('a $1 b $0 c'), 'a  b  c');
  assert.equal(expandSnippet('${1:host}:${2:443}'), 'host:443');
  assert.equal(expandSnippet('${1:foo ${2:bar}} / $2'), 'foo bar / bar');
  assert.equal(expandSnippet('${1|optional,require|}'), 'optional');
  assert.equal(expandSnippet('${1|a\\,b,c|}'), 'a,b');
  assert.equal(expandSnippet(['ServerName ${1:example.com}', 'Redirect / https://$1/']), 'ServerName example.com\nRedirect / https://example.com/');
  assert.equal(expandSnippet('$1 then ${1:later}'), 'later then later');
  assert.equal(expandSnippet('\\$1 \\${APACHE_LOG_DIR} a\\}b \\\\ \\n'), '$1 ${APACHE_LOG_DIR} a}b \\ \\n');
  assert.equal(expandSnippet('%{SSL_CLIENT_S_DN}s $ 5$'), '%{SSL_CLIENT_S_DN}s $ 5$');
  assert.equal(expandSnippet('${1:a}}'), 'a}');
  assert.equal(expandSnippet('# $TM_FILENAME ${TM_FILENAME_BASE}'), '# example.conf example');
  assert.equal(expandSnippet('${TM_SELECTED_TEXT:none}'), 'none');
  assert.equal(expandSnippet('$TM_FILENAME', { TM_FILENAME: 'site.conf' }), 'site.conf');
  assert.equal(expandSnippet('${TM_FILENAME/(.*)\\.conf$/${1:/upcase}/}'), 'EXAMPLE');
  assert.equal(expandSnippet('${1:www.example.com} ${1/\\./_/g}'), 'www.example.com www_example_com');
  const unknown = expandSnippetDetailed('ErrorLog ${APACHE_LOG_DIR}/error.log');
  assert.equal(unknown.text, 'ErrorLog APACHE_LOG_DIR/error.log');
  assert.deepEqual(unknown.unknownVariables, ['APACHE_LOG_DIR']);
  assert.deepEqual(expandSnippetDetailed('$2 ${1:x} $0').tabstops, [0, 1, 2]);
});

// ---------------------------------------------------------------------------
// The snippet file as a whole.

test('snippet file: snippets exist, prefixes are unique', () => {
  const names = Object.keys(snippets);
  assert.ok(names.length > 0, 'no snippets');
  const seen = new Map<string, string>();
  for (const [name, snippet] of Object.entries(snippets)) {
    for (const prefix of prefixesOf(snippet)) {
      assert.ok(!seen.has(prefix), `prefix "${prefix}" is used by both "${seen.get(prefix)}" and "${name}"`);
      seen.set(prefix, name);
    }
  }
  for (const wanted of ['vhost-tls', 'vhost-mtls-proxy', 'vhost-redirect-https', 'proxy-https-backend', 'ocsp-stapling', 'hsts']) {
    assert.ok(seen.has(wanted), `no snippet has prefix ${wanted}`);
  }
});

function snippetByPrefix(prefix: string): string {
  const found = Object.values(snippets).find((s) => prefixesOf(s).includes(prefix));
  assert.ok(found, `no snippet with prefix ${prefix}`);
  return expandSnippet(found.body);
}

test('snippet content: the security properties each one is there for', () => {
  const tls = snippetByPrefix('vhost-tls');
  assert.match(tls, /^\s*SSLProtocol -all \+TLSv1\.2 \+TLSv1\.3$/m);
  assert.match(tls, /^\s*SSLHonorCipherOrder off$/m);
  assert.match(tls, /^\s*SSLSessionTickets off$/m);
  assert.match(tls, /^\s*SSLCipherSuite (\S+)$/m);
  const mozillaIntermediate =
    'ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:' +
    'ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:' +
    'DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305';
  assert.equal(/^\s*SSLCipherSuite (\S+)$/m.exec(tls)?.[1], mozillaIntermediate);
  assert.match(tls, /^\s*Header always set Strict-Transport-Security "max-age=63072000"$/m);

  const mtls = readConfig(snippetByPrefix('vhost-mtls-proxy'));
  const at = (name: string): ConfigLine => {
    const line = mtls.find((l) => l.name.toLowerCase() === name.toLowerCase());
    assert.ok(line, `vhost-mtls-proxy lacks ${name}`);
    return line;
  };
  for (const name of ['SSLVerifyClient', 'SSLVerifyDepth', 'SSLCACertificateFile']) {
    assert.deepEqual(at(name).sections, ['virtualhost'], `${name} belongs at virtual host level`);
  }
  assert.match(at('SSLVerifyClient').args, /^(optional|require)$/);
  const requireLine = at('Require');
  assert.deepEqual(requireLine.sections, ['virtualhost', 'location']);
  assert.match(requireLine.args, /^expr "%\{SSL_CLIENT_VERIFY\} == 'SUCCESS'/);
  const headers = mtls.filter((l) => l.name === 'RequestHeader');
  const unset = headers.findIndex((l) => l.args === 'unset X-SSL-Client-DN');
  const set = headers.findIndex((l) => l.args === 'set X-SSL-Client-DN "%{SSL_CLIENT_S_DN}s"');
  assert.ok(unset >= 0 && set > unset, 'RequestHeader unset X-SSL-Client-DN must come before the set');
  assert.ok(mtls.some((l) => l.name === 'ProxyPass') && mtls.some((l) => l.name === 'ProxyPassReverse'));
  assert.match(snippetByPrefix('vhost-mtls-proxy'), /#.*SSLVerifyClient.*\n.*renegotiation/i, 'comment on why verification is in the vhost');

  assert.match(snippetByPrefix('vhost-redirect-https'), /^<VirtualHost \*:80>$[\s\S]*^\s*Redirect permanent \/ https:\/\/example\.com\/$/m);

  const backend = snippetByPrefix('proxy-https-backend');
  for (const line of ['SSLProxyEngine on', 'SSLProxyVerify require', 'SSLProxyCheckPeerName on', 'SSLProxyCheckPeerExpire on']) {
    assert.match(backend, new RegExp(`^\\s*${line}$`, 'm'));
  }
  assert.match(backend, /^\s*SSLProxyCACertificateFile \S+$/m);
  assert.match(backend, /^\s*ProxyPass \/ https:\/\/backend\.example\.internal\/$/m);
  assert.match(backend, /^\s*ProxyPassReverse \/ https:\/\/backend\.example\.internal\/$/m);

  const ocsp = readConfig(snippetByPrefix('ocsp-stapling'));
  assert.deepEqual(ocsp.find((l) => l.name === 'SSLStaplingCache')?.sections, []);
  assert.deepEqual(ocsp.find((l) => l.name === 'SSLUseStapling')?.sections, ['virtualhost']);

  assert.equal(snippetByPrefix('hsts'), 'Header always set Strict-Transport-Security "max-age=63072000"');
});

test('the oracle is discriminating: placeholder certificate paths and a misplaced stapling cache are refused', () => {
  const files = getPki();
  // Apache's -t checks that certificate files exist (not what is in them), so
  // unreplaced placeholder paths must fail; this is why the test makes real files.
  const tls = snippetByPrefix('vhost-tls');
  const placeholderPaths = runApache(`Listen 443\n${tls.replace(/^(\s*DocumentRoot ).*$/m, `$1"${files.docRoot}"`)}\n`);
  assert.equal(placeholderPaths.ok, false, placeholderPaths.output);
  assert.match(placeholderPaths.message ?? '', /^SSLCertificateFile: file '.*' does not exist or is empty$/);

  const ocsp = snippetByPrefix('ocsp-stapling');
  const cacheLine = /^\s*SSLStaplingCache\s.*$/m.exec(ocsp)?.[0] ?? '';
  assert.ok(cacheLine, 'ocsp-stapling has no SSLStaplingCache line');
  const misplaced = buildConfig(ocsp.replace(cacheLine, '').replace(/(SSLUseStapling on)/, `$1\n    ${cacheLine}`), files);
  const verdict = runApache(misplaced);
  assert.equal(verdict.ok, false, verdict.output);
  assert.match(verdict.message ?? '', /SSLStaplingCache cannot occur within <VirtualHost> section/);
});

// ---------------------------------------------------------------------------
// Each snippet, structurally and through the real Apache.

for (const [name, snippet] of Object.entries(snippets)) {
  test(`snippet "${name}": well-formed`, () => {
    assert.ok(snippet.prefix && prefixesOf(snippet).length > 0, 'missing prefix');
    for (const prefix of prefixesOf(snippet)) assert.match(prefix, /^[a-z][a-z0-9-]*$/, 'prefix should be lower-case-with-dashes');
    assert.ok(typeof snippet.description === 'string' && snippet.description.trim() !== '', 'missing description');
    assert.ok(snippet.body && bodyOf(snippet).trim() !== '', 'missing body');

    for (const line of bodyOf(snippet).split('\n')) {
      const indent = /^\s*/.exec(line)?.[0] ?? '';
      assert.ok(!indent.includes('\t') && indent.length % 4 === 0, `indent with multiples of 4 spaces: ${JSON.stringify(line)}`);
    }

    const expansion = expandSnippetDetailed(snippet.body);
    assert.deepEqual(expansion.unknownVariables, [], 'unescaped ${VAR}: write \\\\${VAR} for an Apache Define/env variable');
    assert.ok(expansion.tabstops.some((n) => n > 0), 'a snippet should have placeholders to tab through');

    const config = readConfig(expansion.text);
    for (const line of config) {
      const directive = line.name.toLowerCase();
      assert.notEqual(directive, 'sslcertificatechainfile', 'SSLCertificateChainFile is obsolete since 2.4.8: use a full-chain SSLCertificateFile');
      if (directive === 'sslverifyclient') {
        const perDir = line.sections.filter((s) => PER_DIRECTORY_SECTIONS.has(s));
        assert.deepEqual(perDir, [], `SSLVerifyClient inside <${perDir[0]}> forces a renegotiation (impossible with TLS 1.3 / HTTP/2): ${line.raw}`);
      }
      if (directive === 'sslstaplingcache') {
        assert.deepEqual(line.sections, [], 'SSLStaplingCache is server-config only');
      }
      // ap_expr: -eq/eq, -ne/ne, lt, ... compare integers; strings need ==, !=, <, >.
      if (/^<(else)?if$/i.test(line.name) || /\bexpr\b|%\{/i.test(line.args)) {
        // Drop string literals ('...'), keep the text of double-quoted whole expressions.
        const unquoted = line.args.replace(/'[^']*'/g, "''").replace(/"/g, ' ');
        assert.doesNotMatch(unquoted, /(^|\s)-?(eq|ne|lt|le|gt|ge)(\s|$)/i, `numeric operator in an expression (use == / != for strings): ${line.raw}`);
      }
    }

    for (const line of config.filter((l) => /^SSL(Proxy)?CipherSuite$/i.test(l.name))) {
      // apache2 -t does not look at cipher strings; OpenSSL drops unknown names silently.
      const list = line.args.replace(/^(SSL|TLSv1\.3)\s+/, '').replace(/"/g, '');
      const names = list.split(':');
      if (!names.every((n) => /^[A-Z0-9][A-Z0-9-]*$/.test(n) && /-/.test(n))) continue;
      const known = execFileSync('openssl', ['ciphers', '-tls1_2', list], { encoding: 'utf8' }).trim().split(':');
      assert.deepEqual(names.filter((n) => !known.includes(n)), [], `cipher names OpenSSL does not know: ${line.raw}`);
    }
  });

  test(`snippet "${name}": apache2 -t accepts it`, () => {
    const files = getPki();
    const config = buildConfig(expandSnippet(snippet.body), files);
    const verdict = runApache(config);
    const report = `Apache said:\n${verdict.output}\nConfiguration tested:\n${numbered(config)}`;
    assert.equal(verdict.ok, true, report);
    const warnings = verdict.output.split('\n').filter((l) => l.trim() !== '' && l.trim() !== 'Syntax OK');
    assert.deepEqual(warnings, [], `Apache accepted it with warnings. ${report}`);
  });
}

test('generated certificates are genuine (server certificate chains to the test CA)', () => {
  const files = getPki();
  const out = execFileSync('openssl', ['verify', '-CAfile', files.caCert, files.serverCert], { encoding: 'utf8' });
  assert.match(out, /: OK$/m);
  const keyPub = execFileSync('openssl', ['pkey', '-in', files.serverKey, '-pubout'], { encoding: 'utf8' });
  const certPub = execFileSync('openssl', ['x509', '-in', files.serverCert, '-noout', '-pubkey'], { encoding: 'utf8' });
  assert.equal(keyPub, certPub, 'server key does not match server certificate');
});
