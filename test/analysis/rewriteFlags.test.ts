// args/rewrite-flags without Apache: how mod_rewrite's flag reader is
// followed, and where and how the rule reports. test/oracle/rewriteFlags.test.ts
// holds the same reader to apache2 -t, case for case.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { flagsRefusal, isRuleFlag } from '../../server/src/analysis/rewriteFlagReader';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { analyzeWithAllModules } from '../support/analyzeInTree';

const RULE = 'args/rewrite-flags';
const rule = (field: string) => flagsRefusal('RewriteRule', field)?.apache;
const condition = (field: string) => flagsRefusal('RewriteCond', field)?.apache;

/** The rule's findings for a file included from a main configuration that loads every module. */
const findings = (text: string): Diagnostic[] => analyzeWithAllModules(text).filter((d) => d.code === RULE);
const span = (d: Diagnostic) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character];
const messageOf = (d: Diagnostic) => String(d.message);

test('every RewriteRule flag by its short and long name, in any case, with and without values', () => {
  const accepted = [
    '[B]', '[backrefescaping]', '[B=?&]', '[BNP]', '[backrefernoplus]', '[BCTLS]', '[BNE=/]', '[bne=/]',
    '[C]', '[chain]', '[CO=a:b:.example]', '[cookie=a:b]', '[co]', '[DPI]', '[discardpath]', '[D]',
    '[E=VAR:val]', '[env=!VAR]', '[E]', '[END]', '[end]', '[F]', '[forbidden]', '[G]', '[gone]',
    '[H=server-status]', '[handler=x]', '[L]', '[last]', '[LAST]', '[l]', '[N]', '[next]', '[N=32000]', '[N=abc]',
    '[NC]', '[nocase]', '[NE]', '[noescape]', '[NS]', '[nosubreq]', '[P]', '[proxy]', '[PT]', '[passthrough]',
    '[QSA]', '[qsappend]', '[QSD]', '[qsdiscard]', '[QSL]', '[qslast]', '[R]', '[redirect]', '[R=]', '[S=2]', '[skip=1]', '[S=abc]',
    '[T=text/plain]', '[type=x]', '[UnsafeAllow3F]', '[unsafeallow3f]', '[UnsafePrefixStat]', '[UNC]', '[unc]',
    '[L=1]', '[NC=x]', '[P=1,PT]', '[R=301,L,QSA,NE]',
  ];
  for (const field of accepted) assert.equal(rule(field), undefined, field);
  assert.equal(rule('[FOO]'), "RewriteRule: unknown flag 'FOO'");
  assert.equal(rule('[L,FOO=bar]'), "RewriteRule: unknown flag 'FOO'", 'the name ends at =');
  for (const name of ['Q', 'U', 'Unsafe', 'BX', 'CX', 'ENDX', 'NEx', 'backrefnoplus', 'OR']) {
    assert.equal(rule(`[${name}]`), `RewriteRule: unknown flag '${name}'`, name);
  }
});

test('flags Apache accepts whatever follows: any name starting with D, a value where none is read', () => {
  assert.equal(rule('[Dfoo]'), undefined);
  assert.equal(rule('[DPI=x,Drop]'), undefined);
  assert.equal(rule('[L=anything,NS=1]'), undefined);
});

test('R= takes keywords, and numbers as atoi reads them when Apache knows the status', () => {
  for (const value of ['permanent', 'Temp', 'seeother', '301', '0301', '301x', '301=2', '200', '404', '410', '500', '501', '100', '103', '308', 'abc', '-301', '']) {
    assert.equal(rule(`[R=${value}]`), undefined, value);
  }
  for (const value of ['999', '399', '309', '306', '99', '0', '3', '600', '3010', '418']) {
    assert.equal(rule(`[R=${value}]`), `RewriteRule: invalid HTTP response code '${value}' for flag 'R'`, value);
  }
  assert.equal(rule('[redirect=999]'), "RewriteRule: invalid HTTP response code '999' for flag 'R'");
  // strtol clamps to LONG_MAX, then the int keeps the low 32 bits: 2^32 + 301 is 301.
  assert.equal(rule('[R=4294967597]'), undefined);
  assert.equal(rule('[R=4294967296]'), "RewriteRule: invalid HTTP response code '4294967296' for flag 'R'");
  assert.equal(rule('[R=18446744073709551917]'), "RewriteRule: invalid HTTP response code '18446744073709551917' for flag 'R'");
});

test('BNE needs characters', () => {
  const bne = "RewriteRule: flag 'BNE' wants a list of characters (i.e. [BNE=...])";
  assert.equal(rule('[BNE]'), bne);
  assert.equal(rule('[B,BNE=,L]'), bne);
  assert.equal(rule('[bne]'), bne);
});

