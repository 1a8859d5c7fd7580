// The objects parseConfig builds. Positions are integer fields; `range` and
// `nameRange` are prototype getters that build the LSP objects on each read
// (see CompactRange in ast.ts). V8 builds these fastest when every field is
// assigned in the class's own constructor: class field initializers run as a
// separate function per object, and constructors calling `super` had their
// optimized code thrown away again and again; either made parsing slower than
// with the Range objects this replaces. Hence flat classes and `declare`.
import type {
  Argument,
  BlankNode,
  CloseTag,
  CommentNode,
  ConfigFile,
  DirectiveNode,
  Node,
  OpenTag,
  Parent,
  ParseProblem,
  QuoteStyle,
  Range,
  SectionNode,
  StrayCloseNode,
} from './ast';
import { directiveArguments, directiveNameRange, sectionArguments } from './lineArguments';
import { computeLineStarts } from './lineIndex';

/** The integers of a range, handed to a constructor that copies them. */
export interface RangeIntegers {
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export function rangeFrom(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return { start: { line: startLine, character: startCharacter }, end: { line: endLine, character: endCharacter } };
}

export class ParsedArgument implements Argument {
  declare readonly range: Range;
  declare startLine: number;
  declare startCharacter: number;
  declare endLine: number;
  declare endCharacter: number;
  declare raw: string;
  declare value: string;
  declare quote: QuoteStyle;
  declare closed: boolean;

  constructor(at: RangeIntegers, raw: string, value: string, quote: QuoteStyle, closed: boolean) {
    this.startLine = at.startLine;
    this.startCharacter = at.startCharacter;
    this.endLine = at.endLine;
    this.endCharacter = at.endCharacter;
    this.raw = raw;
    this.value = value;
    this.quote = quote;
    this.closed = closed;
  }
}

/**
 * An unquoted word without escapes, as most are: as written it is its value,
 * so it keeps four fields fewer than a ParsedArgument (a tree has one per word).
 */
export class PlainArgument implements Argument {
  declare readonly range: Range;
  declare startLine: number;
  declare startCharacter: number;
  declare endLine: number;
  declare endCharacter: number;
  declare value: string;

  constructor(at: RangeIntegers, value: string) {
    this.startLine = at.startLine;
    this.startCharacter = at.startCharacter;
    this.endLine = at.endLine;
    this.endCharacter = at.endCharacter;
    this.value = value;
  }

  get raw(): string {
    return this.value;
  }

  get quote(): QuoteStyle {
    return '';
  }

  get closed(): boolean {
    return true;
  }
}

/**
 * A file's tree. Its line starts are worked out when first read and then
 * kept: the parser measures lines with a list of its own and does not leave
 * it here, since most files of a large tree are never read by line again.
 */
export class ParsedFile implements ConfigFile {
  declare readonly kind: 'file';
  declare readonly text: string;
  declare children: Node[];
  declare problems: ParseProblem[];
  declare lineStartsRead: number[] | undefined;

  constructor(text: string, lineStarts?: number[]) {
    this.text = text;
    this.children = [];
    this.problems = [];
    this.lineStartsRead = lineStarts;
  }

  get lineStarts(): number[] {
    return (this.lineStartsRead ??= computeLineStarts(this.text));
  }
}

/**
 * The file with other top-level nodes, for a partial analysis. A copy made by
 * spreading would lose what the class keeps on its prototype (`kind`, the line starts).
 */
export function fileWithChildren(file: ConfigFile, children: Node[]): ConfigFile {
  const view = new ParsedFile(file.text, file.lineStarts);
  view.children = children;
  view.problems = file.problems;
  return view;
}

export class ParsedBlank implements BlankNode {
  declare readonly kind: 'blank';
  declare readonly range: Range;
  declare startLine: number;
  declare startCharacter: number;
  declare endLine: number;
  declare endCharacter: number;
  declare start: number;
  declare end: number;
  declare parent: Parent;

