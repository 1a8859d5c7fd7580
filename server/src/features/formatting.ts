// Formatting: re-indents every line by section depth and brings the blanks
// between words down to one space, but only where Apache provably reads the
// result the same way. Every change is whitespace; every node's new text is
// re-read (by our parser, by a model of Apache's line joining, and for
// mod_rewrite by a model of its own argument parser) and compared with the old
// before an edit is offered. When in doubt a line is left as it is.
//
// What decides whether blanks between arguments may change (httpd 2.4 source):
// - Apache trims each logical line (server/util.c cfg_trim_line), so leading
//   and trailing blanks never matter, and reads the name with ap_getword_conf,
//   which swallows the blanks after it: the name-to-first-argument gap is free.
// - TAKE*, ITERATE*, FLAG and NO_ARGS directives get their arguments split by
//   ap_getword_conf: only word boundaries matter. So do the RAW_ARGS handlers
//   listed in WORD_READERS, which split their text the same way.
// - Other RAW_ARGS handlers use the text as written (Require expr, SSLRequire,
//   Require ldap-filter, ProxyHCExpr's {…}, SessionCookieName attributes, Error
//   messages…); mod_rewrite has its own splitter where `\ ` escapes a blank.
// - `${VAR}` is substituted into the whole line before it is split, and
//   mod_macro substitutes parameters into the raw body text: no inner blanks
//   change on such lines.
// - mod_lua's <LuaHook…> blocks are Lua source read line by line as is, and a
//   section no loaded module declares may be read the same way: left untouched.

import type { TextEdit } from 'vscode-languageserver-types';
import type { CloseTag, ConfigFile, Node, Range } from '../parser/ast';
import { defaultDirectiveIndex, type DirectiveIndex } from '../knowledge/directiveIndex';
import { positionAt } from '../parser/lineIndex';
import { forEachLogicalLine, isApacheSpace, type LogicalLine } from '../parser/logicalLines';
import { parseConfig } from '../parser/parseConfig';
import { rewriteArguments } from '../parser/rewriteArguments';
import { readWord, skipSpaces, splitWords, trimmedEnd, type Word } from '../parser/words';

export interface FormatOptions {
  /** One level of indentation, e.g. four spaces or '\t'. Anything but blanks falls back to four spaces. */
  indent: string;
}

/** Formats the whole file: one edit per changed line, none when it is already formatted. */
export function formatDocument(file: ConfigFile, options: FormatOptions): TextEdit[] {
  return formatLines(file, options, () => true);
}

/** Formats the lines `range` touches (a range ending at column 0 leaves that line out); depth comes from the whole tree. */
export function formatRange(file: ConfigFile, range: Range, options: FormatOptions): TextEdit[] {
  const first = range.start.line;
  const last = range.end.character === 0 && range.end.line > first ? range.end.line - 1 : range.end.line;
  return formatLines(file, options, (line) => line >= first && line <= last);
}

/** How a directive's handler reads the blanks between its arguments. */
type Reading =
  /** Split into words by ap_getword_conf (or ap_getword_white): only word boundaries matter. */
  | 'words'
  /** mod_rewrite's parseargline: `\` before a blank escapes it, a closing quote needs no escape. */
  | 'rewrite'
  /** The text is used as written, or we do not know how it is read. */
  | 'raw';

/**
 * What may change inside a section: 'normal' everything; 'opaque' (mod_macro
 * bodies) indentation and trailing blanks only; 'frozen' (Lua blocks, unknown
 * sections) nothing.
 */
type Body = 'normal' | 'opaque' | 'frozen';

/** RAW_ARGS directives whose handler splits the text with ap_getword_conf or ap_getword_white (httpd 2.4). */
const WORD_READERS = new Set([
  '<authnprovideralias',
  '<authzprovideralias',
  '<directory',
  '<directorymatch',
  '<else',
  '<elseif',
  '<files',
  '<filesmatch',
  '<if',
  '<ifdefine',
  '<ifdirective',
  '<iffile',
  '<ifmodule',
  '<ifsection',
  '<ifversion',
  '<limit',
  '<limitexcept',
  '<location',
  '<locationmatch',
  '<macro',
  '<proxy',
  '<proxymatch',
  '<requireall',
  '<requireany',
  '<requirenone',
  '<virtualhost',
  'allowoverride',
  'balancermember',
  'browsermatch',
  'browsermatchnocase',
  'directoryindex',
  'fileetag',
  'header',
  'listen',
  'mutex',
  'options',
  'proxyhctemplate',
  'proxyhtmlurlmap',
  'proxypass',
  'proxypassmatch',
  'proxyset',
  'regexdefaultoptions',
  'requestheader',
  'requestreadtimeout',
  'serveralias',
  'setenvif',
  'setenvifexpr',
  'setenvifnocase',
  'sslcarevocationcheck',
  'ssloptions',
  'sslprotocol',
  'sslproxycarevocationcheck',
  'sslproxyprotocol',
  'use',
]);

