// Apache compiles each regex while it reads the configuration (ap_pregcomp,
// PCRE2) and refuses the line when that fails. We cannot run PCRE here, and
// JavaScript's RegExp reads another dialect, so this is a small reader of
// PCRE2's syntax of its own. It reports only mistakes PCRE2 10.42 refuses
// whatever the options (each one tried with apache2 -t on 2.4.71), and stays
// silent on what it does not understand. In extended mode (`(?x)`) blanks and
// `#` comments change the reading, so such a pattern gets no verdict.

import { PCRE2_PROPERTY_NAMES } from '../../knowledge/pcre2Properties';

/** Why PCRE would refuse the pattern, or undefined when it may well accept it. */
export function regexSyntaxProblem(pattern: string): string | undefined {
  if (/\(\?[a-zA-Z^-]*x/.test(pattern)) return undefined;
  return new PatternReader(pattern).read();
}

/** What a quantifier would repeat at this point. */
type Before =
  | { kind: 'nothing' }
  | { kind: 'item' }
  | { kind: 'quantifier' }
  /** An assertion or option setting, which PCRE2 does not repeat. */
  | { kind: 'fixed'; text: string };

/** How many characters a part of the pattern matches: each branch of a lookbehind must match a fixed number. */
type Width = number | 'varies' | 'unknown';

/** A group being read: what kind, where it opens, the widths of its finished branches and of the one being read. */
interface Group {
  kind: 'group' | 'lookbehind' | 'lookahead' | 'unjudged';
  open: number;
  branches: Width[];
  width: Width;
  /** The branch's width before its last item, and that item's: a quantifier repeats the item. */
  beforeLast: Width;
  last: Width;
}

function newGroup(kind: Group['kind'], open: number): Group {
  return { kind, open, branches: [], width: 0, beforeLast: 0, last: 0 };
}

function addWidths(a: Width, b: Width): Width {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  return a === 'varies' || b === 'varies' ? 'varies' : 'unknown';
}

/** The width of `width` repeated from `min` to `max` times (undefined: no limit). */
function repeatWidth(width: Width, min: number, max: number | undefined): Width {
  if (width === 0 || typeof width !== 'number') return width;
  return max === min ? width * min : 'varies';
}

/** What a group's branches add up to: the same width in each, or none fixed. */
function groupWidth(branches: readonly Width[]): Width {
  if (branches.includes('varies')) return 'varies';
  if (branches.includes('unknown')) return 'unknown';
  return branches.every((width) => width === branches[0]) ? branches[0] : 'varies';
}

/** What `(?` or `(*name:` opens, from what follows. */
function groupKind(rest: string): Group['kind'] {
  if (/^\?<[=!]|^\*(?:plb|nlb|naplb|positive_lookbehind|negative_lookbehind|non_atomic_positive_lookbehind):/.test(rest)) return 'lookbehind';
  if (/^\?[=!]|^\*(?:pla|nla|napla|positive_lookahead|negative_lookahead|non_atomic_positive_lookahead):/.test(rest)) return 'lookahead';
  // Conditions, recursion, callouts and named references: their width is not worked out here.
  if (/^\?(?:\(|R|[+-]?\d|&|P>|P=|C)/.test(rest)) return 'unjudged';
  return 'group';
}

/** Escapes PCRE2 knows no meaning for: `\y` is refused, not read as `y`. */
const UNKNOWN_ESCAPES = 'ijlmquyFIJLMOTUY';
/** Assertions written as an escape: `\b*` is refused. */
const ESCAPED_ASSERTIONS = 'bBAzZGK';
/** Escapes whose argument may be in braces (`\x{41}`, `\p{L}`), skipped as part of the escape. */
const BRACED_ARGUMENT = 'xopPNgk';
/** Escapes standing for a set of characters, which cannot end a range in a class. */
const CLASS_ESCAPES = 'dDsSwWhHvVpPRN';
const POSIX_CLASSES = new Set(['alpha', 'digit', 'alnum', 'upper', 'lower', 'space', 'punct', 'print', 'graph', 'cntrl', 'xdigit', 'blank', 'word', 'ascii']);
/** An option setting such as `(?i)` or `(?-s)`, with PCRE2 10.42's letters. */
const OPTION_SETTING = /^\(\?(?=[\^imnsxJU-])\^?[imnsxJU]*(?:-[imnsxJU]*)?\)/;
/**
 * Options PCRE2 reads only at the very start of the pattern, one after
 * another: `(*UTF)`, `(*LIMIT_MATCH=1000)`. A limit of up to nine digits
 * passes; ten may overflow (not judged), more always do.
 */
const START_OPTION = /^\(\*(?:UTF8?|UCP|NOTEMPTY(?:_ATSTART)?|NO_AUTO_POSSESS|NO_DOTSTAR_ANCHOR|NO_JIT|NO_START_OPT|CR|LF|CRLF|ANYCRLF|ANY|NUL|BSR_ANYCRLF|BSR_UNICODE|LIMIT_(?:HEAP|MATCH|DEPTH|RECURSION)=\d{1,10})\)/;
/** Backtracking verbs, with their optional `:NAME` (which MARK needs, and spelt `(*:NAME)`). */
const VERB = /^\(\*(?:(?:ACCEPT|FAIL|F|COMMIT|PRUNE|SKIP|THEN)(?::[^)]*)?|(?:MARK)?:[^)]+)\)/;
/** Assertions and groups spelt with a lower-case name, `(*pla:…)`: they open a group. */
const ALPHA_GROUP =
  /^\(\*(?:pla|plb|nla|nlb|napla|naplb|positive_lookahead|positive_lookbehind|negative_lookahead|negative_lookbehind|non_atomic_positive_lookahead|non_atomic_positive_lookbehind|atomic|sr|script_run|asr|atomic_script_run):/;
/** The general categories `\pL` may name with one letter. */
const ONE_LETTER_PROPERTIES = 'CLMNPSZ';
/** Prefixes of `\p{sc:Greek}` and `\p{bc:AL}` (loosely written), and what PCRE2 puts before the name it looks up. */
const PROPERTY_PREFIXES: Record<string, string> = { sc: '', script: '', scx: '', scriptextensions: '', bc: 'bidi', bidiclass: 'bidi' };
/** What follows `(?` before a group's contents: `:`, `|`, `>`, a lookaround, a name, or options with a colon. */
const GROUP_HEADER = /^(?:[:|>=!]|<[=!]|P?<[A-Za-z_]\w*>|'[A-Za-z_]\w*'|\^?[imnsxJU]*(?:-[imnsxJU]*)?:)/;
/** PCRE2's largest repeat count. */
const MAX_REPEAT = 65535;

class PatternReader {
  private i = 0;
  /** The groups open around `this.i`, outermost (the pattern itself) first. */
  private readonly open: Group[] = [newGroup('group', -1)];
  private before: Before = { kind: 'nothing' };
  private groups = 0;
  /** `(?|` renumbers groups: backreferences are then not judged. */
  private branchReset = false;
  private highestReference = 0;
  /** Where the options that only the start of the pattern may hold end. */
  private startOptionsEnd = 0;

  constructor(private readonly pattern: string) {}

  read(): string | undefined {
    const { pattern } = this;
    while (this.i < pattern.length) {
      const problem = this.step(pattern[this.i]);
      if (problem) return problem;
    }
    if (this.open.length > 1) return 'a `(` is never closed';
    if (!this.branchReset && this.highestReference > this.groups) return `\`\\${this.highestReference}\` refers to group ${this.highestReference}, and the pattern has ${this.groupCount()}`;
    return undefined;
  }

  private current(): Group {
    return this.open[this.open.length - 1];
  }

  /** Something that matches `width` characters, which a quantifier may repeat. */
  private matched(width: Width): void {
    const group = this.current();
    group.beforeLast = group.width;
    group.last = width;
    group.width = addWidths(group.width, width);
    this.before = { kind: 'item' };
  }

  private groupCount(): string {
    return this.groups === 0 ? 'no group' : this.groups === 1 ? 'one group' : `${this.groups} groups`;
  }

  /** Reads what starts at `this.i` and moves past it. */
  private step(c: string): string | undefined {
    const { pattern } = this;
    switch (c) {
      case '\\':
        return this.escape();
      case '[':
        return this.characterClass();
      case '(':
        return this.openGroup();
      case ')':
        return this.closeGroup();
      case '|': {
        const group = this.current();
        group.branches.push(group.width);
        group.width = group.beforeLast = group.last = 0;
        this.i++;
        this.before = { kind: 'nothing' };
        return undefined;
      }
      case '^':
      case '$':
        this.i++;
        this.before = { kind: 'fixed', text: c };
        return undefined;
      case '*':
      case '+':
        return this.quantifier(c, 1, c === '*' ? 0 : 1, undefined);
      case '?':
        return this.quantifier(c, 1, 0, 1);
      case '{': {
        const repeat = /^\{(\d+)(?:,(\d*))?\}/.exec(pattern.slice(this.i));
        if (!repeat) break;
        const min = Number(repeat[1]);
        const max = repeat[2] === undefined ? min : repeat[2] === '' ? undefined : Number(repeat[2]);
        if (min > MAX_REPEAT || (max ?? 0) > MAX_REPEAT) return `a repeat count in \`${repeat[0]}\` is over ${MAX_REPEAT}`;
        if (max !== undefined && max < min) return `\`${repeat[0]}\` has its numbers out of order`;
        return this.quantifier(repeat[0], repeat[0].length, min, max);
      }
    }
    // Anything else is one character to match.
    this.i++;
    this.matched(1);
    return undefined;
  }

  /** A quantifier `text` at `this.i` (from `min` to `max` times), with the lazy `?` or possessive `+` that may follow it. */
  private quantifier(text: string, length: number, min: number, max: number | undefined): string | undefined {
    const before = this.before;
    if (before.kind === 'nothing') return `\`${text}\` has nothing to repeat`;
    if (before.kind === 'quantifier') return `\`${text}\` follows another quantifier`;
    if (before.kind === 'fixed') return `\`${text}\` cannot repeat \`${before.text}\`, which matches no character`;
    this.i += length;
    const after = this.pattern[this.i];
    if (after === '?' || after === '+') this.i++;
    const group = this.current();
    group.width = addWidths(group.beforeLast, repeatWidth(group.last, min, max));
    this.before = { kind: 'quantifier' };
    return undefined;
  }

  private escape(): string | undefined {
    const { pattern } = this;
    const letter = pattern[this.i + 1];
    if (letter === undefined) return 'the pattern ends with a backslash';
    if (letter === 'Q') {
      // \Q…\E quotes everything up to \E (or the end).
      const close = pattern.indexOf('\\E', this.i + 2);
      const quoted = close < 0 ? pattern.length - this.i - 2 : close - this.i - 2;
      this.i = close < 0 ? pattern.length : close + 2;
      if (quoted > 0) this.matched(quoted);
      return undefined;
    }
    if (letter === 'E') {
      // A \E without \Q is ignored.
      this.i += 2;
      return undefined;
    }
    if (UNKNOWN_ESCAPES.includes(letter)) return `\`\\${letter}\` is not an escape PCRE knows`;
    if (letter === 'K' && this.open.some((group) => group.kind === 'lookbehind')) return '`\\K` is not allowed in a lookbehind';
    this.i += 2;
    if (ESCAPED_ASSERTIONS.includes(letter)) {
      this.before = { kind: 'fixed', text: `\\${letter}` };
      return undefined;
    }
    // A backreference's width is the group's, not worked out here; \R and \X match one or more characters.
    const width: Width = /[1-9gk]/.test(letter) ? 'unknown' : letter === 'R' || letter === 'X' ? 'varies' : 1;
    if (/[1-9]/.test(letter) && !/\d/.test(pattern[this.i] ?? '')) {
      // \1 to \9 are always backreferences (a longer number may be octal).
      this.highestReference = Math.max(this.highestReference, Number(letter));
    } else if (letter === 'p' || letter === 'P') {
      const property = propertyProblem(pattern, this.i);
      if (typeof property === 'string') return property;
      this.i = property.end;
    } else if (BRACED_ARGUMENT.includes(letter) && pattern[this.i] === '{') {
      const close = pattern.indexOf('}', this.i);
      if (close >= 0) this.i = close + 1;
    } else if ((letter === 'k' || letter === 'g') && (pattern[this.i] === '<' || pattern[this.i] === "'")) {
      const close = pattern.indexOf(pattern[this.i] === '<' ? '>' : "'", this.i + 1);
      if (close >= 0) this.i = close + 1;
    }
    this.matched(width);
    return undefined;
  }

  private openGroup(): string | undefined {
    const { pattern } = this;
    if (pattern.startsWith('(?#', this.i)) {
      // A comment runs to the next `)`, and is not something to repeat.
      const close = pattern.indexOf(')', this.i);
      if (close < 0) return 'a `(?#` comment is never closed';
      this.i = close + 1;
      return undefined;
    }
    const option = OPTION_SETTING.exec(pattern.slice(this.i));
    if (option) {
      // An option setting such as (?i) is no group and matches nothing.
      this.i += option[0].length;
      this.before = { kind: 'fixed', text: option[0] };
      return undefined;
    }
    if (pattern[this.i + 1] === '*') return this.verb();
    this.open.push(newGroup(groupKind(pattern.slice(this.i + 1)), this.i));
    if (pattern[this.i + 1] === '?') {
      const rest = pattern.slice(this.i + 2);
      if (rest.startsWith('|')) this.branchReset = true;
      if (/^(P?<(?![=!])|')/.test(rest)) this.groups++;
      // The group's header (`?:`, `?<name>`, `?i:`, `?<=` …) matches nothing.
      this.i += 2 + (GROUP_HEADER.exec(rest)?.[0].length ?? 0);
    } else {
      this.groups++;
      this.i++;
    }
    this.before = { kind: 'nothing' };
    return undefined;
  }

  /** What `(*` opens: a start-of-pattern option, a backtracking verb, or a group with a lower-case name. */
  private verb(): string | undefined {
    const rest = this.pattern.slice(this.i);
    const option = this.i === this.startOptionsEnd ? START_OPTION.exec(rest) : null;
    if (option) {
      this.i = this.startOptionsEnd = this.i + option[0].length;
      return undefined;
    }
    if (this.i === this.startOptionsEnd && /^\(\*LIMIT_(?:HEAP|MATCH|DEPTH|RECURSION)=\d{11,}\)/.test(rest)) {
      return `the limit in \`${rest.slice(0, rest.indexOf(')') + 1)}\` is too large`;
    }
    const verb = VERB.exec(rest);
    if (verb) {
      this.i += verb[0].length;
      // (*ACCEPT) alone may be repeated: PCRE2 wraps it in a group.
      if (verb[0].startsWith('(*ACCEPT')) this.matched('unknown');
      else this.before = { kind: 'fixed', text: verb[0] };
      return undefined;
    }
    const group = ALPHA_GROUP.exec(rest);
    if (group) {
      this.open.push(newGroup(groupKind(rest.slice(1)), this.i));
      this.i += group[0].length;
      this.before = { kind: 'nothing' };
      return undefined;
    }
    const close = rest.indexOf(')');
    if (close < 0) return 'a `(` is never closed';
    const text = rest.slice(0, close + 1);
    return START_OPTION.test(text) ? `\`${text}\` is an option PCRE reads only at the start of the pattern` : `\`${text}\` is not a verb or option PCRE knows`;
  }

  /** The `)` at `this.i`: the group it closes is something to repeat, as wide as its branches, or a lookbehind, checked. */
  private closeGroup(): string | undefined {
    if (this.open.length === 1) return 'a `)` closes no group';
    const group = this.open.pop() as Group;
    const branches = [...group.branches, group.width];
    if (group.kind === 'lookbehind' && branches.includes('varies')) {
      return `\`${this.pattern.slice(group.open, this.i + 1)}\`: a lookbehind must match a fixed number of characters (each alternative may have its own)`;
    }
    this.i++;
    this.matched(group.kind === 'group' ? groupWidth(branches) : group.kind === 'unjudged' ? 'unknown' : 0);
    return undefined;
  }

  /** A class `[…]`: where it ends, and the mistakes PCRE2 finds inside it. */
  private characterClass(): string | undefined {
    const { pattern } = this;
    const open = this.i;
    const close = classEnd(pattern, open);
    if (close < 0) return 'a character class `[` is never closed';
    const body = pattern.slice(open + 1, close);
    // [:alpha:] outside a class: PCRE2 refuses it rather than read a class of five letters.
    if (/^([:.=])[^\]\\[]+\1$/.test(body)) return `\`[${body}]\` belongs inside a class, as in \`[[${body}]]\``;
    const problem = classProblem(pattern, open, close);
    if (problem) return problem;
    this.i = close + 1;
    this.matched(1);
    return undefined;
  }
}

/**
 * The property of `\p` or `\P` whose name starts at `at`: where it ends, or
 * why PCRE2 refuses it. Names compare as PCRE2 compares them: case, spaces,
 * hyphens and underscores ignored. A script prefix with a name that is no
 * script (`\p{sc:Lu}`) is refused too, but not judged here.
 */
function propertyProblem(pattern: string, at: number): { end: number } | string {
  const escape = pattern.slice(at - 2, at);
  if (at >= pattern.length) return `the pattern ends with \`${escape}\`, which needs a property name`;
  if (pattern[at] !== '{') {
    return ONE_LETTER_PROPERTIES.includes(pattern[at].toUpperCase()) ? { end: at + 1 } : `\`${escape}${pattern[at]}\` names no property PCRE knows`;
  }
  const close = pattern.indexOf('}', at);
  if (close < 0) return `\`${escape}{\` is never closed`;
  const written = pattern.slice(at + 1, close);
  const loose = written.replace(/^\^/, '').replace(/[\s_-]/g, '').toLowerCase();
  const separator = loose.search(/[:=]/);
  const prefix = separator < 0 ? '' : PROPERTY_PREFIXES[loose.slice(0, separator)];
  const name = separator < 0 ? loose : loose.slice(separator + 1);
  if (prefix === undefined || !PCRE2_PROPERTY_NAMES.has(prefix + name)) return `\`${escape}{${written}}\` names no property PCRE knows`;
  return { end: close + 1 };
}

/** Index of the `]` closing the class that opens at `open`, or -1. */
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++; // a leading `]` is literal
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (pattern[i + 1] === 'Q') {
        const quoteEnd = pattern.indexOf('\\E', i + 2);
        if (quoteEnd < 0) return -1;
        i = quoteEnd + 1;
        continue;
      }
      i++;
      continue;
    }
    if (c === '[' && /[:.=]/.test(pattern[i + 1] ?? '')) {
      const end = pattern.indexOf(`${pattern[i + 1]}]`, i + 2);
      if (end >= 0) {
        i = end + 1;
        continue;
      }
    }
    if (c === ']') return i;
  }
  return -1;
}

