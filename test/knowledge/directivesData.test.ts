// The generated directive facts (server/src/knowledge/directives.json) against
// their schema, the live `apache2 -L`, facts verified by hand, and a live
// re-probe of a sample with `apache2 -t`. Regenerate with: npx tsx scripts/generate-directives.ts
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Ajv from 'ajv';
import { allowedInHtaccess, isContextRefusal, PROBE_CONTEXTS, wrapIn, type ProbeContext } from '../../scripts/knowledge/contexts';
import { listAllDirectives } from '../../scripts/knowledge/listing';
import { candidateArgs, directiveLine } from '../../scripts/knowledge/probeArgs';
import { createDirectiveIndex, type DirectiveFact } from '../../server/src/knowledge/directiveIndex';
import data from '../../server/src/knowledge/directives.json';
import schema from '../../server/src/knowledge/directives.schema.json';
import values from '../../server/src/knowledge/values.json';
import { apacheConfigTest } from '../support/apacheOracle';

const REGENERATE = 'regenerate with: npx tsx scripts/generate-directives.ts';
const facts = data.directives as readonly DirectiveFact[];
const index = createDirectiveIndex(facts);

function fact(name: string, module?: string): DirectiveFact {
  const found = facts.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase() && (!module || candidate.module === module));
  assert.ok(found, `${name} is missing; ${REGENERATE}`);
  return found;
}

function allowedIn(found: DirectiveFact): ProbeContext[] {
  return PROBE_CONTEXTS.filter((context) => found.contexts?.[context]);
}

test('directives.json validates against directives.schema.json, values.json against its part', () => {
  const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
  ajv.addSchema(schema);
  const validateData = ajv.getSchema(schema.$id);
  assert.ok(validateData);
  assert.ok(validateData(data), ajv.errorsText(validateData.errors, { separator: '\n' }));
  const validateValues = ajv.compile({ $ref: `${schema.$id}#/definitions/valuesFile` });
  assert.ok(validateValues(values), ajv.errorsText(validateValues.errors, { separator: '\n' }));
});

test('every directive of apache2 -L (all modules, every MPM) is in the data, and nothing else', () => {
  const listed = listAllDirectives();
  assert.ok(listed.length > 700, `apache2 -L listed only ${listed.length} directives`);
  const key = (name: string, module: string) => `${name}|${module}`;
  const live = new Set(listed.map((directive) => key(directive.name, directive.module)));
  const stored = new Set(facts.map((stored) => key(stored.name, stored.module)));
  assert.deepEqual([...live].filter((entry) => !stored.has(entry)), [], `missing from the data; ${REGENERATE}`);
  assert.deepEqual([...stored].filter((entry) => !live.has(entry)), [], `not known to this Apache; ${REGENERATE}`);
  for (const directive of listed) {
    assert.equal(index.lookup(directive.name)?.name, directive.name);
    assert.equal(fact(directive.name, directive.module).allowed, directive.allowed, `${directive.name}: -L text changed`);
  }
});

