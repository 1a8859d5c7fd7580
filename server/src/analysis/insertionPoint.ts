// Where a quick fix can put a new line so that it stands where a given line
// stands: before it, with the same indentation. Rules work it out (they know
// the tree) and hand it to the fix in the diagnostic's data.
import type { ConfigFile, DirectiveNode, SectionNode } from '../parser/ast';

export interface InsertionPoint {
  /** 0-based line the new line goes before. */
  line: number;
  indent: string;
}

export function insertionBefore(node: DirectiveNode | SectionNode): InsertionPoint {
  const file = fileOf(node);
  const line = node.range.start.line;
  const start = file.lineStarts[line] ?? 0;
  const blanks = /[ \t]*/y;
  blanks.lastIndex = start;
  return { line, indent: blanks.exec(file.text)?.[0] ?? '' };
}

export function fileOf(node: DirectiveNode | SectionNode): ConfigFile {
  let parent = node.parent;
  while (parent.kind === 'section') parent = parent.parent;
  return parent;
}

/** The line after a directive's last physical line, with the directive's indentation. */
export function insertionAfter(node: DirectiveNode | SectionNode): InsertionPoint {
  const end = node.kind === 'section' ? (node.close?.range ?? node.range) : node.range;
  return { line: end.end.line + 1, indent: insertionBefore(node).indent };
}
