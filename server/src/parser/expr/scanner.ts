// The ap_expr tokenizer, reproducing what httpd 2.4's scanner (util_expr_scan.l)
// does, including its quirks, because the error messages depend on them:
// - the longest match wins and, on a tie, the rule listed first: `eq` is an
//   operator but `equal` an identifier, `-in` an operator but `-inx` a binary
//   operator named `inx`, `m#` starts a regex but `mx` is an identifier;
// - inside '…' and "…", `%{` starts a variable and `$0`…`$9` a back-reference,
//   and the other quote character is plain text;
// - a regex ends at the first delimiter: there is no way to escape it;
// - only blanks, tabs and newlines separate tokens.
// Token names are Apache's (T_OP_EQ, T_STR_BEGIN…), since its messages quote them.

export type TokenKind =
  | '$end'
  | 'T_TRUE' | 'T_FALSE'
  | 'T_EXPR_BOOL' | 'T_EXPR_STRING'
  | 'T_ERROR'
  | 'T_DIGIT' | 'T_ID' | 'T_STRING'
  | 'T_REGEX' | 'T_REGEX_I' | 'T_REGEX_BACKREF'
  | 'T_OP_UNARY' | 'T_OP_BINARY'
  | 'T_STR_BEGIN' | 'T_STR_END' | 'T_VAR_BEGIN' | 'T_VAR_END'
  | 'T_OP_EQ' | 'T_OP_NE' | 'T_OP_LT' | 'T_OP_LE' | 'T_OP_GT' | 'T_OP_GE'
  | 'T_OP_REG' | 'T_OP_NRE' | 'T_OP_IN'
  | 'T_OP_STR_EQ' | 'T_OP_STR_NE' | 'T_OP_STR_LT' | 'T_OP_STR_LE' | 'T_OP_STR_GT' | 'T_OP_STR_GE'
  | 'T_OP_CONCAT' | 'T_OP_OR' | 'T_OP_AND' | 'T_OP_NOT'
  | "'('" | "')'" | "'{'" | "'}'" | "','" | "':'";

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  /** Identifier, digits, string text (escapes applied), regex pattern or operator name (without `-`). */
  value?: string;
  /** The back-reference number of T_REGEX_BACKREF. */
  index?: number;
  /** For T_ERROR: Apache's message ("Unterminated string or variable"). */
  error?: string;
}

/** Apache's string and regex buffers hold MAX_STRING_LEN (8192) bytes; the last one must stay free. */
export const MAX_STRING_LENGTH = 8192;

/**
 * Characters the real scanner has no rule for (a quote inside `%{func:…}`, a
 * backslash ending the text inside a string): flex gives up and Apache exits
 * with "flex scanner jammed", printing no line number.
 */
export const SCANNER_JAMMED = 'flex scanner jammed';

type State = 'initial' | 'str' | 'var' | 'vararg' | 'regex';

const KEYWORDS: Record<string, TokenKind> = {
  and: 'T_OP_AND',
  or: 'T_OP_OR',
  not: 'T_OP_NOT',
  lt: 'T_OP_LT',
  le: 'T_OP_LE',
  gt: 'T_OP_GT',
  ge: 'T_OP_GE',
  ne: 'T_OP_NE',
  eq: 'T_OP_EQ',
  in: 'T_OP_IN',
  true: 'T_TRUE',
  false: 'T_FALSE',
};

const DASH_KEYWORDS: Record<string, TokenKind> = {
  '-in': 'T_OP_IN',
  '-eq': 'T_OP_EQ',
  '-ne': 'T_OP_NE',
  '-ge': 'T_OP_GE',
  '-le': 'T_OP_LE',
  '-gt': 'T_OP_GT',
  '-lt': 'T_OP_LT',
};

const PUNCTUATION: Record<string, TokenKind> = {
  '(': "'('",
  ')': "')'",
  '{': "'{'",
  '}': "'}'",
  ',': "','",
  ':': "':'",
};

/** Characters that may follow `m` to start a regex (`m#…#`, `m|…|`, …). */
const REGEX_DELIMITERS = '/#$%^,;:_?|-!.\'"';

const isLetter = (c: string) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
const isDigit = (c: string) => c >= '0' && c <= '9';
const isWordChar = (c: string) => isLetter(c) || isDigit(c) || c === '_';
const isBlank = (c: string) => c === ' ' || c === '\t' || c === '\n';