/** `Require` providers that split their arguments into words (mod_authz_core, mod_authz_host, mod_authz_user). */
const REQUIRE_WORD_PROVIDERS = new Set(['all', 'env', 'ip', 'local', 'method', 'valid-user']);

/** Apache refuses longer lines in .htaccess files and in <Macro> bodies (8 KiB): never grow a line near that. */
const LONG_LINE = 8000;

const BACKSLASH = 92;


interface PhysicalLine {
  start: number;
  /** Before the line break (`\n` or `\r\n`). */
  contentEnd: number;
  end: number;
}

/** A replacement of file offsets [from, to) inside one physical line. */
interface Op {
  from: number;
  to: number;
  text: string;
}

/** One node's (or tag's) planned new text, line by line, and how to check a version of it. */
interface Plan {
  lines: PhysicalLine[];
  /** For each physical line, the replacements that change it, in order. */
  lineOps: Op[][];
  /** Whether a version of the node's text (some or all lines changed) reads the same. */
  accepts: (text: string) => boolean;
}

interface Context {
  file: ConfigFile;
  text: string;
  indent: string;
  directives: DirectiveIndex;
  apacheLines: Map<number, number>;
}

function formatLines(file: ConfigFile, options: FormatOptions, wantLine: (line: number) => boolean): TextEdit[] {
  const text = file.text;
  // A NUL ends Apache's view of a line early: such a file is not text we can reason about.
  if (text.includes('\0')) return [];
  const context: Context = {
    file,
    text,
    indent: /^[ \t]*$/.test(options.indent) ? options.indent : '    ',
    directives: defaultDirectiveIndex(),
    apacheLines: apacheLogicalLines(text, 0, text.length),
  };

  const edits: TextEdit[] = [];
  const replacements: Op[] = [];
  for (const plan of planFile(context)) {
    const changing = plan.lines.map(
      (line, i) => plan.lineOps[i].length > 0 && wantLine(positionAt(file.lineStarts, line.start).line),
    );
    if (!changing.includes(true)) continue;
    const formatted = plan.lines
      .map((line, i) => {
        const ops = changing[i] ? plan.lineOps[i] : [];
        return applyOpsIn(text, line.start, line.contentEnd, ops) + text.slice(line.contentEnd, line.end);
      })
      .join('');
    if (!plan.accepts(formatted)) continue;
    plan.lineOps.forEach((ops, i) => {
      if (!changing[i]) return;
      // One edit per line, from the first blank run that changes to the last.
      const from = ops[0].from;
      const to = ops[ops.length - 1].to;
      replacements.push(...ops);
      edits.push({
        range: { start: positionAt(file.lineStarts, from), end: positionAt(file.lineStarts, to) },
        newText: applyOpsIn(text, from, to, ops),
      });
    });
  }
  if (edits.length === 0) return edits;
  // Belt and braces: the whole formatted file must parse to the same tree.
  const formatted = applyOps(text, replacements);
  if (treeSignature(parseConfig(formatted)) !== treeSignature(file)) return [];
  return edits;
}

