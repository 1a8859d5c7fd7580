import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { expressionsInFile } from '../../server/src/analysis/expressionsInFile';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { fileScope } from '../../server/src/analysis/fileScope';
import { loneFileModel, UNSAVED_PATH } from '../../server/src/config/loneFileModel';

const findings = (text: string, code: string): Diagnostic[] => analyzeFile(parseConfig(text)).filter((d) => d.code === code);
const span = (d: Diagnostic) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
/** The document text a diagnostic covers (single-line ranges). */
const covered = (text: string, d: Diagnostic) => text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character);
const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);
const inLocation = (line: string) => `<Location /a/>\n    ${line}\n</Location>\n`;

test('expressionsInFile cuts out exactly what each directive hands to Apache', () => {
  const text = [
    `<If "%{HTTP_HOST} == \\"a\\" && true">`,
    '</If>',
    "<ElseIf %{HTTPS}=='on'>",
    '</ElseIf>',
    '<Location /a/>',
    `    Require expr "%{REQUEST_METHOD} == 'GET'"`,
    '    Require not expr %{HTTP:X-A}   ==   "b"',
    '    Require Expr true',
    '    SSLRequire "%{SSL_CIPHER}" eq "x"',
    '    Header always set X-A "expr=%{HTTP_HOST}" "expr=%{HTTPS} == \'on\'"',
    '    RequestHeader unset X-B expr=true',
    "    RewriteCond expr '%{HTTP_HOST} =~ /a\\ b/' [NC]",
    '</Location>',
    'SetEnvIfExpr "-n %{HTTP:X-C}" c=1',
  ].join('\n');
  const file = parseConfig(text);
  const found = expressionsInFile(file, fileScope(loneFileModel(file), UNSAVED_PATH)).map((e) => [e.source, e.text, e.stringResult, e.sslCompat]);
  assert.deepEqual(found, [
    ['If', `%{HTTP_HOST} == "a" && true`, false, false],
    ['ElseIf', "%{HTTPS}=='on'", false, false],
    ['Require', "%{REQUEST_METHOD} == 'GET'", false, false],
    ['Require', '%{HTTP:X-A}   ==   "b"', false, false],
    ['SSLRequire', '"%{SSL_CIPHER}" eq "x"', false, true],
    ['Header', "%{HTTPS} == 'on'", false, false],
    ['Header', '%{HTTP_HOST}', true, false],
    ['RequestHeader', 'true', false, false],
    ['RewriteCond', '%{HTTP_HOST} =~ /a\\ b/', false, false],
    ['SetEnvIfExpr', '-n %{HTTP:X-C}', false, false],
  ]);
});

test('ranges map back through quotes, escapes and continuation lines', () => {
  const text = `<If "%{HTTP_HOST} == \\"x\\" && %{SSL_CLIENT_S_DN_cn} == 'a'">\n</If>\n`;
  const [finding] = findings(text, 'expr/unknown-ssl-variable');
  assert.equal(covered(text, finding), 'SSL_CLIENT_S_DN_cn');

  const continued = "<Location /a/>\n    Require expr %{HTTPS} == 'on' && \\\n        %{SSL_CLIENT_S_DN_cn} == 'a'\n</Location>\n";
  const [onSecondLine] = findings(continued, 'expr/unknown-ssl-variable');
  assert.deepEqual(span(onSecondLine), [2, 10, 2, 28]);
});

test('parse-error quotes Apache and points at the offending token', () => {
  const text = inLocation('Require expr %{SSL_CLIENT_VERIFY} == SUCCESS');
  const [finding] = findings(text, 'expr/parse-error');
  assert.equal((finding.data as { apacheMessage: string }).apacheMessage, "Cannot parse expression in require line: syntax error, unexpected $end, expecting '('");
  assert.match(messageOf(finding), /Apache refuses to start with "Cannot parse expression in require line: syntax error, unexpected \$end, expecting '\('"/);
  assert.match(messageOf(finding), /put text in quotes: 'SUCCESS'/);
  // `$end`: the whole expression.
  assert.equal(covered(text, finding), '%{SSL_CLIENT_VERIFY} == SUCCESS');

  const unknown = inLocation("Require expr %{REMOTE_ADR} == '::1'");
  const [variable] = findings(unknown, 'expr/parse-error');
  assert.equal(covered(unknown, variable), 'REMOTE_ADR');
  assert.match(messageOf(variable), /"Cannot parse expression in require line: Variable 'REMOTE_ADR' does not exist"\. Did you mean %\{REMOTE_ADDR\}\?/);
  assert.equal((variable.data as { suggestion: string }).suggestion, 'REMOTE_ADDR');
});

test('parse-error on a continued directive reaches its last line, which Apache blames', () => {
  const text = "<Location /a/>\n    Require expr %{HTTPS} == 'on' &&\\\n        %{SSL_PROTOCOL} == \n</Location>\n";
  const [finding] = findings(text, 'expr/parse-error');
  assert.equal(finding.range.end.line, 2);
});

test('parse-error for an empty expression, for an unquoted <If> and for several <If> arguments', () => {
  const [empty] = findings(inLocation('Require expr'), 'expr/parse-error');
  assert.deepEqual(span(empty), [1, 4, 1, 16]);
  const [unquoted] = findings("<If %{HTTPS} == 'on'>\n</If>\n", 'expr/parse-error');
  assert.match(messageOf(unquoted), /put the whole condition in double quotes/);
  const [several] = findings('<If "true" "false">\n</If>\n', 'expr/parse-error');
  assert.match(messageOf(several), /"Multiple <If> arguments not supported\."/);
});

