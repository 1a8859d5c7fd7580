// Reads a shell environment file such as Debian's /etc/apache2/envvars, which
// apache2ctl sources with `. envvars` before it starts Apache, and returns the
// environment Apache would then be given: `base` (the caller's environment)
// with the file's exported assignments applied. No shell is run: the file is
// read by a small interpreter for the part of sh such files use:
//   - `NAME=value`, `export NAME=value`, `export NAME`, `readonly`, `unset NAME`,
//     `set -a` / `set +a`, and `: ${NAME:=value}` (any `:` or `true` command);
//   - single and double quotes, backslashes, line continuations, comments
//     (a carriage return counts as a blank, so CRLF files read like LF ones);
//   - `$NAME`, `${NAME}`, `${NAME-w}`, `${NAME:-w}`, `${NAME=w}`, `${NAME:=w}`,
//     `${NAME+w}`, `${NAME:+w}`, `${#NAME}`, `${NAME#p}`, `${NAME##p}`,
//     `${NAME%p}`, `${NAME%%p}`, and `~`, `~/…` from HOME;
//   - `if` / `elif` / `else` / `fi` on `[ … ]` or `test …` with `-n`, `-z`,
//     `=`, `!=`, `-eq` … `-ge` and `!`, or on `true`, `false` and `:`;
//   - `return` or `exit` ends the file.
// As in sh, a variable assigned but never exported (SUFFIX in envvars) is used
// for expansion but is not part of the result; a name in `base` is exported.
// Anything else is not understood and is skipped without effect: other
// commands (`. file`, `ulimit`, `umask`), a line with `$(…)`, backquotes,
// `$((…))`, `$1`, `$?`, pipes, `&&`, `||`, redirections or subshells, and
// `case`, loops, brace groups and function bodies as a whole. An `if` whose
// condition cannot be decided (a file test, a command) is skipped as a whole.

type Part =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'param'; name: string; op: string; word: Part[]; quoted: boolean }
  /** `$(…)`, backquotes, `$((…))`, positional and special parameters: what only a shell knows. */
  | { kind: 'unreadable' };

type Word = Part[];

interface Command {
  words: Word[];
  /** False when the command uses what this reader does not model (pipes, redirections, `&&`, subshells). */
  readable: boolean;
}

/** A piece of an expanded word; `split` marks an unquoted expansion result, which sh splits into fields. */
interface Segment {
  text: string;
  quoted: boolean;
  split: boolean;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')', '<', '>']);
const BLANKS = new Set([' ', '\t']);
/** Words that open or close a compound command when they start one. */
const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', '{', '}', '!']);
/** Deeper `${…${…}}` or `if` nesting is skipped as unreadable, so a hostile file cannot exhaust the stack. */
const MAX_NESTING = 64;
/** Longest value `${NAME#pattern}` and the like are worked out for. */
const MAX_PATTERN_SUBJECT = 4096;
/** Keywords after which another command may follow on the same line without `;`. */
const LEADING_KEYWORDS = new Set(['then', 'else', 'do', '{', '}']);

class Unreadable extends Error {}
class EndOfFile extends Error {}

// ---------------------------------------------------------------- lexing

class Lexer {
  private at = 0;
  private parenDepth = 0;
  private nesting = 0;
  private readonly heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  readonly commands: Command[] = [];
  private current: Command = { words: [], readable: true };

  constructor(private readonly text: string) {}

  run(): Command[] {
    const { text } = this;
    while (this.at < text.length) {
      const ch = text[this.at];
      if (BLANKS.has(ch) || ch === '\r') {
        this.at++;
      } else if (ch === '\\' && text[this.at + 1] === '\n') {
        this.at += 2;
      } else if (ch === '#') {
        while (this.at < text.length && text[this.at] !== '\n') this.at++;
      } else if (ch === '\n') {
        this.at++;
        this.endCommand();
        this.skipHeredocs();
      } else if (OPERATOR_CHARS.has(ch)) {
        this.operator();
      } else {
        this.current.words.push(this.word((c) => BLANKS.has(c) || c === '\n' || c === '\r' || OPERATOR_CHARS.has(c)));
      }
    }
    this.endCommand();
    return this.commands;
  }

