// The disable-next-line quick fix, offered for every finding: it writes the
// comment suppressions.ts honours, above the right line and indented like it,
// and the finding is gone when the file is analysed again.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { quickFixes } from '../../server/src/features/codeActions';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { INCLUDED_PATH, modelWithAllModules } from '../support/analyzeInTree';
import { applyEdits } from '../support/applyEdits';
import { listFixtures } from '../support/fixtures';

const URI = `file://${INCLUDED_PATH}`;

function analyse(text: string): { diagnostics: Diagnostic[]; actions: CodeAction[] } {
  const model = modelWithAllModules(text);
  const file = model.files.get(INCLUDED_PATH)?.file ?? parseConfig(text);
  const diagnostics = analyzeFile(file, { model, fileName: INCLUDED_PATH });
  return { diagnostics, actions: quickFixes(diagnostics, { file, path: INCLUDED_PATH, uri: URI, model, uriOf: (path) => `file://${path}` }) };
}

const codesOn = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.range.start.line}:${String(d.code)}`).sort();
const disableActions = (actions: CodeAction[]) => actions.filter((a) => a.title.startsWith('Disable '));
const apply = (text: string, action: CodeAction) => applyEdits(text, action.edit?.changes?.[URI] ?? []);

/** The one disable action for `code`, applied. */
function disable(text: string, code: string): string {
  const { actions } = analyse(text);
  const matching = disableActions(actions).filter((a) => a.title === `Disable ${code} for this line`);
  assert.equal(matching.length, 1, `one disable action for ${code}: ${actions.map((a) => a.title).join(', ')}`);
  return apply(text, matching[0]);
}

test('the comment goes above the flagged directive with its indentation, and silences only that rule there', () => {
  const text = '<VirtualHost *:80>\n    ServerName a.example\n    ServerAlias www.a.example # old\n    ServerAlias b.example # also\n</VirtualHost>\n';
  const before = analyse(text).diagnostics;
  assert.deepEqual(codesOn(before), ['2:syntax/trailing-comment', '3:syntax/trailing-comment']);
  const fixed = disable(text.replace('    ServerAlias b.example # also\n', ''), 'syntax/trailing-comment');
  assert.equal(
    fixed,
    '<VirtualHost *:80>\n    ServerName a.example\n    # apache-ssl-disable-next-line syntax/trailing-comment\n    ServerAlias www.a.example # old\n</VirtualHost>\n',
  );
  assert.deepEqual(analyse(fixed).diagnostics, []);
  // With two flagged lines, the one fixed is silenced and the other stays.
  const [first] = disableActions(analyse(text).actions);
  assert.deepEqual(codesOn(analyse(apply(text, first)).diagnostics), ['4:syntax/trailing-comment']);
});

test('a continued directive gets the comment above its first physical line, even for a finding on a later one', () => {
  const text = "<Location /a/>\n\tRequire expr \"%{HTTPS} == 'on' && \\\n\t\t%{SSL_CLIENT_S_DN_cn} == 'a'\"\n</Location>\n";
  const [finding] = analyse(text).diagnostics.filter((d) => d.code === 'expr/unknown-ssl-variable');
  assert.equal(finding.range.start.line, 2, 'the finding is on the second physical line');
  const fixed = disable(text, 'expr/unknown-ssl-variable');
  assert.equal(fixed, "<Location /a/>\n\t# apache-ssl-disable-next-line expr/unknown-ssl-variable\n\tRequire expr \"%{HTTPS} == 'on' && \\\n\t\t%{SSL_CLIENT_S_DN_cn} == 'a'\"\n</Location>\n");
  assert.deepEqual(analyse(fixed).diagnostics.filter((d) => d.code === 'expr/unknown-ssl-variable'), []);
});

test('a CRLF file gets a CRLF line; the last line without a break gets the file\'s break', () => {
  const text = 'ServerName a.example\r\nDirectoryIndex index.html # old';
  const fixed = disable(text, 'syntax/trailing-comment');
  assert.equal(fixed, 'ServerName a.example\r\n# apache-ssl-disable-next-line syntax/trailing-comment\r\nDirectoryIndex index.html # old');
  assert.deepEqual(analyse(fixed).diagnostics, []);
});

test('a disable comment with rule ids right above gets the new id added instead of a second comment', () => {
  const text = "<If \"%{HTTP_HOST} eq 'a' and true\">\n</If>\n";
  const once = disable(text, 'expr/word-operators');
  assert.equal(once, "# apache-ssl-disable-next-line expr/word-operators\n<If \"%{HTTP_HOST} eq 'a' and true\">\n</If>\n");
  const twice = disable(once, 'expr/integer-operator-on-string');
  assert.equal(twice, "# apache-ssl-disable-next-line expr/word-operators expr/integer-operator-on-string\n<If \"%{HTTP_HOST} eq 'a' and true\">\n</If>\n");
  assert.deepEqual(analyse(twice).diagnostics, []);
});

test('specific fixes come first; the disable action is last and never preferred; one per rule and line', () => {
  const text = "<IfModule mod_ssl>\n    Require expr \"true and false or true\"\n</IfModule>\n";
  const { diagnostics, actions } = analyse(text);
  assert.deepEqual(codesOn(diagnostics), ['0:mod/ifmodule-bad-name']);
  assert.deepEqual(
    actions.map((a) => [a.title, a.isPreferred === true]),
    [
      ['Change to <IfModule ssl_module>', true],
      ['Disable mod/ifmodule-bad-name for this line', false],
    ],
  );
  const section = '<Location /a>\n    <If "true and false or true">\n    </If>\n</Location>\n';
  const both = analyse(section);
  assert.deepEqual(codesOn(both.diagnostics), ['1:expr/word-operators', '1:expr/word-operators']);
  const [disableBoth] = disableActions(both.actions);
  assert.equal(disableActions(both.actions).length, 1);
  assert.equal(disableBoth.diagnostics?.length, 2, 'the one action answers both findings');
  assert.deepEqual(analyse(apply(section, disableBoth)).diagnostics, []);
});

test('a section opening is silenced from above it; a close tag gets no action, since no comment could silence it', () => {
  const text = '<IfModule mod_ssl>\n    ServerAdmin a@b.example\n</IfModule>\n<Location /a>\n</Location x>\n';
  const { diagnostics, actions } = analyse(text);
  const close = diagnostics.find((d) => d.range.start.line === 4 && d.code === 'syntax/missing-bracket');
  assert.ok(close, JSON.stringify(codesOn(diagnostics)));
  const forClose = disableActions(actions).filter((a) => a.diagnostics?.includes(close));
  assert.deepEqual(forClose, []);
  const fixed = disable(text, 'mod/ifmodule-bad-name');
  assert.ok(fixed.startsWith('# apache-ssl-disable-next-line mod/ifmodule-bad-name\n<IfModule mod_ssl>\n'));
  assert.ok(!analyse(fixed).diagnostics.some((d) => d.code === 'mod/ifmodule-bad-name'));
});

test('on every fixture, each disable action silences exactly its findings and leaves the others', () => {
  for (const fixture of listFixtures()) {
    const { diagnostics, actions } = analyse(fixture.text);
    for (const action of disableActions(actions)) {
      const [edit] = action.edit?.changes?.[URI] ?? [];
      assert.ok(edit, `${fixture.name}: ${action.title}`);
      const added = edit.newText.endsWith('\n') || edit.newText.endsWith('\r') ? 1 : 0;
      const at = edit.range.start.line;
      const fixed = applyEdits(fixture.text, [edit]);
      const silenced = new Set(action.diagnostics);
      const expected = diagnostics
        .filter((d) => !silenced.has(d))
        .map((d) => `${d.range.start.line + (d.range.start.line >= at ? added : 0)}:${String(d.code)}`)
        .sort();
      assert.deepEqual(codesOn(analyse(fixed).diagnostics), expected, `${fixture.name}: ${action.title} (line ${at + 1})`);
    }
  }
});
