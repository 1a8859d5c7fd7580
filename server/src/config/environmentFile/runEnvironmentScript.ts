// Runs the parsed file as sh would, on a table of variables that starts as
// `base`: assignments, `export`, `readonly`, `unset`, `set -a`, `:` and
// `true`, `if` on decidable conditions, `return` / `exit`, and the expansion
// of words (parameters, `~`, field splitting, no pathname expansion). A
// command that needs what only a shell knows is skipped and leaves every
// variable as it was; the result is the exported variables.

import { evaluateShellTest } from './evaluateShellTest';
import { keywordOf } from './parseShellStructure';
import type { ShellNode } from './parseShellStructure';
import { MAX_PATTERN_SUBJECT, removePattern } from './shellPattern';
import { NAME } from './shellSyntax';
import type { Command, Part, Word } from './shellSyntax';

/** A piece of an expanded word; `split` marks an unquoted expansion result, which sh splits into fields. */
interface Segment {
  text: string;
  quoted: boolean;
  split: boolean;
}

/** Thrown by an expansion only a shell can make; the command using it is skipped. */
class Unreadable extends Error {}
/** Thrown by `return` or `exit`: the rest of the file is not read. */
class EndOfFile extends Error {}

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

  run(nodes: ShellNode[]): void {
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
    else if (name === 'test') verdict = evaluateShellTest(args);
    else if (name === '[' && args[args.length - 1] === ']') verdict = evaluateShellTest(args.slice(0, -1));
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
        return ofValue(removePattern(value ?? '', part.op, this.segments(part.word, false)));
    }
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

/** The exported variables once `nodes` has run; every name in `base` starts out exported. */
export function runEnvironmentScript(nodes: ShellNode[], base: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const shell = new Shell(base);
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
