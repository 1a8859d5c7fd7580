// Adds directive lines at the end of the <VirtualHost> around a position,
// indented like the lines already there. A directive the host already has at
// its own level (or in an <IfModule>/<IfDefine>/<IfVersion> there) is left
// alone, never repeated or replaced: the caller says which were skipped.
import type { TextEdit } from 'vscode-languageserver-types';
import type { ConfigFile, Node, Position, SectionNode } from '../parser/ast';
import { positionAt } from '../parser/lineIndex';
import { nodeAt } from '../parser/nodeAt';
import { indentOf, insertAfter, lineBreakOf } from './codeActions/lineEdits';

export interface VirtualHostInsertion {
  /** Absent when every line was skipped. */
  edit?: TextEdit;
  added: string[];
  /** Lines not added because the host already has that directive. */
  skipped: string[];
}

/** Indentation added inside a section that has no line to copy it from. */
const DEFAULT_INDENT = '    ';

export function insertVirtualHostDirectives(file: ConfigFile, position: Position, lines: readonly string[]): VirtualHostInsertion | { error: string } {
  const host = virtualHostAt(file, position);
  if (!host) return { error: 'The cursor is not inside a <VirtualHost>.' };
  if (!host.close) return { error: 'The <VirtualHost> around the cursor has no closing </VirtualHost>.' };
  const present = new Set(ownDirectiveNames(host));
  const added = lines.filter((line) => !present.has(directiveName(line)));
  const skipped = lines.filter((line) => present.has(directiveName(line)));
  if (added.length === 0) return { added, skipped };
  const last = [...host.children].reverse().find((child) => child.kind !== 'blank');
  if (last) return { edit: insertAfter(file, last, added), added, skipped };
  // An empty host: the lines go before its close tag, one level deeper than its open tag.
  const eol = lineBreakOf(file.text);
  const indent = `${indentOf(file, host)}${DEFAULT_INDENT}`;
  const at = positionAt(file.lineStarts, host.close.start);
  return { edit: { range: { start: at, end: at }, newText: added.map((line) => `${indent}${line}${eol}`).join('') }, added, skipped };
}

/** The <VirtualHost> whose tag or body holds the position. */
export function virtualHostAt(file: ConfigFile, position: Position): SectionNode | undefined {
  let node: Node | ConfigFile | undefined = nodeAt(file, position);
  while (node && node.kind !== 'file') {
    if (node.kind === 'section' && node.name.toLowerCase() === 'virtualhost') return node;
    node = node.parent;
  }
  return undefined;
}

/** Lower-case names of the directives at the host's own level, conditional sections looked into. */
function ownDirectiveNames(section: SectionNode): string[] {
  return section.children.flatMap((child) => {
    if (child.kind === 'directive') return [child.name.toLowerCase()];
    if (child.kind === 'section' && /^if(module|define|version)$/i.test(child.name)) return ownDirectiveNames(child);
    return [];
  });
}

function directiveName(line: string): string {
  return line.trim().split(/\s+/, 1)[0].toLowerCase();
}
