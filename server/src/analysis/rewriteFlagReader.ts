// How mod_rewrite reads the flags argument of RewriteRule and RewriteCond
// while it reads the configuration (modules/mappers/mod_rewrite.c,
// cmd_parseflagfield, cmd_rewriterule_setflag, cmd_rewritecond_setflag), to
// find the first flag it refuses, in its words. The reader is followed
// character for character, quirks included: a blank before a comma inside
// quoted flags shifts what it takes for the next flag's name, any flag
// starting with D is accepted (only D, DPI and discardpath do something), and
// a value is taken only where Apache looks at one. Checked with apache2 -t on
// 2.4.71.
import { KNOWN_HTTP_STATUSES } from '../knowledge/httpStatuses';
import { atoi } from './values/cNumber';
import { isApacheSpace } from '../parser/logicalLines';

export type RewriteDirective = 'RewriteRule' | 'RewriteCond';

export interface FlagRefusal {
  /** What apache2 -t prints, as "RewriteRule: unknown flag 'FOO'". */
  apache: string;
  kind: 'delimiters' | 'unknown' | 'status' | 'bne';
  /** The flag's name as Apache cut it out (absent for delimiters). */
  key?: string;
}

type Verdict = Omit<FlagRefusal, 'apache'> & { text: string };

/** The first flag Apache refuses in `field` (the third argument as mod_rewrite splits it), or undefined when it takes them all. */
export function flagsRefusal(directive: RewriteDirective, field: string): FlagRefusal | undefined {
  const verdict = readFlags(field, directive === 'RewriteRule' ? ruleFlagProblem : conditionFlagProblem);
  if (!verdict) return undefined;
  const { text, ...refusal } = verdict;
  return { apache: `${directive}: ${text}`, ...refusal };
}

/** Whether RewriteRule takes this flag name (with some value, where it needs one). */
export function isRuleFlag(key: string): boolean {
  const problem = ruleFlagProblem(key, 'x');
  return problem === undefined || problem.kind !== 'unknown';
}

const NUL = '\0';

/** cmd_parseflagfield: `[`, flags split at commas, blanks around each trimmed, name and value split at the first `=`. */
function readFlags(field: string, check: (key: string, value: string) => Verdict | undefined): Verdict | undefined {
  if (field[0] !== '[' || field[field.length - 1] !== ']') return { kind: 'delimiters', text: 'bad flag delimiters' };
  // Apache cuts the flags in place in one buffer, writing NULs into it; so does this.
  const buffer = [...field.slice(0, -1), ','];
  const at = (i: number) => (i >= 0 && i < buffer.length ? buffer[i] : NUL);
  const find = (from: number, char: string) => {
    for (let i = from; at(i) !== NUL; i++) if (buffer[i] === char) return i;
    return -1;
  };
  const string = (from: number) => {
    let end = from;
    while (at(end) !== NUL) end++;
    return buffer.slice(from, end).join('');
  };
  const isSpace = (char: string) => char !== NUL && isApacheSpace(char.charCodeAt(0));
  let key = 1;
  while (at(key) !== NUL) {
    while (isSpace(at(key))) key++;
    const next = find(key, ',');
    if (at(key) === NUL || next < 0) break;
    // The blanks before the comma go; this may end the string before `key` when a comma follows blanks directly.
    let end = next - 1;
    while (isSpace(at(end))) end--;
    buffer[end + 1] = NUL;
    const equals = find(key, '=');
    if (equals >= 0) buffer[equals] = NUL;
    const verdict = check(string(key), equals >= 0 ? string(equals + 1) : '');
    if (verdict) return verdict;
    key = next + 1;
  }
  return undefined;
}

/** strcasecmp: ASCII letters only. */
function same(a: string, b: string): boolean {
  return a.length === b.length && asciiLower(a) === asciiLower(b);
}

function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
}

const unknown = (key: string): Verdict => ({ kind: 'unknown', key, text: `unknown flag '${key}'` });

/** cmd_rewriterule_setflag: the first letter picks the flag, the rest must be its short or long name. */
function ruleFlagProblem(key: string, value: string): Verdict | undefined {
  const rest = key.slice(1);
  const is = (...names: string[]) => names.some((name) => same(rest, name));
  const accepted = (names: boolean) => (names ? undefined : unknown(key));
  switch (key[0]) {
    case 'b':
    case 'B':
      if (is('NE')) return value !== '' ? undefined : { kind: 'bne', key, text: "flag 'BNE' wants a list of characters (i.e. [BNE=...])" };
      return accepted(is('', 'ackrefescaping', 'NP', 'ackrefernoplus', 'CTLS'));
    case 'c':
    case 'C':
      return accepted(is('', 'hain', 'O', 'ookie'));
    case 'd':
    case 'D':
      return undefined;
    case 'e':
    case 'E':
      return accepted(is('', 'nv', 'nd'));
    case 'f':
    case 'F':
      return accepted(is('', 'orbidden'));
    case 'g':
    case 'G':
      return accepted(is('', 'one'));
    case 'h':
    case 'H':
      return accepted(is('', 'andler'));
    case 'l':
    case 'L':
      return accepted(is('', 'ast'));
    case 'n':
    case 'N':
      return accepted(is('E', 'oescape', '', 'ext', 'S', 'osubreq', 'C', 'ocase'));
    case 'p':
    case 'P':
      return accepted(is('', 'roxy', 'T', 'assthrough'));
    case 'q':
    case 'Q':
      return accepted(is('SA', 'sappend', 'SD', 'sdiscard', 'SL', 'slast'));
    case 'r':
    case 'R':
      return is('', 'edirect') ? statusProblem(key, value) : unknown(key);
    case 's':
    case 'S':
      return accepted(is('', 'kip'));
    case 't':
    case 'T':
      return accepted(is('', 'ype'));
    case 'u':
    case 'U':
      return accepted(is('nsafePrefixStat', 'nsafeAllow3F', 'NC'));
    default:
      return unknown(key);
  }
}

/** R=: a keyword, or a number (read by atoi) Apache has a status line for; anything else not starting with a digit passes. */
function statusProblem(key: string, value: string): Verdict | undefined {
  if (!/^[0-9]/.test(value)) return undefined;
  const status = atoi(value);
  if (status === 500 || KNOWN_HTTP_STATUSES.has(status)) return undefined;
  return { kind: 'status', key, text: `invalid HTTP response code '${value}' for flag 'R'` };
}

/** cmd_rewritecond_setflag: three flags, each with a short and a long name. */
function conditionFlagProblem(key: string): Verdict | undefined {
  return ['nocase', 'NC', 'ornext', 'OR', 'novary', 'NV'].some((name) => same(key, name)) ? undefined : unknown(key);
}