export interface ScannerOptions {
  /** Scan a string-valued expression (e.g. `Header set X "expr=…"`): the text starts inside a string. */
  stringResult?: boolean;
}

export class ExprScanner {
  private pos = 0;
  private started = false;
  private state: State = 'initial';
  /** States to return to when a `%{…}` closes (flex's yy_push_state stack). */
  private readonly stateStack: State[] = [];
  /** Quote that closes the current string; '' in a string-valued expression. */
  private delimiter = '';
  private regexDelimiter = '';
  /** Text collected for the next T_STRING and where it started. */
  private buffer = '';
  private bufferStart = 0;
  /** Set once the scanner met input it has no rule for; every later token is $end. */
  jammed?: { start: number; end: number };

  constructor(
    private readonly text: string,
    private readonly options: ScannerOptions = {},
  ) {}

  next(): Token {
    if (!this.started) {
      this.started = true;
      if (this.options.stringResult) {
        this.enterString('');
        return { kind: 'T_EXPR_STRING', start: 0, end: 0 };
      }
      return { kind: 'T_EXPR_BOOL', start: 0, end: 0 };
    }
    if (this.jammed) return this.end();
    switch (this.state) {
      case 'str':
      case 'vararg':
        return this.scanString();
      case 'var':
        return this.scanVariableName();
      case 'regex':
        return this.scanRegex();
      default:
        return this.scanInitial();
    }
  }

  private end(): Token {
    return { kind: '$end', start: this.text.length, end: this.text.length };
  }

  private jam(at: number): Token {
    this.jammed = { start: at, end: Math.min(at + 1, this.text.length) };
    return this.end();
  }

  private error(message: string, start: number, end: number): Token {
    return { kind: 'T_ERROR', start, end, error: message };
  }

  private enterString(delimiter: string) {
    this.state = 'str';
    this.delimiter = delimiter;
    this.buffer = '';
    this.bufferStart = this.pos;
  }

  private scanInitial(): Token {
    const text = this.text;
    while (this.pos < text.length && isBlank(text[this.pos])) this.pos++;
    const start = this.pos;
    if (start >= text.length) return this.end();
    const c = text[start];
    const next = text[start + 1] ?? '';

    if (c === '"' || c === "'") {
      this.pos++;
      this.enterString(c);
      return { kind: 'T_STR_BEGIN', start, end: this.pos };
    }
    if (c === '%' && next === '{') {
      this.pos += 2;
      this.stateStack.push('initial');
      this.state = 'var';
      return { kind: 'T_VAR_BEGIN', start, end: this.pos };
    }
    if (c === '$' && isDigit(next)) {
      this.pos += 2;
      return { kind: 'T_REGEX_BACKREF', start, end: this.pos, index: Number(next) };
    }
    if (c === '/') {
      this.pos++;
      this.regexDelimiter = '/';
      return this.scanRegexFrom(start);
    }
    if (isLetter(c)) {
      let end = start + 1;
      while (end < text.length && isWordChar(text[end])) end++;
      const word = text.slice(start, end);
      // `m` plus a delimiter (2 characters) beats an identifier of 1 or 2 characters.
      if (c === 'm' && REGEX_DELIMITERS.includes(next) && next !== '' && end - start <= 2) {
        this.pos = start + 2;
        this.regexDelimiter = next;
        return this.scanRegexFrom(start);
      }
      this.pos = end;
      const keyword = Object.prototype.hasOwnProperty.call(KEYWORDS, word) ? KEYWORDS[word] : undefined;
      if (keyword) return { kind: keyword, start, end };
      return { kind: 'T_ID', start, end, value: word };
    }
    if (isDigit(c) || (c === '-' && isDigit(next))) {
      let end = start + 1;
      while (end < text.length && isDigit(text[end])) end++;
      this.pos = end;
      return { kind: 'T_DIGIT', start, end, value: text.slice(start, end) };
    }
    if (c === '-' && (isLetter(next) || next === '_')) {
      let end = start + 2;
      while (end < text.length && isWordChar(text[end])) end++;
      this.pos = end;
      const word = text.slice(start, end);
      if (end - start === 2) return { kind: 'T_OP_UNARY', start, end, value: word.slice(1) };
      const keyword = Object.prototype.hasOwnProperty.call(DASH_KEYWORDS, word) ? DASH_KEYWORDS[word] : undefined;
      if (keyword) return { kind: keyword, start, end };
      return { kind: 'T_OP_BINARY', start, end, value: word.slice(1) };
    }
    const two = c + next;
    const operator =
      two === '==' ? 'T_OP_STR_EQ'
      : two === '=~' ? 'T_OP_REG'
      : two === '!=' ? 'T_OP_STR_NE'
      : two === '!~' ? 'T_OP_NRE'
      : two === '<=' ? 'T_OP_STR_LE'
      : two === '>=' ? 'T_OP_STR_GE'
      : two === '&&' ? 'T_OP_AND'
      : two === '||' ? 'T_OP_OR'
      : undefined;
    if (operator) {
      this.pos += 2;
      return { kind: operator, start, end: this.pos };
    }
    const single =
      c === '=' ? 'T_OP_STR_EQ'
      : c === '<' ? 'T_OP_STR_LT'
      : c === '>' ? 'T_OP_STR_GT'
      : c === '!' ? 'T_OP_NOT'
      : c === '.' ? 'T_OP_CONCAT'
      : Object.prototype.hasOwnProperty.call(PUNCTUATION, c) ? PUNCTUATION[c]
      : undefined;
    // A lone surrogate half would print as garbage: report the whole code point.
    const width = c >= '\ud800' && c <= '\udbff' && next >= '\udc00' && next <= '\udfff' ? 2 : 1;
    this.pos += single ? 1 : width;
    if (single) return { kind: single, start, end: this.pos };
    return this.error(`Parse error near '${text.slice(start, start + width)}'`, start, this.pos);
  }

