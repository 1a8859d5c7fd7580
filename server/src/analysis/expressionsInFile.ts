// Finds every ap_expr expression in a file, cuts out the exact string each
// directive hands to Apache's parser, parses it once, and maps offsets in that
// string back to document ranges. Shared by the expr/* rules.
//
// What each directive passes (httpd 2.4 source, checked with apache2 -t):
// - `Require [not] expr …`: the raw rest of the line (RAW_ARGS), with one pair
//   of surrounding double quotes removed (mod_authz_core expr_parse_config);
//   no unescaping. The provider name `expr` is case-sensitive.
// - `Require [not] host|forward-dns|user|group|dbm-group|dbd-group|ldap-… …`:
//   the raw rest of the line, quotes and all, as a string-valued expression
//   (each provider's parse_require_line), when the provider's module is loaded
//   and no earlier alias took the name.
// - `<If "…">`, `<ElseIf "…">`: the first word of the section argument, unquoted
//   and unescaped like any argument; more words are refused afterwards.
// - `SSLRequire …`: the raw rest of the line, quotes included (RAW_ARGS).
// - `SetEnvIfExpr "…" …`: the first word, unquoted.
// - `Header`/`RequestHeader … expr=…`: the condition word after `expr=`, and a
//   value word starting with `expr=`, which is a string-valued expression.
// - `RewriteCond expr "…"`: the second word as mod_rewrite splits it (quotes
//   removed, nothing unescaped).
// - `Redirect [status] target` (and RedirectMatch, RedirectPermanent,
//   RedirectTemp) in a per-directory section or .htaccess: the target word,
//   as a string expression (mod_alias add_redirect_internal), when the line
//   has no ${VAR} (Apache would parse the substituted text).
// - `CustomLog` and `GlobalLog … expr=…`: the condition word after `expr=`
//   (mod_log_config add_custom_log), Apache's message being the parser's own.

import type { Position, Range } from 'vscode-languageserver-types';
import type { ConfigFile, DirectiveNode, SectionNode } from '../parser/ast';
import { positionAt } from '../parser/lineIndex';
import { fileOffsetOfEnd, fileOffsetOfStart, firstLogicalLine, type LogicalLine } from '../parser/logicalLines';
import { isHtaccessPath, type FileScope } from './fileScope';
import { readWithDirectoryPath } from './sectionKinds';
import { atoi } from './values/cNumber';
import { isKnownStatusWord } from './values/errorDocumentStatus';
import { redirectExpressionIndex } from './values/redirectArguments';
import { liveLinesNamed } from './liveNodes';
import { readWord, skipSpaces, splitWords, trimmedEnd, type Word } from '../parser/words';
import { rewriteArguments } from '../parser/rewriteArguments';
import { parseExpression, type ExprParseResult } from '../parser/expr/parseExpression';
import { apacheLookupError } from '../knowledge/variables';
import { missingProviderModule, registeredBefore, requireProvider } from './providerLookups';
import { headerRefusal } from './headerArgumentReader';

export type ExpressionSource =
  | 'Require'
  | 'If'
  | 'ElseIf'
  | 'SSLRequire'
  | 'SetEnvIfExpr'
  | 'ProxyHCExpr'
  | 'ProxyFCGISetEnvIf'
  | 'Header'
  | 'RequestHeader'
  | 'RewriteCond'
  | 'Redirect'
  | 'ErrorDocument'
  | 'CustomLog'
  | 'GlobalLog';

export interface FileExpression {
  source: ExpressionSource;
  node: DirectiveNode | SectionNode;
  /** Exactly what Apache hands to ap_expr_parse. */
  text: string;
  /** A string-valued expression (`Header set X "expr=…"`) rather than a condition. */
  stringResult: boolean;
  /** SSLRequire's compatibility mode: `eq`, `<` and friends compare strings there. */
  sslCompat: boolean;
  /** The whole expression in the document (the word before it, when the expression is empty). */
  range: Range;
  /** True when the directive spans several physical lines; Apache then blames the last one. */
  continued: boolean;
  /** Document range of `[start, end)` in `text`. */
  rangeOf(start: number, end: number): Range;
  /** The message `apache2 -t` prints for an ap_expr_parse error `message` here. */
  apacheMessage(message: string): string;
  parsed: ExprParseResult;
  /**
   * A refusal of the line that is not ap_expr_parse's, once the expression parses: Apache's
   * `message` ("Multiple <If> arguments not supported."), what is wrong and what to do.
   */
  otherError?: { message: string; range: Range; what: string; advice: string };
}

