// What Require's providers refuse while Apache reads the line (args/require-provider,
// the string expressions of expr/parse-error, mod/unknown-authz-provider), on
// whole trees: which modules are loaded, what earlier lines registered, ${VAR}
// substitution, dead branches. Apache's verdict on each case: test/oracle/requireProviders.test.ts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { buildConfigModel, type ConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { parseConfig } from '../../server/src/parser/parseConfig';

const MAIN = '/etc/apache2/apache2.conf';
const SITE = '/etc/apache2/sites/site.conf';
const MODULES = '/usr/lib/apache2/modules';
const load = (...names: string[]) => names.map((name) => `LoadModule ${name}_module ${MODULES}/mod_${name}.so\n`).join('');
const AUTHZ = load('mpm_event', 'authz_core', 'authz_host', 'authz_user', 'authz_groupfile', 'ssl', 'actions') + 'ServerName main.test\n';
const RULES = ['args/require-provider', 'expr/parse-error', 'mod/unknown-authz-provider'];

function tree(main: string, site: string): ConfigModel {
  const files = { [MAIN]: `${main}IncludeOptional sites/*.conf\n`, [SITE]: site };
  return buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem(files)) });
}

function findings(model: ConfigModel, path = SITE): Diagnostic[] {
  const file = model.files.get(path)?.file;
  assert.ok(file, `${path} is not in the tree`);
  return analyzeFile(file, { fileName: path, model }).filter((d) => RULES.includes(String(d.code)));
}

/** `line:from-to rule "Apache's message"` (1-based line, 0-based characters) of each finding. */
function summary(found: Diagnostic[]): string[] {
  return found.map((d) => {
    const { apacheMessage } = d.data as { apacheMessage: string };
    return `${d.range.start.line + 1}:${d.range.start.character}-${d.range.end.character} ${String(d.code)} ${apacheMessage}`;
  });
}

const directory = (...lines: string[]) => `<Directory /srv/www>\n${lines.map((line) => `    ${line}\n`).join('')}</Directory>\n`;

