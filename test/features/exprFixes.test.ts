// Quick fixes of the expr/* rules: each changes only what its title says
// (every other byte stays), a preferred one is the fix that is clearly right,
// and Apache reads the fixed configuration.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { expressionsInFile } from '../../server/src/analysis/expressionsInFile';
import { fileScope } from '../../server/src/analysis/fileScope';
import { quickFixes } from '../../server/src/features/codeActions';
import { apacheConfigTest } from '../support/apacheOracle';
import { INCLUDED_PATH, modelWithAllModules } from '../support/analyzeInTree';
import { applyEdits } from '../support/applyEdits';
import { FIXTURES } from '../support/fixtures';

const URI = `file://${INCLUDED_PATH}`;
const isExpr = (d: Diagnostic) => String(d.code).startsWith('expr/');

/** The expr/* findings of a file included from a tree that loads every module, and their fixes (other rules' left out). */
function exprFixes(text: string, code?: string): { diagnostics: Diagnostic[]; actions: CodeAction[] } {
  const model = modelWithAllModules(text);
  const file = model.files.get(INCLUDED_PATH)?.file;
  assert.ok(file);
  const diagnostics = analyzeFile(file, { model, fileName: INCLUDED_PATH }).filter((d) => (code ? d.code === code : isExpr(d)));
  const actions = quickFixes(diagnostics, { file, path: INCLUDED_PATH, uri: URI, model, uriOf: (path) => `file://${path}` });
  return { diagnostics, actions: actions.filter((action) => !action.title.startsWith('Disable ')) };
}

const apply = (text: string, action: CodeAction) => applyEdits(text, action.edit?.changes?.[URI] ?? []);

/** Every preferred fix at once (they must not overlap). */
function applyPreferred(text: string): string {
  const preferred = exprFixes(text).actions.filter((action) => action.isPreferred);
  return applyEdits(text, preferred.flatMap((action) => action.edit?.changes?.[URI] ?? []));
}

const inLocation = (line: string) => `<Location /a/>\n    ${line}\n</Location>\n`;
/** `Require not` needs company: Apache refuses a negated Require on its own. */
const inRequireAll = (line: string) => `<Location /a/>\n    <RequireAll>\n        Require all granted\n        ${line}\n    </RequireAll>\n</Location>\n`;

function apacheAccepts(text: string): void {
  const verdict = apacheConfigTest({ 'fixture.conf': text }, 'fixture.conf');
  assert.ok(verdict.ok, verdict.output);
}

test('each expr fixture with a .fixed.conf becomes it byte for byte, and Apache accepts the result', () => {
  const names = ['integer-operator', 'client-verify-literal', 'word-operators', 'quoting'];
  for (const name of names) {
    const fixedPath = join(FIXTURES, 'expr', `${name}.fixed.conf`);
    assert.ok(existsSync(fixedPath), fixedPath);
    const text = readFileSync(join(FIXTURES, 'expr', `${name}.conf`), 'utf8');
    const fixed = applyPreferred(text);
    assert.equal(fixed, readFileSync(fixedPath, 'utf8'), name);
    apacheAccepts(fixed);
    // What the preferred fixes answer is gone; a second round has nothing to do.
    assert.equal(applyPreferred(fixed), fixed, `${name}: the fixes are done in one round`);
  }
});

test('eq becomes == and ne becomes != (preferred); Apache then compares text', () => {
  const text = inLocation(`Require expr "%{SSL_CLIENT_S_DN_CN} eq 'bob' || %{SSL_PROTOCOL} -ne 'TLSv1.3'"`);
  const { actions } = exprFixes(text, 'expr/integer-operator-on-string');
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred === true]),
    [
      ['Change eq to == (compare text)', true],
      ['Change -ne to != (compare text)', true],
    ],
  );
  assert.equal(apply(text, actions[0]), inLocation(`Require expr "%{SSL_CLIENT_S_DN_CN} == 'bob' || %{SSL_PROTOCOL} -ne 'TLSv1.3'"`));
  assert.equal(apply(text, actions[1]), inLocation(`Require expr "%{SSL_CLIENT_S_DN_CN} eq 'bob' || %{SSL_PROTOCOL} != 'TLSv1.3'"`));
  assert.equal(applyPreferred(text), inLocation(`Require expr "%{SSL_CLIENT_S_DN_CN} == 'bob' || %{SSL_PROTOCOL} != 'TLSv1.3'"`));
});

test('lt/gt… become </>… only where both sides are text, and never preferred', () => {
  const both = '<If "tolower(%{HTTP_HOST}) -gt \'m\'">\n</If>\n';
  const [lexical] = exprFixes(both, 'expr/integer-operator-on-string').actions;
  assert.equal(lexical.title, 'Change -gt to > (compare text in lexical order)');
  assert.notEqual(lexical.isPreferred, true);
  assert.equal(apply(both, lexical), '<If "tolower(%{HTTP_HOST}) > \'m\'">\n</If>\n');
  // One side is a number: maybe a wrong variable, maybe a number was meant. No guess.
  const mixed = exprFixes(inLocation("Require expr \"%{SSL_CLIENT_S_DN_CN} -lt 5 || 'a' -le %{TIME_HOUR}\""), 'expr/integer-operator-on-string');
  assert.equal(mixed.diagnostics.length, 2);
  assert.deepEqual(mixed.actions, []);
});

