// The syntax tree of one ap_expr expression (expr.html). Offsets count UTF-16
// code units from the start of the expression string, end exclusive; callers
// map them to document ranges.

export interface Span {
  start: number;
  end: number;
}

/** What `==`, `eq`, `-eq` and friends compare: strings (strcmp) or integers (apr_atoi64). */
export type ComparisonKind =
  | 'int-eq' | 'int-ne' | 'int-lt' | 'int-le' | 'int-gt' | 'int-ge'
  | 'str-eq' | 'str-ne' | 'str-lt' | 'str-le' | 'str-gt' | 'str-ge'
  | 'match' | 'not-match' | 'in';

export interface Operator extends Span {
  /** The operator as written: `==`, `=`, `eq`, `-eq`, `and`, `&&`, `-ipmatch`, `-n`. */
  text: string;
}

// ---- words: what comparisons and functions take ----

export interface NumberWord extends Span {
  type: 'number';
  /** The digits as written, with their sign. */
  text: string;
}

export interface TextPart extends Span {
  type: 'text';
  /** The characters after escapes such as `\n` and `\047` are applied. */
  value: string;
}

/** `%{NAME}`. */
export interface VariableWord extends Span {
  type: 'variable';
  name: string;
  nameSpan: Span;
}

/** `%{func:argument}`, e.g. `%{HTTP:X-Forwarded-For}` or `%{ENV:HOME}`. */
export interface VariableFunctionWord extends Span {
  type: 'variableFunction';
  name: string;
  nameSpan: Span;
  argument: StringParts;
}

/** `$0` … `$9`: a capture of the last regex match. */
export interface BackreferenceWord extends Span {
  type: 'backreference';
  index: number;
}

export type StringPart = TextPart | VariableWord | VariableFunctionWord | BackreferenceWord;

export interface StringParts extends Span {
  parts: StringPart[];
}

/** `'…'` or `"…"`: literal text with variables and back-references inside. */
export interface StringWord extends Span {
  type: 'string';
  /** The delimiter; empty for the body of a string-valued expression. */
  quote: '"' | "'" | '';
  parts: StringPart[];
}

/** `word . word`. */
export interface ConcatWord extends Span {
  type: 'concat';
  left: Word;
  right: Word;
  operator: Operator;
}

/** `name(word)`: a string function such as `tolower(…)`, or a list function after `-in`. */
export interface CallWord extends Span {
  type: 'call';
  name: string;
  nameSpan: Span;
  argument: Word;
}

export type Word = NumberWord | StringWord | ConcatWord | VariableWord | VariableFunctionWord | BackreferenceWord | CallWord;

export interface RegexNode extends Span {
  type: 'regex';
  /** The pattern between the delimiters, as written (no escapes are processed). */
  pattern: string;
  patternSpan: Span;
  /** `/` for `/…/`, otherwise the character after `m`. */
  delimiter: string;
  caseInsensitive: boolean;
}

/** `{ 'a', 'b' }`. */
export interface ListNode extends Span {
  type: 'list';
  items: Word[];
}

// ---- conditions ----

export interface BooleanLiteral extends Span {
  type: 'true' | 'false';
}

export interface NotCondition extends Span {
  type: 'not';
  operator: Operator;
  operand: Condition;
}

export interface LogicalCondition extends Span {
  type: 'and' | 'or';
  operator: Operator;
  left: Condition;
  right: Condition;
}

export interface GroupCondition extends Span {
  type: 'group';
  inner: Condition;
}

export interface Comparison extends Span {
  type: 'comparison';
  kind: ComparisonKind;
  operator: Operator;
  left: Word;
  /** A word, except after `=~`/`!~` (a regex) and `-in`/`in` (a list or list function call). */
  right: Word | RegexNode | ListNode | CallWord;
}

/** `-n word`, `-R '10.0.0.0/8'` and the other one-letter operators. */
export interface UnaryTest extends Span {
  type: 'unary';
  /** The name without `-`. */
  name: string;
  operator: Operator;
  operand: Word;
}

/** `word -ipmatch word`, `-strmatch`, `-fnmatch`, … */
export interface BinaryTest extends Span {
  type: 'binary';
  name: string;
  operator: Operator;
  left: Word;
  right: Word;
}

export type Condition = BooleanLiteral | NotCondition | LogicalCondition | GroupCondition | Comparison | UnaryTest | BinaryTest;

export type ExprNode = Condition | Word | StringPart | RegexNode | ListNode;

/** A name Apache resolves while parsing: unknown ones make the parse fail. */
export type ExprReference =
  | { kind: 'variable'; name: string; span: Span; node: VariableWord }
  | { kind: 'function'; name: string; span: Span; node: VariableFunctionWord | CallWord }
  | { kind: 'listFunction'; name: string; span: Span; node: CallWord }
  | { kind: 'unaryOperator'; name: string; span: Span; node: UnaryTest; argument?: string }
  | { kind: 'binaryOperator'; name: string; span: Span; node: BinaryTest; argument?: string };
