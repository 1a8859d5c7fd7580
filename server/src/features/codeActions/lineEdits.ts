// Text edits the TLS quick fixes share: whole lines deleted, inserted with
// the indentation and line breaks of their neighbours, arguments replaced.
// Every edit touches only the bytes it names.
import type { Range, TextEdit } from 'vscode-languageserver-types';
import type { ConfigFile, DirectiveNode, Node, SectionNode } from '../../parser/ast';
import { positionAt, rangeOf } from '../../parser/lineIndex';
import { nodeAt } from '../../parser/nodeAt';

/** The directive a finding starts on (its name or one of its words), if `name` (lower case) matches. */
export function directiveOfFinding(file: ConfigFile, range: Range, names: readonly string[]): DirectiveNode | undefined {
  const node = nodeAt(file, range.start);
  return node?.kind === 'directive' && names.includes(node.name.toLowerCase()) ? node : undefined;
}

export function lineBreakOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

export function indentOf(file: ConfigFile, node: Node): string {
  return /^[ \t]*/.exec(file.text.slice(node.start))?.[0] ?? '';
}

/** Deletes the node's physical lines, line breaks included. */
export function deleteLines(file: ConfigFile, node: Node): TextEdit {
  return { range: rangeOf(file.lineStarts, node.start, node.end), newText: '' };
}

/** Lines inserted after `node`, indented like it. */
export function insertAfter(file: ConfigFile, node: Node, lines: readonly string[]): TextEdit {
  const eol = lineBreakOf(file.text);
  const indent = indentOf(file, node);
  const at = positionAt(file.lineStarts, node.end);
  const body = lines.map((line) => `${indent}${line}`).join(eol);
  const endsWithBreak = node.end > 0 && (file.text[node.end - 1] === '\n' || file.text[node.end - 1] === '\r');
  return { range: { start: at, end: at }, newText: endsWithBreak ? `${body}${eol}` : `${eol}${body}` };
}

/** Lines inserted before `node`, indented like it. */
export function insertBefore(file: ConfigFile, node: Node, lines: readonly string[]): TextEdit {
  const eol = lineBreakOf(file.text);
  const indent = indentOf(file, node);
  const at = positionAt(file.lineStarts, node.start);
  return { range: { start: at, end: at }, newText: lines.map((line) => `${indent}${line}${eol}`).join('') };
}

/** Replaces the arguments from `first` on (all by default) with `text`. */
export function replaceArguments(node: DirectiveNode, text: string, first = 0): TextEdit {
  return { range: { start: node.args[first].range.start, end: node.args[node.args.length - 1].range.end }, newText: text };
}

/** The directives directly in `parent` (a section or the file) named `name` (lower case). */
export function siblingsNamed(parent: ConfigFile | SectionNode, name: string): DirectiveNode[] {
  return parent.children.filter((child): child is DirectiveNode => child.kind === 'directive' && child.name.toLowerCase() === name);
}
