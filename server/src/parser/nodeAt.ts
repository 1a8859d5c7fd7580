import type { ConfigFile, Node, Position, Range, SectionNode } from './ast';

export function contains(range: Range, position: Position): boolean {
  const afterStart =
    position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd =
    position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

/**
 * The innermost node whose lines include `position`'s line, found by binary
 * search at each level, so a hover costs the depth of the tree, not its size.
 * A section is returned itself when the position is on its open or close tag.
 */
export function nodeAt(file: ConfigFile, position: Position): Node | undefined {
  let children = file.children;
  let found: Node | undefined;
  for (;;) {
    const child = childOnLine(children, position.line);
    if (!child) return found;
    found = child;
    if (child.kind !== 'section' || onTagLine(child, position.line)) return found;
    children = child.children;
  }
}

/** The innermost section whose body holds `position` (its tag lines do not count). */
export function sectionAt(file: ConfigFile, position: Position): SectionNode | undefined {
  let children = file.children;
  let found: SectionNode | undefined;
  for (;;) {
    const child = childOnLine(children, position.line);
    if (!child || child.kind !== 'section' || onTagLine(child, position.line)) return found;
    found = child;
    children = child.children;
  }
}

function onTagLine(section: SectionNode, line: number): boolean {
  return (
    (line >= section.open.startLine && line <= section.open.endLine) ||
    (section.close !== undefined && line >= section.close.startLine)
  );
}

/** Children are in file order; each owns whole physical lines from its first to last line. */
function childOnLine(children: Node[], line: number): Node | undefined {
  let low = 0;
  let high = children.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const child = children[mid];
    if (line < child.startLine) high = mid - 1;
    else if (line > child.endLine) low = mid + 1;
    else return child;
  }
  // An unclosed section owns everything after it in its parent.
  const previous = children[high];
  return previous?.kind === 'section' && !previous.close && line > previous.endLine ? previous : undefined;
}