/** One member of a class: a character (with its code), a set of characters (`\d`, `[:alpha:]`), or something this reader does not judge. */
type Member = { kind: 'char'; code: number; text: string } | { kind: 'set'; text: string } | { kind: 'other' };

/**
 * Unknown or unsupported POSIX classes, and ranges PCRE2 refuses: reversed
 * (`[z-a]`) or ending in a set (`[\w-.]`). `\Q…\E` in a class is not judged.
 */
function classProblem(pattern: string, open: number, close: number): string | undefined {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  const members: { member: Member; end: number }[] = [];
  let first = true;
  while (i < close) {
    const c = pattern[i];
    let member: Member;
    let end: number;
    if (c === '[' && /[:.=]/.test(pattern[i + 1] ?? '') && pattern.indexOf(`${pattern[i + 1]}]`, i + 2) >= 0 && pattern.indexOf(`${pattern[i + 1]}]`, i + 2) < close) {
      const kind = pattern[i + 1];
      end = pattern.indexOf(`${kind}]`, i + 2) + 2;
      const name = pattern.slice(i + 2, end - 2);
      if (kind !== ':') return `\`[${kind}${name}${kind}]\`: PCRE does not support POSIX collating elements`;
      if (!POSIX_CLASSES.has(name.replace(/^\^/, ''))) return `\`[:${name}:]\` is not a POSIX class PCRE knows`;
      member = { kind: 'set', text: `[:${name}:]` };
    } else if (c === '\\') {
      const letter = pattern[i + 1];
      if (letter === 'Q') return undefined;
      end = i + 2;
      if (CLASS_ESCAPES.includes(letter)) {
        if (letter === 'p' || letter === 'P') {
          const property = propertyProblem(pattern, end);
          if (typeof property === 'string') return property;
          end = property.end;
        }
        member = { kind: 'set', text: `\\${letter}` };
      } else if (/[^a-zA-Z0-9]/.test(letter)) {
        member = { kind: 'char', code: letter.charCodeAt(0), text: `\\${letter}` };
      } else {
        member = { kind: 'other' };
      }
    } else {
      end = i + 1;
      member = first && c === ']' ? { kind: 'char', code: 93, text: ']' } : { kind: 'char', code: c.charCodeAt(0), text: c };
    }
    members.push({ member, end });
    first = false;
    i = end;
  }
  // A range is a member, a plain `-`, and a member; a `-` first or last is itself.
  for (let m = 0; m + 2 < members.length; m++) {
    const [low, dash, high] = [members[m].member, members[m + 1].member, members[m + 2].member];
    if (dash.kind !== 'char' || dash.text !== '-') continue;
    if (low.kind === 'other' || high.kind === 'other') {
      m += 2;
      continue;
    }
    if (low.kind === 'set' || high.kind === 'set') {
      const set = low.kind === 'set' ? low.text : high.kind === 'set' ? high.text : '';
      return `in the class, \`${set}\` stands for several characters and cannot end a range: write \`\\-\` for a literal hyphen, or put it last`;
    }
    if (low.code > high.code) return `the range \`${low.text}-${high.text}\` in the class is out of order`;
    m += 2;
  }
  return undefined;
}