test('facts verified by hand against apache2 -t and the manual', () => {
  const verify = fact('SSLVerifyClient');
  assert.deepEqual(verify.arguments, { kind: 'take', min: 1, max: 1 });
  assert.equal(verify.valueKind, 'keyword');
  // mod_ssl also reads `on` as require and `off` as none (ssl_cmd_verify_parse; -t accepts both).
  assert.deepEqual(verify.values, ['none', 'optional', 'require', 'optional_no_ca', 'on', 'off']);
  // <Proxy> sections take per-directory directives, so Apache accepts SSLVerifyClient there too.
  assert.deepEqual(allowedIn(verify), ['server', 'virtualhost', 'directory', 'files', 'location', 'if', 'proxy', 'limit']);
  assert.equal(verify.url, 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslverifyclient');
  assert.equal(verify.syntax, 'SSLVerifyClient level');
  assert.equal(verify.default, 'SSLVerifyClient none');
  assert.deepEqual(verify.docContexts, ['server config', 'virtual host', 'directory', '.htaccess']);
  assert.equal(verify.override, 'AuthConfig');
  assert.equal(verify.status, 'Extension');
  assert.equal(verify.htaccess, true);
  assert.ok(verify.description, 'SSLVerifyClient has a description');

  assert.equal(fact('SSLCertificateFile').contexts?.location, false);
  assert.deepEqual(allowedIn(fact('SSLCertificateFile')), ['server', 'virtualhost']);
  assert.equal(fact('SSLSessionCache').contexts?.virtualhost, false);
  assert.equal(fact('SSLSessionCache').contexts?.server, true);
  assert.equal(fact('SSLSessionCache').valueKind, 'prefixed');

  const proxyPass = fact('ProxyPass');
  assert.equal(proxyPass.contexts?.directory, false);
  assert.equal(proxyPass.contexts?.if, false);
  assert.equal(proxyPass.contexts?.files, false);
  assert.equal(proxyPass.contexts?.limit, false);
  assert.equal(proxyPass.contexts?.location, true);

  const requireSsl = fact('SSLRequireSSL');
  assert.equal(requireSsl.contexts?.server, false);
  assert.equal(requireSsl.contexts?.virtualhost, false);
  assert.equal(requireSsl.contexts?.location, true);
  assert.equal(requireSsl.contexts?.directory, true);

  const proxyEngine = fact('SSLProxyEngine');
  assert.equal(proxyEngine.contexts?.location, false);
  assert.equal(proxyEngine.contexts?.if, false);
  assert.equal(proxyEngine.contexts?.proxy, true);
  assert.equal(proxyEngine.since, undefined, 'the 2.4.30 compatibility note is about <Proxy>, not the directive');

  assert.deepEqual(allowedIn(fact('ServerAlias')), ['virtualhost']);
  assert.deepEqual(fact('KeepAlive').arguments, { kind: 'flag', min: 1, max: 1 });
  assert.deepEqual(fact('KeepAlive').values, ['On', 'Off']);
  assert.equal(fact('KeepAlive').url, 'https://httpd.apache.org/docs/2.4/mod/core.html#keepalive');
  assert.deepEqual(fact('ProxyPreserveHost').arguments, { kind: 'flag', min: 1, max: 1 });
  assert.deepEqual(fact('ProxyRequests').arguments, { kind: 'flag', min: 1, max: 1 });
  assert.deepEqual(fact('SSLCipherSuite').arguments, { kind: 'take', min: 1, max: 2 });
  assert.deepEqual(fact('AddType').arguments, { kind: 'iterate', min: 2, max: null });
  // mod_ssl declares it NO_ARGS, yet 2.4.71 accepts words after it: the data records what the binary does.
  assert.equal(fact('SSLRequireSSL').arguments?.min, 0);

  assert.match(fact('SSLCertificateChainFile').deprecated ?? '', /2\.4\.8/);
  assert.ok(fact('SSLRequire').deprecated);
  assert.ok(fact('NameVirtualHost').deprecated);
  assert.ok(fact('Order').deprecated);
  assert.equal(fact('SSLCertificateFile').deprecated, undefined);

  assert.match(fact('<VirtualHost').url ?? '', /core\.html#virtualhost$/);
  assert.equal(fact('<VirtualHost').arguments?.min, 1);
  assert.deepEqual(allowedIn(fact('<VirtualHost')), ['server']);
  assert.equal(fact('SSLVHostSNIPolicy').since, '2.4.66');
  assert.equal(fact('Protocols').since, '2.4.17');
  assert.equal(fact('MaxRequestWorkers', 'prefork').url, 'https://httpd.apache.org/docs/2.4/mod/mpm_common.html#maxrequestworkers');

  assert.equal(fact('SSLProtocol').valueKind, 'tokens');
  assert.deepEqual(fact('SSLProtocol').valuePrefixes, ['+', '-']);
  assert.equal(fact('Protocols').valueKind, undefined, 'Apache accepts any protocol name, so the values are only suggestions');
  assert.equal(fact('Require').valueKind, undefined, '<AuthzProviderAlias> adds provider names');
  // <MDomain is another spelling of <MDomainSet.
  assert.deepEqual(fact('MDCertificateFile').onlyIn, ['<MDomainSet', '<MDomain']);
});

test('every fact is internally consistent', () => {
  const readWhileParsing: string[] = [];
  for (const found of facts) {
    const { kind, min, max } = found.arguments!;
    assert.ok(max === null || max >= min, `${found.name}: max < min`);
    if (kind === 'flag') assert.deepEqual(found.values, ['On', 'Off'], found.name);
    if (kind === 'none') assert.equal(max, 0, found.name);
    if (found.name.startsWith('<')) assert.equal(kind, 'raw', found.name);
    assert.equal(found.htaccess, allowedInHtaccess(found.name, found.allowed), found.name);
    // "only outside <Directory>..." (RSRC_CONF) directives are refused inside per-directory sections...
    if (/only outside/.test(found.allowed) && (['directory', 'files', 'location', 'if', 'limit'] as const).some((context) => found.contexts?.[context])) {
      readWhileParsing.push(found.name);
    }
  }
  // ...except those run while the file is read (EXEC_ON_READ), before any context check: Apache takes them anywhere.
  assert.deepEqual(readWhileParsing.sort(), ['DefaultRuntimeDir', 'LoadFile', 'LoadModule', 'LuaAuthzProvider', 'ServerRoot']);
});

/** 40 directives: the ones the rules lean on most, then an even spread over the rest by module. */
function sample(): DirectiveFact[] {
  const pinned = ['SSLVerifyClient', 'SSLVerifyDepth', 'SSLCertificateFile', 'SSLSessionCache', 'SSLProxyEngine', 'SSLRequireSSL',
    'SSLCACertificateFile', 'SSLCipherSuite', 'SSLOptions', 'SSLProtocol', 'ProxyPass', 'ProxyPassReverse', 'ServerAlias', 'Require'];
  const chosen = pinned.map((name) => fact(name));
  const rest = facts
    .filter((found) => !found.name.startsWith('<') && !['worker', 'prefork'].includes(found.module) && !chosen.includes(found))
    .sort((a, b) => a.module.localeCompare(b.module) || a.name.localeCompare(b.name));
  const stride = rest.length / (40 - chosen.length);
  for (let i = 0; chosen.length < 40; i++) chosen.push(rest[Math.floor(i * stride)]);
  return chosen;
}

const scratch = mkdtempSync(join(tmpdir(), 'apache-ssl-reprobe-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('live re-probe: apache2 -t agrees with the stored contexts of 40 directives', () => {
  const paths = { file: join(scratch, 'x'), dir: join(scratch, 'd') };
  writeFileSync(paths.file, '# probe\n');
  mkdirSync(paths.dir, { recursive: true });
  const run = (context: ProbeContext, line: string) => apacheConfigTest({ 'main.conf': wrapIn(context, [line]).join('\n') + '\n' }, 'main.conf');
  let agreed = 0;
  const disagreements: string[] = [];
  for (const found of sample()) {
    const home = allowedIn(found)[0] ?? 'server';
    const entry = (values as Record<string, { values?: string[] } | string>)[found.name];
    const known = typeof entry === 'object' ? entry.values : undefined;
    // Arguments Apache accepts where the data says the directive is allowed, found as the generator does.
    const candidates = candidateArgs(found.name, found.arguments!, known, paths);
    const args = candidates.find((vector) => run(home, directiveLine(found.name, vector)).ok) ?? candidates[0] ?? [];
    for (const context of PROBE_CONTEXTS) {
      const verdict = run(context, directiveLine(found.name, args));
      const live = verdict.ok || !isContextRefusal(verdict.message);
      if (live === found.contexts?.[context]) agreed++;
      else disagreements.push(`${found.name} in ${context}: data ${found.contexts?.[context]}, apache2 -t: ${verdict.message ?? 'Syntax OK'}`);
    }
  }
  console.log(`live re-probe: ${agreed}/${agreed + disagreements.length} (directive, context) pairs agree with apache2 -t`);
  assert.deepEqual(disagreements, [], REGENERATE);
});
