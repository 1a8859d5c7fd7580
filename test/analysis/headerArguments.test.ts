// args/header-arguments without Apache: how mod_headers' reading of a Header
// or RequestHeader line is followed, and where and how the rule reports.
// test/oracle/headerArguments.test.ts holds the same reader to apache2 -t.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { formatRefusal, headerRefusal, type HeaderDirective } from '../../server/src/analysis/headerArgumentReader';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { analyzeWithAllModules } from '../support/analyzeInTree';

const RULE = 'args/header-arguments';
const HEADER_ACTIONS = ['add', 'append', 'echo', 'edit', 'edit*', 'merge', 'set', 'setifempty', 'unset', 'note'];
const REQUEST_HEADER_ACTIONS = ['add', 'append', 'edit', 'edit*', 'merge', 'set', 'setifempty', 'unset'];

/** The reader's verdict on a line's words (split at blanks); `false` expressions are the ones that fail to parse. */
function read(line: string, directive: HeaderDirective = 'Header', failing: readonly string[] = []) {
  const words = line === '' ? [] : line.split(' ');
  const actions = directive === 'Header' ? HEADER_ACTIONS : REQUEST_HEADER_ACTIONS;
  return headerRefusal(directive, words, actions, (condition) => failing.includes(condition));
}
const apache = (line: string, directive: HeaderDirective = 'Header') => read(line, directive)?.apache;

const findings = (text: string): Diagnostic[] => analyzeWithAllModules(text).filter((d) => d.code === RULE);
const span = (d: Diagnostic) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
const messageOf = (d: Diagnostic) => String(d.message);

test('every action with the words it takes is accepted, conditions and action words in any case', () => {
  for (const line of [
    'set X a', 'SET X a', 'always Set X a', 'OnSuccess merge X a', 'add X a env=Y', 'append X a env=!Y', 'merge X a ENV=Y', 'setifempty X a Early',
    'set X a env=!!', 'set X a expr=true', 'set X a EXPR=true', 'note X y', 'unset X', 'unset', 'unset X early', 'always unset X env=Y',
    'echo', 'echo ^X$', 'echo X early', 'edit X a b', 'edit* X ^(.*)$ $1;Secure', 'edit X a b early', 'edit X a b env=Y',
  ]) {
    assert.equal(apache(line), undefined, line);
  }
  assert.equal(apache('set X a', 'RequestHeader'), undefined);
  assert.equal(apache('edit X a b early', 'RequestHeader'), undefined);
});

test('too few words: a value for set and the like, a match and a substitution for edit', () => {
  for (const line of ['set X', 'set', 'note X', 'always add X']) assert.equal(apache(line), 'Header requires three arguments', line);
  assert.equal(apache('set X', 'RequestHeader'), 'Header requires three arguments', 'Apache says Header for RequestHeader too');
  for (const line of ['edit X', 'edit X a', 'edit* X a']) assert.equal(apache(line), 'Header edit requires a match and a substitution', line);
  assert.deepEqual(read('always set X'), { kind: 'no-value', action: 'set', apache: 'Header requires three arguments', from: 1, to: 2 });
});

test('too many words, counted before the action is read, then per action', () => {
  assert.equal(apache('set X a b c d'), 'Header has too many arguments');
  assert.equal(apache('set X a b c d', 'RequestHeader'), 'RequestHeader has too many arguments');
  assert.deepEqual(read('always set X a b c d e'), { kind: 'too-many', apache: 'Header has too many arguments', from: 6, to: 7 });
  assert.equal(apache('foo a b c d e'), 'Header has too many arguments');
  for (const line of ['set X a b c', 'setifempty X a b c', 'merge X a early b']) assert.equal(apache(line), 'Too many arguments to directive', line);
  assert.equal(apache('unset X env=A b'), 'header unset takes two arguments');
  assert.equal(apache('echo X env=A b'), 'Header echo takes two arguments');
  assert.equal(apache('edit X a b c'), 'Unknown parameter: c');
});

test('the clause: early, env=NAME, env=!NAME or expr=…; anything else is an unknown parameter', () => {
  const missing = 'error: missing environment variable name. envclause should be in the form env=envar';
  for (const line of ['set X a env=', 'set X a env=!', 'set X a ENV=', 'unset X env=', 'echo X env=', 'edit X a b env=!']) assert.equal(apache(line), missing, line);
  assert.equal(apache('set X a b'), 'Unknown parameter: b');
  assert.equal(apache('unset X Y'), 'Unknown parameter: Y');
  assert.equal(apache('echo X Y'), 'Unknown parameter: Y');
  assert.deepEqual(read('unset X Y'), { kind: 'clause', action: 'unset', apache: 'Unknown parameter: Y', from: 2, to: 2 });
  assert.equal(headerRefusal('Header', ['set', 'X', '', ''], HEADER_ACTIONS, () => false)?.apache, 'Unknown parameter: ', 'an empty word is a word');
});

