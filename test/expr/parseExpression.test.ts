import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Comparison, Condition, ExprNode, ExprReference, StringWord } from '../../server/src/parser/expr/ast';
import { MAX_PARSER_DEPTH, parseExpression } from '../../server/src/parser/expr/parseExpression';
import { forEachExprNode } from '../../server/src/parser/expr/walkExpression';

const parse = (text: string) => parseExpression(text);
const root = (text: string) => {
  const result = parse(text);
  assert.equal(result.error, undefined, `${text}: ${result.error?.message}`);
  return result.root as Condition;
};
/** A compact picture of a condition tree: operators, operand kinds and names. */
function shape(node: ExprNode): string {
  switch (node.type) {
    case 'true':
    case 'false':
      return node.type;
    case 'not':
      return `!(${shape(node.operand)})`;
    case 'and':
    case 'or':
      return `${node.type}(${shape(node.left)}, ${shape(node.right)})`;
    case 'group':
      return `(${shape(node.inner)})`;
    case 'comparison':
      return `${node.kind}(${shape(node.left)}, ${shape(node.right)})`;
    case 'unary':
      return `-${node.name}(${shape(node.operand)})`;
    case 'binary':
      return `-${node.name}(${shape(node.left)}, ${shape(node.right)})`;
    case 'number':
      return node.text;
    case 'string':
      return `'${node.parts.map(shape).join('')}'`;
    case 'text':
      return node.value;
    case 'variable':
      return `%{${node.name}}`;
    case 'variableFunction':
      return `%{${node.name}:${node.argument.parts.map(shape).join('')}}`;
    case 'backreference':
      return `$${node.index}`;
    case 'concat':
      return `concat(${shape(node.left)}, ${shape(node.right)})`;
    case 'call':
      return `${node.name}(${shape(node.argument)})`;
    case 'list':
      return `{${node.items.map(shape).join(', ')}}`;
    case 'regex':
      return `/${node.pattern}/${node.caseInsensitive ? 'i' : ''}`;
  }
}

test('literals and the boolean operators, with && binding tighter than ||', () => {
  assert.equal(shape(root('true')), 'true');
  assert.equal(shape(root('true || false && !true')), 'or(true, and(false, !(true)))');
  assert.equal(shape(root('(true || false) and not false')), 'and((or(true, false)), !(false))');
  // Both are right-associative in Apache's grammar.
  assert.equal(shape(root('true && false && true')), 'and(true, and(false, true))');
});

test('string and integer comparisons keep what they compare and how the operator was written', () => {
  const comparison = root("%{SSL_CLIENT_S_DN_CN} eq 'bob'") as Comparison;
  assert.equal(comparison.kind, 'int-eq');
  assert.deepEqual(comparison.operator, { start: 22, end: 24, text: 'eq' });
  const kinds = ['==', '=', '!=', '<', '<=', '>', '>=', '-eq', 'ne', '-lt', 'le', '-gt', 'ge'].map(
    (op) => (root(`'a' ${op} 'b'`) as Comparison).kind,
  );
  assert.deepEqual(kinds, ['str-eq', 'str-eq', 'str-ne', 'str-lt', 'str-le', 'str-gt', 'str-ge', 'int-eq', 'int-ne', 'int-lt', 'int-le', 'int-gt', 'int-ge']);
});

test('regex matches, lists and list functions', () => {
  assert.equal(shape(root('%{REQUEST_URI} =~ m#^/a#i')), 'match(%{REQUEST_URI}, /^/a/i)');
  assert.equal(shape(root("%{HTTP_HOST} !~ /x/")), 'not-match(%{HTTP_HOST}, /x/)');
  assert.equal(shape(root("%{REQUEST_METHOD} in { 'GET', 'HEAD' }")), "in(%{REQUEST_METHOD}, {'GET', 'HEAD'})");
  assert.equal(shape(root("'Staff' -in PeerExtList('1.2.3')")), "in('Staff', PeerExtList('1.2.3'))");
  const regex = (root('%{X} =~ m#ab#') as Comparison).right;
  assert.deepEqual(regex.type === 'regex' && [regex.patternSpan, regex.delimiter], [{ start: 10, end: 12 }, '#']);
});