// Keyed by scope: one analysis shares its scope among rules, and which lines are live depends on it.
const cache = new WeakMap<FileScope, readonly FileExpression[]>();

export function expressionsInFile(file: ConfigFile, scope: FileScope): readonly FileExpression[] {
  let found = cache.get(scope);
  if (!found) {
    found = findExpressions(file, scope);
    cache.set(scope, found);
  }
  return found;
}

/** A logical line with its words, mapped back to the file. */
interface Line {
  line: LogicalLine;
  /** File offset the logical line's offsets are relative to. */
  base: number;
  words: Word[];
  continued: boolean;
}

/**
 * One expression cut out of a line: its text and, per text offset, the logical
 * offset it came from: listed, or counted from `first` when the text is the
 * line's own characters (most expressions; no array per character then), or
 * a whole written word when the text is not the line's (after ${VAR}).
 */
type Cut = { text: string; logical: number[] } | { text: string; first: number; count: number } | { text: string; word: Word };

function findExpressions(file: ConfigFile, scope: FileScope): FileExpression[] {
  const found: FileExpression[] = [];
  for (const node of liveLinesNamed(file, scope, INTERESTING, ['if', 'elseif'])) {
    if (node.kind === 'directive') {
      const name = node.name.toLowerCase();
      const line = readLine(file, node.start, node.end, undefined);
      if (!line) continue;
      const add = (source: ExpressionSource, cut: Cut, prefix: (m: string) => string, options: Partial<FileExpression> = {}) =>
        found.push(makeExpression(file, node, line, source, cut, prefix, options));
      const args = line.words.slice(1);
      switch (name) {
        case 'require':
          findRequire(line, args, add, node, scope);
          break;
        case 'sslrequire': {
          const cut = rawRest(line, args, 0);
          add('SSLRequire', cut, (m) => `SSLRequire: ${m}`, { sslCompat: true });
          break;
        }
        case 'setenvifexpr':
          if (args.length > 0 && args[0].value !== '') {
            const cut = unquoted(line, args[0], 0);
            add('SetEnvIfExpr', cut, (m) => `Could not parse expression "${cut.text}": ${m}`);
          }
          break;
        case 'proxyfcgisetenvif':
          // The condition, then (in set mode: a variable without !) the value, a string expression, read only when the condition parses.
          if (args.length >= 2) {
            const condition = unquoted(line, args[0], 0);
            const expression = makeExpression(file, node, line, 'ProxyFCGISetEnvIf', condition, (m) => `Could not parse expression "${condition.text}": ${m}`, {});
            found.push(expression);
            if (!expression.parsed.error && !args[1].value.startsWith('!') && args[2]) {
              const value = unquoted(line, args[2], 0);
              add('ProxyFCGISetEnvIf', value, (m) => `Could not parse expression "${value.text}": ${m}`, { stringResult: true });
            }
          }
          break;
        case 'proxyhcexpr':
          // mod_proxy_hcheck reads the condition with ap_getword_conf2, which also takes a {…} word.
          if (args.length > 1 && args[0].value !== '') {
            const inBraces = braced(line, args[1]);
            const cut = inBraces ?? unquoted(line, args[1], 0);
            if (cut.text === '') break;
            const expression = makeExpression(file, node, line, 'ProxyHCExpr', cut, (m) => `Could not parse expression "${cut.text}": ${m}`, {});
            // Then it reads one more word, and refuses the line when there is one ("" is none).
            const extra = inBraces ? readWord(line.line.text, skipSpaces(line.line.text, inBraces.end)) : args[2];
            if (extra && extra.value !== '' && !expression.parsed.error) {
              expression.otherError = {
                message: 'error: extra parameter(s)',
                range: logicalRange(file, line, extra.start, extra.end),
                what: `ProxyHCExpr takes a name and one condition (in quotes, or in {…} when it has blanks), and ${extra.value} is one word too many`,
                advice: 'Remove it, or put it inside the condition.',
              };
            }
            found.push(expression);
          }
          break;
        case 'header':
        case 'requestheader':
          findHeader(name === 'header' ? 'Header' : 'RequestHeader', line, args, add);
          break;
        case 'redirect':
        case 'redirectmatch':
        case 'redirectpermanent':
        case 'redirecttemp': {
          // A line with ${VAR} is parsed as substituted; a variable the tree may yet define is not judged.
          const substituted = scope.resolved.get(node)?.args;
          if (substituted && !scope.model.definesKnown && substituted.some((word) => word.includes('${'))) break;
          const perDirectory = readWithDirectoryPath(node, scope.enclosing, isHtaccessPath(scope.path));
          const index = redirectExpressionIndex(name, substituted ?? args.map((arg) => arg.value), perDirectory);
          if (index !== undefined) {
            const cut: Cut = substituted ? { text: substituted[index], word: args[index] ?? args[args.length - 1] } : unquoted(line, args[index], 0);
            add('Redirect', cut, (m) => `Cannot parse redirect expression '${cut.text}': ${m}`, { stringResult: true });
          }
          break;
        }
        case 'customlog':
        case 'globallog':
          // The condition after the format: an empty expr= is refused before any parse (values/logCondition.ts).
          if (args.length === 3 && /^expr=./i.test(args[2].value)) {
            add(name === 'customlog' ? 'CustomLog' : 'GlobalLog', unquoted(line, args[2], 5), (m) => m);
          }
          break;
        case 'errordocument':
          if (args.length === 2 && errorDocumentIsExpression(args[0].value, args[1].value)) {
            const cut = unquoted(line, args[1], 0);
            add('ErrorDocument', cut, (m) => `Cannot parse expression in ErrorDocument: ${m}`, { stringResult: true });
          }
          break;
        case 'rewritecond': {
          const [testString, pattern] = rewriteCuts(line);
          if (testString && pattern && testString.text.toLowerCase() === 'expr') {
            add('RewriteCond', pattern, (m) => `RewriteCond: cannot compile expression "${pattern.text}" ${m}`);
          }
          break;
        }
      }
      continue;
    }
    if (!node.open.hasClosingBracket) continue;
    const sectionName = node.name.toLowerCase();
    const line = readLine(file, node.open.start, node.open.end, '>');
    if (!line || line.words.length < 2) continue;
    const source: ExpressionSource = sectionName === 'if' ? 'If' : 'ElseIf';
    const cut = unquoted(line, line.words[1], 0);
    const expression = makeExpression(file, node, line, source, cut, (m) => `Cannot parse condition clause: ${m}`, {});
    if (line.words.length > 2 && !expression.parsed.error) {
      expression.otherError = {
        message: `Multiple <${source}> arguments not supported.`,
        range: node.open.range,
        what: `<${source}> takes its condition as one argument`,
        advice: 'Put the whole condition in double quotes.',
      };
    }
    found.push(expression);
  }
  return found;
}