test('Require all takes exactly granted or denied, in any case, unquoted and alone', () => {
  const site = directory(
    'Require all granted',
    'Require all DENIED',
    'Require all maybe',
    'Require all granted extra',
    'Require all "granted"',
    'Require all granted # open to all',
    'Require all',
    'Require not all maybe',
  );
  const all = "Argument for 'Require all' must be 'granted' or 'denied'";
  assert.deepEqual(summary(findings(tree(AUTHZ, site))), [
    `4:16-21 args/require-provider ${all}`,
    `5:24-29 args/require-provider ${all}`,
    `6:16-25 args/require-provider ${all}`,
    `7:24-37 args/require-provider ${all}`,
    `8:12-15 args/require-provider ${all}`,
    `9:20-25 args/require-provider ${all}`,
  ]);
  const messages = findings(tree(AUTHZ, site)).map((d) => String(d.message));
  assert.match(messages[2], /quotes included: remove the quotes/);
  assert.match(messages[3], /# starts a comment only at the beginning of a line/);
});

test('Require ip: every address as APR reads it, in Apache words; the list ends at an empty word', () => {
  const site = directory(
    'Require ip 10.1 10.0.0.0/8 192.168.1.0/255.255.255.0 ::1 2001:db8::/32 "10.0.0.1"',
    'Require ip 999.1.1.1 10.0.0.0/33 foo',
    'Require ip',
    'Require ip "" 10.0.0.1',
    'Require ip 10.0.0.1 "" foo',
  );
  assert.deepEqual(summary(findings(tree(AUTHZ, site))), [
    "3:15-24 args/require-provider ip address '999.1.1.1' appears to be invalid: The specified IP address is invalid.",
    "3:25-36 args/require-provider ip address '10.0.0.0/33' appears to be invalid: The specified network mask is invalid.",
    "3:37-40 args/require-provider ip address 'foo' appears to be invalid",
    "4:12-14 args/require-provider 'require ip' requires an argument",
    "5:15-17 args/require-provider 'require ip' requires an argument",
  ]);
  assert.match(String(findings(tree(AUTHZ, site))[2].message), /host names go in Require host/);
});

test('Require method: methods are case-sensitive, and lines read before may register more', () => {
  const site = directory('Require method GET POST PROPFIND', 'Require method get', 'Require method BREW', '<Limit PURGE>', '    Require all granted', '</Limit>', 'Require method PURGE', 'Require method SEARCH');
  const found = findings(tree(`${AUTHZ}RegisterHttpMethod BREW\n`, site));
  assert.deepEqual(summary(found), ["3:19-22 args/require-provider Invalid Method 'get'", "9:19-25 args/require-provider Invalid Method 'SEARCH'"]);
  assert.match(String(found[0].message), /case-sensitive: write GET/);
  assert.match(String(found[1].message), /RegisterHttpMethod/);
  // Registered after the line, or by a Script line before it.
  const late = tree(AUTHZ, `${directory('Require method BREW')}RegisterHttpMethod BREW\n`);
  assert.deepEqual(summary(findings(late)), ["2:19-23 args/require-provider Invalid Method 'BREW'"]);
  const script = tree(AUTHZ, directory('Script BREW /cgi-bin/brew', 'Require method BREW'));
  assert.deepEqual(summary(findings(script)), []);
  // A <Limit> in another virtual host registers the method for every later line.
  const hosts = tree(AUTHZ, `<VirtualHost *:80>\n<Location />\n<Limit BREW>\nRequire all granted\n</Limit>\n</Location>\n</VirtualHost>\n<VirtualHost *:81>\n<Location />\nRequire method BREW\n</Location>\n</VirtualHost>\n`);
  assert.deepEqual(summary(findings(hosts)), []);
});

test('Require ssl and ssl-verify-client take nothing, not even ""', () => {
  const site = directory('Require ssl', 'Require ssl-verify-client', 'Require ssl extra', 'Require ssl-verify-client ""');
  assert.deepEqual(summary(findings(tree(AUTHZ, site))), [
    "4:16-21 args/require-provider 'Require ssl' does not take arguments",
    "5:30-32 args/require-provider 'Require ssl-verify-client' does not take arguments",
  ]);
});

test('providers that read nothing accept anything, and string-expression providers are parsed as strings', () => {
  const site = directory(
    'Require local extra',
    'Require valid-user extra',
    'Require env',
    'Require host',
    'Require user alice bob',
    'Require group "Domain Admins"',
    'Require host %{REMOTE_ADDR',
    'Require user %{FOO_BAR}',
    'Require forward-dns %{tolower:%{HTTP_HOST}}',
  );
  const found = findings(tree(AUTHZ, site));
  assert.deepEqual(summary(found), [
    "8:17-30 expr/parse-error Cannot parse expression in require line: syntax error, unexpected T_ERROR, expecting T_VAR_END or ':': Unterminated string or variable",
    "9:19-26 expr/parse-error Cannot parse expression in require line: Variable 'FOO_BAR' does not exist",
  ]);
  // A list of names is no expression to quote.
  const file = tree(AUTHZ, site).files.get(SITE)?.file;
  assert.ok(file);
  assert.deepEqual(analyzeFile(file, { fileName: SITE, model: tree(AUTHZ, site) }).filter((d) => d.code === 'expr/quoting'), []);
  // Single quotes are text here: no advice about Require expr's quotes.
  const [quoted] = findings(tree(AUTHZ, directory("Require user '%{'")));
  assert.equal((quoted.data as { apacheMessage: string }).apacheMessage, "Cannot parse expression in require line: syntax error, unexpected T_ERROR, expecting T_ID: Invalid character in variable name '''");
  assert.doesNotMatch(String(quoted.message), /single quotes/);
});

test('a provider whose module is not loaded is only mod/unknown-authz-provider, and without mod_authz_core only mod/unknown-directive', () => {
  const site = directory('Require ip 999.1.1.1', 'Require host %{x', 'Require all maybe');
  const coreOnly = tree(load('mpm_event', 'authz_core') + 'ServerName t\n', site);
  assert.deepEqual(summary(findings(coreOnly)), [
    '2:12-14 mod/unknown-authz-provider Unknown Authz provider: ip',
    '3:12-16 mod/unknown-authz-provider Unknown Authz provider: host',
    "4:16-21 args/require-provider Argument for 'Require all' must be 'granted' or 'denied'",
  ]);
  const noCore = tree(load('mpm_event') + 'ServerName t\n', site);
  assert.deepEqual(summary(findings(noCore)), []);
  const file = noCore.files.get(SITE)?.file;
  assert.ok(file);
  assert.ok(analyzeFile(file, { fileName: SITE, model: noCore }).some((d) => d.code === 'mod/unknown-directive'));
});

test('an earlier <AuthzProviderAlias> takes the name: its lines are not the module provider\'s', () => {
  const alias = '<AuthzProviderAlias ldap-group ip cn=x>\n</AuthzProviderAlias>\n';
  const before = tree(load('mpm_event', 'authz_core', 'authz_host', 'ldap', 'authnz_ldap') + `ServerName t\n${alias}`, directory('Require ip staff'));
  assert.deepEqual(summary(findings(before)), []);
});

test('Require and Require not without a provider, NOT in capitals, and names that are no provider', () => {
  const site = directory('Require', '<RequireAll>', '    Require all granted', '    Require not', '    Require NOT ip 10.0.0.1', '</RequireAll>', 'Require constructor', 'Require SSL');
  assert.deepEqual(summary(findings(tree(AUTHZ, site))), [
    '2:4-11 mod/unknown-authz-provider Unknown Authz provider: ',
    '5:8-15 mod/unknown-authz-provider Unknown Authz provider: ',
    '8:12-23 mod/unknown-authz-provider Unknown Authz provider: constructor',
    '9:12-15 mod/unknown-authz-provider Unknown Authz provider: SSL',
  ]);
});

test('${VAR} lines are judged on the substituted words, reported on the directive; dead branches say nothing', () => {
  const main = `${AUTHZ}Define ACCESS "granted extra"\nDefine NETS "10.0.0.1 999.0.0.1"\nDefine OK granted\n`;
  const site = directory('Require all ${ACCESS}', 'Require ip ${NETS}', 'Require all ${OK}', '<IfModule nonexistent_module>', '    Require all maybe', '</IfModule>');
  assert.deepEqual(summary(findings(tree(main, site))), [
    "2:4-11 args/require-provider Argument for 'Require all' must be 'granted' or 'denied'",
    "3:4-11 args/require-provider ip address '999.0.0.1' appears to be invalid: The specified IP address is invalid.",
  ]);
});

test('a lone file or a .htaccess file is checked with every provider assumed loaded, except words from a variable it cannot know', () => {
  const text = 'Require all maybe\nRequire ip 10.0.0.0/33\nRequire method get\nRequire ip ${TRUSTED_NETS}\n';
  const found = analyzeFile(parseConfig(text), { fileName: '/srv/www/.htaccess' }).filter((d) => d.code === 'args/require-provider');
  assert.deepEqual(
    found.map((d) => d.range.start.line + 1),
    [1, 2, 3],
  );
});

test('on a continued line the range runs to its last physical line, which Apache names', () => {
  const found = findings(tree(AUTHZ, directory('Require ip 999.1.1.1 \\', '    10.0.0.1')));
  assert.deepEqual(
    found.map((d) => `${d.range.start.line + 1}:${d.range.start.character} ${d.range.end.line + 1}:${d.range.end.character}`),
    ['2:15 3:16'],
  );
});