test('unary and binary operators, functions, concatenation and back-references', () => {
  assert.equal(shape(root("-n %{HTTP:X-Debug} && -R '10.0.0.0/8'")), "and(-n(%{HTTP:X-Debug}), -R('10.0.0.0/8'))");
  assert.equal(shape(root("%{REMOTE_ADDR} -ipmatch '192.0.2.0/24'")), "-ipmatch(%{REMOTE_ADDR}, '192.0.2.0/24')");
  assert.equal(shape(root("tolower(%{HTTP_HOST} . '.') == 'a.'")), "str-eq(tolower(concat(%{HTTP_HOST}, '.')), 'a.')");
  assert.equal(shape(root("'a' . 'b' . 'c' == $1")), "str-eq(concat('a', concat('b', 'c')), $1)");
  assert.equal(shape(root("'x$1y%{ENV:HOME}' == -12")), "str-eq('x$1y%{ENV:HOME}', -12)");
});

test('a string-valued expression is one string', () => {
  const result = parseExpression("Host: %{HTTP_HOST} ('ok')", { stringResult: true });
  assert.equal(result.error, undefined);
  assert.equal(shape(result.root as StringWord), "'Host: %{HTTP_HOST} ('ok')'");
});

test('every node has offsets inside the text, and children inside their parent', () => {
  const text = "!(%{A} == 'x' || -n tolower(%{HTTP:Y})) && %{B} in {'1', '2'} && %{C} =~ /z/";
  forEachExprNode(root(text), (node) => {
    assert.ok(0 <= node.start && node.start <= node.end && node.end <= text.length, node.type);
  });
  const comparison = (root(text) as { right: { left: Comparison } }).right.left;
  assert.equal(text.slice(comparison.start, comparison.end), "%{B} in {'1', '2'}");
});

test('syntax errors carry Apache’s message and point at the unexpected token', () => {
  const cases: [string, string, number, number][] = [
    ["%{SSL_CLIENT_VERIFY} == SUCCESS", "syntax error, unexpected $end, expecting '('", 31, 31],
    ["(%{A} == 'x'", "syntax error, unexpected $end, expecting T_OP_OR or T_OP_AND or ')'", 12, 12],
    ["%{A} == 'a' 'b'", 'syntax error, unexpected T_STR_BEGIN, expecting $end', 12, 13],
    ["%{A} -in 'a'", "syntax error, unexpected T_STR_BEGIN, expecting T_ID or '{'", 9, 10],
    ["%{A} in {'a' 'b'}", "syntax error, unexpected T_STR_BEGIN, expecting '}' or ','", 13, 14],
    ['%{A} =~ /abc', 'syntax error, unexpected $end, expecting T_REGEX or T_REGEX_I', 12, 12],
    ['%{A} ==', 'syntax error, unexpected $end', 7, 7],
    ['true )', "syntax error, unexpected ')', expecting $end", 5, 6],
    ['%{}', 'syntax error, unexpected T_VAR_END, expecting T_ID', 2, 3],
    ["'%{A}abc", 'syntax error, unexpected T_ERROR, expecting T_STRING or T_REGEX_BACKREF or T_STR_END or T_VAR_BEGIN: Unterminated string or variable', 8, 8],
    ["'a' & 'b'", "syntax error, unexpected T_ERROR: Parse error near '&'", 4, 5],
  ];
  for (const [text, message, start, end] of cases) {
    const error = parse(text).error;
    assert.deepEqual(error && [error.kind, error.message, error.start, error.end], ['syntax', message, start, end], text);
  }
});

test('a malformed token where a condition or string may start stops with the scanner’s message only', () => {
  assert.equal(parse("%{A} == 'abc").error?.message, 'Unterminated string or variable');
  assert.equal(parse("'\\8' == 'a'").error?.message, 'Bad escape sequence');
  assert.equal(parse('@').error?.kind, 'scanner');
});