const INTERESTING = ['require', 'sslrequire', 'setenvifexpr', 'proxyhcexpr', 'proxyfcgisetenvif', 'header', 'requestheader', 'rewritecond', 'redirect', 'redirectmatch', 'redirectpermanent', 'redirecttemp', 'errordocument', 'customlog', 'globallog'];

/**
 * Whether core parses ErrorDocument's document as a string expression
 * (verified on 2.4.71): for a code it knows (else args/invalid-value's), and
 * not for `default`, nor for a URL given to 401, which it ignores with a warning.
 */
function errorDocumentIsExpression(status: string, document: string): boolean {
  if (!isKnownStatusWord(status) || document.toLowerCase() === 'default') return false;
  const url = !document.includes(' ') && !document.startsWith('/') && /^[A-Za-z0-9+.-]+:/.test(document);
  return !(atoi(status) === 401 && url);
}

type Add = (source: ExpressionSource, cut: Cut, prefix: (m: string) => string, options?: Partial<FileExpression>) => void;

/** Providers that parse the rest of the line as a string expression (AP_EXPR_FLAG_STRING_RESULT). */
const STRING_PROVIDERS = new Set(['host', 'forward-dns', 'user', 'group', 'dbm-group', 'dbd-group', 'ldap-user', 'ldap-group', 'ldap-dn', 'ldap-attribute', 'ldap-filter', 'ldap-search']);

function findRequire(line: Line, args: Word[], add: Add, node: DirectiveNode, scope: FileScope) {
  const { index: provider, name } = requireProvider(args.map((arg) => arg.value));
  if (name !== 'expr' && !(name !== undefined && STRING_PROVIDERS.has(name))) return;
  if (registeredBefore(scope.model, 'provider', name, node) || missingProviderModule(scope.model, name)) return;
  const rest = rawRest(line, args, provider + 1);
  if (name !== 'expr') {
    add('Require', rest, (m) => `Cannot parse expression in require line: ${m}`, { stringResult: true });
    return;
  }
  // mod_authz_core: "if the expression happens to be surrounded by quotes, skip them".
  const quoted = rest.text.startsWith('"') && rest.text.endsWith('"');
  // The offsets one in from either end (at least one, for a lone quote).
  const cut: Cut = quoted ? { text: rest.text.slice(1, -1), first: rest.first + 1, count: Math.max(1, rest.count - 2) } : rest;
  add('Require', cut, (m) => `Cannot parse expression in require line: ${m}`);
}

