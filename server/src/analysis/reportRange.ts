import type { Range } from 'vscode-languageserver-types';
import type { DirectiveNode, SectionNode } from '../parser/ast';

/**
 * Where a finding about a whole directive points: its name, stretched to the
 * end of the logical line when it continues, because Apache blames the last
 * physical line of a continued directive.
 */
export function directiveReportRange(node: DirectiveNode | SectionNode): Range {
  const name = node.kind === 'section' ? node.open.nameRange : node.nameRange;
  const line = node.kind === 'section' ? node.open.range : node.range;
  return { start: name.start, end: line.end.line > name.end.line ? line.end : name.end };
}
