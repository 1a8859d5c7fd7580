// The mod_ssl ↔ mod_proxy dependency rules (RULES.md §5, CTX002, CTX003) on
// whole trees: a setting in the server config reaches the virtual hosts in
// other files, each file gets only the findings written in it, dead branches
// say nothing, and what depends on the loaded modules follows them.
import assert from 'node:assert/strict';
import { makeCertificate } from '../support/testCertificates';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { buildConfigModel, type ConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { loadAllModules } from '../support/apacheOracle';

const MAIN = '/etc/apache2/apache2.conf';
const SITE = '/etc/apache2/sites/site.conf';
const MODULES = '/usr/lib/apache2/modules';
const load = (...names: string[]) => names.map((name) => `LoadModule ${name}_module ${MODULES}/mod_${name}.so\n`).join('');
const PROXY = load('mpm_event', 'authz_core', 'ssl', 'headers', 'rewrite', 'proxy', 'proxy_http') + 'ServerName main.test\n';

function modelOf(files: Record<string, string>): ConfigModel {
  return buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem(files)) });
}

/** A main file (`main` lines, then an Include of sites/*.conf) and one site. */
function tree(main: string, site: string, more: Record<string, string> = {}): ConfigModel {
  return modelOf({ [MAIN]: `${main}IncludeOptional sites/*.conf\n`, [SITE]: site, ...more });
}

function diagnostics(model: ConfigModel, path: string, rule?: string): Diagnostic[] {
  const file = model.files.get(path)?.file;
  assert.ok(file, `${path} is not in the tree`);
  return analyzeFile(file, { fileName: path, model }).filter((d) => rule === undefined || d.code === rule);
}

/** `line rule` (1-based) of one rule's findings (or of every finding of the rules whose ids start with `prefix/`). */
function lines(model: ConfigModel, path: string, rule: string): string[] {
  const all = diagnostics(model, path);
  return all.filter((d) => d.code === rule || String(d.code).startsWith(`${rule}/`)).map((d) => `${d.range.start.line + 1} ${String(d.code)}`);
}

function message(model: ConfigModel, path: string, rule: string): string {
  const [found] = diagnostics(model, path, rule);
  assert.ok(found, `no ${rule} in ${path}`);
  return String(found.message);
}

const vhost = (...body: string[]) => `<VirtualHost *:443>\n    ServerName shop.example\n${body.map((line) => `    ${line}\n`).join('')}</VirtualHost>\n`;

test('engine-without-certificate: the server config lends SSLEngine and certificates to its virtual hosts; mod_md names are left alone', () => {
  const inherited = tree(`${PROXY}SSLEngine on\n`, vhost('DocumentRoot /srv/www'));
  assert.deepEqual(lines(inherited, MAIN, 'ssl/engine-without-certificate'), ['9 ssl/engine-without-certificate']);
  assert.match(message(inherited, MAIN, 'ssl/engine-without-certificate'), /the main server and 1 virtual host that inherits this line.*AH02572/);
  assert.deepEqual(lines(inherited, SITE, 'ssl/engine-without-certificate'), []);

  const withCertificate = tree(`${PROXY}SSLCertificateFile /etc/ssl/a.pem\n`, vhost('SSLEngine on'));
  assert.deepEqual(lines(withCertificate, SITE, 'ssl/engine-without-certificate'), []);
  const own = tree(PROXY, vhost('SSLEngine on'));
  assert.deepEqual(lines(own, SITE, 'ssl/engine-without-certificate'), ['3 ssl/engine-without-certificate']);
  const managed = tree(`${PROXY}${load('md')}<MDomainSet shop.example>\n</MDomainSet>\n`, vhost('SSLEngine on'));
  assert.deepEqual(lines(managed, SITE, 'ssl/engine-without-certificate'), []);
});