const VALUE_ACTIONS = ['set', 'setifempty', 'add', 'append', 'merge', 'note'];
const HEADER_ACTIONS = [...VALUE_ACTIONS, 'unset', 'echo', 'edit', 'edit*'];

function findHeader(source: 'Header' | 'RequestHeader', line: Line, args: Word[], add: Add) {
  let i = 0;
  if (source === 'Header' && /^(always|onsuccess)$/i.test(args[0]?.value ?? '')) i++;
  const action = args[i]?.value.toLowerCase();
  // header_cmd: action, header, value, substitution-or-condition, condition.
  const [header, val, sub, last] = args.slice(i + 1);
  if (!header || !action) return;
  let condition: Word | undefined;
  let stringValue: Word | undefined;
  if (action === 'edit' || action === 'edit*') {
    condition = last;
    stringValue = sub;
  } else if (action === 'unset' || action === 'echo') {
    if (sub) return; // "takes two arguments"
    condition = val;
  } else if (VALUE_ACTIONS.includes(action)) {
    if (last) return; // "Too many arguments to directive"
    condition = sub;
    stringValue = val;
  } else {
    return;
  }
  // Apache stops at the first refusal: an expression after it is never parsed, so not reported.
  const refusal = headerRefusal(
    source,
    args.map((arg) => arg.value),
    HEADER_ACTIONS,
    (text, asValue) => parseExpressionOnce(text, asValue).error !== undefined,
  )?.kind;
  if (condition && /^expr=/i.test(condition.value) && (!refusal || refusal === 'expression' || refusal === 'value-expression' || refusal === 'format')) {
    add(source, unquoted(line, condition, 5), (m) => `Can't parse envclause/expression: ${m}`);
  }
  if (stringValue && stringValue.value.startsWith('expr=') && (!refusal || refusal === 'value-expression')) {
    add(source, unquoted(line, stringValue, 5), (m) => `Can't parse value expression : ${m}`, { stringResult: true });
  }
}

/** The logical line of a node, re-split into words (up to the last `>` for a section's open tag). */
function readLine(file: ConfigFile, start: number, end: number, closing: '>' | undefined): Line | undefined {
  const line = firstLogicalLine(file.text, start, end);
  if (!line) return undefined;
  const text = line.text;
  const contentStart = skipSpaces(text, 0);
  const contentEnd = trimmedEnd(text, contentStart);
  const name = readWord(text, contentStart, contentEnd);
  let argsEnd = contentEnd;
  if (closing) {
    const bracket = text.lastIndexOf(closing, contentEnd - 1);
    if (bracket < name.end) return undefined;
    argsEnd = bracket;
  }
  return {
    line,
    base: start,
    words: [name, ...splitWords(text, name.end, argsEnd)],
    continued: line.physicalLines > 1,
  };
}

/** The raw text from argument `from` to the end of the line (RAW_ARGS). */
function rawRest(line: Line, args: Word[], from: number): Extract<Cut, { first: number }> {
  if (from >= args.length) {
    const at = args.length > 0 ? args[args.length - 1].end : line.words[0].end;
    return { text: '', first: at, count: 1 };
  }
  const start = args[from].start;
  const end = args[args.length - 1].end;
  return { text: line.line.text.slice(start, end), first: start, count: end - start + 1 };
}

/**
 * A word in braces as ap_getword_conf2 reads it: up to the `}` that closes the
 * first `{`, braces nesting, `\\` read as one backslash, and the logical offset
 * after it (the end of the line when no brace closes it); undefined when the
 * word does not start with `{`.
 */
function braced(line: Line, word: Word): (Cut & { end: number }) | undefined {
  const raw = line.line.text;
  if (raw[word.start] !== '{') return undefined;
  const logical: number[] = [];
  let text = '';
  let depth = 1;
  let i = word.start + 1;
  for (; i < raw.length; i++) {
    if (raw[i] === '}' && --depth === 0) break;
    if (raw[i] === '{') depth++;
    logical.push(i);
    text += raw[i];
    if (raw[i] === '\\' && raw[i + 1] === '\\') i++;
  }
  logical.push(i);
  return { text, logical, end: Math.min(i + 1, raw.length) };
}

