// What Use lines expand to is analysed as Apache reads it, in the Use's place:
// every rule sees hosts built by macros, and each finding is shown on the Use
// line, naming the macro body line it comes from.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { buildConfigModel, type ConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { quickFixes } from '../../server/src/features/codeActions';
import { workspaceSymbols } from '../../server/src/features/workspaceSymbols';

const MAIN = '/etc/apache2/apache2.conf';
const MODULES = ['mpm_event', 'authz_core', 'ssl', 'macro'].map((name) => `LoadModule ${name}_module /usr/lib/apache2/modules/mod_${name}.so\n`).join('');
const MTLS_SITE =
  '<Macro TlsSite $host>\n' +
  '<VirtualHost *:443>\n' +
  '  ServerName $host\n' +
  '  <Location /admin>\n' +
  '    SSLVerifyClient require\n' +
  '  </Location>\n' +
  '</VirtualHost>\n' +
  '</Macro>\n';

function modelOf(main: string, files: Record<string, string> = {}): ConfigModel {
  return buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem({ [MAIN]: MODULES + main, ...files })) });
}

function analysed(model: ConfigModel, path = MAIN): Diagnostic[] {
  const file = model.files.get(path)?.file;
  assert.ok(file, `${path} is not in the tree`);
  return analyzeFile(file, { fileName: path, model });
}

/** `line rule message` (1-based) of one rule's findings. */
function lines(diagnostics: Diagnostic[], rule: string): string[] {
  return diagnostics.filter((d) => d.code === rule).map((d) => `${d.range.start.line + 1} ${d.message}`);
}