/** Walks the tree with an explicit stack (any nesting depth is safe) and plans each node. */
function planFile(context: Context): Plan[] {
  const plans: Plan[] = [];
  const add = (plan: Plan | undefined) => {
    if (plan) plans.push(plan);
  };
  type Item = { node: Node; depth: number; body: Body } | { close: CloseTag; depth: number; body: Body };
  const pending: Item[] = [];
  const pushChildren = (nodes: Node[], depth: number, body: Body) => {
    for (let i = nodes.length - 1; i >= 0; i--) pending.push({ node: nodes[i], depth, body });
  };
  pushChildren(context.file.children, 0, 'normal');
  while (pending.length > 0) {
    const item = pending.pop() as Item;
    if (item.body === 'frozen') continue;
    if ('close' in item) {
      add(planSimple(context, item.close.start, item.close.end, item.depth, true, closeSignature(item.close)));
      continue;
    }
    const { node, depth, body } = item;
    switch (node.kind) {
      case 'blank':
        add(planBlank(context, node.start, node.end));
        break;
      case 'comment':
        add(planSimple(context, node.start, node.end, depth, node.continuedLines === 0, nodeSignature(node)));
        break;
      case 'strayClose':
        add(planSimple(context, node.start, node.end, depth, true, nodeSignature(node)));
        break;
      case 'directive':
        add(planLogical(context, node.start, node.end, depth, body, false, nodeSignature(node)));
        break;
      case 'section': {
        add(planLogical(context, node.open.start, node.open.end, depth, body, true, nodeSignature(node)));
        const key = `<${node.name}`.toLowerCase();
        const lua = key.startsWith('<lua');
        const known = context.directives.lookup(key) !== undefined;
        const inner: Body = !known || lua ? 'frozen' : key === '<macro' ? 'opaque' : body;
        if (inner === 'frozen' && !node.close) {
          // Where such a body really ends is up to its reader, not to our tree: stop here.
          return plans;
        }
        // mod_lua finds its close tag after skipping blanks; an unknown reader may not.
        if (node.close) pending.push({ close: node.close, depth, body: inner !== 'frozen' ? inner : lua ? body : 'frozen' });
        if (inner !== 'frozen') pushChildren(node.children, depth + 1, inner);
        break;
      }
    }
  }
  return plans;
}

/** Preconditions every node must meet before any of its bytes change. */
function touchable(context: Context, start: number, end: number): boolean {
  if (context.apacheLines.get(start) !== end) return false; // Apache joins these lines differently
  const own = context.text.slice(start, end);
  // A lone CR is a line break for the editor but not for Apache; a BOM is part of the first word to Apache.
  return !/\r(?!\n)/.test(own) && !own.includes('\uFEFF');
}

function planBlank(context: Context, start: number, end: number): Plan | undefined {
  const lines = physicalLines(context.text, start, end);
  if (lines.length !== 1 || !touchable(context, start, end)) return undefined;
  const line = lines[0];
  const emptied: Op = { from: line.start, to: line.contentEnd, text: '' };
  return plan(context, lines, [emptied], (text) => nodeSignature(onlyChild(text)) === 'blank');
}

/** Comments and close tags: indentation of the first line, and trailing blanks of a one-line node. */
function planSimple(
  context: Context,
  start: number,
  end: number,
  depth: number,
  trimTrailing: boolean,
  signature: string,
): Plan | undefined {
  if (!touchable(context, start, end)) return undefined;
  const text = context.text;
  const lines = physicalLines(text, start, end);
  const first = lines[0];
  const ops: Op[] = [];
  let contentStart = first.start;
  while (contentStart < first.contentEnd && isApacheSpace(text.charCodeAt(contentStart))) contentStart++;
  if (contentStart === first.contentEnd) return undefined;
  ops.push({ from: first.start, to: contentStart, text: context.indent.repeat(depth) });
  if (trimTrailing && lines.length === 1) ops.push(...trailingOp(text, first.start, first.contentEnd));
  return plan(context, lines, ops, (formatted) => nodeSignature(onlyChild(formatted)) === signature);
}

