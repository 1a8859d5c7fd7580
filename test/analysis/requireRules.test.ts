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
  assert.doesNotMatch(quoted.message, /single quotes/);
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
