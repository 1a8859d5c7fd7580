// Parses a file again after an edit, reusing what the edit cannot have changed.
// Apache reads a file line by line, and a top-level node that is not an open
// section leaves nothing open behind it. So an edit inside the body of one
// closed top-level section changes that section only: its lines are parsed
// again. Any other edit changes only the top-level lines it touches, provided
// they leave nothing open and do not run on into the next node: those lines
// are parsed again on their own. Either way the nodes before are kept and
// the nodes after are moved by the edit's length. Anything else gets a whole
// parse. A differential test holds this to parseConfig on the new text.
import type { Argument, CloseTag, ConfigFile, Node, OpenTag, ParseProblem } from './ast';
import { firstIndexNotBefore } from './firstIndexNotBefore';
import { lineAt, updateLineStarts } from './lineIndex';
import { ParsedDirective, ParsedFile, ParsedSection } from './nodes';
import { parseConfig } from './parseConfig';

/**
 * The parse of `text`, an edit of `previous.text`. The previous parse is taken
 * over: its nodes may move into the new one, so it must not be used afterwards.
 * A top-level node the edit did not touch is the same object in both.
 */
export function reparseConfig(previous: ConfigFile, text: string): ConfigFile {
  const old = previous.text;
  const prefix = commonPrefix(old, text);
  const edit: Edit = { prefix, changedEnd: old.length - commonSuffix(old, text, prefix) };
  return reparseSection(previous, text, edit) ?? reparseTopLevelLines(previous, text, edit) ?? parseConfig(text);
}

/** Where the old and new texts differ: they share their first `prefix` characters, and their ends from `changedEnd` in the old text on. */
interface Edit {
  prefix: number;
  changedEnd: number;
}

/** When the edit lies inside the body of one closed top-level section: that section parsed again. */
function reparseSection(previous: ConfigFile, text: string, edit: Edit): ConfigFile | undefined {
  const { prefix, changedEnd } = edit;
  const index = topLevelIndexAt(previous.children, prefix);
  const before = index === -1 ? undefined : previous.children[index];
  // The edit must lie between the end of the open tag's line and the start of the close tag's line.
  if (before?.kind !== 'section' || !before.close || prefix < before.open.end || changedEnd > before.close.start) return undefined;
  const end = before.end + text.length - previous.text.length;
  // A backslash at the end of the close tag's line would join the next line to it.
  if (/\\\r?\n?$/.test(text.slice(Math.max(before.start, end - 3), end))) return undefined;
  const part = parseConfig(ownCopy(text.slice(before.start, end)));
  const after = part.children[0];
  if (part.children.length !== 1 || after.kind !== 'section' || !after.close || after.end !== part.text.length) return undefined;
  // Not before.startLine: a section's range starts at its tag, which a line ending in `\` before it moves down.
  return splice(previous, text, edit, { first: index, last: index + 1, start: before.start, end: before.end }, part, lineAt(previous.lineStarts, before.start, 0));
}

/**
 * When the edit lies between top-level nodes, or spans some: the top-level
 * lines from the end of the last node before it to the start of the first
 * node after it, parsed again on their own. That is what a whole parse gives
 * them when nothing before them is left open, nothing in them is left open,
 * and their last line does not continue onto the next node's first.
 */
function reparseTopLevelLines(previous: ConfigFile, text: string, edit: Edit): ConfigFile | undefined {
  const { prefix, changedEnd } = edit;
  const nodes = previous.children;
  let first = firstIndexNotBefore(nodes.length, (i) => nodes[i].start <= prefix);
  // A node that ends at the end of the file may have been cut short there (a last line without a newline, or ending in `\`).
  while (first > 0 && (nodes[first - 1].end > prefix || nodes[first - 1].end === previous.text.length)) first--;
  // A section left open would take in the lines after it.
  if (first > 0 && isOpenSection(nodes[first - 1])) return undefined;
  const last = firstIndexNotBefore(nodes.length, (i) => nodes[i].start < changedEnd);
  const start = first > 0 ? nodes[first - 1].end : 0;
  const end = last < nodes.length ? nodes[last].start : previous.text.length;
  const newEnd = end + text.length - previous.text.length;
  if (last < nodes.length && (text.charCodeAt(newEnd - 1) !== NEWLINE || /\\(\r?\n)*$/.test(text.slice(start, newEnd)))) return undefined;
  const part = parseConfig(ownCopy(text.slice(start, newEnd)));
  if (part.problems.some((problem) => problem.kind === 'unclosedSection')) return undefined;
  return splice(previous, text, edit, { first, last, start, end }, part, lineAt(previous.lineStarts, start, 0));
}

const NEWLINE = 10;

/** The nodes `first` to `last` (exclusive) of `previous`, which spanned `start` to `end` of its text, replaced. */
interface Replaced {
  first: number;
  last: number;
  start: number;
  end: number;
}

