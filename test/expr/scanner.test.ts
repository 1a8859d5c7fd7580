import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ExprScanner, MAX_STRING_LENGTH, scanExpression, type ScannerOptions } from '../../server/src/parser/expr/scanner';

/** Token kinds after the leading T_EXPR_BOOL, without the final $end. */
const kinds = (text: string, options?: ScannerOptions) =>
  scanExpression(text, options)
    .slice(1)
    .filter((t) => t.kind !== '$end')
    .map((t) => t.kind);

const values = (text: string) =>
  scanExpression(text)
    .slice(1)
    .filter((t) => t.kind !== '$end')
    .map((t) => t.value ?? t.kind);

test('comparison operators, with their alternative spellings', () => {
  assert.deepEqual(kinds('== = != < <= > >= =~ !~'), [
    'T_OP_STR_EQ', 'T_OP_STR_EQ', 'T_OP_STR_NE', 'T_OP_STR_LT', 'T_OP_STR_LE', 'T_OP_STR_GT', 'T_OP_STR_GE', 'T_OP_REG', 'T_OP_NRE',
  ]);
  assert.deepEqual(kinds('-eq -ne -lt -le -gt -ge -in'), ['T_OP_EQ', 'T_OP_NE', 'T_OP_LT', 'T_OP_LE', 'T_OP_GT', 'T_OP_GE', 'T_OP_IN']);
  // The word forms are integer comparisons too (kept for SSLRequire).
  assert.deepEqual(kinds('eq ne lt le gt ge in'), ['T_OP_EQ', 'T_OP_NE', 'T_OP_LT', 'T_OP_LE', 'T_OP_GT', 'T_OP_GE', 'T_OP_IN']);
});

test('boolean operators: symbols and words', () => {
  assert.deepEqual(kinds('&& and || or ! not'), ['T_OP_AND', 'T_OP_AND', 'T_OP_OR', 'T_OP_OR', 'T_OP_NOT', 'T_OP_NOT']);
  assert.deepEqual(kinds('true false'), ['T_TRUE', 'T_FALSE']);
});

test('the longest match wins: keywords only when the whole word is the keyword', () => {
  assert.deepEqual(values('equal eq android and trueish true'), ['equal', 'T_OP_EQ', 'android', 'T_OP_AND', 'trueish', 'T_TRUE']);
  // Keywords are lower case only.
  assert.deepEqual(kinds('EQ And TRUE'), ['T_ID', 'T_ID', 'T_ID']);
});

test('dash words: one letter is a unary operator, more a binary one, -in/-eq… themselves', () => {
  assert.deepEqual(scanExpression('-n -R -ipmatch -inx -IN -_').slice(1, -1).map((t) => [t.kind, t.value]), [
    ['T_OP_UNARY', 'n'],
    ['T_OP_UNARY', 'R'],
    ['T_OP_BINARY', 'ipmatch'],
    ['T_OP_BINARY', 'inx'],
    ['T_OP_BINARY', 'IN'],
    ['T_OP_UNARY', '_'],
  ]);
  assert.deepEqual(values('-12 12 007'), ['-12', '12', '007']);
});

test('strings: begin, text, variables and back-references, end', () => {
  const tokens = scanExpression("'a %{HTTP_HOST} b $1'").slice(1, -1);
  assert.deepEqual(
    tokens.map((t) => [t.kind, t.value ?? t.index ?? '']),
    [
      ['T_STR_BEGIN', ''],
      ['T_STRING', 'a '],
      ['T_VAR_BEGIN', ''],
      ['T_ID', 'HTTP_HOST'],
      ['T_VAR_END', ''],
      ['T_STRING', ' b '],
      ['T_REGEX_BACKREF', 1],
      ['T_STR_END', ''],
    ],
  );
  assert.deepEqual(tokens.map((t) => [t.start, t.end]), [[0, 1], [1, 3], [3, 5], [5, 14], [14, 15], [15, 18], [18, 20], [20, 21]]);
});

test('inside a string the other quote and lone %, }, $ are text', () => {
  assert.deepEqual(values(`"it's 100% {x} $"`), ['T_STR_BEGIN', "it's 100% {x} $", 'T_STR_END']);
  assert.deepEqual(values("''"), ['T_STR_BEGIN', 'T_STR_END']);
});