  /** Inside '…', "…", a string-valued expression, or the argument of `%{func:…}`. */
  private scanString(): Token {
    const text = this.text;
    const inArgument = this.state === 'vararg';
    for (;;) {
      if (this.buffer === '') this.bufferStart = this.pos;
      const at = this.pos;
      if (at >= text.length) {
        if (!inArgument && this.options.stringResult && this.delimiter === '') {
          this.state = 'initial';
          return this.flush(at);
        }
        return this.error('Unterminated string or variable', at, at);
      }
      const c = text[at];
      const next = text[at + 1] ?? '';
      if (c === '\n') {
        this.pos++;
        return this.error('Unterminated string or variable', at, at + 1);
      }
      if (c === '"' || c === "'") {
        if (inArgument) return this.jam(at);
        if (c !== this.delimiter) {
          const appended = this.append(c, at, 1);
          if (appended) return appended;
          continue;
        }
        if (this.buffer !== '') return this.flush(at);
        this.pos++;
        this.state = 'initial';
        return { kind: 'T_STR_END', start: at, end: this.pos };
      }
      if (c === '\\') {
        if (at + 1 >= text.length) return this.jam(at);
        const escaped = this.readEscape(at);
        if (escaped.kind === 'error') {
          this.pos = escaped.end;
          return this.error(escaped.message, at, escaped.end);
        }
        const appended = this.append(escaped.char, at, escaped.end - at);
        if (appended) return appended;
        continue;
      }
      if (c === '$' && isDigit(next)) {
        if (this.buffer !== '') return this.flush(at);
        this.pos += 2;
        return { kind: 'T_REGEX_BACKREF', start: at, end: this.pos, index: Number(next) };
      }
      if (c === '%' && next === '{') {
        if (this.buffer !== '') return this.flush(at);
        this.pos += 2;
        this.stateStack.push(this.state);
        this.state = 'var';
        return { kind: 'T_VAR_BEGIN', start: at, end: this.pos };
      }
      if (c === '}' && inArgument) {
        if (this.buffer !== '') return this.flush(at);
        this.pos++;
        this.state = this.stateStack.pop() ?? 'initial';
        return { kind: 'T_VAR_END', start: at, end: this.pos };
      }
      const appended = this.append(c, at, 1);
      if (appended) return appended;
    }
  }

  /** Adds one character; Apache fails once its buffer is full. */
  private append(char: string, at: number, width: number): Token | undefined {
    this.buffer += char;
    this.pos = at + width;
    if (this.buffer.length >= MAX_STRING_LENGTH) {
      // The real scanner drops the rest of the run it was copying; nothing reads further anyway.
      return this.error('String too long', at, at + width);
    }
    return undefined;
  }