  private endCommand(): void {
    if (this.current.words.length > 0 || !this.current.readable) {
      if (this.parenDepth > 0) this.current.readable = false;
      this.commands.push(this.current);
    }
    this.current = { words: [], readable: this.parenDepth === 0 };
  }

  private operator(): void {
    const { text } = this;
    const ch = text[this.at];
    const two = text.slice(this.at, this.at + 2);
    if (ch === ';') {
      this.at += two === ';;' ? 2 : 1;
      this.endCommand();
      return;
    }
    this.current.readable = false;
    if (ch === '(') {
      this.at++;
      this.parenDepth++;
      return;
    }
    if (ch === ')') {
      this.at++;
      this.parenDepth = Math.max(0, this.parenDepth - 1);
      // `name()` is a function header: its body starts a new command.
      this.endCommand();
      return;
    }
    if (two === '<<') {
      this.at += 2;
      const stripTabs = text[this.at] === '-';
      if (stripTabs) this.at++;
      while (BLANKS.has(text[this.at])) this.at++;
      const delimiter = this.word((c) => BLANKS.has(c) || c === '\n' || OPERATOR_CHARS.has(c))
        .map((part) => (part.kind === 'text' ? part.text : ''))
        .join('');
      this.heredocs.push({ delimiter, stripTabs });
      return;
    }
    // & && | || < > >> and the like: the command is not one this reader runs.
    this.at += two === '&&' || two === '||' || two === '>>' || two === '>&' || two === '<&' || two === '>|' ? 2 : 1;
    if (ch === '&' || ch === '|') {
      // What follows is another command of the same list, equally unreadable here.
      this.endCommand();
      this.current.readable = false;
    }
  }

