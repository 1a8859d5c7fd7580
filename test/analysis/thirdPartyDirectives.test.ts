// mod/unknown-directive on the directives of common third-party modules:
// silent where their module is loaded (or may be, in a file read on its
// own), named and refused where it is not, and only the modules that may
// define a name listed when no module we know does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { defaultDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import { THIRD_PARTY_MODULES, thirdPartyModuleOf, thirdPartyOwners } from '../../server/src/knowledge/thirdPartyModules';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { analyzeWithAllModules } from '../support/analyzeInTree';

const unknown = (text: string, inTree = true) =>
  (inTree ? analyzeWithAllModules(text) : analyzeFile(parseConfig(text)))
    .filter((d) => d.code === 'mod/unknown-directive')
    .map((d) => ({ line: d.range.start.line, start: d.range.start.character, end: d.range.end.character, severity: d.severity, message: String(d.message) }));

test('the table claims no name of Apache\'s own modules, and each module and identifier once', () => {
  const apache = defaultDirectiveIndex();
  const claimed = apache.all().filter((fact) => thirdPartyOwners(fact.name).length > 0).map((fact) => fact.name);
  assert.deepEqual(claimed, []);
  const identifiers = THIRD_PARTY_MODULES.flatMap((module) => module.identifiers);
  assert.equal(new Set(identifiers).size, identifiers.length);
  for (const module of THIRD_PARTY_MODULES) {
    for (const word of [...module.prefixes, ...module.names]) assert.equal(word, word.toLowerCase(), `${module.name}: ${word}`);
    for (const identifier of module.identifiers) assert.equal(thirdPartyModuleOf(identifier), module);
  }
});

test('names are matched without case, by whole name or by family prefix, sections too', () => {
  const owner = (name: string) => thirdPartyOwners(name).map((module) => module.name);
  assert.deepEqual(owner('php_admin_value'), ['mod_php']);
  assert.deepEqual(owner('PHPIniDir'), ['mod_php']);
  assert.deepEqual(owner('php_valu'), [], 'mod_php has five names, not a family');
  assert.deepEqual(owner('<Perl'), ['mod_perl']);
  assert.deepEqual(owner('PerlSetEnv'), ['mod_perl']);
  assert.deepEqual(owner('wsgiscriptalias'), ['mod_wsgi']);
  assert.deepEqual(owner('FCGIWrapper'), ['mod_fcgid']);
  assert.deepEqual(owner('PHP_Fix_Pathinfo_Enable'), ['mod_fcgid']);
  assert.deepEqual(owner('RailsEnv'), ['Passenger']);
  assert.deepEqual(owner('SecRuleEngine'), ['mod_security2']);
  assert.deepEqual(owner('OIDCProviderMetadataURL'), ['mod_auth_openidc']);
  assert.deepEqual(owner('FastCgiServer'), [], 'mod_fastcgi, not mod_fcgid');
});

test('a loaded module\'s directives get nothing, by any of its identifiers', () => {
  const cases = [
    'LoadModule php_module /usr/lib/apache2/modules/libphp8.2.so\nphp_value memory_limit 64M\nphp_admin_flag engine On\n',
    'LoadModule php7_module modules/libphp7.so\nphp_flag short_open_tag Off\n',
    'LoadModule perl_module /usr/lib/apache2/modules/mod_perl.so\nPerlSetEnv A b\n<Perl>\nuse strict;\n</Perl>\n',
    'LoadModule fcgid_module /usr/lib/apache2/modules/mod_fcgid.so\nFCGIWrapper /usr/bin/php-cgi .php\nFcgidMaxRequestLen 1048576\n',
    'LoadModule wsgi_module /usr/lib/apache2/modules/mod_wsgi.so\nLoadModule security2_module /usr/lib/apache2/modules/mod_security2.so\nWSGIScriptAlias / /srv/app.wsgi\nSecRuleEngine On\n',
  ];
  for (const text of cases) assert.deepEqual(unknown(text), [], text);
});

