// Header and RequestHeader lines through the real `apache2 -t`: when
// args/header-arguments reports an error Apache must refuse the line with
// exactly the message we quote; when it reports none, Apache must accept it,
// unless the line is another rule's (an unknown action, an expression that
// does not parse), which that rule must then report. The fixture oracle
// (structure.test.ts) covers test/fixtures/headers.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { Prober } from '../../scripts/knowledge/prober';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { requireApache } from '../support/apacheOracle';

const RULE = 'args/header-arguments';

const ACCEPTED = [
  'Header set X a',
  'Header set X ""',
  'Header set X: a',
  'Header set "" a',
  'Header SET X a',
  'Header ALWAYS Set X a',
  'Header OnSuccess merge X a',
  'Header always unset X',
  'Header unset X',
  'Header unset',
  'Header unset X early',
  'Header unset X env=Y',
  'Header unset X "expr=%{REQUEST_URI} =~ m#^/a#"',
  'Header add X a env=Y',
  'Header append X a env=!Y',
  'Header merge X a ENV=Y',
  'Header set X a env=!!',
  'Header setifempty X a Early',
  'Header set X a "expr=%{HTTPS} == \'on\'"',
  'Header set X a EXPR=true',
  'Header note X y',
  'Header edit X a b',
  'Header edit X a ""',
  'Header edit X "" b',
  'Header edit* X "^(.*)$" "$1; Secure"',
  'Header edit X a b early',
  'Header edit X a b env=Y',
  'Header edit X "(?<n>a)" b',
  'Header edit X "(?i)a" b',
  'Header edit X "a++" b',
  'Header edit X "x{" b',
  'Header edit X a %{x}e',
  'Header edit X a "%t %D"',
  'Header echo',
  'Header echo ^X$',
  'Header echo X early',
  'Header echo X env=Y',
  'Header always echo "^X-(A|B)"',
  'Header set X "%D %t %e %s %l %i %b"',
  'Header set X "%{x}D %{x}t %{HOME}e %{HTTPS}s %{x}l %{x}i %{x}b"',
  'Header set X "%{}e"',
  'Header set X "%{a}}e"',
  'Header set X "%{a%z}e"',
  'Header set X %%',
  'Header set X %',
  'Header set X a%',
  'Header set X "%%%"',
  'Header set X "a%%z"',
  'Header set X "text with blanks %t"',
  "Header set X 'a b' early",
  'Header set X expr=',
  'Header set X "expr=%{REQUEST_URI}"',
  'Header always set X "%{x}e %{y}s" "expr=-n %{HTTPS}"',
  'RequestHeader set X a',
  'RequestHeader unset X',
  'RequestHeader edit X a b',
  'RequestHeader set X-Client-DN "%{SSL_CLIENT_S_DN}s" "expr=%{SSL_CLIENT_VERIFY} == \'SUCCESS\'"',
  'RequestHeader append X a early',
  'Header set X "abc',
];