test('parse-error messages for SSLRequire, Header, SetEnvIfExpr and RewriteCond use their own prefixes', () => {
  const message = (line: string) => (findings(inLocation(line), 'expr/parse-error')[0]?.data as { apacheMessage: string } | undefined)?.apacheMessage;
  assert.equal(message('SSLRequire %{SSL_CIPHER} eq'), 'SSLRequire: syntax error, unexpected $end');
  assert.equal(message('Header set X-A "expr=%{FOO}"'), "Can't parse value expression : Variable 'FOO' does not exist");
  assert.equal(message('Header set X-A 1 "expr=%{FOO} == \'x\'"'), "Can't parse envclause/expression: Variable 'FOO' does not exist");
  assert.equal(message('SetEnvIfExpr "-n %{FOO}" x=1'), 'Could not parse expression "-n %{FOO}": Variable \'FOO\' does not exist');
  assert.equal(message('RewriteCond expr "-n %{FOO}"'), 'RewriteCond: cannot compile expression "-n %{FOO}" Variable \'FOO\' does not exist');
  // mod_rewrite ends "expr" at its closing quote and reads an empty expression after it (apache2 -t agrees).
  assert.equal(message('RewriteCond "expr"'), 'RewriteCond: cannot compile expression "" syntax error, unexpected $end');
  assert.equal(message('Header set X-A "%{FOO}e"'), undefined, 'a mod_headers format string is not an expression');
  assert.equal(message('Require Expr nonsense'), undefined, 'the provider name is case-sensitive: not an expression');
});

test('integer-operator-on-string flags eq/-eq… on text, with the replacement for a quick fix', () => {
  const text = inLocation("Require expr %{SSL_CLIENT_S_DN_CN} eq 'bob'");
  const [finding] = findings(text, 'expr/integer-operator-on-string');
  assert.equal(covered(text, finding), 'eq');
  assert.deepEqual(finding.data, { ruleId: 'expr/integer-operator-on-string', operator: 'eq', replacement: '==' });
  assert.match(messageOf(finding), /this Require grants access whatever the text is/);
  assert.match(messageOf(finding), /In SSLRequire, eq compared strings/);

  const [ne] = findings('<If "%{SSL_PROTOCOL} -ne \'TLSv1.3\'">\n</If>\n', 'expr/integer-operator-on-string');
  assert.equal((ne.data as { replacement: string }).replacement, '!=');
  const [lt] = findings('<If "%{HTTP_HOST} -lt \'m\'">\n</If>\n', 'expr/integer-operator-on-string');
  assert.equal((lt.data as { replacement?: string }).replacement, undefined);
  assert.match(messageOf(lt), /Use < for text/);
});

test('integer-operator-on-string stays quiet on numbers, unknown values and SSLRequire', () => {
  const quiet = [
    'Require expr %{SSL_CLIENT_V_REMAIN} -lt 30',
    "Require expr %{TIME_HOUR} ge '8' && %{REQUEST_STATUS} -eq 200",
    'Require expr %{HTTP:Content-Length} -gt 1000 && %{ENV:x} -eq 1',
    "Require expr filesize('/etc/hostname') -gt 0 && tolower(%{SERVER_PORT}) -eq 443",
    'Require expr $1 -eq 2',
    "Require expr %{SSL_CLIENT_S_DN_cn} -eq '5'",
    'SSLRequire %{SSL_CLIENT_S_DN_CN} eq "bob" and %{SSL_CLIENT_S_DN_O} ne "x"',
  ];
  for (const line of quiet) assert.deepEqual(findings(inLocation(line), 'expr/integer-operator-on-string'), [], line);
  const loud = ["Require expr '' -eq 0", "Require expr md5('x') -eq 1", "Require expr 'a' . %{SERVER_PORT} -eq 1", 'Require expr %{HTTPS} -eq 1'];
  for (const line of loud) assert.equal(findings(inLocation(line), 'expr/integer-operator-on-string').length, 1, line);
});

test('unknown-ssl-variable points at the name and suggests the real one', () => {
  const text = inLocation("Require expr %{ssl_client_s_dn_CN} == 'alice' || %{SSL:SSL_CLIENT_VERIFIED} == 'SUCCESS'");
  const [lower, viaFunction] = findings(text, 'expr/unknown-ssl-variable');
  assert.equal(covered(text, lower), 'ssl_client_s_dn_CN');
  assert.deepEqual(lower.data, { ruleId: 'expr/unknown-ssl-variable', name: 'ssl_client_s_dn_CN', suggestion: 'SSL_CLIENT_S_DN_CN' });
  assert.match(messageOf(lower), /Did you mean %\{SSL_CLIENT_S_DN_CN\}\? Parts of these names, such as DN attributes \(CN, O, Email\), are case-sensitive\./);
  assert.equal(covered(text, viaFunction), 'SSL_CLIENT_VERIFIED');
  assert.equal(lower.severity, 2);
});

test('unknown-ssl-variable: real names in any documented form are fine, and broken expressions are left to parse-error', () => {
  const fine = "Require expr %{ssl_client_verify} == 'SUCCESS' && %{SSL_CLIENT_S_DN_OU_2_RAW} != '' && %{SSL_SERVER_SAN_DNS_0} != '' && %{HTTPS} == 'on'";
  assert.deepEqual(findings(inLocation(fine), 'expr/unknown-ssl-variable'), []);
  assert.deepEqual(findings(inLocation("Require expr %{SSL_CLIENT_S_DN_cn} == "), 'expr/unknown-ssl-variable'), []);
  assert.equal(findings(inLocation('SSLRequire %{SSL_CLIENT_S_DN_cn} eq "alice"'), 'expr/unknown-ssl-variable').length, 1);
});