  /** Skips the bodies of here-documents opened on the line that just ended. */
  private skipHeredocs(): void {
    const { text } = this;
    for (const { delimiter, stripTabs } of this.heredocs.splice(0)) {
      while (this.at < text.length) {
        const end = text.indexOf('\n', this.at);
        const line = text.slice(this.at, end === -1 ? text.length : end);
        this.at = end === -1 ? text.length : end + 1;
        if ((stripTabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
      }
    }
  }

  /** Reads one word up to an unquoted character for which `stop` is true (not consumed). */
  private word(stop: (ch: string) => boolean, depth = 0): Word {
    const { text } = this;
    const parts: Part[] = [];
    const literal = (value: string, quoted: boolean) => {
      const last = parts[parts.length - 1];
      if (last?.kind === 'text' && last.quoted === quoted) last.text += value;
      else parts.push({ kind: 'text', text: value, quoted });
    };
    while (this.at < text.length) {
      const ch = text[this.at];
      if (depth > 0 && ch === '}') break;
      if (depth === 0 && stop(ch)) break;
      if (ch === '\\') {
        if (text[this.at + 1] === '\n') this.at += 2;
        else {
          if (this.at + 1 < text.length) literal(text[this.at + 1], true);
          this.at += 2;
        }
      } else if (ch === "'") {
        const end = text.indexOf("'", this.at + 1);
        if (end === -1) {
          parts.push({ kind: 'unreadable' });
          this.at = text.length;
        } else {
          // Even an empty '' leaves a quoted part, so it still makes a word.
          literal(text.slice(this.at + 1, end), true);
          this.at = end + 1;
        }
      } else if (ch === '"') {
        this.at++;
        parts.push({ kind: 'text', text: '', quoted: true });
        this.doubleQuoted(parts, literal);
      } else if (ch === '$') {
        parts.push(this.dollar(false));
      } else if (ch === '`') {
        this.backquote();
        parts.push({ kind: 'unreadable' });
      } else {
        literal(ch, false);
        this.at++;
      }
    }
    return parts;
  }

  private doubleQuoted(parts: Part[], literal: (value: string, quoted: boolean) => void): void {
    const { text } = this;
    while (this.at < text.length) {
      const ch = text[this.at];
      if (ch === '"') {
        this.at++;
        return;
      }
      if (ch === '\\') {
        const next = text[this.at + 1];
        if (next === '\n') this.at += 2;
        else if (next === '$' || next === '`' || next === '"' || next === '\\') {
          literal(next, true);
          this.at += 2;
        } else {
          literal('\\', true);
          this.at++;
        }
      } else if (ch === '$') {
        parts.push(this.dollar(true));
      } else if (ch === '`') {
        this.backquote();
        parts.push({ kind: 'unreadable' });
      } else {
        literal(ch, true);
        this.at++;
      }
    }
    // Unterminated quote: sh would fail to parse the rest of the file.
    parts.push({ kind: 'unreadable' });
  }

  private backquote(): void {
    const { text } = this;
    this.at++;
    while (this.at < text.length && text[this.at] !== '`') this.at += text[this.at] === '\\' ? 2 : 1;
    this.at++;
  }

  private dollar(quoted: boolean): Part {
    const { text } = this;
    const next = text[this.at + 1] ?? '';
    if (next === '(') {
      // $(…) or $((…)): skip to the matching parenthesis, quotes included.
      let depth = 0;
      this.at++;
      while (this.at < text.length) {
        const ch = text[this.at];
        if (ch === '\\') this.at++;
        else if (ch === "'") this.at = Math.max(this.at, text.indexOf("'", this.at + 1));
        else if (ch === '(') depth++;
        else if (ch === ')' && --depth === 0) break;
        this.at++;
      }
      this.at++;
      return { kind: 'unreadable' };
    }
    if (NAME_START.test(next)) {
      let end = this.at + 1;
      while (end < text.length && NAME_CHAR.test(text[end])) end++;
      const name = text.slice(this.at + 1, end);
      this.at = end;
      return { kind: 'param', name, op: '', word: [], quoted };
    }
    if (next === '{') return this.braced(quoted);
    if (/[0-9@*#?$!-]/.test(next) && next !== '') {
      this.at += 2;
      return { kind: 'unreadable' };
    }
    this.at++;
    return { kind: 'text', text: '$', quoted };
  }

  private braced(quoted: boolean): Part {
    const { text } = this;
    this.at += 2;
    let length = false;
    if (text[this.at] === '#' && NAME_START.test(text[this.at + 1] ?? '')) {
      length = true;
      this.at++;
    }
    let end = this.at;
    while (end < text.length && NAME_CHAR.test(text[end])) end++;
    const name = text.slice(this.at, end);
    this.at = end;
    const op = /^(:[-=+?]|[-=+?]|##|#|%%|%|)/.exec(text.slice(this.at, this.at + 2))?.[1] ?? '';
    const valid = NAME.test(name) && !(length && op !== '');
    this.at += op.length;
    if (this.nesting >= MAX_NESTING) {
      for (let depth = 1; this.at < text.length && depth > 0; this.at++) {
        if (text[this.at] === '{') depth++;
        else if (text[this.at] === '}') depth--;
      }
      return { kind: 'unreadable' };
    }
    // The word after the operator runs to the matching brace.
    this.nesting++;
    const word = text[this.at] === '}' ? [] : this.word(() => false, 1);
    this.nesting--;
    if (text[this.at] !== '}') return { kind: 'unreadable' };
    this.at++;
    // `${A[0]}`, `${10}`, `${#A-x}`: a bad substitution, or one only a shell can make.
    if (!valid || (op === '' && word.length > 0)) return { kind: 'unreadable' };
    return { kind: 'param', name, op: length ? 'length' : op, word, quoted };
  }
}

// ---------------------------------------------------------------- structure

type Node =
  | { kind: 'simple'; command: Command }
  | { kind: 'if'; branches: { condition?: Command; body: Node[] }[] }
  /** A compound command this reader does not run (case, loops, brace groups, an unfinished if). */
  | { kind: 'skip' };

function keywordOf(word: Word | undefined): string | undefined {
  if (word?.length !== 1) return undefined;
  const part = word[0];
  return part.kind === 'text' && !part.quoted && KEYWORDS.has(part.text) ? part.text : undefined;
}

/** Splits `then A=1` into `then` and `A=1`, so keywords always stand alone. */
function separateKeywords(commands: Command[]): Command[] {
  const out: Command[] = [];
  for (const command of commands) {
    let words = command.words;
    while (words.length > 1 && LEADING_KEYWORDS.has(keywordOf(words[0]) ?? '')) {
      out.push({ words: [words[0]], readable: true });
      words = words.slice(1);
    }
    out.push({ words, readable: command.readable });
  }
  return out;
}

class Parser {
  private at = 0;
  private ifDepth = 0;
  constructor(private readonly commands: Command[]) {}

  parse(): Node[] {
    const nodes: Node[] = [];
    while (this.at < this.commands.length) for (const node of this.list(new Set())) nodes.push(node);
    return nodes;
  }

  private keyword(): string | undefined {
    return keywordOf(this.commands[this.at]?.words[0]);
  }

  /** Commands up to (not including) one that starts with a keyword in `until`. */
  private list(until: Set<string>): Node[] {
    const nodes: Node[] = [];
    while (this.at < this.commands.length) {
      const keyword = this.keyword();
      if (keyword && until.has(keyword)) break;
      const command = this.commands[this.at];
      if (keyword === 'if') nodes.push(this.ifCommand());
      else if (keyword === 'case') nodes.push(this.skip('case', 'esac'));
      else if (keyword === 'for' || keyword === 'while' || keyword === 'until') nodes.push(this.skip(keyword, 'done'));
      else if (keyword === '{') nodes.push(this.skip('{', '}'));
      else {
        // A stray keyword (`fi` with no `if`, `!` …) or an ordinary command.
        this.at++;
        if (!keyword) nodes.push({ kind: 'simple', command });
      }
    }
    return nodes;
  }

  private ifCommand(): Node {
    if (this.ifDepth >= MAX_NESTING) return this.skip('if', 'fi');
    this.ifDepth++;
    try {
      return this.ifBranches();
    } finally {
      this.ifDepth--;
    }
  }

  private ifBranches(): Node {
    const branches: { condition?: Command; body: Node[] }[] = [];
    let condition: Command | undefined = this.commands[this.at++];
    condition = { words: condition.words.slice(1), readable: condition.readable };
    for (;;) {
      // The condition may run over several commands (`if a; b; then`): only one is read.
      if (this.keyword() !== 'then') {
        condition = { words: [], readable: false };
        while (this.at < this.commands.length && this.keyword() !== 'then') this.skipOne();
      }
      if (this.at >= this.commands.length) return { kind: 'skip' };
      this.at++;
      const body = this.list(new Set(['elif', 'else', 'fi']));
      branches.push({ condition, body });
      const keyword = this.keyword();
      if (keyword === 'fi') {
        this.at++;
        return { kind: 'if', branches };
      }
      if (keyword === 'else') {
        this.at++;
        branches.push({ body: this.list(new Set(['fi'])) });
        if (this.keyword() !== 'fi') return { kind: 'skip' };
        this.at++;
        return { kind: 'if', branches };
      }
      if (keyword !== 'elif') return { kind: 'skip' };
      const next = this.commands[this.at++];
      condition = { words: next.words.slice(1), readable: next.readable };
    }
  }

  /** Steps over one command, or a whole compound command. */
  private skipOne(): void {
    const keyword = this.keyword();
    if (keyword === 'if') this.ifCommand();
    else if (keyword === 'case') this.skip('case', 'esac');
    else if (keyword === 'for' || keyword === 'while' || keyword === 'until') this.skip(keyword, 'done');
    else if (keyword === '{') this.skip('{', '}');
    else this.at++;
  }

  private skip(open: string, close: string): Node {
    const opens = open === 'for' || open === 'while' || open === 'until' ? new Set(['for', 'while', 'until']) : new Set([open]);
    let depth = 0;
    while (this.at < this.commands.length) {
      const keyword = this.keyword();
      this.at++;
      if (keyword && opens.has(keyword)) depth++;
      else if (keyword === close && --depth === 0) break;
    }
    return { kind: 'skip' };
  }
}

// ---------------------------------------------------------------- running

class Shell {
  readonly values = new Map<string, string>();
  readonly exported = new Set<string>();
  private allExport = false;

  constructor(base: Readonly<Record<string, string | undefined>>) {
    for (const [name, value] of Object.entries(base)) {
      if (value === undefined) continue;
      this.values.set(name, value);
      this.exported.add(name);
    }
  }

  set(name: string, value: string): void {
    this.values.set(name, value);
    if (this.allExport) this.exported.add(name);
  }

  run(nodes: Node[]): void {
    for (const node of nodes) {
      if (node.kind === 'skip') continue;
      if (node.kind === 'simple') {
        this.simple(node.command);
        continue;
      }
      for (const branch of node.branches) {
        const verdict = branch.condition ? this.condition(branch.condition) : true;
        if (verdict === undefined) break;
        if (verdict) {
          this.run(branch.body);
          break;
        }
      }
    }
  }

  /** True or false when the condition can be decided without a shell. */
  private condition(command: Command): boolean | undefined {
    if (!command.readable) return undefined;
    let fields: string[];
    try {
      fields = command.words.flatMap((word) => this.fields(word));
    } catch (error) {
      if (error instanceof Unreadable) return undefined;
      throw error;
    }
    let negate = false;
    if (keywordOf(command.words[0]) === '!') {
      negate = true;
      fields = fields.slice(1);
    }
    let verdict: boolean | undefined;
    const [name, ...args] = fields;
    if (name === 'true' || name === ':') verdict = args.length === 0 ? true : undefined;
    else if (name === 'false') verdict = args.length === 0 ? false : undefined;
    else if (name === 'test') verdict = evaluateTest(args);
    else if (name === '[' && args[args.length - 1] === ']') verdict = evaluateTest(args.slice(0, -1));
    return verdict === undefined ? undefined : verdict !== negate;
  }

  private simple(command: Command): void {
    if (!command.readable || command.words.length === 0) return;
    try {
      const assignments: { name: string; value: Word }[] = [];
      let index = 0;
      for (; index < command.words.length; index++) {
        const assignment = asAssignment(command.words[index]);
        if (!assignment) break;
        assignments.push(assignment);
      }
      if (index === command.words.length) {
        for (const { name, value } of assignments) this.assign(name, value);
        return;
      }
      // `A=1 cmd`: the assignment is for that command only.
      if (assignments.length > 0) return;
      const [name] = this.fields(command.words[0]);
      const rest = command.words.slice(1);
      switch (name) {
        case 'export':
        case 'readonly':
          this.declare(rest, name === 'export');
          return;
        case 'unset':
          this.unset(rest);
          return;
        case ':':
        case 'true':
          // Expanded for their side effects: `: ${NAME:=value}`.
          for (const word of rest) this.fields(word);
          return;
        case 'set':
          this.setOptions(rest.flatMap((word) => this.fields(word)));
          return;
        case 'return':
        case 'exit':
          throw new EndOfFile();
      }
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
    }
  }

  /** False when the value cannot be known (`NAME=$(cmd)`): the variable is then left as it was. */
  private assign(name: string, value: Word): boolean {
    try {
      this.set(name, this.single(value, true));
      return true;
    } catch (error) {
      if (!(error instanceof Unreadable)) throw error;
      return false;
    }
  }

  private declare(words: Word[], exporting: boolean): void {
    for (const word of words) {
      const assignment = asAssignment(word);
      if (assignment) {
        if (this.assign(assignment.name, assignment.value) && exporting) this.exported.add(assignment.name);
        continue;
      }
      let fields: string[];
      try {
        fields = this.fields(word);
      } catch (error) {
        if (error instanceof Unreadable) continue;
        throw error;
      }
      // Options (-p, -n …) change nothing this reader models.
      for (const field of fields) if (exporting && NAME.test(field)) this.exported.add(field);
    }
  }

  private unset(words: Word[]): void {
    const fields = words.flatMap((word) => this.fields(word));
    if (fields.some((field) => field === '-f')) return;
    for (const field of fields) {
      if (!NAME.test(field)) continue;
      this.values.delete(field);
      this.exported.delete(field);
    }
  }

  private setOptions(fields: string[]): void {
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i];
      if (field === '--') return;
      if ((field === '-o' || field === '+o') && fields[i + 1] === 'allexport') {
        this.allExport = field === '-o';
        i++;
      } else if (/^[-+][a-zA-Z]+$/.test(field) && field.includes('a')) {
        this.allExport = field.startsWith('-');
      }
    }
  }

  // ---- expansion

  /** A word as one string, as in an assignment: no field splitting. */
  private single(word: Word, tilde: boolean): string {
    return this.segments(word, tilde)
      .map((segment) => segment.text)
      .join('');
  }

  /** A word as the fields sh would make of it: unquoted expansions split on blanks; no pathname expansion. */
  private fields(word: Word): string[] {
    const fields: string[] = [];
    let current = '';
    let present = false;
    for (const segment of this.segments(word, true)) {
      if (!segment.split) {
        current += segment.text;
        present ||= segment.quoted || segment.text !== '';
        continue;
      }
      const pieces = segment.text.split(/[ \t\n]+/);
      pieces.forEach((piece, index) => {
        if (index > 0) {
          if (present) fields.push(current);
          current = '';
          present = false;
        }
        current += piece;
        present ||= piece !== '';
      });
    }
    if (present) fields.push(current);
    return fields;
  }

  private segments(word: Word, tilde: boolean): Segment[] {
    const segments: Segment[] = [];
    word.forEach((part, index) => {
      if (part.kind === 'unreadable') throw new Unreadable();
      if (part.kind === 'text') {
        if (tilde && index === 0 && !part.quoted && part.text.startsWith('~')) {
          for (const segment of this.tilde(part.text, word.length === 1)) segments.push(segment);
          return;
        }
        segments.push({ text: part.text, quoted: part.quoted, split: false });
        return;
      }
      for (const segment of this.parameter(part)) segments.push(segment);
    });
    return segments;
  }

  /** `~` and `~/…` from HOME, as sh does at the start of a word. */
  private tilde(text: string, whole: boolean): Segment[] {
    const end = text.indexOf('/');
    const prefix = end === -1 ? text : text.slice(0, end);
    // `~user` needs the password database; `~` followed by a quote or expansion is left to a shell.
    if (prefix !== '~' || (end === -1 && !whole)) throw new Unreadable();
    const home = this.values.get('HOME');
    if (home === undefined) return [{ text, quoted: false, split: false }];
    return [
      { text: home, quoted: true, split: false },
      { text: end === -1 ? '' : text.slice(end), quoted: false, split: false },
    ];
  }

  private parameter(part: Extract<Part, { kind: 'param' }>): Segment[] {
    // Inside double quotes even an empty result is a field: "${A:+x}" with A unset gives ''.
    const result = this.parameterValue(part);
    return part.quoted ? [{ text: '', quoted: true, split: false }, ...result] : result;
  }

  private parameterValue(part: Extract<Part, { kind: 'param' }>): Segment[] {
    const value = this.values.get(part.name);
    const split = !part.quoted;
    const ofValue = (text: string): Segment[] => [{ text, quoted: part.quoted, split }];
    const ofWord = (): Segment[] => this.segments(part.word, false).map((segment) => ({ ...segment, split: segment.split && split }));
    const unsetOrNull = value === undefined || (part.op.startsWith(':') && value === '');
    switch (part.op) {
      case '':
        return ofValue(value ?? '');
      case 'length':
        return ofValue(String([...(value ?? '')].length));
      case '-':
      case ':-':
        return unsetOrNull ? ofWord() : ofValue(value);
      case '=':
      case ':=': {
        if (!unsetOrNull) return ofValue(value);
        const assigned = this.single(part.word, false);
        this.set(part.name, assigned);
        return ofValue(assigned);
      }
      case '+':
      case ':+':
        return unsetOrNull ? [] : ofWord();
      case '?':
      case ':?':
        // sh stops with an error when the variable is missing; with a value it is plain $NAME.
        if (unsetOrNull) throw new Unreadable();
        return ofValue(value);
      default:
        // Trying every prefix against a pattern is quadratic: leave very long values to a shell.
        if ((value ?? '').length > MAX_PATTERN_SUBJECT) throw new Unreadable();
        return ofValue(removePattern(value ?? '', part.op, this.pattern(part.word)));
    }
  }

  /** The word after `#`, `##`, `%` or `%%` as a regular expression: quoted text is literal, the rest is a glob. */
  private pattern(word: Word): string {
    return this.segments(word, false)
      .map((segment) => (segment.quoted ? escapeRegExp(segment.text) : globToRegExp(segment.text)))
      .join('');
  }
}

function asAssignment(word: Word): { name: string; value: Word } | undefined {
  const first = word[0];
  if (first?.kind !== 'text' || first.quoted) return undefined;
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!match) return undefined;
  const rest = first.text.slice(match[0].length);
  const value: Word = [...(rest === '' ? [] : [{ ...first, text: rest }]), ...word.slice(1)];
  return { name: match[1], value };
}

/** `test` / `[` on its arguments, following POSIX's rules by argument count; undefined for file tests and the like. */
function evaluateTest(args: string[]): boolean | undefined {
  if (args.length === 0) return false;
  if (args[0] === '!' && args.length > 1) {
    const inner = evaluateTest(args.slice(1));
    return inner === undefined ? undefined : !inner;
  }
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    if (args[0] === '-n') return args[1] !== '';
    if (args[0] === '-z') return args[1] === '';
    return undefined;
  }
  if (args.length === 3) {
    const [left, op, right] = args;
    if (op === '=') return left === right;
    if (op === '!=') return left !== right;
    const integers = /^\s*[-+]?\d+\s*$/;
    if (/^-(eq|ne|lt|le|gt|ge)$/.test(op) && integers.test(left) && integers.test(right)) {
      const [a, b] = [Number(left), Number(right)];
      return { '-eq': a === b, '-ne': a !== b, '-lt': a < b, '-le': a <= b, '-gt': a > b, '-ge': a >= b }[op];
    }
  }
  return undefined;
}

