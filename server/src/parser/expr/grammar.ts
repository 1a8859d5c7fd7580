// The ap_expr grammar of httpd 2.4 (expr.html "Grammar in Backus-Naur Form";
// the rule order and precedences follow server/util_expr_parse.y, because the
// tables built from them decide which tokens Apache lists as "expecting").
// Each rule carries the action that builds its tree node.

import type {
  BackreferenceWord,
  CallWord,
  ComparisonKind,
  Condition,
  ExprReference,
  ListNode,
  RegexNode,
  Span,
  StringPart,
  StringParts,
  StringWord,
  VariableFunctionWord,
  VariableWord,
  Word,
} from './ast';
import type { GrammarSpec, Production } from './lalr';
import type { Token } from './scanner';

/** Terminals in Bison's numbering order: declared tokens, then character literals as the rules first use them. */
export const TERMINALS = [
  '$end', 'error', '$undefined',
  'T_TRUE', 'T_FALSE', 'T_EXPR_BOOL', 'T_EXPR_STRING', 'T_ERROR',
  'T_DIGIT', 'T_ID', 'T_STRING', 'T_REGEX', 'T_REGEX_I', 'T_REGEX_BACKREF',
  'T_OP_UNARY', 'T_OP_BINARY', 'T_STR_BEGIN', 'T_STR_END', 'T_VAR_BEGIN', 'T_VAR_END',
  'T_OP_EQ', 'T_OP_NE', 'T_OP_LT', 'T_OP_LE', 'T_OP_GT', 'T_OP_GE',
  'T_OP_REG', 'T_OP_NRE', 'T_OP_IN',
  'T_OP_STR_EQ', 'T_OP_STR_NE', 'T_OP_STR_LT', 'T_OP_STR_LE', 'T_OP_STR_GT', 'T_OP_STR_GE',
  'T_OP_CONCAT', 'T_OP_OR', 'T_OP_AND', 'T_OP_NOT',
  "'('", "')'", "'{'", "'}'", "','", "':'",
] as const;

/** What a rule's action may ask of the parser. */
export interface ActionContext {
  text: string;
  /** Resolves a name as Apache does while parsing; a message means it failed. */
  resolve(reference: ExprReference): void;
  /** Checks a regex as ap_pregcomp would; false makes the parse fail. */
  compileRegex(node: RegexNode): boolean;
}

/** A rule's action returns the node, or stops the parse. */
export type ActionResult = { value: unknown } | { stop: 'abort' | 'regex' };

type RuleAction = (values: unknown[], context: ActionContext) => ActionResult;

interface Rule extends Production {
  action: RuleAction;
}

const span = (first: Span, last: Span): Span => ({ start: first.start, end: last.end });
const ok = (value: unknown): ActionResult => ({ value });
const pass: RuleAction = (values) => ok(values[0]);
const abort: RuleAction = () => ({ stop: 'abort' });
const operatorOf = (token: Token, text: string) => ({ start: token.start, end: token.end, text: text.slice(token.start, token.end) });

/** The argument Apache hands to a lookup: the text of a plain string literal, else nothing. */
function constantString(word: Word): string | undefined {
  if (word.type !== 'string') return undefined;
  if (word.parts.length === 0) return '';
  return word.parts.length === 1 && word.parts[0].type === 'text' ? word.parts[0].value : undefined;
}

function comparison(operator: string, kind: ComparisonKind): Rule {
  return {
    lhs: 'comparison',
    rhs: ['word', operator, 'word'],
    action: ([left, op, right], { text }) =>
      ok({
        type: 'comparison',
        kind,
        operator: operatorOf(op as Token, text),
        left: left as Word,
        right: right as Word,
        ...span(left as Word, right as Word),
      } satisfies Condition),
  };
}

function regexRule(tokenKind: 'T_REGEX' | 'T_REGEX_I'): Rule {
  return {
    lhs: 'regex',
    rhs: [tokenKind],
    action: ([token], context) => {
      const t = token as Token;
      const prefix = context.text[t.start] === 'm' ? 2 : 1;
      const pattern = t.value ?? '';
      const node: RegexNode = {
        type: 'regex',
        pattern,
        patternSpan: { start: t.start + prefix, end: t.start + prefix + pattern.length },
        delimiter: prefix === 2 ? context.text[t.start + 1] : '/',
        caseInsensitive: tokenKind === 'T_REGEX_I',
        start: t.start,
        end: t.end,
      };
      return context.compileRegex(node) ? ok(node) : { stop: 'regex' };
    },
  };
}

function functionCall(lhs: 'lstfunccall' | 'strfunccall'): Rule {
  return {
    lhs,
    rhs: ['T_ID', "'('", 'word', "')'"],
    action: ([name, , argument, close], context) => {
      const id = name as Token;
      const node: CallWord = {
        type: 'call',
        name: id.value ?? '',
        nameSpan: { start: id.start, end: id.end },
        argument: argument as Word,
        start: id.start,
        end: (close as Token).end,
      };
      const kind = lhs === 'lstfunccall' ? 'listFunction' : 'function';
      context.resolve({ kind, name: node.name, span: node.nameSpan, node } as ExprReference);
      return ok(node);
    },
  };
}

