// Hover on the words of a Use line: what the macro expands to there, the text
// Apache reads in the Use's place. The directive's name keeps the directive
// card of the general hover.
import { MarkupKind, type Hover } from 'vscode-languageserver-types';
import type { ConfigModel } from '../config/buildConfigModel';
import { expansionsOf } from '../config/expansionsOf';
import { fileLink } from './hoverInclude';
import type { Position } from '../parser/ast';
import { contains, nodeAt } from '../parser/nodeAt';

/** More would bury the hover; the rest are counted. */
const MAX_LINES = 40;

export function hoverUse(model: ConfigModel, path: string, position: Position): Hover | null {
  const file = model.files.get(path)?.file;
  const node = file && nodeAt(file, position);
  if (node?.kind !== 'directive' || node.name.toLowerCase() !== 'use' || contains(node.nameRange, position) || node.args.length === 0) return null;
  const expansion = expansionsOf(model, path).find((inTree) => inTree.includedFrom?.node === node);
  if (!expansion?.macro) return null;
  const { macro } = expansion;
  const lines = expansion.file.text.replace(/\r?\n$/, '').split(/\r?\n|\r/);
  const shown = lines.slice(0, MAX_LINES);
  const more = lines.length > MAX_LINES ? `\n\nand ${lines.length - MAX_LINES} more lines.` : '';
  const where = fileLink(model, macro.path, macro.node.open.range.start.line + 1);
  // A fence longer than any run of backticks in the text.
  const fence = '`'.repeat(Math.max(3, ...(expansion.file.text.match(/`+/g) ?? []).map((run) => run.length + 1)));
  const value = `**Use ${macro.args[0]}** expands to these lines, which Apache reads in place of the \`Use\` (the macro is defined at ${where}):\n\n${fence}apacheconf\n${shown.join('\n')}\n${fence}${more}`;
  const range = { start: node.args[0].range.start, end: node.args[node.args.length - 1].range.end };
  return { contents: { kind: MarkupKind.Markdown, value }, range };
}