/** Directives and section open tags: indentation, blanks between words, continuation lines, trailing blanks. */
function planLogical(
  context: Context,
  start: number,
  end: number,
  depth: number,
  body: Body,
  isSection: boolean,
  signature: string,
): Plan | undefined {
  if (!touchable(context, start, end)) return undefined;
  const line = logicalLineOf(context.text, start, end);
  if (!line) return undefined;
  const text = context.text;
  const lines = physicalLines(text, start, end);
  if (lines.length !== line.segments.length) return undefined;
  const words = wordsOf(line.text, isSection);
  if (!words) return undefined;
  const [name] = words;
  const first = line.segments[0];
  // The name must start on the first physical line, or there is nothing sensible to indent.
  if (name.start >= first.logicalEnd) return undefined;

  const fileOffset = (logical: number) => {
    const segment = line.segments[segmentAt(line, logical)];
    return segment.fileStart + (logical - segment.logicalStart);
  };
  const ops: Op[] = [{ from: first.fileStart, to: first.fileStart + name.start, text: context.indent.repeat(depth) }];

  const reading = readingOf(context.directives, words);
  const inner = body === 'normal' && !line.text.includes('${');
  const continuations: { segment: number; lead: string; spaceBefore: boolean }[] = [];
  for (let i = 0; i + 1 < words.length; i++) {
    if (!inner || (i > 0 && reading === 'raw')) break;
    const endOfWord = words[i].end;
    const next = words[i + 1].start;
    // mod_rewrite reads `\` + blank as an escaped blank: never touch a gap after a backslash.
    if (line.text.charCodeAt(endOfWord - 1) === BACKSLASH) continue;
    const before = segmentAt(line, endOfWord - 1);
    const after = segmentAt(line, next);
    if (before === after) {
      const gap = line.text.slice(endOfWord, next);
      if (gap !== ' ' && /^[ \t]+$/.test(gap)) ops.push({ from: fileOffset(endOfWord), to: fileOffset(next), text: ' ' });
    } else {
      const segment = line.segments[after];
      const lead = line.text.slice(segment.logicalStart, next);
      if (/^[ \t]*$/.test(lead)) continuations.push({ segment: after, lead, spaceBefore: endOfWord < segment.logicalStart });
    }
  }

  if (continuations.length > 0) {
    const align = continuationIndent(context, line.text, words, ops, depth, line.segments[0].logicalEnd);
    for (const { segment, lead, spaceBefore } of continuations) {
      // The continuation's blanks may be the only thing that separates two words.
      if (align === '' && !spaceBefore) continue;
      const from = line.segments[segment].fileStart;
      ops.push({ from, to: from + lead.length, text: align });
    }
  }
  const last = lines[lines.length - 1];
  ops.push(...trailingOp(text, last.start, last.contentEnd, lines.length > 1));

  const oldProtected = protectedText(line.text, words, reading, inner);
  const accepts = (formatted: string) => {
    if (formatted.length > end - start && formatted.length > LONG_LINE) return false;
    if (nodeSignature(onlyChild(formatted)) !== signature) return false;
    const joined = logicalLineOf(formatted, 0, formatted.length);
    if (!joined || joined.physicalLines !== line.physicalLines) return false;
    const newWords = wordsOf(joined.text, isSection);
    return newWords !== undefined && protectedText(joined.text, newWords, reading, inner) === oldProtected;
  };
  return plan(context, lines, ops, accepts);
}

/** The node's text as one logical line of our parser, with file offsets; undefined if it is not exactly one. */
function logicalLineOf(text: string, start: number, end: number): LogicalLine | undefined {
  const found: LogicalLine[] = [];
  forEachLogicalLine(text.slice(start, end), (line) => found.push(line));
  if (found.length !== 1) return undefined;
  const [line] = found;
  return { ...line, start, end, segments: line.segments.map((segment) => ({ ...segment, fileStart: segment.fileStart + start })) };
}

/** The name and the arguments as Apache's section or directive reader sees them (logical offsets). */
function wordsOf(text: string, isSection: boolean): Word[] | undefined {
  const contentStart = skipSpaces(text, 0);
  const contentEnd = trimmedEnd(text, contentStart);
  if (contentStart === contentEnd) return undefined;
  const name = readWord(text, contentStart, contentEnd);
  let argsEnd = contentEnd;
  if (isSection) {
    const raw = text.slice(name.start, name.end);
    if (raw.endsWith('>')) argsEnd = name.end;
    else {
      const bracket = text.lastIndexOf('>', contentEnd - 1);
      if (bracket >= name.end) argsEnd = bracket;
    }
  }
  return [name, ...splitWords(text, name.end, argsEnd)];
}

function readingOf(directives: DirectiveIndex, words: Word[]): Reading {
  const key = words[0].value.toLowerCase();
  if (key === 'rewriterule' || key === 'rewritecond') return 'rewrite';
  if (key === 'require') {
    let provider = words[1]?.value.toLowerCase();
    if (provider === 'not') provider = words[2]?.value.toLowerCase();
    return provider !== undefined && REQUIRE_WORD_PROVIDERS.has(provider) ? 'words' : 'raw';
  }
  const fact = directives.lookup(key);
  const kind = fact?.arguments?.kind;
  if (kind === undefined) return 'raw';
  return kind !== 'raw' || WORD_READERS.has(key) ? 'words' : 'raw';
}