function removePattern(value: string, op: string, pattern: string): string {
  const matcher = new RegExp(`^(?:${pattern})$`, 's');
  const chars = [...value];
  const lengths = chars.map((_, index) => index + 1);
  const order = op === '#' || op === '%' ? [0, ...lengths] : [...lengths.reverse(), 0];
  for (const length of order) {
    if (op.startsWith('#')) {
      if (matcher.test(chars.slice(0, length).join(''))) return chars.slice(length).join('');
    } else if (matcher.test(chars.slice(chars.length - length).join(''))) {
      return chars.slice(0, chars.length - length).join('');
    }
  }
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** sh pattern matching: `*`, `?`, `[…]` (with `!` or `^` to negate), backslash escapes. */
function globToRegExp(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch === '\\' && i + 1 < glob.length) out += escapeRegExp(glob[++i]);
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else out += escapeRegExp(ch);
  }
  return out;
}

/**
 * The environment a program started after `. file` would get: `base` (taken as
 * exported, as a process environment is) with the file's assignments and
 * exports applied, without running a shell.
 */
export function readEnvironmentFile(text: string, base: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const shell = new Shell(base);
  const nodes = new Parser(separateKeywords(new Lexer(text).run())).parse();
  try {
    shell.run(nodes);
  } catch (error) {
    if (!(error instanceof EndOfFile)) throw error;
  }
  const environment: Record<string, string> = {};
  for (const name of shell.exported) {
    const value = shell.values.get(name);
    if (value !== undefined) environment[name] = value;
  }
  return environment;
}