test('the first refusal wins, as Apache stops there', () => {
  assert.equal(rule('[L,FOO,R=999]'), "RewriteRule: unknown flag 'FOO'");
  assert.equal(rule('[R=999,FOO]'), "RewriteRule: invalid HTTP response code '999' for flag 'R'");
  assert.equal(rule('[R=temp,R=999]'), "RewriteRule: invalid HTTP response code '999' for flag 'R'");
});

test('delimiters, empty flags, and the blanks mod_rewrite trims or keeps', () => {
  for (const field of ['[L', 'L]', 'L', '', '[', ']', '[L]x', '#']) assert.equal(rule(field), 'RewriteRule: bad flag delimiters', field);
  for (const field of ['[]', '[,]', '[L,,R]', '[L,]', '[,L]', '[=x]']) assert.equal(rule(field), "RewriteRule: unknown flag ''", field);
  assert.equal(rule('[L]]'), "RewriteRule: unknown flag 'L]'");
  assert.equal(rule('[[L]'), "RewriteRule: unknown flag '[L'");
  assert.equal(rule('[ L , R ]'), undefined);
  assert.equal(rule('[\tL]'), undefined);
  assert.equal(rule('[ L , F OO ]'), "RewriteRule: unknown flag 'F OO'");
  assert.equal(rule('[ R = 999 ]'), "RewriteRule: unknown flag 'R '");
  assert.equal(rule('[L,R=30 1]'), "RewriteRule: invalid HTTP response code '30 1' for flag 'R'");
  // A comma right after blanks: Apache cuts the string before the flag, which keeps the comma and runs on.
  assert.equal(rule('[ ]'), "RewriteRule: unknown flag ','");
  assert.equal(rule('[L, ]'), "RewriteRule: unknown flag ','");
  assert.equal(rule('[L, ,R=301]'), "RewriteRule: unknown flag ',R'");
});

test('RewriteCond takes NC, OR and NV by either name, in any case', () => {
  assert.equal(condition('[nocase,ornext,novary,nc,or,nv,NC,OR,NV]'), undefined);
  assert.equal(condition('[NC=1]'), undefined);
  assert.equal(condition('[NC,L]'), "RewriteCond: unknown flag 'L'");
  assert.equal(condition('[FOO=bar]'), "RewriteCond: unknown flag 'FOO'");
  assert.equal(condition('[D]'), "RewriteCond: unknown flag 'D'");
  assert.equal(condition('[NC,]'), "RewriteCond: unknown flag ''");
  assert.equal(condition('[NC'), 'RewriteCond: bad flag delimiters');
  assert.ok(isRuleFlag('L') && isRuleFlag('redirect') && isRuleFlag('BNE') && !isRuleFlag('FOO') && !isRuleFlag('OR'));
});

test('the error is on the flags argument, quotes included, with Apache\'s words and advice', () => {
  const [unknown] = findings('RewriteRule ^/old /new [L,FOO]\n');
  assert.equal(unknown.severity, DiagnosticSeverity.Error);
  assert.deepEqual(span(unknown), [0, 23, 0, 30]);
  assert.match(messageOf(unknown), /^Apache refuses this line: "RewriteRule: unknown flag 'FOO'"\. RewriteRule takes B, BCTLS/);
  assert.deepEqual(unknown.data, { ruleId: RULE, apacheMessage: "RewriteRule: unknown flag 'FOO'" });
  const [quoted] = findings('RewriteRule "^/a b" "/c d" "[L, FOO]"\n');
  assert.deepEqual(span(quoted), [0, 27, 0, 37]);
  // mod_rewrite's own splitting: `\ ` keeps the blank in the pattern, so the flags are the third word.
  const [escaped] = findings('RewriteRule ^/a\\ b /c [FOO]\n');
  assert.deepEqual(span(escaped), [0, 22, 0, 27]);
});

test('the advice says what is wrong', () => {
  const advice = (line: string) => messageOf(findings(`${line}\n`)[0]);
  assert.match(advice('RewriteRule ^/a /b [L, R=301]'), /"RewriteRule: bad flag delimiters"\. The flags end at the first blank/);
  assert.match(advice('RewriteRule ^/a /b [L,R=301'), /lack their closing '\]'/);
  assert.match(advice('RewriteRule ^/a /b c [L]'), /must be its flags in square brackets.*pattern or substitution with a blank/);
  assert.match(advice('RewriteRule ^/a /b # moved'), /no end-of-line comments/);
  assert.match(advice('RewriteRule ^/a /b [L,]'), /A flag is empty/);
  assert.match(advice('RewriteRule ^/a /b [backrefnoplus]'), /BNP or backrefernoplus/);
  assert.match(advice('RewriteRule ^/a /b [L,OR]'), /'OR' is a RewriteCond flag/);
  assert.match(advice('RewriteRule ^/a /b [R=399]'), /R= takes permanent, temp, seeother/);
  assert.match(advice('RewriteRule ^/a /b [BNE]'), /such as \[B,BNE=\/\]/);
  assert.match(advice('RewriteCond %{HTTPS} !=on [NC,L]'), /'L' is a RewriteRule flag: put it on the RewriteRule/);
  assert.match(advice('RewriteCond %{HTTPS} !=on [FOO]'), /RewriteCond takes only NC \(nocase\), OR \(ornext\) and NV \(novary\)/);
  assert.match(advice('RewriteCond %{HTTP_USER_AGENT} ^Mozilla 5'), /test string or pattern with a blank/);
});

