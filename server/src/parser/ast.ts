// The syntax tree of one Apache configuration file. Every node keeps the
// offsets of the bytes it owns, so printing the tree gives back the input.

/** A position as LSP counts it: 0-based line, UTF-16 code units in the line. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type QuoteStyle = '"' | "'" | '';

/**
 * A range held as four integers: a tree has hundreds of thousands of ranges,
 * and as objects they took a third of its heap. `range` builds a new Range on
 * each read (a getter on the prototype, so a spread copy has the integers but
 * no `range`). A caller may keep or change the Range it gets; code that reads
 * many nodes can use the integers and allocate nothing.
 */
export interface CompactRange {
  readonly startLine: number;
  readonly startCharacter: number;
  readonly endLine: number;
  readonly endCharacter: number;
  readonly range: Range;
}

/** A line whose first word is a name: the name starts where `range` starts. */
export interface NamedCompactRange extends CompactRange {
  readonly nameEndLine: number;
  readonly nameEndCharacter: number;
  /** Built on each read, like `range`. */
  readonly nameRange: Range;
}

export interface Argument extends CompactRange {
  /** The argument as written, quotes included. */
  raw: string;
  /** What Apache passes to the directive: quotes removed, `\\` and `\"` unescaped. */
  value: string;
  quote: QuoteStyle;
  /** False when a quoted argument runs to the end of the line without its closing quote. */
  closed: boolean;
}

interface NodeBase extends CompactRange {
  /** What a diagnostic on this node points at: first to last non-blank character. */
  readonly range: Range;
  /** Offsets of every byte the node owns (whole physical lines, line breaks included). */
  start: number;
  end: number;
  parent: Parent;
}

export interface BlankNode extends NodeBase {
  kind: 'blank';
}

export interface CommentNode extends NodeBase {
  kind: 'comment';
  /** The logical line after `#`, continuations joined. */
  text: string;
  /** Number of physical lines this comment swallowed through trailing backslashes. */
  continuedLines: number;
}

export interface DirectiveNode extends NodeBase {
  kind: 'directive';
  name: string;
  /** The first word, as written: where `range` starts to the end of the name. Built on each read. */
  readonly nameRange: Range;
  /** The arguments with their spelling and positions. */
  readonly args: Argument[];
  /** The arguments' values (`args[i].value`), cheaper to read. */
  readonly words: readonly string[];
  /** Number of physical lines joined to the first by trailing backslashes. */
  continuedLines: number;
}

/** The `<Name args>` line of a section. */
export interface OpenTag extends NamedCompactRange {
  start: number;
  end: number;
  /** False when the line has no `>` at all (Apache: "directive missing closing '>'"). */
  hasClosingBracket: boolean;
  continuedLines: number;
}

/** A `</Name>` line. */
export interface CloseTag extends NamedCompactRange {
  name: string;
  start: number;
  end: number;
  /** False for `</Location` or `</Location foo>`: the first word does not end in `>`. */
  hasClosingBracket: boolean;
}

export interface SectionNode extends NodeBase {
  kind: 'section';
  /** Section name without `<`, as written (`VirtualHost`). */
  name: string;
  /** The arguments with their spelling and positions. */
  readonly args: Argument[];
  /** The arguments' values (`args[i].value`), cheaper to read. */
  readonly words: readonly string[];
  open: OpenTag;
  children: Node[];
  /** Absent when the file ends, or an outer close tag arrives, before this section is closed. */
  close?: CloseTag;
}

/** A close tag that closes nothing: kept in the tree so no byte is lost. */
export interface StrayCloseNode extends NodeBase {
  kind: 'strayClose';
  tag: CloseTag;
}

export type Node = BlankNode | CommentNode | DirectiveNode | SectionNode | StrayCloseNode;

export interface ConfigFile {
  readonly kind: 'file';
  readonly text: string;
  children: Node[];
  problems: ParseProblem[];
  /** Offset of the first character of each line, by LSP's line-break rules. */
  readonly lineStarts: number[];
}

export type Parent = ConfigFile | SectionNode;

/** Structural facts found while building the tree; rules turn them into diagnostics. */
export type ParseProblem =
  | { kind: 'unclosedSection'; section: SectionNode }
  | { kind: 'mismatchedClose'; tag: CloseTag; expected: SectionNode }
  | { kind: 'strayClose'; tag: CloseTag }
  | { kind: 'openMissingBracket'; section: SectionNode }
  | { kind: 'closeMissingBracket'; tag: CloseTag };
