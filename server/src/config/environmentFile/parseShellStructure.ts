// Groups the lexer's commands into what the interpreter runs: simple commands
// and if / elif / else / fi chains. `case`, loops, brace groups (and so
// function bodies) and an unfinished `if` become skipped nodes, stepped over
// as a whole so that nothing inside them runs.

import { MAX_NESTING } from './shellSyntax';
import type { Command, Word } from './shellSyntax';

export type ShellNode =
  | { kind: 'simple'; command: Command }
  | { kind: 'if'; branches: { condition?: Command; body: ShellNode[] }[] }
  /** A compound command this reader does not run (case, loops, brace groups, an unfinished if). */
  | { kind: 'skip' };

/** Words that open or close a compound command when they start one. */
const KEYWORDS = new Set(['if', 'then', 'elif', 'else', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', '{', '}', '!']);
/** Keywords after which another command may follow on the same line without `;`. */
const LEADING_KEYWORDS = new Set(['then', 'else', 'do', '{', '}']);

export function keywordOf(word: Word | undefined): string | undefined {
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

  parse(): ShellNode[] {
    const nodes: ShellNode[] = [];
    while (this.at < this.commands.length) for (const node of this.list(new Set())) nodes.push(node);
    return nodes;
  }

  private keyword(): string | undefined {
    return keywordOf(this.commands[this.at]?.words[0]);
  }

  /** Commands up to (not including) one that starts with a keyword in `until`. */
  private list(until: Set<string>): ShellNode[] {
    const nodes: ShellNode[] = [];
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

  private ifCommand(): ShellNode {
    if (this.ifDepth >= MAX_NESTING) return this.skip('if', 'fi');
    this.ifDepth++;
    try {
      return this.ifBranches();
    } finally {
      this.ifDepth--;
    }
  }

  private ifBranches(): ShellNode {
    const branches: { condition?: Command; body: ShellNode[] }[] = [];
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

  private skip(open: string, close: string): ShellNode {
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

export function parseShellStructure(commands: Command[]): ShellNode[] {
  return new Parser(separateKeywords(commands)).parse();
}