/** The new parse: `previous` with the replaced nodes swapped for `part`'s, which were parsed on their own from line `line`. */
function splice(previous: ConfigFile, text: string, edit: Edit, replaced: Replaced, part: ConfigFile, line: number): ConfigFile {
  const delta = text.length - previous.text.length;
  const lines = previous.lineStarts.length;
  const file = new ParsedFile(text, updateLineStarts(previous.lineStarts, text, edit.prefix, edit.changedEnd, delta));
  file.children = [...previous.children.slice(0, replaced.first), ...part.children, ...previous.children.slice(replaced.last)];
  for (const node of part.children) moveSubtree(node, replaced.start, line);
  for (const problem of previous.problems) {
    if (problemStart(problem) < replaced.start) file.problems.push(problem);
  }
  file.problems.push(...part.problems);
  for (const problem of previous.problems) {
    if (problemStart(problem) >= replaced.end) file.problems.push(problem);
  }
  const lineDelta = file.lineStarts.length - lines;
  const moved = replaced.first + part.children.length;
  for (let i = 0; i < file.children.length; i++) {
    const node = file.children[i];
    node.parent = file;
    if (i >= moved && (delta !== 0 || lineDelta !== 0)) moveSubtree(node, delta, lineDelta);
  }
  return file;
}

function isOpenSection(node: Node): boolean {
  return node.kind === 'section' && !node.close;
}

function commonPrefix(a: string, b: string): number {
  return matchingLength(
    Math.min(a.length, b.length),
    (from, to) => a.slice(from, to) === b.slice(from, to),
    (at) => a.charCodeAt(at) === b.charCodeAt(at),
  );
}

/** The length of the common end of `a` and `b` that does not reach into their first `prefix` characters. */
function commonSuffix(a: string, b: string, prefix: number): number {
  return matchingLength(
    Math.min(a.length, b.length) - prefix,
    (from, to) => a.slice(a.length - to, a.length - from) === b.slice(b.length - to, b.length - from),
    (at) => a.charCodeAt(a.length - 1 - at) === b.charCodeAt(b.length - 1 - at),
  );
}

const FIRST_BLOCK = 1024;

/**
 * How far, up to `most`, two texts match from 0: in blocks that double, then
 * halve (string equality is native code; a character loop over a 200 KB file
 * costs milliseconds), then character by character.
 */
function matchingLength(most: number, same: (from: number, to: number) => boolean, sameAt: (at: number) => boolean): number {
  let length = 0;
  let block = FIRST_BLOCK;
  while (length + block <= most && same(length, length + block)) {
    length += block;
    block *= 2;
  }
  let limit = Math.min(most, length + block);
  while (limit - length > 64) {
    const middle = (length + limit) >> 1;
    if (same(length, middle)) length = middle;
    else limit = middle;
  }
  while (length < most && sameAt(length)) length++;
  return length;
}

/** A string that is not a slice of a larger one (V8 keeps the whole of a sliced string's parent alive). */
function ownCopy(slice: string): string {
  return Buffer.from(slice, 'utf16le').toString('utf16le');
}

/** The top-level node whose bytes hold `offset`, or -1. */
function topLevelIndexAt(nodes: readonly Node[], offset: number): number {
  const index = firstIndexNotBefore(nodes.length, (i) => nodes[i].end <= offset);
  return index < nodes.length && nodes[index].start <= offset ? index : -1;
}

function problemStart(problem: ParseProblem): number {
  return 'section' in problem ? problem.section.start : problem.tag.start;
}

// Positions are read-only to the rest of the server; only this move, on nodes
// taken over from the previous parse, writes them.
interface Movable {
  start: number;
  end: number;
  startLine: number;
  endLine: number;
  nameEndLine?: number;
}

function moveSubtree(root: Node, delta: number, lineDelta: number): void {
  const pending: Node[] = [root];
  for (let node = pending.pop(); node; node = pending.pop()) {
    move(node as Movable, delta, lineDelta);
    if (node.kind === 'section') {
      move(node.open as OpenTag & Movable, delta, lineDelta);
      if (node.close) move(node.close as CloseTag & Movable, delta, lineDelta);
      // Arguments not read yet are built from the new text when they are.
      const read = node instanceof ParsedSection ? node.argumentsRead : node.args;
      if (lineDelta !== 0 && read) for (const arg of read) moveLines(arg, lineDelta);
      for (const child of node.children) pending.push(child);
    } else if (node.kind === 'directive') {
      const read = node instanceof ParsedDirective ? node.argumentsRead : node.args;
      if (lineDelta !== 0 && read) for (const arg of read) moveLines(arg, lineDelta);
    } else if (node.kind === 'strayClose') {
      move(node.tag as CloseTag & Movable, delta, lineDelta);
    }
  }
}

function move(item: Movable, delta: number, lineDelta: number): void {
  item.start += delta;
  item.end += delta;
  if (lineDelta !== 0) {
    item.startLine += lineDelta;
    item.endLine += lineDelta;
    if (item.nameEndLine !== undefined) item.nameEndLine += lineDelta;
  }
}

function moveLines(arg: Argument, lineDelta: number): void {
  const movable = arg as Argument & { startLine: number; endLine: number };
  movable.startLine += lineDelta;
  movable.endLine += lineDelta;
}