/**
 * What must stay byte for byte (or, for mod_rewrite, argument for argument) for
 * Apache to read the line the same way: nothing beyond the words for 'words'.
 */
function protectedText(text: string, words: Word[], reading: Reading, inner: boolean): string {
  let contentEnd = text.length;
  while (contentEnd > 0 && isApacheSpace(text.charCodeAt(contentEnd - 1))) contentEnd--;
  if (!inner) return text.slice(words[0].end, contentEnd);
  if (words.length < 2) return '';
  const rest = text.slice(words[1].start, contentEnd);
  if (reading === 'raw') return rest;
  if (reading === 'rewrite') {
    // The arguments mod_rewrite reads, or null when it refuses the line.
    const read = rewriteArguments(rest);
    return JSON.stringify(read.complete ? read.words.map((word) => word.value) : null);
  }
  return '';
}

/**
 * Continuation lines line up under the first argument; when it is not on the
 * first line, or the indentation uses tabs, they get one level more than the directive.
 */
function continuationIndent(context: Context, text: string, words: Word[], ops: Op[], depth: number, firstLineEnd: number): string {
  const fallback = context.indent.repeat(depth + 1);
  if (context.indent.includes('\t') || words.length < 2 || words[1].start >= firstLineEnd) return fallback;
  // Ops so far are all on the first line, where logical and physical offsets agree.
  const base = ops[0].from;
  let prefix = '';
  let at = 0;
  for (const op of [...ops].sort((a, b) => a.from - b.from)) {
    if (op.from - base >= words[1].start) break;
    prefix += text.slice(at, op.from - base) + op.text;
    at = op.to - base;
  }
  prefix += text.slice(at, words[1].start);
  return prefix.includes('\t') ? fallback : ' '.repeat(prefix.length);
}

/** Removes trailing blanks, unless they follow a backslash (removing them would continue the line) or would empty a continuation line. */
function trailingOp(text: string, lineStart: number, contentEnd: number, isContinuation = false): Op[] {
  let last = contentEnd;
  while (last > lineStart && isApacheSpace(text.charCodeAt(last - 1))) last--;
  if (last === contentEnd) return [];
  if (last === lineStart && isContinuation) return [];
  if (last > lineStart && text.charCodeAt(last - 1) === BACKSLASH) return [];
  return [{ from: last, to: contentEnd, text: '' }];
}

/** Sorts the changing `ops` into their physical lines and wraps `accepts` with Apache's line joining. */
function plan(context: Context, lines: PhysicalLine[], ops: Op[], accepts: (text: string) => boolean): Plan {
  const text = context.text;
  const sorted = ops.filter((op) => text.slice(op.from, op.to) !== op.text).sort((a, b) => a.from - b.from);
  const lineOps: Op[][] = lines.map(() => []);
  let line = 0;
  for (const op of sorted) {
    while (op.from > lines[line].contentEnd) line++;
    lineOps[line].push(op);
  }
  return {
    lines,
    lineOps,
    accepts: (formatted) => {
      const apache = apacheLogicalLines(formatted, 0, formatted.length);
      return apache.size === 1 && apache.get(0) === formatted.length && accepts(formatted);
    },
  };
}

/** The text of [from, to) with `ops` (sorted, inside it) applied. */
function applyOpsIn(text: string, from: number, to: number, ops: Op[]): string {
  let out = '';
  let at = from;
  for (const op of ops) {
    out += text.slice(at, op.from) + op.text;
    at = op.to;
  }
  return out + text.slice(at, to);
}