test('a continued line is blamed on its last physical line, which the range reaches', () => {
  const [continued] = findings('RewriteRule ^/old /new \\\n    [L,FOO]\n');
  assert.deepEqual(span(continued), [1, 4, 1, 11]);
  const [split] = findings('RewriteRule ^/old /new [L,\\\nFOO] \\\n\n');
  assert.deepEqual(span(split), [0, 23, 1, 4]);
});

test('a line with ${VAR} is read after substitution, quotes and all, and reported on the directive', () => {
  const [fromVariable] = findings('Define F "L,FOO"\nRewriteRule ^/a /b [${F}]\n');
  assert.deepEqual(span(fromVariable), [1, 0, 1, 11]);
  assert.match(messageOf(fromVariable), /unknown flag 'FOO'/);
  assert.match(messageOf(findings('Define F "[L, R]"\nRewriteRule ^/a /b ${F}\n')[0]), /bad flag delimiters/);
  assert.deepEqual(findings('Define F L\nRewriteRule ^/a /b "[${F}, R]"\n'), []);
  assert.deepEqual(span(findings('Define D RewriteRule\n${D} ^/a /b [FOO]\n')[0]), [1, 0, 1, 4], 'the name may come from a variable too');
  assert.match(messageOf(findings('RewriteRule ^/a /b [${UNDEFINED}]\n')[0]), /unknown flag '\$\{UNDEFINED\}'/);
  // A file checked on its own cannot know the Defines made elsewhere.
  assert.deepEqual(analyzeFile(parseConfig('RewriteRule ^/a /b [${F}]\n')).filter((d) => d.code === RULE), []);
});

test('words after the flags are ignored by Apache: a warning, unless it is a comment (syntax/trailing-comment)', () => {
  const [later] = findings('RewriteRule ^/old /new [R=301] [L]\n');
  assert.equal(later.severity, DiagnosticSeverity.Warning);
  assert.deepEqual(span(later), [0, 31, 0, 34]);
  assert.match(messageOf(later), /"\[L\]" is never read\. Put all the flags in one pair of brackets/);
  const [word] = findings('RewriteCond %{HTTPS} !=on [NC] extra words\nRewriteRule ^ - [F]\n');
  assert.deepEqual(span(word), [0, 31, 0, 42]);
  assert.doesNotMatch(messageOf(word), /brackets/);
  assert.deepEqual(findings('RewriteRule ^/old /new [L] # moved\n'), []);
  assert.deepEqual(findings('RewriteRule ^/old /new\nRewriteRule ^/old /new   \n'), []);
});

test('only lines Apache reads with mod_rewrite loaded are judged', () => {
  assert.deepEqual(findings('<IfModule !rewrite_module>\n    RewriteRule ^ - [FOO]\n</IfModule>\n'), []);
  assert.deepEqual(findings('<IfDefine NEVER>\n    RewriteRule ^ - [FOO]\n</IfDefine>\n'), []);
  const macro = '<Macro Moved $flag>\n    RewriteRule ^/old /new [$flag]\n</Macro>\n';
  assert.deepEqual(findings(macro), [], 'a macro body is read where it is used');
  assert.deepEqual(findings(`${macro}Use Moved L\n`), []);
  // In an expansion, the first refusal is define/macro-expansion's, on the Use line, naming this rule.
  const [used] = analyzeWithAllModules(`${macro}Use Moved FOO\n`).filter((d) => d.code === 'define/macro-expansion');
  assert.deepEqual(span(used), [3, 0, 3, 3]);
  assert.match(messageOf(used), /refused at line 1 of the macro's body.*"RewriteRule: unknown flag 'FOO'".*\[args\/rewrite-flags\]$/);
  assert.match(messageOf(findings('RewriteRule ^/a\n')[0]), /"RewriteRule: bad argument line '\^\/a'"/);
  const withoutModule = analyzeFile(parseConfig('LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\nRewriteRule ^ - [FOO]\n'));
  assert.deepEqual(withoutModule.map((d) => d.code), ['mod/unknown-directive']);
  assert.equal(findings('<Directory /srv>\n    rewritecond %{HTTPS} =on [nc,l]\n    REWRITERULE ^ - [f]\n</Directory>\n').length, 1);
});