test('certificate-without-key: the PEM is read; a key file pairs by position, the server config lending its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'apache-ssl-pem-'));
  try {
    const made = makeCertificate({ commonName: 'shop.example' });
    const pem = (name: string, ...blocks: string[]) => {
      writeFileSync(join(dir, name), blocks.join(''));
      return join(dir, name);
    };
    const certOnly = pem('cert.pem', made.cert);
    const combined = pem('combined.pem', made.cert, made.key);
    const bare = tree(PROXY, vhost('SSLEngine on', `SSLCertificateFile ${certOnly}`));
    assert.deepEqual(lines(bare, SITE, 'ssl/certificate-without-key'), ['4 ssl/certificate-without-key']);
    assert.match(message(bare, SITE, 'ssl/certificate-without-key'), /holds no private key.*AH02564/);
    assert.deepEqual(lines(tree(PROXY, vhost('SSLEngine on', `SSLCertificateFile ${combined}`)), SITE, 'ssl/certificate-without-key'), []);
    const lent = tree(`${PROXY}SSLCertificateKeyFile ${join(dir, 'a.key')}\n`, vhost('SSLEngine on', `SSLCertificateFile ${certOnly}`));
    assert.deepEqual(lines(lent, SITE, 'ssl/certificate-without-key'), []);
    // The second certificate has no second key line.
    const second = tree(PROXY, vhost('SSLEngine on', `SSLCertificateFile ${combined}`, `SSLCertificateKeyFile ${join(dir, 'a.key')}`, `SSLCertificateFile ${certOnly}`));
    assert.deepEqual(lines(second, SITE, 'ssl/certificate-without-key'), ['6 ssl/certificate-without-key']);
    // Without SSLEngine on, mod_ssl never loads them; an unreadable file is not judged.
    assert.deepEqual(lines(tree(PROXY, vhost(`SSLCertificateFile ${certOnly}`)), SITE, 'ssl/certificate-without-key'), []);
    assert.deepEqual(lines(tree(PROXY, vhost('SSLEngine on', `SSLCertificateFile ${join(dir, 'missing.pem')}`)), SITE, 'ssl/certificate-without-key'), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cert-without-engine: a virtual host with certificates speaks TLS only with SSLEngine on, its own or the server config\'s', () => {
  const plain = tree(PROXY, vhost('SSLCertificateFile /etc/ssl/a.pem', 'SSLCertificateKeyFile /etc/ssl/a.key'));
  assert.deepEqual(lines(plain, SITE, 'ssl/cert-without-engine'), ['3 ssl/cert-without-engine']);
  assert.match(message(plain, SITE, 'ssl/cert-without-engine'), /port 443.*AH01916/);
  assert.deepEqual(lines(tree(`${PROXY}SSLEngine on\n`, vhost('SSLCertificateFile /etc/ssl/a.pem')), SITE, 'ssl/cert-without-engine'), []);
  // mod_ssl not loaded: mod/unknown-directive speaks, not this rule.
  const noSsl = tree(load('mpm_event') + 'ServerName t\n', vhost('SSLCertificateFile /etc/ssl/a.pem'));
  assert.deepEqual(lines(noSsl, SITE, 'ssl/cert-without-engine'), []);
});

test('https-backend-needs-sslproxyengine: SSLProxyEngine comes from the host, the server config or a matching <Proxy>, in any order', () => {
  const site = vhost('ProxyPass /app/ https://app.internal/', 'ProxyPassReverse /app/ https://app.internal/');
  assert.deepEqual(lines(tree(PROXY, site), SITE, 'proxy/https-backend-needs-sslproxyengine'), ['3 proxy/https-backend-needs-sslproxyengine']);
  assert.deepEqual(lines(tree(`${PROXY}SSLProxyEngine on\n`, site), SITE, 'proxy/https-backend-needs-sslproxyengine'), []);
  const afterwards = tree(PROXY, vhost('ProxyPass /app/ https://app.internal/', 'SSLProxyEngine on'));
  assert.deepEqual(lines(afterwards, SITE, 'proxy/https-backend-needs-sslproxyengine'), []);
  const section = tree(PROXY, vhost('<Proxy "https://app.internal/">', '    SSLProxyEngine on', '</Proxy>', 'ProxyPass /app/ https://app.internal/'));
  assert.deepEqual(lines(section, SITE, 'proxy/https-backend-needs-sslproxyengine'), []);
  const otherSection = tree(PROXY, vhost('<Proxy "https://other.internal/">', '    SSLProxyEngine on', '</Proxy>', 'ProxyPass /app/ https://app.internal/'));
  assert.deepEqual(lines(otherSection, SITE, 'proxy/https-backend-needs-sslproxyengine'), ['6 proxy/https-backend-needs-sslproxyengine']);
  const member = tree(PROXY + load('proxy_balancer', 'slotmem_shm', 'lbmethod_byrequests'), vhost('<Proxy "balancer://pool">', '    BalancerMember https://a.internal', '</Proxy>', 'ProxyPass /p/ balancer://pool/'));
  assert.deepEqual(lines(member, SITE, 'proxy/https-backend-needs-sslproxyengine'), ['4 proxy/https-backend-needs-sslproxyengine']);
  const rewrite = tree(PROXY, vhost('RewriteEngine On', 'RewriteRule ^/x/(.*)$ https://x.internal/$1 [P,L]'));
  assert.deepEqual(lines(rewrite, SITE, 'proxy/https-backend-needs-sslproxyengine'), ['4 proxy/https-backend-needs-sslproxyengine']);
  // The fix goes before the <Location>, at host level, with its indentation.
  const inLocation = tree(PROXY, vhost('<Location /app/>', '    ProxyPass https://app.internal/', '</Location>'));
  const [finding] = diagnostics(inLocation, SITE, 'proxy/https-backend-needs-sslproxyengine');
  assert.deepEqual((finding.data as { insertion?: unknown }).insertion, { line: 2, indent: '    ' });
  // Without mod_ssl the scheme's module is missing instead.
  const noSsl = tree(load('mpm_event', 'authz_core', 'proxy', 'proxy_http') + 'ServerName t\n', site);
  assert.deepEqual(lines(noSsl, SITE, 'proxy/https-backend-needs-sslproxyengine'), []);
  assert.deepEqual(lines(noSsl, SITE, 'mod/scheme-module-missing'), ['3 mod/scheme-module-missing']);
});

test('sslproxyengine-unused, backend-not-verified, https-ip-literal, preservehost-tls-name: judged per host, server config included', () => {
  const main = `${PROXY}SSLProxyEngine on\n`;
  // The server's SSLProxyEngine serves the virtual host's TLS backend.
  const used = tree(main, vhost('ProxyPass /a/ https://10.0.0.5/', 'ProxyPassReverse /a/ https://10.0.0.5/', 'ProxyPreserveHost On'));
  assert.deepEqual(lines(used, MAIN, 'proxy/sslproxyengine-unused'), []);
  assert.deepEqual(lines(used, SITE, 'proxy'), ['3 proxy/backend-not-verified', '3 proxy/https-ip-literal', '5 proxy/preservehost-tls-name']);
  const unused = tree(main, vhost('ProxyPass /a/ http://app.internal/', 'ProxyPassReverse /a/ http://app.internal/'));
  assert.deepEqual(lines(unused, MAIN, 'proxy/sslproxyengine-unused'), ['9 proxy/sslproxyengine-unused']);
  // A forward proxy may fetch https:// URLs: not reported.
  const forward = tree(PROXY, vhost('SSLProxyEngine on', 'ProxyRequests On', '<Proxy "*">', '    Require ip 192.0.2.0/24', '</Proxy>'));
  assert.deepEqual(lines(forward, SITE, 'proxy'), []);
  // Verification and name checks set in the server config count for the host.
  const verified = tree(
    `${main}SSLProxyVerify require\nSSLProxyCACertificateFile /etc/ssl/ca.pem\nSSLProxyCheckPeerName off\n`,
    vhost('ProxyPass /a/ https://10.0.0.5/', 'ProxyPassReverse /a/ https://10.0.0.5/'),
  );
  assert.deepEqual(lines(verified, SITE, 'proxy'), []);
  assert.deepEqual(lines(verified, MAIN, 'proxy'), ['12 proxy/peer-checks-disabled']);
});

test('sslproxyverify-without-ca: a CA in the server config counts for every host', () => {
  const site = vhost('SSLProxyEngine on', 'SSLProxyVerify require', 'ProxyPass /a/ https://a.internal/', 'ProxyPassReverse /a/ https://a.internal/');
  assert.deepEqual(lines(tree(PROXY, site), SITE, 'proxy/sslproxyverify-without-ca'), ['4 proxy/sslproxyverify-without-ca']);
  assert.deepEqual(lines(tree(`${PROXY}SSLProxyCACertificatePath /etc/ssl/certs\n`, site), SITE, 'proxy/sslproxyverify-without-ca'), []);
  assert.deepEqual(lines(tree(PROXY, vhost('SSLProxyVerify optional_no_ca')), SITE, 'proxy/sslproxyverify-without-ca'), []);
});

test('missing-proxypassreverse and trailing-slash-mismatch: the reverse may live in the server config; URLs compare without case, default port or final slash', () => {
  const main = `${PROXY}ProxyPassReverse /a/ HTTP://App.Internal:80\n`;
  const site = vhost('ProxyPass /a/ http://app.internal/', 'ProxyPass /b/ http://b.internal/', 'ProxyPass /c/ fcgi://127.0.0.1:9000/srv/');
  assert.deepEqual(lines(tree(main, site), SITE, 'proxy/missing-proxypassreverse'), ['4 proxy/missing-proxypassreverse']);
  const [reverse] = diagnostics(tree(main, site), SITE, 'proxy/missing-proxypassreverse');
  assert.deepEqual(reverse.data, { ruleId: 'proxy/missing-proxypassreverse', text: 'ProxyPassReverse /b/ http://b.internal/', insertion: { line: 4, indent: '    ' } });
  const slashes = tree(PROXY, vhost('ProxyPass /a http://a.internal/', 'ProxyPassReverse /a http://a.internal/', 'ProxyPass / http://root.internal'));
  assert.deepEqual(lines(slashes, SITE, 'proxy/trailing-slash-mismatch'), ['3 proxy/trailing-slash-mismatch', '5 proxy/trailing-slash-mismatch']);
  const [first] = diagnostics(slashes, SITE, 'proxy/trailing-slash-mismatch');
  // The ProxyPassReverse with the same path and URL changes with it.
  assert.equal((first.data as { edits: unknown[] }).edits.length, 2);
});

test('rule-shadowed and location-vs-server-proxypass: reported where the unreachable rule is written, naming the other file', () => {
  const model = tree(PROXY, vhost('ProxyPass /app/ http://app.internal/', 'Include conf/more.conf'), {
    '/etc/apache2/conf/more.conf': 'ProxyPass /app/admin/ http://admin.internal/\nProxyPass /apps/ http://apps.internal/\n',
  });
  assert.deepEqual(lines(model, '/etc/apache2/conf/more.conf', 'proxy/rule-shadowed'), ['1 proxy/rule-shadowed']);
  assert.match(message(model, '/etc/apache2/conf/more.conf', 'proxy/rule-shadowed'), /ProxyPass \/app\/ http:\/\/app\.internal\/` at sites\/site\.conf:3/);
  assert.deepEqual(lines(model, SITE, 'proxy/rule-shadowed'), []);
  // Each host has its own list: the server config's rules do not shadow a virtual host's here.
  const separate = tree(`${PROXY}ProxyPass /app/ http://app.internal/\n`, vhost('ProxyPass /app/admin/ http://admin.internal/'));
  assert.deepEqual(lines(separate, SITE, 'proxy/rule-shadowed'), []);
  const mixed = tree(PROXY, vhost('ProxyPass /m/i !', '<Location /m/>', '    ProxyPass http://m.internal/', '</Location>'));
  assert.deepEqual(lines(mixed, SITE, 'proxy/location-vs-server-proxypass'), ['3 proxy/location-vs-server-proxypass']);
  assert.match(message(mixed, SITE, 'proxy/location-vs-server-proxypass'), /exclusion never applies.*SetEnvIf/);
});

test('worker-sharing: within one server, <Location> included; virtual hosts and the server config keep their own workers', () => {
  const model = tree(`${PROXY}ProxyPass /a/ http://w.internal/\n`, vhost('ProxyPass /a/ http://w.internal/', '<Location /b/>', '    ProxyPass http://w.internal/b/ timeout=5', '</Location>'));
  assert.deepEqual(lines(model, SITE, 'proxy/worker-sharing'), ['5 proxy/worker-sharing']);
  assert.match(message(model, SITE, 'proxy/worker-sharing'), /timeout=5 is ignored: http:\/\/w\.internal\/b\/ shares the worker 'http:\/\/w\.internal\/' defined at sites\/site\.conf:3/);
  // Scheme and host compare without case; a default port is dropped from the first worker's name.
  const normalized = tree(PROXY, vhost('ProxyPass /a/ HTTP://W.Internal:80/', 'ProxyPass /b/ http://w.internal/x/ retry=0'));
  assert.deepEqual(lines(normalized, SITE, 'proxy/worker-sharing'), ['4 proxy/worker-sharing']);
});

test('bad-params: the hcheck wording follows the loaded modules, and a shared worker\'s parameters are not checked', () => {
  const without = tree(PROXY, 'ProxyPass /a/ http://a.internal/ tiemout=5\n');
  assert.match(message(without, SITE, 'proxy/bad-params'), /"ProxyPass unknown Worker parameter"/);
  const withHcheck = tree(PROXY + load('proxy_hcheck'), 'ProxyPass /a/ http://a.internal/ tiemout=5\n');
  assert.match(message(withHcheck, SITE, 'proxy/bad-params'), /"ProxyPass unknown Worker hcheck parameter"/);
  const shared = tree(PROXY, 'ProxyPass /a/ http://a.internal/\nProxyPass /b/ http://a.internal/b/ timeout=0\n');
  assert.deepEqual(lines(shared, SITE, 'proxy/bad-params'), []);
  const balancer = tree(PROXY + load('proxy_balancer', 'slotmem_shm', 'lbmethod_byrequests'), 'ProxyPass /p/ balancer://pool/ lbmethod=bytraffic\n');
  assert.match(message(balancer, SITE, 'proxy/bad-params'), /"ProxyPass unknown lbmethod"/);
});

test('bad-params: hc… parameters need mod_proxy_hcheck and values it takes; status flags; negative timeouts; a member\'s balancer name', () => {
  const hcheck = PROXY + load('proxy_hcheck');
  const refusal = (main: string, line: string) => {
    const found = diagnostics(tree(main, `${line}\n`), SITE, 'proxy/bad-params');
    return found.length === 0 ? 'accepted' : /"([^"]+)"/.exec(String(found[0].message))?.[1];
  };
  // Without mod_proxy_hcheck every hc… key is unknown to mod_proxy; unknown modules (no server config) judge nothing of them.
  assert.equal(refusal(PROXY, 'ProxyPass /a/ http://a.internal/ hcmethod=GET'), 'ProxyPass unknown Worker parameter');
  assert.equal(refusal('', 'ProxyPass /a/ http://a.internal/ hcmethod=GET'), 'accepted');
  assert.equal(refusal(hcheck, 'ProxyPass /a/ http://a.internal/ hcmethod=get hcinterval=100ms hcpasses=0 hcfails=2 hcuri=/up'), 'accepted');
  assert.equal(refusal(hcheck, 'ProxyPass /a/ http://a.internal/ hcmethod=POST'), 'ProxyPass Unknown method');
  assert.equal(refusal(hcheck, 'ProxyPass /a/ http://a.internal/ hcmethod=CPING'), 'ProxyPass Health check method CPING not (yet) implemented');
  assert.equal(refusal(hcheck, 'ProxyPass /a/ http://a.internal/ hcinterval=99ms'), 'ProxyPass Interval must be a positive value greater than 100ms');
  assert.equal(refusal(hcheck, 'ProxyPass /a/ http://a.internal/ hcinterval=2m'), 'ProxyPass Unparse-able hcinterval setting');
  assert.equal(refusal(hcheck, 'ProxyPass /a/ http://a.internal/ hcfails=-1'), 'ProxyPass Fails must be a positive value');
  assert.equal(refusal(hcheck, 'BalancerMember balancer://pool http://a.internal/ hcpasses=-1'), 'BalancerMember Passes must be a positive value');
  // status= sets and clears single-letter flags.
  assert.equal(refusal(PROXY, 'ProxyPass /a/ http://a.internal/ status=+H-D'), 'accepted');
  assert.equal(refusal(PROXY, 'ProxyPass /a/ http://a.internal/ status=H+'), 'ProxyPass Unknown status parameter option');
  assert.equal(refusal(PROXY, 'ProxyPass /a/ http://a.internal/ status=+Q'), 'ProxyPass Unknown status parameter option');
  // A negative timeout is a wrong format to ap_timeout_parameter_parse, not a small value.
  assert.equal(refusal(PROXY, 'ProxyPass /a/ http://a.internal/ connectiontimeout=-5'), 'ProxyPass Connectiontimeout has wrong format');
  // The balancer name: scheme:// and a name; in <Location> it is the location's path, so never one.
  assert.equal(refusal(PROXY, '<Location "/B">\n    BalancerMember http://a.internal/\n</Location>'), 'BalancerMember Bad syntax for a balancer name (/b)');
  assert.equal(refusal(PROXY, 'BalancerMember balancer:// http://a.internal/'), 'BalancerMember Bad syntax for a balancer name (balancer://)');
  assert.equal(refusal(PROXY, 'BalancerMember balancer://pool http://a.internal/'), 'accepted');
});

test('bad-params: hcexpr= and hctemplate= name a ProxyHCExpr or ProxyHCTemplate of the same server, above the line, in any case', () => {
  const hcheck = PROXY + load('proxy_hcheck');
  const EXPR = 'ProxyHCExpr ok {%{REQUEST_STATUS} =~ /^[234]/}';
  const refusals = (main: string, site: string) => diagnostics(tree(main, site), SITE, 'proxy/bad-params').map((d) => `${d.range.start.line + 1} ${/"([^"]+)"/.exec(String(d.message))?.[1]}`);
  assert.deepEqual(refusals(hcheck, `${EXPR}\nProxyPass /a/ http://a.internal/ hcexpr=OK\n`), []);
  assert.deepEqual(refusals(hcheck, `ProxyPass /a/ http://a.internal/ hcexpr=ok\n${EXPR}\n`), ['1 ProxyPass Unknown health check condition expr: ok']);
  assert.deepEqual(refusals(hcheck, 'ProxyPassMatch ^/a(.*) http://a.internal/$1 hctemplate=t\n'), ['1 ProxyPass Unknown ProxyHCTemplate name: t'], 'ProxyPassMatch says ProxyPass');
  assert.deepEqual(refusals(`${hcheck}${EXPR}\n`, vhost('ProxyPass /a/ http://a.internal/ hcexpr=ok')), ['3 ProxyPass Unknown health check condition expr: ok'], "a virtual host does not see the main server's");
  assert.deepEqual(refusals(hcheck, `${vhost(EXPR)}ProxyPass /a/ http://a.internal/ hcexpr=ok\n`), ['5 ProxyPass Unknown health check condition expr: ok'], "nor the main server a virtual host's");
  assert.deepEqual(refusals(hcheck, 'ProxyHCTemplate T hcmethod=GET\n<Proxy balancer://pool>\n    BalancerMember http://m.internal/ hctemplate=t\n</Proxy>\n'), []);
  assert.deepEqual(refusals(hcheck, '<Proxy http://b.internal/>\n    ProxySet hcexpr=nope\n</Proxy>\n'), ['2 ProxySet: Unknown health check condition expr: nope hcexpr=nope; http://b.internal/']);
  // A template's own parameters: hc… keys only, names defined above.
  assert.deepEqual(refusals(hcheck, 'ProxyHCTemplate t hcexpr=nope\n'), ['1 ProxyHCTemplate: Unknown health check condition expr: nope hcexpr=nope; t']);
  assert.deepEqual(refusals(hcheck, 'ProxyHCTemplate t timeout=5\n'), ['1 ProxyHCTemplate: unknown Worker hcheck parameter timeout=5; t']);
  assert.deepEqual(refusals(hcheck, 'ProxyHCTemplate t hcmethod\n'), ["1 Invalid ProxyHCTemplate parameter. Parameter must be in the form 'key=value'"]);
  // A shared worker's parameters are ignored; without the server config the names are not judged.
  assert.deepEqual(refusals(hcheck, 'ProxyPass /a/ http://a.internal/\nProxyPass /b/ http://a.internal/b hcexpr=nope\n'), []);
  assert.deepEqual(refusals('', 'ProxyPass /a/ http://a.internal/ hcexpr=nope\n'), []);
});

test('proxyset-unknown-target: ProxySet outside <Proxy> names what its server defined above it; directly in <Proxy> it defines it', () => {
  const balancers = PROXY + load('proxy_balancer', 'slotmem_shm', 'lbmethod_byrequests');
  const pool = '<Proxy balancer://pool>\n    BalancerMember http://m1.internal/\n</Proxy>\n';
  const before = tree(balancers, `ProxySet balancer://pool lbmethod=byrequests\n${pool}`);
  assert.deepEqual(lines(before, SITE, 'proxy/proxyset-unknown-target'), ['1 proxy/proxyset-unknown-target']);
  assert.match(message(before, SITE, 'proxy/proxyset-unknown-target'), /"ProxySet can not find 'balancer:\/\/pool' Balancer\."\).*It is defined below, at sites\/site\.conf:3: move this line after it/);
  assert.deepEqual(lines(tree(balancers, `${pool}ProxySet balancer://pool lbmethod=byrequests\n`), SITE, 'proxy/proxyset-unknown-target'), []);
  // A member's worker belongs to its balancer: ProxySet does not find it by URL.
  const member = tree(balancers, `${pool}ProxySet http://m1.internal/ timeout=5\n`);
  assert.match(message(member, SITE, 'proxy/proxyset-unknown-target'), /can not find 'http:\/\/m1\.internal\/' Worker.*Define it first/);
  // The main server's worker is not a virtual host's.
  const otherServer = tree(`${PROXY}ProxyPass /a/ http://a.internal/\n`, vhost('ProxySet http://a.internal/ timeout=5'));
  assert.match(message(otherServer, SITE, 'proxy/proxyset-unknown-target'), /here this virtual host\).*defined at apache2\.conf:9, in the main server/);
  // Defined by ProxySet in <Proxy URL> (through a true conditional), found by a later ProxySet; and a ProxyPass then shares it.
  const defined = tree(PROXY, '<Proxy http://b.internal/>\n<IfModule mod_proxy.c>\nProxySet timeout=5\n</IfModule>\n</Proxy>\nProxySet http://b.internal/ retry=3\nProxyPass /b/ http://b.internal/ timeout=0\n');
  assert.deepEqual(lines(defined, SITE, 'proxy/proxyset-unknown-target'), []);
  assert.deepEqual(lines(defined, SITE, 'proxy/bad-params'), []);
  assert.deepEqual(lines(defined, SITE, 'proxy/worker-sharing'), ['7 proxy/worker-sharing']);
  // Its parameters, in Apache's words.
  const param = tree(PROXY, 'ProxyPass /a/ http://a.internal/\nProxySet http://a.internal/ timeout=0\n');
  assert.match(message(param, SITE, 'proxy/bad-params'), /"ProxySet: Timeout must be at least one second timeout=0; http:\/\/a\.internal\/"/);
  const inSection = tree(balancers, '<Proxy balancer://pool>\n    ProxySet balancer://pool lbmethod=byrequests\n</Proxy>\n');
  assert.match(message(inSection, SITE, 'proxy/bad-params'), /"Invalid ProxySet parameter\. Parameter must be in the form 'key=value'"/);
  // A pattern worker (ProxyPassMatch) is found by its URL, $1 standing for any text, not by the part before $1 (apache2 -t 2.4.71).
  const matched = (proxySet: string) => tree(PROXY, `ProxyPassMatch ^/a(.*) http://a.internal/x/$1\n${proxySet}\n`);
  for (const found of ['ProxySet http://a.internal/x/$1 timeout=5', 'ProxySet HTTP://A.INTERNAL/x/$2 timeout=5', 'ProxySet http://a.internal/x/abc timeout=5']) {
    assert.deepEqual(lines(matched(found), SITE, 'proxy/proxyset-unknown-target'), [], found);
  }
  for (const missed of ['ProxySet http://a.internal/x/ timeout=5', 'ProxySet http://a.internal/x/$ timeout=5', 'ProxySet http://a.internal/ timeout=5']) {
    assert.deepEqual(lines(matched(missed), SITE, 'proxy/proxyset-unknown-target'), ['2 proxy/proxyset-unknown-target'], missed);
  }
  assert.match(message(matched('ProxySet http://a.internal/x/ timeout=5'), SITE, 'proxy/proxyset-unknown-target'), /none has that name\. The ProxyPassMatch at sites\/site\.conf:1 defines the worker 'http:\/\/a\.internal\/x\/\$1'/);
  // Without $1 it is found by prefix, as a ProxyPass worker.
  assert.deepEqual(lines(tree(PROXY, 'ProxyPassMatch ^/a http://a.internal/x/\nProxySet http://a.internal/x/y timeout=5\n'), SITE, 'proxy/proxyset-unknown-target'), []);
});

