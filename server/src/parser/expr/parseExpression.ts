// Parses one ap_expr expression the way httpd 2.4's ap_expr_parse does and
// reports failure with the message Apache prints. An LR automaton built from
// the same grammar (see grammar.ts, lalr.ts) detects errors in the same state,
// so "syntax error, unexpected X, expecting Y or Z" matches Apache word for
// word. Pure and iterative: it never throws, and nesting depth is bounded by
// Bison's stack limit (10000 states, "memory exhausted"), as in Apache.

import type { Condition, ExprReference, RegexNode, StringWord } from './ast';
import { EXPR_GRAMMAR, EXPR_RULES, type ActionContext } from './grammar';
import { buildTables } from './lalr';
import { regexSyntaxProblem } from './regexSyntax';
import { ExprScanner, SCANNER_JAMMED, type Token } from './scanner';

export type ExprErrorKind =
  /** The grammar does not allow this token here. */
  | 'syntax'
  /** The scanner met a malformed string, variable or character. */
  | 'scanner'
  /** A variable, function or operator name Apache does not know, or a bad operator argument. */
  | 'lookup'
  /** A regex PCRE cannot compile. */
  | 'regex'
  /** Nesting deeper than Bison's stack. */
  | 'depth'
  /** Input the scanner has no rule for: Apache exits with "flex scanner jammed" and no line number. */
  | 'jammed';

export interface ExprError {
  kind: ExprErrorKind;
  /** What ap_expr_parse returns, e.g. "syntax error, unexpected $end, expecting '('". */
  message: string;
  /** Offsets of what the error points at (a zero-width span at the end for `$end`). */
  start: number;
  end: number;
  /** For syntax errors: the token Apache names and the ones it would have accepted. */
  unexpected?: string;
  expected?: string[];
  /** The regex problem found, for regex errors. */
  detail?: string;
}

export interface ExprParseResult {
  text: string;
  mode: 'boolean' | 'string';
  /** The tree. Absent when the text does not parse; present when only a name failed to resolve. */
  root?: Condition | StringWord;
  /** Every name resolved while parsing, in Apache's order. */
  references: ExprReference[];
  error?: ExprError;
}

export interface ParseExpressionOptions {
  /** Parse a string-valued expression (e.g. `Header set X "expr=…"`) instead of a condition. */
  stringResult?: boolean;
  /**
   * Resolves a name as Apache's expr_lookup hooks do while parsing; returns
   * Apache's message when the name is unknown or its argument is unusable.
   * Without it every name resolves.
   */
  resolve?: (reference: ExprReference) => string | undefined;
  /** Overrides the built-in regex check; returns a reason when PCRE would refuse it. */
  checkRegex?: (regex: RegexNode) => string | undefined;
}

/** YYMAXDEPTH: Bison gives up when its state stack reaches this many entries. */
export const MAX_PARSER_DEPTH = 10000;
/** YYERROR_VERBOSE_ARGS_MAXIMUM - 1: with more candidates Bison lists none. */
const MAX_EXPECTED = 4;

const TABLES = buildTables(EXPR_GRAMMAR);

export function parseExpression(text: string, options: ParseExpressionOptions = {}): ExprParseResult {
  const mode = options.stringResult ? 'string' : 'boolean';
  const scanner = new ExprScanner(text, { stringResult: options.stringResult });
  const references: ExprReference[] = [];
  // Apache keeps two messages: Bison's ("error") and a detail ("error2") that a
  // failed lookup or the scanner sets, the latest one winning.
  let detail: { message: string; start: number; end: number } | undefined;
  let regexProblem: { node: RegexNode; reason: string } | undefined;
  const context: ActionContext = {
    text,
    resolve(reference) {
      references.push(reference);
      const message = options.resolve?.(reference);
      if (message !== undefined) {
        detail = { message, start: reference.span.start, end: reference.span.end };
      }
    },
    compileRegex(node) {
      const reason = options.checkRegex ? options.checkRegex(node) : regexSyntaxProblem(node.pattern);
      if (reason !== undefined) regexProblem = { node, reason };
      return reason === undefined;
    },
  };
  const withDetail = (message: string) => (detail ? `${message}: ${detail.message}` : message);
  const fail = (error: ExprError): ExprParseResult => ({ text, mode, references, error });

  const states: number[] = [0];
  const values: unknown[] = [undefined];
  let lookahead: Token | undefined;
  for (;;) {
    if (states.length >= MAX_PARSER_DEPTH) {
      const at = lookahead ?? { start: text.length, end: text.length };
      return fail({ kind: 'depth', message: withDetail('memory exhausted'), start: at.start, end: at.end });
    }
    const state = states[states.length - 1];
    const explicit = TABLES.actions[state];
    let rule: number | undefined;
    if (explicit.size === 0 && TABLES.defaultReduction[state] !== undefined) {
      // A state with nothing but a default reduction does not read ahead.
      rule = TABLES.defaultReduction[state];
    } else {
      if (!lookahead) {
        lookahead = scanner.next();
        if (scanner.jammed) {
          return fail({ kind: 'jammed', message: SCANNER_JAMMED, ...scanner.jammed });
        }
        if (lookahead.kind === 'T_ERROR') {
          detail = { message: lookahead.error ?? '', start: lookahead.start, end: lookahead.end };
        }
      }
      const action = explicit.get(lookahead.kind);
      if (action?.type === 'accept') {
        const root = values[values.length - 1] as Condition | StringWord;
        if (detail) return { text, mode, root, references, error: { kind: 'lookup', ...detail } };
        return { text, mode, root, references };
      }
      if (action?.type === 'shift') {
        states.push(action.state);
        values.push(lookahead);
        lookahead = undefined;
        continue;
      }
      rule = action?.type === 'reduce' ? action.rule : TABLES.defaultReduction[state];
      if (rule === undefined) return fail(syntaxError(lookahead, TABLES.expected[state], withDetail));
    }

    const production = EXPR_RULES[rule];
    const count = production.rhs.length;
    const result = production.action(values.slice(values.length - count), context);
    states.length -= count;
    values.length -= count;
    if ('stop' in result) {
      if (result.stop === 'regex' && regexProblem) {
        return fail({
          kind: 'regex',
          message: withDetail('Failed to compile regular expression'),
          start: regexProblem.node.start,
          end: regexProblem.node.end,
          detail: regexProblem.reason,
        });
      }
      // Reached through a T_ERROR token: the scanner's message is all Apache says.
      const at = detail ?? { start: text.length, end: text.length, message: 'syntax error' };
      return fail({ kind: 'scanner', message: at.message, start: at.start, end: at.end });
    }
    states.push(TABLES.gotos[states[states.length - 1]].get(production.lhs) as number);
    values.push(result.value);
  }
}

function syntaxError(token: Token, expected: string[], withDetail: (message: string) => string): ExprError {
  const list = expected.length <= MAX_EXPECTED ? expected : [];
  const message =
    `syntax error, unexpected ${token.kind}` + (list.length > 0 ? `, expecting ${list.join(' or ')}` : '');
  return {
    kind: 'syntax',
    message: withDetail(message),
    start: token.start,
    end: token.end,
    unexpected: token.kind,
    expected: [...expected],
  };
}
