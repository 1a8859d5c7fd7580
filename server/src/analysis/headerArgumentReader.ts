// How mod_headers reads the words of a `Header` or `RequestHeader` line while
// Apache reads the configuration (httpd 2.4 mod_headers.c: header_cmd,
// header_inout_cmd, parse_format_string, parse_format_tag), and the first
// thing it refuses, in its own words. Each case was checked with apache2 -t
// on 2.4.71. Apache stops at the first refusal, so there is at most one.
import { regexSyntaxProblem } from '../parser/expr/regexSyntax';

export type HeaderDirective = 'Header' | 'RequestHeader';

export type HeaderRefusalKind =
  /** More than action, header, value, substitution and clause. */
  | 'too-many'
  /** A word after the clause of an action without substitution. */
  | 'after-clause'
  /** set, add, … without a value. */
  | 'no-value'
  /** edit without its substitution. */
  | 'no-substitution'
  /** A regex (edit's match, echo's header pattern) PCRE cannot compile. */
  | 'regex'
  /** env= or env=! without a variable name. */
  | 'env-name'
  /** A last word that is not early, env=… or expr=…. */
  | 'clause'
  /** A % format in the value that mod_headers does not know. */
  | 'format'
  /** An expr= condition that does not parse (expr/parse-error's to report). */
  | 'expression'
  /** A value expr=… that does not parse (expr/parse-error's to report). */
  | 'value-expression';

export interface HeaderRefusal {
  kind: HeaderRefusalKind;
  /** The action in lower case (none for `too-many`, which Apache finds before it reads the action). */
  action?: string;
  /** The message `apache2 -t` prints. */
  apache: string;
  /** Indexes of the first and last word the refusal is about. */
  from: number;
  to: number;
  /** Why the regex does not compile, for `regex`. */
  detail?: string;
}

/** The letters register_format_tag_handler registers: %D, %t, %e, %s, %l, %i, %b (case-sensitive). */
export const HEADER_FORMAT_LETTERS = 'Dtelsib';

/** Actions that take no value (their third word is the clause), and the two that edit with a regex. */
const WITHOUT_VALUE = new Set(['unset', 'echo']);
const EDITS = new Set(['edit', 'edit*']);

/**
 * The first refusal of a line whose words (after ${VAR} substitution) are
 * `words`, or undefined when Apache accepts it or when another rule reports it
 * (an action not in `actions` is args/invalid-value's). An expression that
 * does not parse (`failsToParse`: a condition, or with `asValue` a value) is
 * refused as 'expression' or 'value-expression', in Apache's order, for
 * expr/parse-error to report; its `apache` is only the start of the message.
 */
export function headerRefusal(
  directive: HeaderDirective,
  words: readonly string[],
  actions: readonly string[],
  failsToParse: (text: string, asValue: boolean) => boolean,
): HeaderRefusal | undefined {
  // header_cmd: an optional condition (Header only), then action, header, value, substitution, clause.
  const first = directive === 'Header' && /^(always|onsuccess)$/i.test(words[0] ?? '') ? 1 : 0;
  const last = words.length - 1;
  if (last > first + 4) return { kind: 'too-many', apache: `${directive} has too many arguments`, from: first + 5, to: last };
  const action = words[first]?.toLowerCase();
  if (action === undefined || !actions.some((known) => known.toLowerCase() === action)) return undefined;
  const refuse = (kind: HeaderRefusalKind, apache: string, from: number, to = from, detail?: string): HeaderRefusal => ({
    kind,
    action,
    apache,
    from,
    to,
    ...(detail ? { detail } : {}),
  });
  const at = (index: number) => (index <= last ? index : undefined);
  let value = at(first + 2);
  let clause: number | undefined;
  let format: number | undefined;
  // header_inout_cmd, in its order.
  if (EDITS.has(action)) {
    format = at(first + 3);
    if (format === undefined) return refuse('no-substitution', 'Header edit requires a match and a substitution', first, last);
    const detail = regexSyntaxProblem(words[first + 2]);
    if (detail) return refuse('regex', 'Header edit regex could not be compiled', first + 2, first + 2, detail);
    clause = at(first + 4);
  } else {
    if (at(first + 4) !== undefined) return refuse('after-clause', 'Too many arguments to directive', first + 4);
    clause = at(first + 3);
  }
  if (WITHOUT_VALUE.has(action)) {
    if (value !== undefined) {
      if (clause !== undefined) {
        return refuse('after-clause', action === 'unset' ? 'header unset takes two arguments' : 'Header echo takes two arguments', clause);
      }
      clause = value;
      value = undefined;
    }
    // The header is echo's pattern; `Header echo` alone has the empty one, which compiles.
    const detail = action === 'echo' ? regexSyntaxProblem(words[first + 1] ?? '') : undefined;
    if (detail) return refuse('regex', 'Header echo regex could not be compiled', first + 1, first + 1, detail);
  } else if (value === undefined) {
    return refuse('no-value', 'Header requires three arguments', first, last);
  }
  if (clause !== undefined) {
    const problem = clauseProblem(words[clause], failsToParse);
    if (problem) return refuse(problem.kind, problem.apache, clause);
  }
  format ??= value;
  if (format === undefined) return undefined;
  const text = words[format];
  // A value expression has a case-sensitive prefix, unlike the clause.
  if (text.startsWith('expr=')) return failsToParse(text.slice(5), true) ? refuse('value-expression', "Can't parse value expression", format) : undefined;
  const apache = formatRefusal(text);
  return apache ? refuse('format', apache, format) : undefined;
}

/** What is wrong with the clause (early, env=[!]name or expr=condition, each prefix in any case), if anything. */
function clauseProblem(word: string, failsToParse: (text: string, asValue: boolean) => boolean): { kind: HeaderRefusalKind; apache: string } | undefined {
  const lower = word.toLowerCase();
  if (lower === 'early') return undefined;
  if (lower.startsWith('env=')) {
    if (word.length > 4 && word.slice(4) !== '!') return undefined;
    return { kind: 'env-name', apache: 'error: missing environment variable name. envclause should be in the form env=envar' };
  }
  if (lower.startsWith('expr=')) return failsToParse(word.slice(5), false) ? { kind: 'expression', apache: "Can't parse envclause/expression" } : undefined;
  return { kind: 'clause', apache: `Unknown parameter: ${word}` };
}

/**
 * parse_format_tag over the value: `%%` and a `%` at the end stand for `%`;
 * otherwise `%`, an optional `{argument}`, then one registered letter. A
 * backslash never hides a `%`. Apache's message, or undefined.
 */
export function formatRefusal(value: string): string | undefined {
  let i = value.indexOf('%');
  while (i >= 0) {
    i++;
    if (i < value.length && value[i] !== '%') {
      if (value[i] === '{') {
        // ap_getword: up to the first `}`, then past every `}` that follows it.
        const close = value.indexOf('}', i + 1);
        i = close < 0 ? value.length : close;
        while (value[i] === '}') i++;
      }
      const letter = value[i] ?? '';
      if (letter === '' || !HEADER_FORMAT_LETTERS.includes(letter)) return `Unrecognized header format %${letter}`;
    }
    i = value.indexOf('%', i + 1);
  }
  return undefined;
}