test('a file read on its own: a third-party directive is left alone, as its module may be loaded by the main file', () => {
  assert.deepEqual(unknown('<Directory /srv>\n    php_value memory_limit 64M\n    WSGIProcessGroup app\n</Directory>\n', false), []);
});

test('its module not loaded: an error that names the module and quotes Apache, on the name', () => {
  // Only Apache's modules and mod_wsgi, whose names the table knows: nothing loaded can define php_value.
  const findings = unknown('LoadModule wsgi_module /usr/lib/apache2/modules/mod_wsgi.so\n<Directory /srv>\n    php_value memory_limit 64M\n</Directory>\n');
  assert.equal(findings.length, 1);
  assert.deepEqual([findings[0].line, findings[0].start, findings[0].end, findings[0].severity], [2, 4, 13, DiagnosticSeverity.Error]);
  assert.equal(
    findings[0].message,
    "php_value comes from mod_php (php_module or php7_module or php5_module, Debian package libapache2-mod-php), which this configuration does not load: Apache refuses to start with \"Invalid command 'php_value', perhaps misspelled or defined by a module not included in the server configuration\". To use it, install that module and load it with the LoadModule line its package provides.",
  );
  const section = unknown('<Perl>\nuse strict;\n</Perl>\n');
  assert.equal(section.length, 1);
  assert.equal(section[0].severity, DiagnosticSeverity.Error);
  assert.match(section[0].message, /^<Perl comes from mod_perl \(perl_module, Debian package libapache2-mod-perl2\)/);
});

test('its module not loaded beside a module the table does not know: a warning that names that module', () => {
  const [finding, ...rest] = unknown('LoadModule ruby_module /usr/lib/apache2/modules/mod_ruby.so\nSecRuleEngine On\n');
  assert.deepEqual(rest, []);
  assert.equal(finding.severity, DiagnosticSeverity.Warning);
  assert.match(finding.message, /^SecRuleEngine comes from mod_security2 \(security2_module, Debian package libapache2-mod-security2\), which this configuration does not load: unless ruby_module defines it too, Apache refuses/);
  const [two] = unknown('LoadModule ruby_module /usr/lib/apache2/modules/mod_ruby.so\nLoadModule tcl_module /usr/lib/apache2/modules/mod_tcl.so\nSecRuleEngine On\n');
  assert.match(two.message, /: unless one of ruby_module, tcl_module defines it too, Apache refuses/);
});

test('a name no module we know defines: only the loaded modules the table does not know are named, else all', () => {
  const loads = 'LoadModule php_module /usr/lib/apache2/modules/libphp8.2.so\nLoadModule wsgi_module /usr/lib/apache2/modules/mod_wsgi.so\n';
  const [some] = unknown(`${loads}LoadModule ruby_module /usr/lib/apache2/modules/mod_ruby.so\nRubyHandler Apache::RubyRun.instance\n`);
  assert.equal(some.severity, DiagnosticSeverity.Warning);
  assert.match(some.message, /^No module Apache ships defines 'RubyHandler'; unless a third-party module loaded here \(ruby_module\) does, Apache refuses/);
  const [all] = unknown(`${loads}FastCgiServer /srv/app.fcgi\n`);
  assert.equal(all.severity, DiagnosticSeverity.Warning);
  assert.match(all.message, /\(php_module, wsgi_module\) does/);
});

test('AllowMethods is not judged in a tree that loads a third-party module, which may register more methods', () => {
  const invalid = (more: string) =>
    analyzeWithAllModules(`${more}<Location /x>\nAllowMethods FOO\n</Location>\n`).filter((d) => d.code === 'args/invalid-value').map((d) => String(d.message));
  assert.match(invalid('').join(), /"AllowMethods: Invalid Method 'FOO'"/);
  assert.deepEqual(invalid('LoadModule dav_svn_module /usr/lib/apache2/modules/mod_dav_svn.so\n'), []);
});