test("client-verify-literal: 'success' becomes 'SUCCESS' (preferred), 'OK' is offered 'SUCCESS', 'FAILED' gets no edit", () => {
  const text = inLocation(`Require expr "%{SSL_CLIENT_VERIFY} == 'success' || %{SSL_CLIENT_VERIFY} == 'OK' || %{SSL_CLIENT_VERIFY} != 'FAILED'"`);
  const { diagnostics, actions } = exprFixes(text, 'expr/client-verify-literal');
  assert.equal(diagnostics.length, 3);
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred === true]),
    [
      ["Change to 'SUCCESS'", true],
      ["Change to 'SUCCESS'", false],
    ],
  );
  assert.equal(
    applyEdits(text, actions.flatMap((a) => a.edit?.changes?.[URI] ?? [])),
    inLocation(`Require expr "%{SSL_CLIENT_VERIFY} == 'SUCCESS' || %{SSL_CLIENT_VERIFY} == 'SUCCESS' || %{SSL_CLIENT_VERIFY} != 'FAILED'"`),
  );
  // In <If "…">, \" inside the argument is the string's quote: only the text between changes.
  const escaped = '<If "%{SSL:SSL_CLIENT_VERIFY} == \\"Success\\"">\n</If>\n';
  const [inIf] = exprFixes(escaped, 'expr/client-verify-literal').actions;
  assert.equal(apply(escaped, inIf), '<If "%{SSL:SSL_CLIENT_VERIFY} == \\"SUCCESS\\"">\n</If>\n');
  apacheAccepts(apply(escaped, inIf));
});

test('word operators become &&, || and ! (preferred), in every kind of expression', () => {
  const text = '<If "-n %{HTTP_HOST} and not -z %{QUERY_STRING} or false">\n    SSLRequire true and %{HTTPS} eq "on"\n</If>\n';
  const { actions } = exprFixes(text, 'expr/word-operators');
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred]),
    [
      ['Change and to &&', true],
      ['Change not to !', true],
      ['Change or to ||', true],
      ['Change and to &&', true],
    ],
  );
  const fixed = applyPreferred(text);
  assert.equal(fixed, '<If "-n %{HTTP_HOST} && ! -z %{QUERY_STRING} || false">\n    SSLRequire true && %{HTTPS} eq "on"\n</If>\n');
  apacheAccepts(`<Directory /srv>\n${fixed}</Directory>\n`);
});

test('quoting: the expression gets double quotes, "…" strings inside become \'…\', and Apache reads the same expression', () => {
  const cases: Array<[string, string]> = [
    ["Require expr %{REQUEST_METHOD} == 'GET'", `Require expr "%{REQUEST_METHOD} == 'GET'"`],
    ['Require not expr %{HTTP_HOST} in { "a", "b" }', `Require not expr "%{HTTP_HOST} in { 'a', 'b' }"`],
    // A string that needs its double quotes keeps them: Apache removes only the outer pair.
    [`Require expr %{HTTP_HOST} != "it's" && true`, `Require expr "%{HTTP_HOST} != "it's" && true"`],
    ['Require expr %{HTTP_HOST} == "a" &&  \\\n        -n %{QUERY_STRING}', `Require expr "%{HTTP_HOST} == 'a' &&  \\\n        -n %{QUERY_STRING}"`],
  ];
  for (const [line, wanted] of cases) {
    const text = inRequireAll(line);
    const { actions } = exprFixes(text, 'expr/quoting');
    assert.equal(actions.length, 1, line);
    assert.equal(actions[0].title, 'Put the expression in double quotes');
    assert.equal(actions[0].isPreferred, true);
    const fixed = apply(text, actions[0]);
    assert.equal(fixed, inRequireAll(wanted));
    const read = (config: string) => {
      const model = modelWithAllModules(config);
      const file = model.files.get(INCLUDED_PATH)?.file;
      assert.ok(file);
      return expressionsInFile(file, fileScope(model, INCLUDED_PATH)).map((e) => e.text.replace(/"/g, "'"));
    };
    assert.deepEqual(read(fixed), read(text), `${line}: the parser reads the same expression (up to the kind of quote)`);
    assert.deepEqual(exprFixes(fixed, 'expr/quoting').diagnostics, [], 'quoted now');
    apacheAccepts(fixed);
  }
});

test('quoting stays quiet on quoted, one-word and broken expressions and outside Require', () => {
  const quiet = [
    `Require expr "%{REQUEST_METHOD} == 'GET'"`,
    'Require expr true',
    "Require expr %{HTTPS}=='on'",
    'Require expr %{HTTPS} ==',
    `SSLRequire %{HTTPS} eq "on"`,
    `SetEnvIfExpr "%{HTTPS} == 'on'" tls=1`,
  ];
  for (const line of quiet) assert.deepEqual(exprFixes(inLocation(line), 'expr/quoting').diagnostics, [], line);
});
