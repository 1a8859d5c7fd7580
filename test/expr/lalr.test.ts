import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EXPR_GRAMMAR, TERMINALS } from '../../server/src/parser/expr/grammar';
import { buildTables, type GrammarSpec, type ParseTables } from '../../server/src/parser/expr/lalr';

/** Runs the tables on a token list and returns the reduced rule numbers, or the state where it failed. */
function run(tables: ParseTables, spec: GrammarSpec, tokens: string[]): number[] | { error: string[] } {
  const states = [0];
  const reduced: number[] = [];
  const input = [...tokens, '$end'];
  for (;;) {
    const state = states[states.length - 1];
    const action = tables.actions[state].get(input[0]);
    if (action?.type === 'accept') return reduced;
    if (action?.type === 'shift') {
      states.push(action.state);
      input.shift();
      continue;
    }
    const rule = action?.type === 'reduce' ? action.rule : tables.defaultReduction[state];
    if (rule === undefined) return { error: tables.expected[state] };
    reduced.push(rule);
    states.length -= spec.productions[rule].rhs.length;
    states.push(tables.gotos[states[states.length - 1]].get(spec.productions[rule].lhs) as number);
  }
}

const ARITHMETIC: GrammarSpec = {
  terminals: ['$end', 'error', '$undefined', 'NUM', '+', '-', '*', '^', '(', ')'],
  productions: [
    { lhs: '$accept', rhs: ['e', '$end'] },
    { lhs: 'e', rhs: ['e', '+', 'e'] },
    { lhs: 'e', rhs: ['e', '-', 'e'] },
    { lhs: 'e', rhs: ['e', '*', 'e'] },
    { lhs: 'e', rhs: ['e', '^', 'e'] },
    { lhs: 'e', rhs: ['(', 'e', ')'] },
    { lhs: 'e', rhs: ['NUM'] },
  ],
  precedence: [
    { assoc: 'left', tokens: ['+', '-'] },
    { assoc: 'left', tokens: ['*'] },
    { assoc: 'right', tokens: ['^'] },
  ],
};

test('precedence and associativity settle shift/reduce conflicts as Bison does', () => {
  const tables = buildTables(ARITHMETIC);
  // 1 - 2 - 3 is (1 - 2) - 3: the first `-` is reduced before the second one is read.
  assert.deepEqual(run(tables, ARITHMETIC, ['NUM', '-', 'NUM', '-', 'NUM']), [6, 6, 2, 6, 2]);
  // 1 + 2 * 3: `*` binds tighter, so it is reduced first.
  assert.deepEqual(run(tables, ARITHMETIC, ['NUM', '+', 'NUM', '*', 'NUM']), [6, 6, 6, 3, 1]);
  // 2 ^ 3 ^ 4 is right-associative.
  assert.deepEqual(run(tables, ARITHMETIC, ['NUM', '^', 'NUM', '^', 'NUM']), [6, 6, 6, 4, 4]);
});

test('default reductions delay errors, and the expected tokens follow the terminal order', () => {
  const tables = buildTables(ARITHMETIC);
  // After `( NUM` the NUM is reduced by default; the error shows in the state expecting an operator or `)`.
  assert.deepEqual(run(tables, ARITHMETIC, ['(', 'NUM']), { error: ['+', '-', '*', '^', ')'] });
  assert.deepEqual(run(tables, ARITHMETIC, ['NUM', '+']), { error: ['NUM', '('] });
});

test('the ap_expr grammar builds, has no empty rules, and uses only known terminals', () => {
  const terminals = new Set<string>(TERMINALS);
  const nonterminals = new Set(EXPR_GRAMMAR.productions.map((p) => p.lhs));
  for (const production of EXPR_GRAMMAR.productions) {
    assert.ok(production.rhs.length > 0, production.lhs);
    for (const symbol of production.rhs) assert.ok(terminals.has(symbol) || nonterminals.has(symbol), symbol);
  }
  const started = performance.now();
  const tables = buildTables(EXPR_GRAMMAR);
  assert.ok(performance.now() - started < 2000);
  assert.ok(tables.actions.length > 50);
});