test('client verification in a <Location> of a host a macro builds is reported on each Use line, naming the body line', () => {
  const model = modelOf(`${MTLS_SITE}Use TlsSite a.example\nUse TlsSite b.example\n`);
  const found = lines(analysed(model), 'ssl/per-dir-client-auth');
  assert.equal(found.length, 2);
  assert.match(found[0], /^13 In what Use TlsSite a\.example expands to, line 4 of the macro's body \(apache2\.conf:9\): SSLVerifyClient require in <Location \/admin>/);
  assert.match(found[1], /^14 In what Use TlsSite b\.example expands to, line 4 of the macro's body \(apache2\.conf:9\): /);
  // The body itself is stored, not read: nothing is reported inside it.
  assert.ok(analysed(model).every((d) => d.range.start.line >= 12), 'no finding inside the <Macro>');
});

test("a finding from an expansion gets no fix that would edit the Use line, only a comment to silence it; that comment, or one in the body, silences it", () => {
  const model = modelOf(`${MTLS_SITE}Use TlsSite a.example\n`);
  const [finding] = analysed(model).filter((d) => d.code === 'ssl/per-dir-client-auth');
  const file = model.files.get(MAIN)?.file;
  assert.ok(finding && file);
  const actions = quickFixes([finding], { file, path: MAIN, uri: 'file:///etc/apache2/apache2.conf', model, uriOf: (path) => `file://${path}` });
  assert.deepEqual(actions.map((action) => action.title), ['Disable ssl/per-dir-client-auth for this line']);
  const silencedAtUse = modelOf(`${MTLS_SITE}# apache-ssl-disable-next-line ssl/per-dir-client-auth\nUse TlsSite a.example\nUse TlsSite b.example\n`);
  assert.deepEqual(lines(analysed(silencedAtUse), 'ssl/per-dir-client-auth').map((line) => line.split(' ')[0]), ['15']);
  const silencedInBody = modelOf(`${MTLS_SITE.replace('    SSLVerifyClient', '    # apache-ssl-disable-next-line ssl/per-dir-client-auth\n    SSLVerifyClient')}Use TlsSite a.example\n`);
  assert.deepEqual(lines(analysed(silencedInBody), 'ssl/per-dir-client-auth'), []);
});

test('hosts built by macros are compared with written ones, and listed as workspace symbols at their Use line', () => {
  const model = modelOf(`Listen 80\n<Macro Plain $host>\n<VirtualHost *:80>\n  ServerName $host\n</VirtualHost>\n</Macro>\nUse Plain shop.example\n`, {
    '/etc/apache2/sites.conf': '<VirtualHost *:80>\n  ServerName shop.example\n</VirtualHost>\n',
  });
  const withSites = modelOf(`Listen 80\n<Macro Plain $host>\n<VirtualHost *:80>\n  ServerName $host\n</VirtualHost>\n</Macro>\nUse Plain shop.example\nInclude sites.conf\n`, {
    '/etc/apache2/sites.conf': '<VirtualHost *:80>\n  ServerName shop.example\n</VirtualHost>\n',
  });
  assert.deepEqual(lines(analysed(model), 'vhost/duplicate-name'), []);
  const [duplicate] = lines(analysed(withSites, '/etc/apache2/sites.conf'), 'vhost/duplicate-name');
  assert.match(duplicate, /^2 Requests for "shop\.example" on \*:80 go to the virtual host at apache2\.conf \(Use Plain at line 11\):1, /);
  const [symbol] = workspaceSymbols(withSites, 'shop').filter((s) => s.location.uri === 'file:///etc/apache2/apache2.conf');
  assert.equal(symbol?.name, 'shop.example:80');
  assert.equal(symbol?.location.range.start.line, 10);
});

test("define/macro-expansion reads the model's expansion: a false conditional in the body is skipped, a true one is checked, ${VAR} substituted", () => {
  const body = (condition: string) => `Define SIG maybe\n<Macro Limits $n>\n<IfDefine ${condition}>\nLimitRequestBody $n $n\n</IfDefine>\nServerSignature \${SIG}\n</Macro>\nUse Limits 100\n`;
  const refusals = (text: string) => lines(analysed(modelOf(text)), 'define/macro-expansion');
  const [refused] = refusals(body('NEVER'));
  assert.match(refused, /^12 What Use Limits 100 expands to is refused at line 4 of the macro's body \(apache2\.conf:10\): .*maybe.*\[args\/invalid-value\]$/);
  assert.match(refusals(body('!NEVER'))[0], /refused at line 2 of the macro's body .*\[args\/count\]$/);
});

test('a Use Apache refuses, or one in a false conditional, expands to nothing and adds no finding from its body', () => {
  const model = modelOf(`${MTLS_SITE}Use TlsSite\n<IfDefine NEVER>\nUse TlsSite c.example\n</IfDefine>\n`);
  const found = analysed(model);
  assert.deepEqual(lines(found, 'ssl/per-dir-client-auth'), []);
  assert.deepEqual(found.filter((d) => d.code === 'define/macro-use').map((d) => d.range.start.line + 1), [13]);
});

test('sections a macro opens and a later line or Use closes pair up as Apache reads them: a warning on the Use, no structural error; unpaired ones stay errors', () => {
  const codes = (text: string) => analysed(modelOf(text)).filter((d) => d.severity === 1 || d.code === 'define/macro-expansion').map((d) => `${d.range.start.line + 1} ${String(d.code)} ${d.severity}`);
  const start = '<Macro Start $n>\n<VirtualHost *:80>\nServerName $n\n</Macro>\n<Macro End>\n</VirtualHost>\n</Macro>\n';
  // Lines 5 to 11 hold the two macros.
  assert.deepEqual(codes(`${start}Use Start a.example\nServerAdmin a@example.test\nUse End\n`), ['12 define/macro-expansion 2', '14 define/macro-expansion 2']);
  assert.deepEqual(codes(`${start}Use Start a.example\nServerAdmin a@example.test\n</VirtualHost>\n`), ['12 define/macro-expansion 2']);
  assert.deepEqual(codes(`${start}<VirtualHost *:80>\nUse End\n`), ['13 define/macro-expansion 2']);
  // Opened and never closed: Apache refuses, at the Use.
  const [unclosed] = codes(`${start}Use Start a.example\n`);
  assert.equal(unclosed, '12 define/macro-expansion 1');
});

test('a <Perl> section is Perl for mod_perl: its lines are no directives, and only </Perl> ends it', () => {
  const model = modelOf('LoadModule perl_module /usr/lib/apache2/modules/mod_perl.so\n<Perl>\nuse strict;\n</Location>\n</Perl>\nServerAdmin webmaster@example.com\n');
  // Whether mod_perl.so is installed on the machine running the tests is mod/load-file-missing's matter, not this test's.
  const errors = analysed(model).filter((d) => d.severity === 1 && d.code !== 'mod/load-file-missing');
  assert.deepEqual(errors.map((d) => `${d.range.start.line + 1} ${String(d.code)}`), []);
  const perl = model.files.get(MAIN)?.file.children.find((node) => node.kind === 'section');
  assert.equal(perl?.kind === 'section' && perl.close?.name, 'Perl');
});