function applyOps(text: string, ops: Op[]): string {
  const sorted = [...ops].sort((a, b) => a.from - b.from);
  const parts: string[] = [];
  let at = 0;
  for (const op of sorted) {
    parts.push(text.slice(at, op.from), op.text);
    at = op.to;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

function physicalLines(text: string, start: number, end: number): PhysicalLine[] {
  const lines: PhysicalLine[] = [];
  let offset = start;
  while (offset < end) {
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline === -1 || newline >= end ? end : newline + 1;
    let contentEnd = lineEnd;
    if (contentEnd > offset && text[contentEnd - 1] === '\n') {
      contentEnd--;
      if (contentEnd > offset && text[contentEnd - 1] === '\r') contentEnd--;
    }
    lines.push({ start: offset, contentEnd, end: lineEnd });
    offset = lineEnd;
  }
  return lines;
}

/** Index of the segment holding logical offset `at` (the later one at a join). */
function segmentAt(line: LogicalLine, at: number): number {
  let low = 0;
  let high = line.segments.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (line.segments[mid].logicalStart <= at) low = mid;
    else high = mid - 1;
  }
  return low;
}

function onlyChild(text: string): Node | undefined {
  const parsed = parseConfig(text);
  return parsed.children.length === 1 ? parsed.children[0] : undefined;
}

/** A node without its whitespace: what formatting must keep. Close tags read alone parse as stray ones. */
function nodeSignature(node: Node | undefined): string {
  switch (node?.kind) {
    case undefined:
      return '';
    case 'blank':
      return 'blank';
    case 'comment':
      return JSON.stringify(['comment', node.text, node.continuedLines]);
    case 'strayClose':
      return closeSignature(node.tag);
    case 'directive':
      return JSON.stringify(['directive', node.name, node.words, node.continuedLines]);
    case 'section':
      return JSON.stringify(['section', node.name, node.words, node.open.continuedLines, node.open.hasClosingBracket]);
  }
}

function closeSignature(tag: CloseTag): string {
  return JSON.stringify(['close', tag.name, tag.hasClosingBracket]);
}

/** The tree without whitespace: kinds, names, argument values, comment texts, nesting and problems. */
function treeSignature(file: ConfigFile): string {
  const out: string[] = [];
  const pending: { node: Node; depth: number }[] = file.children.map((node) => ({ node, depth: 0 })).reverse();
  while (pending.length > 0) {
    const { node, depth } = pending.pop() as { node: Node; depth: number };
    out.push(`${depth} ${nodeSignature(node)}`);
    if (node.kind !== 'section') continue;
    out.push(`${depth} ${node.close ? closeSignature(node.close) : 'unclosed'}`);
    for (let i = node.children.length - 1; i >= 0; i--) pending.push({ node: node.children[i], depth: depth + 1 });
  }
  return out.join('\n') + '\n' + file.problems.map((p) => p.kind).join(' ');
}

/**
 * Where Apache's logical lines start and end (start → end offset), read the way
 * ap_cfg_getline_core (server/util.c) joins them: a line ending in `\` before
 * `\n` or `\r\n` continues, and it looks at the joined buffer, so an empty line
 * after one ending in `\\` continues too (our parser does not model that).
 */
function apacheLogicalLines(text: string, from: number, to: number): Map<number, number> {
  const lines = new Map<number, number>();
  // The joined buffer, kept as file ranges so nothing is copied.
  const starts: number[] = [];
  const ends: number[] = [];
  let length = 0;
  const charFromEnd = (k: number): number => {
    for (let s = starts.length - 1; s >= 0; s--) {
      const size = ends[s] - starts[s];
      if (k <= size) return text.charCodeAt(ends[s] - k);
      k -= size;
    }
    return -1;
  };
  const truncate = (size: number) => {
    while (length > size) {
      const last = starts.length - 1;
      const drop = Math.min(length - size, ends[last] - starts[last]);
      ends[last] -= drop;
      length -= drop;
      if (ends[last] === starts[last]) {
        starts.pop();
        ends.pop();
      }
    }
  };
  let offset = from;
  while (offset < to) {
    const start = offset;
    starts.length = 0;
    ends.length = 0;
    length = 0;
    for (;;) {
      const newline = text.indexOf('\n', offset);
      const lineEnd = newline === -1 || newline >= to ? to : newline + 1;
      starts.push(offset);
      ends.push(lineEnd);
      length += lineEnd - offset;
      offset = lineEnd;
      if (charFromEnd(1) !== 10) break;
      // cut: the buffer length once the LF (and a CR before it) are dropped
      let cut = length - 1;
      if (cut > 0 && charFromEnd(length - cut + 1) === 13) cut--;
      if (!(cut > 0 && charFromEnd(length - cut + 1) === BACKSLASH) || offset >= to) break;
      truncate(cut - 1);
    }
    lines.set(start, offset);
  }
  return lines;
}
