import assert from 'node:assert/strict';
import { test } from 'node:test';
import data from '../../server/src/knowledge/variables.json';
import {
  apacheLookupError,
  lookupBinaryOperator,
  lookupFunction,
  lookupListFunction,
  lookupUnaryOperator,
  lookupVariable,
  resolveSslVariable,
  suggestVariable,
} from '../../server/src/knowledge/variables';

test('every entry has a meaning in our words, examples and a known value kind', () => {
  const kinds = Object.keys(data.valueKinds);
  for (const entry of data.variables) {
    assert.ok(entry.meaning.length > 10, entry.name);
    assert.ok(entry.examples.length > 0, entry.name);
    assert.ok(kinds.includes(entry.value), entry.name);
  }
  for (const entry of [...data.functions, ...data.listFunctions, ...data.unaryOperators, ...data.binaryOperators]) {
    assert.ok(entry.meaning.length > 10, entry.name);
  }
  const names = data.variables.map((v) => v.name);
  assert.equal(new Set(names).size, names.length);
});

test('every variable in mod_ssl’s table of the manual resolves', () => {
  const documented = [
    'HTTPS', 'SSL_PROTOCOL', 'SSL_SESSION_ID', 'SSL_SESSION_RESUMED', 'SSL_SECURE_RENEG', 'SSL_CIPHER', 'SSL_CIPHER_EXPORT',
    'SSL_CIPHER_USEKEYSIZE', 'SSL_CIPHER_ALGKEYSIZE', 'SSL_COMPRESS_METHOD', 'SSL_VERSION_INTERFACE', 'SSL_VERSION_LIBRARY',
    'SSL_CLIENT_M_VERSION', 'SSL_CLIENT_M_SERIAL', 'SSL_CLIENT_S_DN', 'SSL_CLIENT_S_DN_CN', 'SSL_CLIENT_SAN_Email_0',
    'SSL_CLIENT_SAN_DNS_12', 'SSL_CLIENT_SAN_OTHER_msUPN_0', 'SSL_CLIENT_I_DN', 'SSL_CLIENT_I_DN_O', 'SSL_CLIENT_V_START',
    'SSL_CLIENT_V_END', 'SSL_CLIENT_V_REMAIN', 'SSL_CLIENT_A_SIG', 'SSL_CLIENT_A_KEY', 'SSL_CLIENT_CERT', 'SSL_CLIENT_CERT_CHAIN_0',
    'SSL_CLIENT_CERT_RFC4523_CEA', 'SSL_CLIENT_VERIFY', 'SSL_SERVER_M_VERSION', 'SSL_SERVER_M_SERIAL', 'SSL_SERVER_S_DN',
    'SSL_SERVER_SAN_Email_0', 'SSL_SERVER_SAN_DNS_0', 'SSL_SERVER_SAN_OTHER_dnsSRV_0', 'SSL_SERVER_S_DN_OU_1', 'SSL_SERVER_I_DN',
    'SSL_SERVER_I_DN_C', 'SSL_SERVER_V_START', 'SSL_SERVER_V_END', 'SSL_SERVER_A_SIG', 'SSL_SERVER_A_KEY', 'SSL_SERVER_CERT',
    'SSL_SRP_USER', 'SSL_SRP_USERINFO', 'SSL_TLS_SNI',
  ];
  for (const name of documented) {
    const found = lookupVariable(name);
    assert.ok(found, name);
    assert.equal(found.canonical, name);
  }
  for (const attribute of ['C', 'ST', 'SP', 'L', 'O', 'OU', 'CN', 'T', 'I', 'G', 'S', 'D', 'UID', 'Email', 'SerialNumber']) {
    assert.equal(resolveSslVariable(`SSL_CLIENT_S_DN_${attribute}_2_RAW`), `SSL_CLIENT_S_DN_${attribute}_2_RAW`);
  }
  assert.equal(lookupVariable('SSL_CLIENT_S_DN_OU_1')?.fact.name, 'SSL_CLIENT_S_DN_<x509>');
  assert.deepEqual(lookupVariable('SSL_CLIENT_VERIFY')?.fact.values, ['NONE', 'SUCCESS', 'GENEROUS', 'FAILED:<reason>']);
});