  constructor(at: RangeIntegers, start: number, end: number, parent: Parent) {
    this.startLine = at.startLine;
    this.startCharacter = at.startCharacter;
    this.endLine = at.endLine;
    this.endCharacter = at.endCharacter;
    this.start = start;
    this.end = end;
    this.parent = parent;
  }
}

export class ParsedComment implements CommentNode {
  declare readonly kind: 'comment';
  declare readonly range: Range;
  declare startLine: number;
  declare startCharacter: number;
  declare endLine: number;
  declare endCharacter: number;
  declare start: number;
  declare end: number;
  declare parent: Parent;
  declare text: string;
  declare continuedLines: number;

  constructor(at: RangeIntegers, start: number, end: number, parent: Parent, text: string, continuedLines: number) {
    this.startLine = at.startLine;
    this.startCharacter = at.startCharacter;
    this.endLine = at.endLine;
    this.endCharacter = at.endCharacter;
    this.start = start;
    this.end = end;
    this.parent = parent;
    this.text = text;
    this.continuedLines = continuedLines;
  }
}

const NO_WORDS: readonly string[] = [];

/**
 * Keeps its words as strings; the Argument objects, with their positions, are
 * built from the file's text when `args` is first read, then kept.
 */
export class ParsedDirective implements DirectiveNode {
  declare readonly kind: 'directive';
  declare readonly range: Range;
  declare startLine: number;
  declare startCharacter: number;
  declare endLine: number;
  declare endCharacter: number;
  declare start: number;
  declare end: number;
  declare parent: Parent;
  declare name: string;
  declare words: readonly string[];
  declare continuedLines: number;
  /** The arguments once read; reparseConfig moves them with the node. */
  declare argumentsRead: Argument[] | undefined;

  constructor(at: RangeIntegers, start: number, end: number, parent: Parent, name: string, words: readonly string[], continuedLines: number) {
    this.startLine = at.startLine;
    this.startCharacter = at.startCharacter;
    this.endLine = at.endLine;
    this.endCharacter = at.endCharacter;
    this.start = start;
    this.end = end;
    this.parent = parent;
    this.name = name;
    this.words = words.length === 0 ? NO_WORDS : words;
    this.continuedLines = continuedLines;
    this.argumentsRead = undefined;
  }

  get args(): Argument[] {
    return (this.argumentsRead ??= directiveArguments(this.start, this.startLine, this.parent));
  }

  /** Measured from the file's text on each read, as the arguments are: kept, its integers were two fields more on every directive. */
  get nameRange(): Range {
    return directiveNameRange(this.start, this.startLine, this.parent);
  }
}

export class ParsedOpenTag implements OpenTag {
  declare readonly range: Range;
  declare readonly nameRange: Range;
  declare startLine: number;
  declare startCharacter: number;
  declare endLine: number;
  declare endCharacter: number;
  declare nameEndLine: number;
  declare nameEndCharacter: number;
  declare start: number;
  declare end: number;
  declare hasClosingBracket: boolean;
  declare continuedLines: number;

  constructor(
    at: RangeIntegers,
    nameEndLine: number,
    nameEndCharacter: number,
    start: number,
    end: number,
    hasClosingBracket: boolean,
    continuedLines: number,
  ) {
    this.startLine = at.startLine;
    this.startCharacter = at.startCharacter;
    this.endLine = at.endLine;
    this.endCharacter = at.endCharacter;
    this.nameEndLine = nameEndLine;
    this.nameEndCharacter = nameEndCharacter;
    this.start = start;
    this.end = end;
    this.hasClosingBracket = hasClosingBracket;
    this.continuedLines = continuedLines;
  }
}

export class ParsedCloseTag implements CloseTag {
  declare readonly range: Range;
  declare readonly nameRange: Range;
  declare startLine: number;
  declare startCharacter: number;
  declare endLine: number;
  declare endCharacter: number;
  declare nameEndLine: number;
  declare nameEndCharacter: number;
  declare name: string;
  declare start: number;
  declare end: number;
  declare hasClosingBracket: boolean;