  /** Hands over the collected text without consuming what comes next. */
  private flush(at: number): Token {
    const token: Token = { kind: 'T_STRING', start: this.bufferStart, end: at, value: this.buffer };
    this.buffer = '';
    this.bufferStart = at;
    return token;
  }

  private readEscape(
    at: number,
  ): { kind: 'char'; char: string; end: number } | { kind: 'error'; message: string; end: number } {
    const text = this.text;
    let digits = 0;
    while (at + 1 + digits < text.length && isDigit(text[at + 1 + digits])) digits++;
    if (digits > 0) {
      let octal = 0;
      while (octal < 3 && octal < digits && text[at + 1 + octal] <= '7') octal++;
      // `\\[0-9]+` matches more than `\\[0-7]{1,3}`: the longer rule wins.
      if (digits > octal) return { kind: 'error', message: 'Bad escape sequence', end: at + 1 + digits };
      const value = parseInt(text.slice(at + 1, at + 1 + octal), 8);
      if (value > 0xff) return { kind: 'error', message: 'Escape sequence out of bound', end: at + 1 + octal };
      return { kind: 'char', char: String.fromCharCode(value), end: at + 1 + octal };
    }
    const next = text[at + 1];
    const control: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' };
    return { kind: 'char', char: control[next] ?? next, end: at + 2 };
  }

  /** Inside `%{`: a name, then `}` or `:`. */
  private scanVariableName(): Token {
    const text = this.text;
    const at = this.pos;
    if (at >= text.length) return this.error('Unterminated string or variable', at, at);
    const c = text[at];
    if (isLetter(c)) {
      let end = at + 1;
      while (end < text.length && isWordChar(text[end])) end++;
      this.pos = end;
      return { kind: 'T_ID', start: at, end, value: text.slice(at, end) };
    }
    this.pos = at + 1;
    if (c === '}') {
      this.state = this.stateStack.pop() ?? 'initial';
      return { kind: 'T_VAR_END', start: at, end: this.pos };
    }
    if (c === ':') {
      this.state = 'vararg';
      this.buffer = '';
      this.bufferStart = this.pos;
      return { kind: "':'", start: at, end: this.pos };
    }
    if (c === '\n') return this.error('Unterminated string or variable', at, this.pos);
    return this.error(`Invalid character in variable name '${c}'`, at, this.pos);
  }

  private scanRegexFrom(start: number): Token {
    this.state = 'regex';
    this.bufferStart = start;
    return this.scanRegex();
  }

  /** From after the opening delimiter to the closing one, then an optional `i`. */
  private scanRegex(): Token {
    const text = this.text;
    const start = this.bufferStart;
    const patternStart = this.pos;
    const close = text.indexOf(this.regexDelimiter, patternStart);
    if (close < 0) {
      // No rule handles the end of input here, so flex simply reports the end.
      if (text.length - patternStart >= MAX_STRING_LENGTH) return this.regexTooLong(patternStart);
      this.pos = text.length;
      this.state = 'initial';
      return this.end();
    }
    if (close - patternStart >= MAX_STRING_LENGTH) return this.regexTooLong(patternStart);
    this.state = 'initial';
    this.pos = close + 1;
    const pattern = text.slice(patternStart, close);
    if (text[this.pos] === 'i') {
      this.pos++;
      return { kind: 'T_REGEX_I', start, end: this.pos, value: pattern };
    }
    return { kind: 'T_REGEX', start, end: this.pos, value: pattern };
  }

  private regexTooLong(patternStart: number): Token {
    const at = patternStart + MAX_STRING_LENGTH - 1;
    this.pos = at + 1;
    this.state = 'initial';
    return this.error('Regexp too long', at, at + 1);
  }
}

/** Every token of an expression, up to and including the first T_ERROR or $end. */
export function scanExpression(text: string, options: ScannerOptions = {}): Token[] {
  const scanner = new ExprScanner(text, options);
  const tokens: Token[] = [];
  for (;;) {
    const token = scanner.next();
    tokens.push(token);
    if (token.kind === '$end' || token.kind === 'T_ERROR') return tokens;
  }
}