test('an expression that does not parse is refused in its turn, and Apache reads no further', () => {
  assert.equal(read('set X %z expr=bad', 'Header', ['bad'])?.kind, 'expression');
  assert.equal(read('set X %z expr=good', 'Header', ['bad'])?.apache, 'Unrecognized header format %z');
  assert.equal(read('set X expr=bad expr=bad', 'Header', ['bad'])?.kind, 'expression', 'the condition is read before the value');
  assert.equal(read('set X expr=bad early', 'Header', ['bad'])?.kind, 'value-expression');
  assert.equal(read('edit X a expr=bad b', 'Header', ['bad'])?.apache, 'Unknown parameter: b', 'a clause that is no clause comes first');
  assert.equal(read('edit X ( expr=bad expr=bad', 'Header', ['bad'])?.kind, 'regex', "edit's regex comes first");
});

test('one error for a line with a bad expression, on the word Apache refuses first', () => {
  const errors = (text: string) => analyzeWithAllModules(text).filter((d) => d.severity === DiagnosticSeverity.Error);
  const cases: [string, string, string][] = [
    ['Header edit X a "expr=%{X" b\n', RULE, 'b'],
    ['Header set X "expr=%{X" "expr=-z"\n', 'expr/parse-error', '"expr=-z"'],
    ['Header edit X "(" b "expr=%{REQUEST_URI} =="\n', RULE, '"("'],
    ['Header edit X a "expr=%{X}" "expr=true"\n', 'expr/parse-error', '"expr=%{X}"'],
    ['Header edit X a expr=%{FOO} extra x\n', RULE, 'x'],
  ];
  for (const [text, code, word] of cases) {
    const found = errors(text);
    assert.equal(found.length, 1, text);
    assert.equal(found[0].code, code, text);
    const start = text.lastIndexOf(word);
    assert.ok(found[0].range.start.character >= start && found[0].range.end.character <= start + word.length, `${text}: ${JSON.stringify(found[0].range)}`);
  }
});

test('regexes: edit\'s match and echo\'s header pattern, judged only where no PCRE accepts them', () => {
  for (const regex of ['(', ')', 'a**', '*a', '[a', '(?#x', 'a\\']) {
    assert.equal(apache(`edit X ${regex} b`), 'Header edit regex could not be compiled', regex);
    assert.equal(apache(`echo ${regex}`), 'Header echo regex could not be compiled', regex);
  }
  assert.equal(read('edit X ( b')?.detail, 'a `(` is never closed');
  for (const regex of ['(?<n>a)', '(?i)a', 'a++', 'x{', '\\Qa(\\E', '^X-(A|B)$']) assert.equal(apache(`edit X ${regex} b`), undefined, regex);
  assert.equal(apache('edit X ( b env='), 'Header edit regex could not be compiled', 'the regex comes before the clause');
});

test('% formats in the value: the registered letters, %{…} before them, %% and a lone % at the end', () => {
  for (const value of ['%D %t %e %s %l %i %b', '%{x}D%{HOME}e%{HTTPS}s', '%{}e', '%{a}}e', '%{a%z}e', '%%', '%', 'a%', '%%%', 'a%%z', '\\%%', 'no formats']) {
    assert.equal(formatRefusal(value), undefined, value);
  }
  const cases: [string, string][] = [
    ['%z', 'Unrecognized header format %z'],
    ['%T', 'Unrecognized header format %T'],
    ['%{foo}z', 'Unrecognized header format %z'],
    ['%t %x', 'Unrecognized header format %x'],
    ['\\%z', 'Unrecognized header format %z'],
    ['%%%z', 'Unrecognized header format %z'],
    ['%{a}}}z', 'Unrecognized header format %z'],
    ['%{foo', 'Unrecognized header format %'],
    ['%{foo}', 'Unrecognized header format %'],
    ['%{', 'Unrecognized header format %'],
    ['%{a}}', 'Unrecognized header format %'],
    ['%{a}%', 'Unrecognized header format %%'],
  ];
  for (const [value, message] of cases) assert.equal(formatRefusal(value), message, value);
  assert.equal(apache('edit X a %z'), 'Unrecognized header format %z', "edit's formats are in its replacement");
  assert.equal(apache('unset X'), undefined);
  assert.equal(apache('echo %z'), undefined, "echo's header is a regex, not a format");
  assert.equal(apache('set X expr=%z'), undefined, 'a value expression is expr/parse-error\'s');
  assert.equal(apache('set X EXPR=%{foo}'), 'Unrecognized header format %', 'the value expression prefix is case-sensitive');
});

test('an action another rule reports is not judged here', () => {
  assert.equal(apache('echo X', 'RequestHeader'), undefined);
  assert.equal(apache('note X', 'RequestHeader'), undefined);
  assert.equal(apache('always set X', 'RequestHeader'), undefined);
  assert.equal(apache('always'), undefined);
  assert.equal(apache('foo X'), undefined);
  assert.equal(apache(''), undefined);
});