test('names are resolved in Apache’s order, and the last failure is the one reported', () => {
  const seen: string[] = [];
  const resolve = (reference: ExprReference) => {
    seen.push(`${reference.kind}:${reference.name}`);
    return reference.name.startsWith('BAD') ? `Variable '${reference.name}' does not exist` : undefined;
  };
  const result = parseExpression("%{BAD1} == 'a' && %{OK} == tolower(%{BAD2})", { resolve });
  assert.deepEqual(seen, ['variable:BAD1', 'variable:OK', 'variable:BAD2', 'function:tolower']);
  assert.deepEqual([result.error?.kind, result.error?.message, result.error?.start], ['lookup', "Variable 'BAD2' does not exist", 37]);
  assert.ok(result.root, 'the tree is kept when only a name failed');
  // A later syntax error carries the lookup failure after a colon.
  assert.equal(parseExpression("%{BAD} == 'x' &&", { resolve }).error?.message, "syntax error, unexpected $end: Variable 'BAD' does not exist");
  // Unary and binary operators get their argument when it is a plain string.
  const references: ExprReference[] = [];
  parseExpression("-R '10.0.0.0/8' && %{A} -ipmatch %{B} && -n ''", { resolve: (r) => void references.push(r) });
  assert.deepEqual(
    references.filter((r) => r.kind === 'unaryOperator' || r.kind === 'binaryOperator').map((r) => [r.name, 'argument' in r ? r.argument : '']),
    [['R', '10.0.0.0/8'], ['ipmatch', undefined], ['n', '']],
  );
});

test('regexes are checked as Apache compiles them while parsing', () => {
  const error = parse("%{A} =~ /(a/ || true").error;
  assert.deepEqual([error?.kind, error?.message, error?.start, error?.end], ['regex', 'Failed to compile regular expression', 8, 12]);
  assert.equal(parse("%{A} =~ /[[:alpha:]](?:x)+?\\Q(\\E$/").error, undefined);
  assert.equal(parse('%{A} =~ /a\\/').error?.kind, 'regex');
});

test('nesting is limited like Bison’s stack: 10000 states give "memory exhausted"', () => {
  // T_EXPR_BOOL, the start state and each `!` take one state each, then `true`.
  const nots = MAX_PARSER_DEPTH - 4;
  assert.equal(parse(`${'!'.repeat(nots)}true`).error, undefined);
  assert.equal(parse(`${'!'.repeat(nots + 1)}true`).error?.message, 'memory exhausted');
  assert.equal(parse(`${'true && '.repeat(6000)}true`).error?.kind, 'depth');
  // The tree of a deep but legal expression can be walked without recursion.
  let count = 0;
  forEachExprNode(root(`${'('.repeat(4000)}true${')'.repeat(4000)}`), () => count++);
  assert.equal(count, 4001);
});

test('input the scanner cannot handle reports the jam Apache dies of', () => {
  const error = parse("%{HTTP:a'b} == 'x'").error;
  assert.deepEqual([error?.kind, error?.message, error?.start], ['jammed', 'flex scanner jammed', 8]);
});

test('never throws, on random text and on random token soup', () => {
  let seed = 42;
  const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pieces = ['%{', '}', 'HTTP_HOST', ':', "'", '"', '(', ')', '{', '}', ',', '==', 'eq', '-eq', '&&', '||', '!', '-n', '-ipmatch', 'm#', '#', '/', '\\', '$1', '.', 'true', 'tolower', ' ', '-in', '=~', '1', 'x'];
  for (let i = 0; i < 3000; i++) {
    const length = Math.floor(random() * 30);
    let text = '';
    for (let j = 0; j < length; j++) {
      text += i % 2 === 0 ? String.fromCharCode(Math.floor(random() * 0x3000)) : pieces[Math.floor(random() * pieces.length)];
    }
    for (const stringResult of [false, true]) {
      const result = parseExpression(text, { stringResult, resolve: () => (random() < 0.1 ? 'no' : undefined) });
      assert.ok(result.root !== undefined || result.error !== undefined, JSON.stringify(text));
      if (result.error) assert.ok(result.error.start >= 0 && result.error.end <= text.length, JSON.stringify(text));
    }
  }
});
