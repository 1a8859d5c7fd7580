// Regular expressions Apache compiles while reading the configuration, without
// Apache: what our PCRE2 reader says about a pattern, and where and how the
// rules report it. test/oracle/regexArguments.test.ts holds both to apache2 -t.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { regexSyntaxProblem } from '../../server/src/parser/expr/regexSyntax';
import { analyzeWithAllModules } from '../support/analyzeInTree';

const errors = (text: string): Diagnostic[] => analyzeWithAllModules(text).filter((d) => d.severity === DiagnosticSeverity.Error);

test('the reader says what is wrong, in terms of the pattern', () => {
  assert.equal(regexSyntaxProblem('^/(a'), 'a `(` is never closed');
  assert.equal(regexSyntaxProblem('a{2,1}'), '`{2,1}` has its numbers out of order');
  assert.equal(regexSyntaxProblem('a{1,70000}'), 'a repeat count in `{1,70000}` is over 65535');
  assert.equal(regexSyntaxProblem('^*'), '`*` cannot repeat `^`, which matches no character');
  assert.equal(regexSyntaxProblem('a*{2}'), '`{2}` follows another quantifier');
  assert.equal(regexSyntaxProblem('x\\y'), '`\\y` is not an escape PCRE knows');
  assert.equal(regexSyntaxProblem('(a)\\2'), '`\\2` refers to group 2, and the pattern has one group');
  assert.equal(regexSyntaxProblem('[z-a]'), 'the range `z-a` in the class is out of order');
  assert.match(regexSyntaxProblem('[\\w-.]') ?? '', /`\\w` stands for several characters and cannot end a range/);
  assert.equal(regexSyntaxProblem('[[:foo:]]'), '`[:foo:]` is not a POSIX class PCRE knows');
  assert.equal(regexSyntaxProblem('[:alpha:]'), '`[:alpha:]` belongs inside a class, as in `[[:alpha:]]`');
  assert.equal(regexSyntaxProblem('\\p{Foo}'), '`\\p{Foo}` names no property PCRE knows');
  assert.equal(regexSyntaxProblem('[\\pX]'), '`\\pX` names no property PCRE knows');
  assert.equal(regexSyntaxProblem('(?<=a|b+)c'), '`(?<=a|b+)`: a lookbehind must match a fixed number of characters (each alternative may have its own)');
  assert.equal(regexSyntaxProblem('(?<=a\\Kb)c'), '`\\K` is not allowed in a lookbehind');
  assert.equal(regexSyntaxProblem('(*FOO)a'), '`(*FOO)` is not a verb or option PCRE knows');
  assert.equal(regexSyntaxProblem('^(*UTF)a'), '`(*UTF)` is an option PCRE reads only at the start of the pattern');
  assert.equal(regexSyntaxProblem('a(*FAIL)*'), '`*` cannot repeat `(*FAIL)`, which matches no character');
  assert.equal(regexSyntaxProblem('(*LIMIT_MATCH=99999999999)a'), 'the limit in `(*LIMIT_MATCH=99999999999)` is too large');
});

test('extended mode and what the reader cannot judge get no verdict', () => {
  for (const pattern of ['(?x) ( # a comment', '(?ix)a # (', '\\p{sc:Lu}', '(*LIMIT_MATCH=4294967295)a', '[\\n-\\t]', '(?|(a)|(b))\\2']) {
    assert.equal(regexSyntaxProblem(pattern), undefined, pattern);
  }
});

test('the pattern word is reported, or the directive for a line with ${VAR}', () => {
  const [direct] = errors('RedirectMatch 301 "^/(old" /new\n');
  assert.equal(direct.code, 'args/invalid-value');
  assert.deepEqual([direct.range.start.character, direct.range.end.character], [18, 26]);
  const [substituted] = errors('Define P "^/(old"\nSetEnvIf Request_URI ${P} legacy\n');
  assert.equal(substituted.code, 'args/invalid-value');
  assert.deepEqual([substituted.range.start.line, substituted.range.start.character, substituted.range.end.character], [1, 0, 8]);
  assert.match(String(substituted.message), /"SetEnvIf regex could not be compiled\."/);
  const [section] = errors('<DirectoryMatch "^/srv/(a|b" extra>\n</DirectoryMatch>\n');
  assert.equal(section.code, 'syntax/section-arguments');
  assert.match(String(section.message), /"Regex could not be compiled"/, 'compiled before the extra word is counted');
});

test('ProxyRemoteMatch: the remote server is read first, so a bad one is the only error, and the pattern is judged after a good one', () => {
  assert.equal(errors('ProxyRemoteMatch "^(a" http://proxy.example:3128\n')[0]?.code, 'args/invalid-value');
  const remoteFirst = errors('ProxyRemoteMatch "^(a" proxy.example\n');
  assert.deepEqual(
    remoteFirst.map((d) => [d.code, (d.data as { apacheMessage?: string }).apacheMessage]),
    [['args/invalid-value', 'ProxyRemoteMatch: Bad syntax for a remote proxy server']],
  );
});

test('a Redirect line with the wrong number of words is args/count alone', () => {
  for (const text of ['RedirectMatch (\n', 'RedirectPermanent /x\n', 'RedirectTemp x\n']) {
    assert.deepEqual(errors(text).map((d) => d.code), ['args/count'], text);
  }
});

test('inside <Location>, RedirectMatch with a status and one word compiles no pattern', () => {
  assert.deepEqual(errors('<Location /a>\nRedirectMatch 301 "("\n</Location>\n'), []);
  assert.equal(errors('<Location /a>\nRedirectMatch "(" /b\n</Location>\n')[0]?.code, 'args/invalid-value');
});