test('mod_ssl names: keywords ignore case, the DN letter, attributes, RAW and msUPN do not', () => {
  const resolves = (name: string) => resolveSslVariable(name) !== undefined;
  // Verified against a running Apache in test/oracle/expr.test.ts.
  assert.equal(resolves('ssl_client_verify'), true);
  assert.equal(resolves('SSL_Client_S_DN_CN'), true);
  assert.equal(resolves('SSL_CLIENT_SAN_email_0'), true);
  assert.equal(resolves('SSL_cipher_usekeysize'), true);
  assert.equal(resolves('SSL_CLIENT_S_DN_cn'), false);
  assert.equal(resolves('ssl_client_s_dn_CN'), false);
  assert.equal(resolves('SSL_CLIENT_S_DN_CN_raw'), false);
  assert.equal(resolves('SSL_CLIENT_SAN_OTHER_MSUPN_0'), false);
  assert.equal(resolves('SSL_VERSION_library'), false);
  // Shapes that never resolve.
  for (const name of ['SSL_', 'SSL_CIPHERS', 'SSL_CLIENT_SAN_DNS', 'SSL_CLIENT_SAN_DNS_12345', 'SSL_SERVER_CERT_CHAIN_0', 'SSL_CLIENT_X_DN', 'SSL_CLIENT_S_DN_CN_1_2']) {
    assert.equal(resolves(name), false, name);
  }
  assert.equal(resolveSslVariable('ssl_client_verify'), 'SSL_CLIENT_VERIFY');
});

test('each variable says whether its name ignores case, as the resolver (checked on a running Apache) does', () => {
  for (const entry of data.variables) {
    const instance = entry.name.replace('<x509>', 'CN').replace('<n>', '0');
    const lower = instance.toLowerCase();
    const resolves = entry.provider === 'mod_ssl' ? resolveSslVariable(lower) !== undefined : lookupVariable(lower) !== undefined;
    assert.equal(entry.case, resolves ? 'insensitive' : 'mixed', entry.name);
  }
});

test('core variables ignore case; lookups say how the manual spells them', () => {
  assert.deepEqual(
    ['http_host', 'REMOTE_ADDR', 'Time_Hour'].map((name) => {
      const found = lookupVariable(name);
      return [found?.canonical, found?.exact, found?.fact.value];
    }),
    [['HTTP_HOST', false, 'string'], ['REMOTE_ADDR', true, 'string'], ['TIME_HOUR', false, 'number']],
  );
  assert.equal(lookupVariable('NO_SUCH_THING'), undefined);
});

test('suggestions: the documented case first, else the nearest name, keeping the index', () => {
  assert.equal(suggestVariable('SSL_CLIENT_S_DN_cn'), 'SSL_CLIENT_S_DN_CN');
  assert.equal(suggestVariable('ssl_client_s_dn_CN'), 'SSL_CLIENT_S_DN_CN');
  assert.equal(suggestVariable('SSL_CLIENT_S_DN_ou_1_raw'), 'SSL_CLIENT_S_DN_OU_1_RAW');
  assert.equal(suggestVariable('SSL_CLIENT_VERIFIED'), 'SSL_CLIENT_VERIFY');
  assert.equal(suggestVariable('SSL_CLIENT_SAN_DNS'), 'SSL_CLIENT_SAN_DNS_0');
  assert.equal(suggestVariable('SSL_CLIENT_S_DN_CNN_2'), 'SSL_CLIENT_S_DN_CN_2');
  assert.equal(suggestVariable('SSL_CIPHERS'), 'SSL_CIPHER');
  assert.equal(suggestVariable('HTTP_HOTS'), 'HTTP_HOST');
  assert.equal(suggestVariable('CLIENT_S_DN_CN'), 'SSL_CLIENT_S_DN_CN');
  assert.equal(suggestVariable('SSL_TOTALLY_DIFFERENT_NAME'), undefined);
});

test('what Apache says about names it cannot resolve while parsing', () => {
  assert.equal(apacheLookupError('variable', 'FOO_BAR'), "Variable 'FOO_BAR' does not exist");
  assert.equal(apacheLookupError('variable', 'ssl_anything'), undefined, 'mod_ssl claims every SSL_ name');
  assert.equal(apacheLookupError('variable', 'HC_whatever'), undefined, 'mod_proxy_hcheck claims HC_');
  assert.equal(apacheLookupError('variable', 'request_uri'), undefined);
  assert.equal(apacheLookupError('function', 'TOLOWER'), undefined);
  assert.equal(apacheLookupError('function', 'v'), "Function 'v' does not exist");
  assert.equal(apacheLookupError('listFunction', 'tolower'), "List-returning function 'tolower' does not exist");
  assert.equal(apacheLookupError('unaryOperator', 'r'), "Unary operator '-r' does not exist");
  assert.equal(apacheLookupError('binaryOperator', 'IPMATCH', '10.0.0.0/8'), undefined);
  assert.equal(apacheLookupError('binaryOperator', 'ipmatch'), '-ipmatch requires subnet/netmask as constant argument');
  assert.equal(apacheLookupError('unaryOperator', 'R', 'x.y'), 'parsing of subnet/netmask failed');
  assert.ok(lookupFunction('SSL') && lookupListFunction('peerextlist') && lookupUnaryOperator('x') && lookupBinaryOperator('FNMATCH'));
  assert.equal(lookupUnaryOperator('N'), undefined);
});
