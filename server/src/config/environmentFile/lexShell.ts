// Splits the text of a shell file into commands of words, as sh's tokenizer
// does: blanks, newlines and `;` end commands; quotes, backslashes and line
// continuations are resolved into literal parts; `$NAME` and `${…}` become
// parameter parts; `$(…)`, backquotes and special parameters become
// unreadable parts. A command with pipes, `&&`, `||`, redirections or
// subshells is marked unreadable, and here-document bodies are skipped.

import { MAX_NESTING, NAME } from './shellSyntax';
import type { Command, Part, Word } from './shellSyntax';

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')', '<', '>']);
const BLANKS = new Set([' ', '\t']);

/** Appends text to the word being read, joined to the last part when that is quoted alike. */
type AddLiteral = (value: string, quoted: boolean) => void;

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
      } else {
        this.expansionOrCharacter(parts, literal, false);
      }
    }
    return parts;
  }

  private doubleQuoted(parts: Part[], literal: AddLiteral): void {
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
      } else {
        this.expansionOrCharacter(parts, literal, true);
      }
    }
    // Unterminated quote: sh would fail to parse the rest of the file.
    parts.push({ kind: 'unreadable' });
  }

  /** `$…`, a backquoted command or one plain character: read alike inside and outside double quotes. */
  private expansionOrCharacter(parts: Part[], literal: AddLiteral, quoted: boolean): void {
    const ch = this.text[this.at];
    if (ch === '$') {
      parts.push(this.dollar(quoted));
    } else if (ch === '`') {
      this.backquote();
      parts.push({ kind: 'unreadable' });
    } else {
      literal(ch, quoted);
      this.at++;
    }
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

export function lexShell(text: string): Command[] {
  return new Lexer(text).run();
}