/** A word's value as ap_getword_conf returns it, from `skip` characters in, with the offsets it came from. */
function unquoted(line: Line, word: Word, skip: number): Cut {
  const raw = line.line.text;
  const logical: number[] = [];
  let text = '';
  const quote = word.quote;
  let i = word.start + (quote ? 1 : 0);
  const bodyEnd = quote && word.closed ? word.end - 1 : word.end;
  while (i < bodyEnd) {
    const next = raw[i + 1];
    const escaped = raw[i] === '\\' && i + 1 < bodyEnd && (next === '\\' || (quote !== '' && next === quote));
    logical.push(i);
    text += escaped ? next : raw[i];
    i += escaped ? 2 : 1;
  }
  logical.push(bodyEnd);
  return { text: text.slice(skip), logical: logical.slice(Math.min(skip, logical.length - 1)) };
}

/** The first two arguments as mod_rewrite splits them (parseargline): quotes removed, `\ ` kept, nothing unescaped. */
function rewriteCuts(line: Line): Cut[] {
  return rewriteArguments(line.line.text, line.words[0].end)
    .words.slice(0, 2)
    .map((word) => {
      const first = word.start + word.quote.length;
      return { text: word.value, first, count: word.value.length + 1 };
    });
}

function positionOfLogical(file: ConfigFile, line: Line, logical: number, edge: 'start' | 'end'): Position {
  return positionAt(file.lineStarts, line.base + (edge === 'start' ? fileOffsetOfStart(line.line, logical) : fileOffsetOfEnd(line.line, logical)));
}

/** The document range of logical offsets `[start, end)` of a line. */
function logicalRange(file: ConfigFile, line: Line, start: number, end: number): Range {
  return { start: positionOfLogical(file, line, start, 'start'), end: positionOfLogical(file, line, end, 'end') };
}

function makeExpression(
  file: ConfigFile,
  node: DirectiveNode | SectionNode,
  line: Line,
  source: ExpressionSource,
  cut: Cut,
  prefix: (message: string) => string,
  options: Partial<FileExpression>,
): FileExpression {
  const toPosition = (logical: number, edge: 'start' | 'end') => positionOfLogical(file, line, logical, edge);
  // Text that is not the line's has no place of its own in it: every part of it is the written word.
  const whole = 'word' in cut ? cut.word : undefined;
  const logicalAt =
    'logical' in cut
      ? (offset: number) => cut.logical[Math.max(0, Math.min(offset, cut.logical.length - 1))]
      : 'first' in cut
        ? (offset: number) => cut.first + Math.max(0, Math.min(offset, cut.count - 1))
        : (offset: number) => offset;
  const rangeOf = (start: number, end: number): Range => {
    if (whole) return { start: toPosition(whole.start, 'start'), end: toPosition(whole.end, 'end') };
    const from = toPosition(logicalAt(start), 'start');
    // An end offset maps to just after the last character it covers.
    const to = end > start ? toPosition(logicalAt(end - 1) + 1, 'end') : from;
    return { start: from, end: to };
  };
  const stringResult = options.stringResult ?? false;
  const parsed = parseExpressionOnce(cut.text, stringResult);
  const range = cut.text.length > 0 ? rangeOf(0, cut.text.length) : rangeOf(0, 0);
  return {
    source,
    node,
    text: cut.text,
    stringResult,
    sslCompat: options.sslCompat ?? false,
    range,
    continued: line.continued,
    rangeOf,
    apacheMessage: prefix,
    parsed,
  };
}

/**
 * The same expression text parses the same way wherever it stands (names
 * resolve against fixed tables), and configurations repeat their
 * expressions across hosts and across edits: each is parsed once. The memo
 * is emptied when it grows past a bound, so pasted junk cannot pile up.
 */
const parsedTexts = { boolean: new Map<string, ExprParseResult>(), string: new Map<string, ExprParseResult>() };
const PARSED_TEXTS_KEPT = 10_000;

export function parseExpressionOnce(text: string, stringResult: boolean): ExprParseResult {
  const memo = stringResult ? parsedTexts.string : parsedTexts.boolean;
  let parsed = memo.get(text);
  if (!parsed) {
    if (memo.size >= PARSED_TEXTS_KEPT) memo.clear();
    parsed = parseExpression(text, {
      stringResult,
      resolve: (reference) => apacheLookupError(reference.kind, reference.name, 'argument' in reference ? reference.argument : undefined),
    });
    memo.set(text, parsed);
  }
  return parsed;
}
