// The syntax the lexer hands to the parser and the interpreter: a command is a
// list of words, a word a list of parts (literal text, a parameter expansion,
// or something only a shell could expand). Also the nesting limit that both
// the lexer (`${…}`) and the parser (`if`) keep to.

export type Part =
  | { kind: 'text'; text: string; quoted: boolean }
  | { kind: 'param'; name: string; op: string; word: Part[]; quoted: boolean }
  /** `$(…)`, backquotes, `$((…))`, positional and special parameters: what only a shell knows. */
  | { kind: 'unreadable' };

export type Word = Part[];

export interface Command {
  words: Word[];
  /** False when the command uses what this reader does not model (pipes, redirections, `&&`, subshells). */
  readable: boolean;
}

/** A shell variable name. */
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Deeper `${…${…}}` or `if` nesting is skipped as unreadable, so a hostile file cannot exhaust the stack. */
export const MAX_NESTING = 64;