test('scheme-module-missing: follows the loaded modules, says nothing when they are unknown', () => {
  const base = load('mpm_event', 'authz_core', 'proxy') + 'ServerName t\n';
  const site = 'ProxyPass /a/ http://a.internal/\nProxyPass /w/ ws://w.internal/\nProxyPass /f/ fcgi://127.0.0.1:9000/\n';
  assert.deepEqual(lines(tree(base, site), SITE, 'mod/scheme-module-missing'), ['1 mod/scheme-module-missing', '2 mod/scheme-module-missing', '3 mod/scheme-module-missing']);
  assert.match(message(tree(base, site), SITE, 'mod/scheme-module-missing'), /mod_proxy_http.*AH01144.*LoadModule proxy_http_module/);
  // ws:// is served by mod_proxy_http too (2.4.47 and later).
  assert.deepEqual(lines(tree(base + load('proxy_http'), site), SITE, 'mod/scheme-module-missing'), ['3 mod/scheme-module-missing']);
  const balancer = 'ProxyPass /p/ balancer://pool/\n<Proxy balancer://pool>\n    BalancerMember http://a.internal\n</Proxy>\n';
  const [finding] = diagnostics(tree(base + load('proxy_http', 'proxy_balancer'), balancer), SITE, 'mod/scheme-module-missing');
  assert.deepEqual((finding.data as { modules: { identifier: string }[] }).modules.map((m) => m.identifier), ['slotmem_shm_module', 'lbmethod_byrequests_module']);
  assert.match(String(finding.message), /refuses to start/);
  const named = tree(base + load('proxy_http', 'proxy_balancer', 'slotmem_shm', 'lbmethod_bytraffic'), balancer.replace('pool/\n', 'pool/ lbmethod=bytraffic\n'));
  assert.deepEqual(lines(named, SITE, 'mod/scheme-module-missing'), []);
  // A file checked on its own loads nothing: the modules are unknown.
  const lone = modelOf({ [MAIN]: site });
  assert.deepEqual(lines(lone, MAIN, 'mod/scheme-module-missing'), []);
  // In a Debian layout the message says a2enmod.
  const debian = modelOf({ [MAIN]: 'IncludeOptional mods-enabled/*.load\nIncludeOptional sites/*.conf\n', '/etc/apache2/mods-enabled/proxy.load': base, [SITE]: site });
  assert.match(message(debian, SITE, 'mod/scheme-module-missing'), /a2enmod proxy_http/);
});