test('the error is on the word it is about, with Apache\'s words and advice', () => {
  const [format] = findings('Header always set X-Time "%{foo}z"\n');
  assert.equal(format.severity, DiagnosticSeverity.Error);
  assert.deepEqual(span(format), [0, 25, 0, 34]);
  assert.match(messageOf(format), /^Apache refuses this line: "Unrecognized header format %z"\. In a value mod_headers knows %D, %t, %e, %l, %s, %i, %b/);
  assert.deepEqual(format.data, { ruleId: RULE, apacheMessage: 'Unrecognized header format %z' });
  const [clause] = findings('Header set X-Frame-Options SAMEORIGIN ALLOW-FROM\n');
  assert.deepEqual(span(clause), [0, 38, 0, 48]);
  assert.match(messageOf(clause), /"Unknown parameter: ALLOW-FROM"\. After the value may come only one of early, env=NAME.*a value with blanks needs quotes/);
  const [missing] = findings('Header always set Strict-Transport-Security\n');
  assert.deepEqual(span(missing), [0, 14, 0, 43], 'from the action to the last word');
  assert.match(messageOf(missing), /set needs a value after the header name/);
  const [many] = findings('RequestHeader set X a b c d e\n');
  assert.deepEqual(span(many), [0, 26, 0, 29]);
  assert.match(messageOf(findings('Header edit X ( b\n')[0]), /"Header edit regex could not be compiled"\. A `\(` is never closed\./);
  assert.match(messageOf(findings('Header set X a env=!\n')[0]), /Name the variable: env=NAME/);
  assert.match(messageOf(findings('Header unset X Y\n')[0]), /unset takes no value/);
  assert.match(messageOf(findings('Header note X\n')[0]), /note needs the name of the note/);
  assert.match(messageOf(findings('Header edit X a\n')[0]), /edit takes a regular expression and its replacement/);
  assert.match(messageOf(findings('Header set X "%{foo}"\n')[0]), /needs its letter after the brace/);
});

test('a continued line is blamed on its last physical line, which the range reaches', () => {
  const [continued] = findings('Header set X a \\\n    b\n');
  assert.deepEqual(span(continued), [1, 4, 1, 5]);
  const [format] = findings('Header set X "%z" \\\n    early\n');
  assert.deepEqual(span(format), [0, 13, 1, 9]);
});

test('a line with ${VAR} is read after substitution and reported on the directive', () => {
  const [blank] = findings('Define V "a b"\nHeader set X ${V}\n');
  assert.deepEqual(span(blank), [1, 0, 1, 6]);
  assert.match(messageOf(blank), /"Unknown parameter: b"/);
  assert.match(messageOf(findings('Define E "%z"\nHeader set X "x ${E}"\n')[0]), /"Unrecognized header format %z"/);
  assert.match(messageOf(findings('Define A set\nHeader ${A} X\n')[0]), /"Header requires three arguments"/);
  assert.match(messageOf(findings('Define H RequestHeader\n${H} set X\n')[0]), /"Header requires three arguments"/, 'the name may come from a variable too');
  assert.deepEqual(findings('Define V "a early"\nHeader set X ${V}\n'), []);
  // A file checked on its own cannot know the Defines made elsewhere.
  assert.deepEqual(analyzeFile(parseConfig('Header set X ${V}\n')).filter((d) => d.code === RULE), []);
});

test('only lines Apache reads with mod_headers loaded are judged, and other rules keep theirs', () => {
  assert.deepEqual(findings('<IfModule !headers_module>\n    Header set X\n</IfModule>\n'), []);
  assert.deepEqual(findings('<IfDefine NEVER>\n    Header set X\n</IfDefine>\n'), []);
  const macro = '<Macro H $v>\n    Header set X $v\n</Macro>\n';
  assert.deepEqual(findings(macro), [], 'a macro body is read where it is used');
  assert.deepEqual(findings(`${macro}Use H a\n`), []);
  // In an expansion, the first refusal is define/macro-expansion's, on the Use line, naming this rule.
  const [used] = analyzeWithAllModules(`${macro}Use H %z\n`).filter((d) => d.code === 'define/macro-expansion');
  assert.match(messageOf(used), /"Unrecognized header format %z".*\[args\/header-arguments\]$/);
  const withoutModule = analyzeFile(parseConfig('LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\nHeader set X\n'));
  assert.deepEqual(withoutModule.map((d) => d.code), ['mod/unknown-directive']);
  const codes = (text: string) => analyzeWithAllModules(text).filter((d) => d.severity === DiagnosticSeverity.Error).map((d) => d.code);
  assert.deepEqual(codes('RequestHeader echo X\n'), ['args/invalid-value']);
  assert.deepEqual(codes('Header always\n'), ['args/invalid-value']);
  assert.deepEqual(codes('Header set X a expr=%{foo\n'), ['expr/parse-error']);
  assert.deepEqual(codes('Header set X "expr=%{foo"\n'), ['expr/parse-error']);
});
