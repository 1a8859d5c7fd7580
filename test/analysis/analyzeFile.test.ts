import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { analyzeWithAllModules } from '../support/analyzeInTree';
import { RULES } from '../../server/src/analysis/registry';
import type { Rule } from '../../server/src/analysis/types';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

const text = '<VirtualHost *:80>\n    ServerAlias a.example # old\n    SSLVerifyClinet require\n</VirtualHost>\n';

test('every diagnostic names its source, rule and documentation', () => {
  const diagnostics = analyzeFile(parseConfig(text));
  assert.deepEqual(diagnostics.map((d) => d.code), ['syntax/trailing-comment', 'mod/unknown-directive']);
  for (const diagnostic of diagnostics) {
    assert.equal(diagnostic.source, 'apache-ssl');
    assert.match(diagnostic.codeDescription?.href ?? '', /^https:\/\/httpd\.apache\.org\//);
    assert.equal((diagnostic.data as { ruleId: string }).ruleId, diagnostic.code);
  }
});

test('a rule set to off is not run, and a severity setting wins', () => {
  const settings = { ...DEFAULT_SETTINGS, rules: { 'syntax/trailing-comment': 'off', 'mod/unknown-directive': 'warning' } as const };
  const diagnostics = analyzeFile(parseConfig(text), { settings });
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.severity]),
    [['mod/unknown-directive', DiagnosticSeverity.Warning]],
  );
});

test('findings are capped at maxNumberOfProblems', () => {
  const many = 'Bogus\n'.repeat(50);
  assert.equal(analyzeFile(parseConfig(many), { settings: { ...DEFAULT_SETTINGS, maxNumberOfProblems: 7 } }).length, 7);
});

test('a rule that throws is reported and the other rules still run', () => {
  const broken = RULES.find((rule) => rule.id === 'syntax/trailing-comment') as Rule;
  const original = broken.check;
  const failures: string[] = [];
  broken.check = () => {
    throw new Error('boom');
  };
  try {
    const diagnostics = analyzeFile(parseConfig(text), { onRuleError: (rule) => failures.push(rule.id) });
    assert.deepEqual(diagnostics.map((d) => d.code), ['mod/unknown-directive']);
    assert.deepEqual(failures, ['syntax/trailing-comment']);
  } finally {
    broken.check = original;
  }
});

test('unknown directives get suggestions by edit distance, case-insensitively', () => {
  const [finding] = analyzeWithAllModules('sslverifyclinet require\n');
  assert.deepEqual((finding.data as { suggestions: string[] }).suggestions, ['SSLVerifyClient']);
  assert.deepEqual(analyzeWithAllModules('sslverifyclient require\n'), []);
  const [none] = analyzeWithAllModules('CompletelyMadeUpThing 1\n');
  assert.equal(typeof none.message, 'string');
  assert.doesNotMatch(none.message as string, /Did you mean/);
  // A quoted name keeps the hint but gets no rename fix, which would cut through its quotes.
  const [quoted] = analyzeWithAllModules('"sslverifyclinet" require\n');
  assert.match(quoted.message as string, /Did you mean 'SSLVerifyClient'/);
  assert.deepEqual((quoted.data as { suggestions: string[] }).suggestions, []);
});

test('beside a third-party module, the MPM sections of Apache\'s httpd-mpm.conf for Windows, NetWare and OS/2 are skipped, not judged', () => {
  const text = [
    'LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so',
    'LoadModule php_module /usr/lib/apache2/modules/libphp8.2.so',
    '<IfModule mpm_netware_module>\n    MinSpareThreads 10\n    MaxThreads 250\n</IfModule>',
    '<IfModule mpm_mpmt_os2_module>\n    MaxSpareThreads 10\n</IfModule>',
    '<IfModule mpm_winnt_module>\n    ThreadsPerChild 150\n</IfModule>',
    '',
  ].join('\n');
  assert.deepEqual(analyzeFile(parseConfig(text)).filter((d) => d.code === 'mod/unknown-directive'), []);
});

test('a directive no Apache module defines is left alone inside <IfModule> of a third-party module, which is read only where that module defines it', () => {
  const site = [
    '<Directory /usr/share/cacti/site>',
    '    <IfModule mod_ruby.c>\n        RubyHandler Apache::RubyRun.instance\n    </IfModule>',
    '    <IfModule !mod_ruby.c>\n        RubyRequire apache/ruby-run\n    </IfModule>',
    '    <IfModule wsgi_module>\n        <IfModule mod_ssl.c>\n            WSGIPassAuthorization On\n        </IfModule>\n    </IfModule>',
    '    RubySafeLevel 1',
    '</Directory>',
    '',
  ].join('\n');
  const unknownAt = (text: string) =>
    analyzeFile(parseConfig(text))
      .filter((d) => d.code === 'mod/unknown-directive')
      .map((d) => [d.range.start.line + 1, d.severity]);
  // On its own the file's modules are unknown: only the unguarded and the negated-guard lines are refused.
  assert.deepEqual(unknownAt(site), [
    [6, DiagnosticSeverity.Error],
    [13, DiagnosticSeverity.Error],
  ]);
  // Beside a third-party module, names we do not know are only doubtful.
  const withWsgi = `LoadModule mpm_prefork_module /usr/lib/apache2/modules/mod_mpm_prefork.so\nLoadModule wsgi_module /usr/lib/apache2/modules/mod_wsgi.so\n${site}`;
  assert.deepEqual(unknownAt(withWsgi), [
    [8, DiagnosticSeverity.Warning],
    [15, DiagnosticSeverity.Warning],
  ]);
});

test('a file on its own: the Apache 2.2 branch of <IfModule !mod_authz_core.c> is not read, as every 2.4 configuration that authorizes loads that module', () => {
  const text = '<Location /soap>\n  <IfModule mod_authz_core.c>\n    Require user "SOAP_USER"\n  </IfModule>\n  <IfModule !mod_authz_core.c>\n    require "SOAP_USER"\n  </IfModule>\n</Location>\n';
  assert.deepEqual(analyzeFile(parseConfig(text)).filter((d) => d.severity === 1).map((d) => `${d.range.start.line} ${String(d.code)}`), []);
});