const REFUSED = [
  'Header set X',
  'Header set',
  'Header note X',
  'Header always add X',
  'Header set X a b',
  'Header set X a b c',
  'Header set X a b c d',
  'Header always set X a b c d',
  'Header setifempty X a b c',
  'Header merge X a early b',
  'Header set X "" ""',
  'Header unset X Y',
  'Header unset X ""',
  'Header unset X env=A b',
  'Header unset X a b c d',
  'Header echo X Y',
  'Header echo X env=A b',
  'Header echo (',
  'Header echo "a|*"',
  'Header echo "?"',
  'Header echo [',
  'Header echo "[]"',
  'Header always echo (',
  'Header edit X',
  'Header edit X a',
  'Header edit* X a',
  'Header edit X ( b',
  'Header edit X ")" b',
  'Header edit X "a**" b',
  'Header edit X "*a" b',
  'Header edit X "[a" b',
  'Header edit X "(?#x" b',
  'Header edit* X "(" b',
  'Header edit X ( b env=',
  'Header edit X a b c',
  'Header edit X a b c d',
  'Header edit X a %z',
  'Header set X a env=',
  'Header set X a env=!',
  'Header set X a "env=!"',
  'Header set X a ENV=',
  'Header unset X env=',
  'Header echo X env=',
  'Header set X "%{foo}z"',
  'Header set X "%z"',
  'Header set X "%T"',
  'Header set X "%{foo"',
  'Header set X "%{foo}"',
  'Header set X "%{"',
  'Header set X "%{}}"',
  'Header set X "%{a}}"',
  'Header set X "%{a}}}z"',
  'Header set X "%%%z"',
  'Header set X "%{a}%"',
  'Header set X "EXPR=%{foo}"',
  'Header set X "%t %x"',
  'Header set X "%z',
  "Header set X 'a%z'",
  'Header set X a # comment',
  'RequestHeader set X',
  'RequestHeader set X a b c d',
  'RequestHeader unset X Y',
  'RequestHeader edit X',
  'RequestHeader edit X ( b',
  'RequestHeader set X a env=',
  'RequestHeader set X "%q"',
  // Apache counts the words before it reads the action; args/invalid-value reports the action too.
  'Header foo a b c d e',
];

/** Refused by Apache, and reported by another rule. */
const OTHERS_TO_REPORT = [
  'Header always',
  'Header foo X a',
  'RequestHeader echo X',
  'RequestHeader note X y',
  'RequestHeader always set X a',
  'Header set X a expr=%{foo',
  'Header set X a expr=',
  'Header set X "expr=%{foo"',
  'Header unset X "expr=%{foo"',
];

const prober = new Prober();
after(() => prober.close());

/** Our errors on the line: this rule's Apache message, and which other rules report an error. */
function ours(line: string): { message?: string; others: string[] } {
  const errors = analyzeFile(parseConfig(`${line}\n`)).filter((d) => d.severity === DiagnosticSeverity.Error);
  const mine = errors.find((d) => d.code === RULE);
  return { message: (mine?.data as { apacheMessage: string } | undefined)?.apacheMessage, others: errors.filter((d) => d !== mine).map((d) => String(d.code)) };
}

test('apache2 -t agrees with args/header-arguments on every line, message for message', async () => {
  requireApache();
  const lines = [...ACCEPTED, ...REFUSED, ...OTHERS_TO_REPORT];
  const verdicts = await prober.testMany('event', lines.map((line, index) => ({ id: String(index), lines: [line] })));
  const problems: string[] = [];
  lines.forEach((line, index) => {
    const { message, others } = ours(line);
    const apache = verdicts.get(String(index));
    if (ACCEPTED.includes(line) && (message !== undefined || others.length > 0)) problems.push(`${line}: expected no error from us, we say ${message ?? others.join(', ')}`);
    if (REFUSED.includes(line) && message === undefined) problems.push(`${line}: expected an error from us`);
    if (OTHERS_TO_REPORT.includes(line) && (message !== undefined || others.length === 0)) problems.push(`${line}: expected only another rule's error, we say ${message ?? 'nothing'}`);
    if (!apache) problems.push(`${line}: no verdict from Apache`);
    else if (message === undefined && others.length === 0 && !apache.ok) problems.push(`${line}: we accept it, Apache says ${apache.message}`);
    else if (message !== undefined && apache.ok) problems.push(`${line}: we say "${message}", Apache accepts it`);
    // Apache's message as read from its output has lost the blank some of its messages end with.
    else if (message !== undefined && apache.message?.trimEnd() !== message.trimEnd()) problems.push(`${line}:\n    we:     ${message}\n    Apache: ${apache.message}`);
  });
  assert.deepEqual(problems, []);
  console.log(`apache2 -t agreed on ${lines.length} lines (${ACCEPTED.length} accepted, ${REFUSED.length} refused, ${OTHERS_TO_REPORT.length} other rules') in ${prober.runs} runs`);
});