const RULES: Rule[] = [
  { lhs: '$accept', rhs: ['root', '$end'], action: pass },
  { lhs: 'root', rhs: ['T_EXPR_BOOL', 'expr'], action: (values) => ok(values[1]) },
  {
    lhs: 'root',
    rhs: ['T_EXPR_STRING', 'string'],
    action: ([, parts]) => {
      const body = parts as StringParts;
      return ok({ type: 'string', quote: '', parts: body.parts, start: body.start, end: body.end } satisfies StringWord);
    },
  },
  { lhs: 'root', rhs: ['T_ERROR'], action: abort },

  { lhs: 'expr', rhs: ['T_TRUE'], action: ([t]) => ok({ type: 'true', start: (t as Token).start, end: (t as Token).end }) },
  { lhs: 'expr', rhs: ['T_FALSE'], action: ([t]) => ok({ type: 'false', start: (t as Token).start, end: (t as Token).end }) },
  {
    lhs: 'expr',
    rhs: ['T_OP_NOT', 'expr'],
    action: ([op, operand], { text }) =>
      ok({
        type: 'not',
        operator: operatorOf(op as Token, text),
        operand: operand as Condition,
        ...span(op as Token, operand as Condition),
      } satisfies Condition),
  },
  ...(['or', 'and'] as const).map(
    (type): Rule => ({
      lhs: 'expr',
      rhs: ['expr', type === 'or' ? 'T_OP_OR' : 'T_OP_AND', 'expr'],
      action: ([left, op, right], { text }) =>
        ok({
          type,
          operator: operatorOf(op as Token, text),
          left: left as Condition,
          right: right as Condition,
          ...span(left as Condition, right as Condition),
        } satisfies Condition),
    }),
  ),
  { lhs: 'expr', rhs: ['comparison'], action: pass },
  {
    lhs: 'expr',
    rhs: ['T_OP_UNARY', 'word'],
    action: ([op, operand], context) => {
      const token = op as Token;
      const node: Condition = {
        type: 'unary',
        name: token.value ?? '',
        operator: operatorOf(token, context.text),
        operand: operand as Word,
        ...span(token, operand as Word),
      };
      context.resolve({
        kind: 'unaryOperator',
        name: node.name,
        span: { start: token.start, end: token.end },
        node,
        argument: constantString(operand as Word),
      });
      return ok(node);
    },
  },
  {
    lhs: 'expr',
    rhs: ['word', 'T_OP_BINARY', 'word'],
    action: ([left, op, right], context) => {
      const token = op as Token;
      const node: Condition = {
        type: 'binary',
        name: token.value ?? '',
        operator: operatorOf(token, context.text),
        left: left as Word,
        right: right as Word,
        ...span(left as Word, right as Word),
      };
      context.resolve({
        kind: 'binaryOperator',
        name: node.name,
        span: { start: token.start, end: token.end },
        node,
        argument: constantString(right as Word),
      });
      return ok(node);
    },
  },
  {
    lhs: 'expr',
    rhs: ["'('", 'expr', "')'"],
    action: ([open, inner, close]) =>
      ok({ type: 'group', inner: inner as Condition, ...span(open as Token, close as Token) } satisfies Condition),
  },
  { lhs: 'expr', rhs: ['T_ERROR'], action: abort },

  comparison('T_OP_EQ', 'int-eq'),
  comparison('T_OP_NE', 'int-ne'),
  comparison('T_OP_LT', 'int-lt'),
  comparison('T_OP_LE', 'int-le'),
  comparison('T_OP_GT', 'int-gt'),
  comparison('T_OP_GE', 'int-ge'),
  comparison('T_OP_STR_EQ', 'str-eq'),
  comparison('T_OP_STR_NE', 'str-ne'),
  comparison('T_OP_STR_LT', 'str-lt'),
  comparison('T_OP_STR_LE', 'str-le'),
  comparison('T_OP_STR_GT', 'str-gt'),
  comparison('T_OP_STR_GE', 'str-ge'),
  {
    lhs: 'comparison',
    rhs: ['word', 'T_OP_IN', 'wordlist'],
    action: ([left, op, right], { text }) =>
      ok({
        type: 'comparison',
        kind: 'in',
        operator: operatorOf(op as Token, text),
        left: left as Word,
        right: right as ListNode | CallWord,
        ...span(left as Word, right as ListNode),
      } satisfies Condition),
  },
  ...(['T_OP_REG', 'T_OP_NRE'] as const).map(
    (operator): Rule => ({
      lhs: 'comparison',
      rhs: ['word', operator, 'regex'],
      action: ([left, op, right], { text }) =>
        ok({
          type: 'comparison',
          kind: operator === 'T_OP_REG' ? 'match' : 'not-match',
          operator: operatorOf(op as Token, text),
          left: left as Word,
          right: right as RegexNode,
          ...span(left as Word, right as RegexNode),
        } satisfies Condition),
    }),
  ),

  { lhs: 'wordlist', rhs: ['lstfunccall'], action: pass },
  {
    lhs: 'wordlist',
    rhs: ["'{'", 'words', "'}'"],
    action: ([open, items, close]) =>
      ok({ type: 'list', items: items as Word[], ...span(open as Token, close as Token) } satisfies ListNode),
  },
  { lhs: 'words', rhs: ['word'], action: ([word]) => ok([word]) },
  { lhs: 'words', rhs: ['words', "','", 'word'], action: ([items, , word]) => ok([...(items as Word[]), word]) },

  {
    lhs: 'string',
    rhs: ['string', 'strpart'],
    action: ([body, part]) => {
      const parts = body as StringParts;
      return ok({ parts: [...parts.parts, part as StringPart], start: parts.start, end: (part as StringPart).end });
    },
  },
  {
    lhs: 'string',
    rhs: ['strpart'],
    action: ([part]) => ok({ parts: [part], start: (part as StringPart).start, end: (part as StringPart).end }),
  },
  { lhs: 'string', rhs: ['T_ERROR'], action: abort },
  {
    lhs: 'strpart',
    rhs: ['T_STRING'],
    action: ([t]) => {
      const token = t as Token;
      return ok({ type: 'text', value: token.value ?? '', start: token.start, end: token.end } satisfies StringPart);
    },
  },
  { lhs: 'strpart', rhs: ['var'], action: pass },
  { lhs: 'strpart', rhs: ['backref'], action: pass },
  {
    lhs: 'var',
    rhs: ['T_VAR_BEGIN', 'T_ID', 'T_VAR_END'],
    action: ([open, id, close], context) => {
      const name = id as Token;
      const node: VariableWord = {
        type: 'variable',
        name: name.value ?? '',
        nameSpan: { start: name.start, end: name.end },
        ...span(open as Token, close as Token),
      };
      context.resolve({ kind: 'variable', name: node.name, span: node.nameSpan, node });
      return ok(node);
    },
  },
  {
    lhs: 'var',
    rhs: ['T_VAR_BEGIN', 'T_ID', "':'", 'string', 'T_VAR_END'],
    action: ([open, id, , argument, close], context) => {
      const name = id as Token;
      const node: VariableFunctionWord = {
        type: 'variableFunction',
        name: name.value ?? '',
        nameSpan: { start: name.start, end: name.end },
        argument: argument as StringParts,
        ...span(open as Token, close as Token),
      };
      context.resolve({ kind: 'function', name: node.name, span: node.nameSpan, node });
      return ok(node);
    },
  },

  {
    lhs: 'word',
    rhs: ['T_DIGIT'],
    action: ([t]) => {
      const token = t as Token;
      return ok({ type: 'number', text: token.value ?? '', start: token.start, end: token.end } satisfies Word);
    },
  },
  {
    lhs: 'word',
    rhs: ['word', 'T_OP_CONCAT', 'word'],
    action: ([left, op, right], { text }) =>
      ok({
        type: 'concat',
        left: left as Word,
        right: right as Word,
        operator: operatorOf(op as Token, text),
        ...span(left as Word, right as Word),
      } satisfies Word),
  },
  { lhs: 'word', rhs: ['var'], action: pass },
  { lhs: 'word', rhs: ['backref'], action: pass },
  { lhs: 'word', rhs: ['strfunccall'], action: pass },
  {
    lhs: 'word',
    rhs: ['T_STR_BEGIN', 'string', 'T_STR_END'],
    action: ([open, body, close], { text }) =>
      ok({
        type: 'string',
        quote: text[(open as Token).start] as '"' | "'",
        parts: (body as StringParts).parts,
        ...span(open as Token, close as Token),
      } satisfies StringWord),
  },
  {
    lhs: 'word',
    rhs: ['T_STR_BEGIN', 'T_STR_END'],
    action: ([open, close], { text }) =>
      ok({
        type: 'string',
        quote: text[(open as Token).start] as '"' | "'",
        parts: [],
        ...span(open as Token, close as Token),
      } satisfies StringWord),
  },
  regexRule('T_REGEX'),
  regexRule('T_REGEX_I'),
  {
    lhs: 'backref',
    rhs: ['T_REGEX_BACKREF'],
    action: ([t]) => {
      const token = t as Token;
      return ok({ type: 'backreference', index: token.index ?? 0, start: token.start, end: token.end } satisfies BackreferenceWord);
    },
  },
  functionCall('lstfunccall'),
  functionCall('strfunccall'),
];

export const EXPR_RULES: readonly Rule[] = RULES;

export const EXPR_GRAMMAR: GrammarSpec = {
  terminals: TERMINALS,
  productions: RULES,
  precedence: [
    { assoc: 'right', tokens: ['T_OP_OR'] },
    { assoc: 'right', tokens: ['T_OP_AND'] },
    { assoc: 'right', tokens: ['T_OP_NOT'] },
    { assoc: 'right', tokens: ['T_OP_CONCAT'] },
  ],
};