  constructor(
    at: RangeIntegers,
    nameEndLine: number,
    nameEndCharacter: number,
    name: string,
    start: number,
    end: number,
    hasClosingBracket: boolean,
  ) {
    this.startLine = at.startLine;
    this.startCharacter = at.startCharacter;
    this.endLine = at.endLine;
    this.endCharacter = at.endCharacter;
    this.nameEndLine = nameEndLine;
    this.nameEndCharacter = nameEndCharacter;
    this.name = name;
    this.start = start;
    this.end = end;
    this.hasClosingBracket = hasClosingBracket;
  }
}

/** Starts with the range of its open tag; parseConfig moves the end when the section is finished. */
export class ParsedSection implements SectionNode {
  declare readonly kind: 'section';
  declare readonly range: Range;
  declare startLine: number;
  declare startCharacter: number;
  declare endLine: number;
  declare endCharacter: number;
  declare start: number;
  declare end: number;
  declare parent: Parent;
  declare name: string;
  declare words: readonly string[];
  declare open: OpenTag;
  declare children: Node[];
  declare close?: CloseTag;
  /** The arguments once read; reparseConfig moves them with the node. */
  declare argumentsRead: Argument[] | undefined;

  constructor(start: number, end: number, parent: Parent, name: string, words: readonly string[], open: OpenTag) {
    this.startLine = open.startLine;
    this.startCharacter = open.startCharacter;
    this.endLine = open.endLine;
    this.endCharacter = open.endCharacter;
    this.start = start;
    this.end = end;
    this.parent = parent;
    this.name = name;
    this.words = words.length === 0 ? NO_WORDS : words;
    this.open = open;
    this.children = [];
    this.close = undefined;
    this.argumentsRead = undefined;
  }

  get args(): Argument[] {
    return (this.argumentsRead ??= sectionArguments(this.start, this.startLine, this.parent));
  }
}

/** Has the offsets and range of its tag. */
export class ParsedStrayClose implements StrayCloseNode {
  declare readonly kind: 'strayClose';
  declare readonly range: Range;
  declare startLine: number;
  declare startCharacter: number;
  declare endLine: number;
  declare endCharacter: number;
  declare start: number;
  declare end: number;
  declare parent: Parent;
  declare tag: CloseTag;

  constructor(parent: Parent, tag: CloseTag) {
    this.startLine = tag.startLine;
    this.startCharacter = tag.startCharacter;
    this.endLine = tag.endLine;
    this.endCharacter = tag.endCharacter;
    this.start = tag.start;
    this.end = tag.end;
    this.parent = parent;
    this.tag = tag;
  }
}

// One getter of each kind, shared by the classes' prototypes.
const RANGE: PropertyDescriptor = {
  get(this: RangeIntegers): Range {
    return rangeFrom(this.startLine, this.startCharacter, this.endLine, this.endCharacter);
  },
};
const NAME_RANGE: PropertyDescriptor = {
  get(this: RangeIntegers & { nameEndLine: number; nameEndCharacter: number }): Range {
    return rangeFrom(this.startLine, this.startCharacter, this.nameEndLine, this.nameEndCharacter);
  },
};
for (const type of [ParsedArgument, PlainArgument, ParsedBlank, ParsedComment, ParsedDirective, ParsedOpenTag, ParsedCloseTag, ParsedSection, ParsedStrayClose]) {
  Object.defineProperty(type.prototype, 'range', RANGE);
}
for (const type of [ParsedOpenTag, ParsedCloseTag]) Object.defineProperty(type.prototype, 'nameRange', NAME_RANGE);

// The kind of a node (or file) is its class's: on the prototype, not a field of each of
// a tree's hundred thousand nodes (checks like `'kind' in item` see it there).
for (const [parsed, kind] of [
  [ParsedFile, 'file'],
  [ParsedBlank, 'blank'],
  [ParsedComment, 'comment'],
  [ParsedDirective, 'directive'],
  [ParsedSection, 'section'],
  [ParsedStrayClose, 'strayClose'],
] as const) {
  Object.defineProperty(parsed.prototype, 'kind', { value: kind });
}