test('unknown-authz-provider: providers come from loaded modules and earlier aliases, and names are case-sensitive', () => {
  const base = load('mpm_event', 'authz_core', 'authz_host', 'authnz_ldap', 'ldap') + 'ServerName t\n';
  const site = '<Location />\n    Require ssl\n    Require ip 127.0.0.1\n    Require Local\n    Require early\n</Location>\n<AuthzProviderAlias ldap-group early cn=x>\n</AuthzProviderAlias>\n<Location /b>\n    Require early\n</Location>\n';
  const model = tree(base, site);
  assert.deepEqual(lines(model, SITE, 'mod/unknown-authz-provider'), ['2 mod/unknown-authz-provider', '4 mod/unknown-authz-provider', '5 mod/unknown-authz-provider']);
  const messages = diagnostics(model, SITE, 'mod/unknown-authz-provider').map((d) => String(d.message));
  assert.match(messages[0], /Unknown Authz provider: ssl".*mod_ssl/);
  assert.match(messages[1], /case-sensitive: write "local"/);
  // Without LoadModule lines only names no module provides are certain.
  const lone = modelOf({ [MAIN]: site });
  assert.deepEqual(lines(lone, MAIN, 'mod/unknown-authz-provider'), ['4 mod/unknown-authz-provider', '5 mod/unknown-authz-provider']);
});

test('proxypass-args-in-location and proxypass-in-locationmatch: the section around an Include counts', () => {
  const model = tree(PROXY, vhost('<Location /app/>', '    Include conf/app.conf', '</Location>', '<LocationMatch "^/lm/">', '    Include conf/app.conf', '</LocationMatch>'), {
    '/etc/apache2/conf/app.conf': 'ProxyPass /app/ http://app.internal/\n',
  });
  // Read in two sections, the line is refused in each: one finding per section.
  const messages = diagnostics(model, '/etc/apache2/conf/app.conf', 'proxy/proxypass-args-in-location').map((d) => String(d.message));
  assert.equal(messages.length, 2);
  assert.match(messages[0], /Inside <Location \/app\/>/);
  assert.match(messages[1], /Inside <LocationMatch \^\/lm\/>/);
  const valid = tree(PROXY, vhost('<LocationMatch "^/lm/">', '    Include conf/app.conf', '</LocationMatch>'), { '/etc/apache2/conf/app.conf': 'ProxyPass http://app.internal/\n' });
  assert.deepEqual(lines(valid, '/etc/apache2/conf/app.conf', 'proxy'), ['1 proxy/proxypass-in-locationmatch']);
});

test('client-header-spoofable: an unset in the host or the server config runs first; one inside an <If> or another host does not count', () => {
  const set = '<If "%{SSL_CLIENT_VERIFY} == \'SUCCESS\'">\n    RequestHeader set X-Client-DN "%{SSL_CLIENT_S_DN}s"\n</If>\n';
  assert.deepEqual(lines(tree(PROXY, vhost(...set.trim().split('\n'))), SITE, 'proxy/client-header-spoofable'), ['4 proxy/client-header-spoofable']);
  assert.deepEqual(lines(tree(`${PROXY}RequestHeader unset x-client-dn\n`, vhost(...set.trim().split('\n'))), SITE, 'proxy/client-header-spoofable'), []);
  const insideIf = vhost('<If "-n %{HTTPS}">', '    RequestHeader unset X-Client-DN', '    RequestHeader append X-Client-DN "%{SSL_CLIENT_S_DN}s"', '</If>');
  assert.deepEqual(lines(tree(PROXY, insideIf), SITE, 'proxy/client-header-spoofable'), ['5 proxy/client-header-spoofable']);
  const otherHost = tree(PROXY, `<VirtualHost *:80>\n    RequestHeader unset X-Client-DN\n</VirtualHost>\n${vhost('RequestHeader merge X-Client-DN "%{SSL_CLIENT_S_DN}s"')}`);
  assert.deepEqual(lines(otherHost, SITE, 'proxy/client-header-spoofable'), ['6 proxy/client-header-spoofable']);
  // After it, in the same section, is too late.
  const late = tree(PROXY, vhost('RequestHeader add X-SSL-Client-Cert "%{SSL_CLIENT_CERT}s"', 'RequestHeader unset X-SSL-Client-Cert'));
  assert.deepEqual(lines(late, SITE, 'proxy/client-header-spoofable'), ['3 proxy/client-header-spoofable']);
  // The fix goes before the <If>, which may be an <ElseIf> chain.
  const chain = tree(PROXY, vhost('<If "-n %{HTTPS}">', '</If>', '<Else>', '    RequestHeader set X-Client-DN "%{SSL_CLIENT_S_DN}s"', '</Else>'));
  const [finding] = diagnostics(chain, SITE, 'proxy/client-header-spoofable');
  assert.deepEqual((finding.data as { insertion?: unknown }).insertion, { line: 2, indent: '    ' });
});

test('export-cert-data-needed: SSLOptions +ExportCertData in the server config counts for every host', () => {
  const site = vhost('RequestHeader set X-Cert "%{SSL_CLIENT_CERT}e"', 'RequestHeader set X-Cert-Direct "%{SSL_CLIENT_CERT}s"');
  assert.deepEqual(lines(tree(PROXY, site), SITE, 'ssl/export-cert-data-needed'), ['3 ssl/export-cert-data-needed']);
  assert.deepEqual(lines(tree(`${PROXY}SSLOptions +ExportCertData\n`, site), SITE, 'ssl/export-cert-data-needed'), []);
});

test('dead branches say nothing, and every finding stays in its own file', () => {
  const model = tree(PROXY, vhost('<IfModule nonexistent_module>', '    ProxyPass /a https://a.internal/', '    ProxyRequests On', '</IfModule>'));
  assert.deepEqual(lines(model, SITE, 'proxy'), []);
  const everywhere = modelOf({ [MAIN]: `${loadAllModules()}ServerName t\nInclude sites/*.conf\n`, [SITE]: vhost('ProxyPass /a https://a.internal/') });
  assert.deepEqual(lines(everywhere, MAIN, 'proxy'), []);
  assert.deepEqual(lines(everywhere, SITE, 'proxy'), ['3 proxy/https-backend-needs-sslproxyengine', '3 proxy/missing-proxypassreverse', '3 proxy/trailing-slash-mismatch']);
});