test('escapes: control characters, octal, and any other character itself', () => {
  assert.deepEqual(values("'\\n\\t\\101\\'\\q'"), ['T_STR_BEGIN', "\n\tA'q", 'T_STR_END']);
  const error = (text: string) => scanExpression(text).find((t) => t.kind === 'T_ERROR')?.error;
  assert.equal(error("'\\8'"), 'Bad escape sequence');
  // `\0123` is longer as `\\[0-9]+` than as an octal escape: the longer rule wins.
  assert.equal(error("'\\0123'"), 'Bad escape sequence');
  assert.equal(error("'\\400'"), 'Escape sequence out of bound');
});

test('%{name} and %{func:argument}', () => {
  assert.deepEqual(kinds('%{HTTP:X-Forwarded-For}'), ['T_VAR_BEGIN', 'T_ID', "':'", 'T_STRING', 'T_VAR_END']);
  assert.deepEqual(values('%{ENV:a%b$c}'), ['T_VAR_BEGIN', 'ENV', "':'", 'a%b$c', 'T_VAR_END']);
  const invalid = scanExpression('%{HTTP-HOST}').find((t) => t.kind === 'T_ERROR');
  assert.equal(invalid?.error, "Invalid character in variable name '-'");
  assert.deepEqual([invalid?.start, invalid?.end], [6, 7]);
  assert.equal(scanExpression('%{HTTP_HOST').at(-1)?.error, 'Unterminated string or variable');
});

test('regexes: /…/, m plus a delimiter, the i flag; no escaping of the delimiter', () => {
  const regex = (text: string) => scanExpression(text).slice(1, -1).map((t) => [t.kind, t.value, t.start, t.end]);
  assert.deepEqual(regex('/^a/i'), [['T_REGEX_I', '^a', 0, 5]]);
  assert.deepEqual(regex('m#^/a#'), [['T_REGEX', '^/a', 0, 6]]);
  assert.deepEqual(regex('m_x_'), [['T_ID', 'm_x_', 0, 4]]);
  assert.deepEqual(regex('m_/_'), [['T_REGEX', '/', 0, 4]]);
  assert.deepEqual(regex('/a\\/b/').slice(0, 1), [['T_REGEX', 'a\\', 0, 4]]);
  // An unterminated regex just ends the input.
  assert.deepEqual(kinds('/abc'), []);
});

test('anything else is "Parse error near …"', () => {
  assert.equal(scanExpression("'a' & 'b'").find((t) => t.kind === 'T_ERROR')?.error, "Parse error near '&'");
  assert.equal(scanExpression('@').at(-1)?.error, "Parse error near '@'");
  // Only blanks, tabs and newlines separate tokens.
  assert.equal(scanExpression('true\rtrue').find((t) => t.kind === 'T_ERROR')?.error, "Parse error near '\r'");
});

test('input the real scanner has no rule for jams it', () => {
  for (const [text, at] of [["%{HTTP:a'b}", 8], ["'abc\\", 4]] as const) {
    const scanner = new ExprScanner(text);
    while (scanner.next().kind !== '$end');
    assert.deepEqual(scanner.jammed, { start: at, end: at + 1 }, text);
  }
});

test('strings and regexes are limited to MAX_STRING_LEN - 1 characters', () => {
  const ok = `'${'a'.repeat(MAX_STRING_LENGTH - 1)}'`;
  assert.equal(scanExpression(ok).some((t) => t.kind === 'T_ERROR'), false);
  assert.equal(scanExpression(`'${'a'.repeat(MAX_STRING_LENGTH)}'`).at(-1)?.error, 'String too long');
  assert.equal(scanExpression(`/${'a'.repeat(MAX_STRING_LENGTH)}/`).at(-1)?.error, 'Regexp too long');
});

test('a string-valued expression starts inside a string without delimiter', () => {
  assert.deepEqual(kinds(`a'b"c %{HTTP_HOST}`, { stringResult: true }), ['T_STRING', 'T_VAR_BEGIN', 'T_ID', 'T_VAR_END', 'T_STRING']);
  assert.equal(scanExpression('x', { stringResult: true })[0].kind, 'T_EXPR_STRING');
});
