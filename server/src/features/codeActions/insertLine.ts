// One new line put where a rule said (before a given line, with the
// indentation of the line it stands for), in the file's own line breaks. A
// point after the last line of a file that does not end in a line break gets
// the break first.
import type { TextEdit } from 'vscode-languageserver-types';
import type { InsertionPoint } from '../../analysis/insertionPoint';
import type { ConfigFile } from '../../parser/ast';

export function insertLine(file: ConfigFile, point: InsertionPoint, text: string): TextEdit {
  const eol = file.text.includes('\r\n') ? '\r\n' : '\n';
  if (point.line < file.lineStarts.length) {
    const position = { line: point.line, character: 0 };
    return { range: { start: position, end: position }, newText: `${point.indent}${text}${eol}` };
  }
  const lastLine = file.lineStarts.length - 1;
  const end = { line: lastLine, character: file.text.length - file.lineStarts[lastLine] };
  return { range: { start: end, end }, newText: `${eol}${point.indent}${text}` };
}

/** The point a rule put in a diagnostic's data, if it is one. */
export function insertionIn(data: unknown): InsertionPoint | undefined {
  const point = (data as { insertion?: InsertionPoint } | undefined)?.insertion;
  return point && typeof point.line === 'number' && typeof point.indent === 'string' ? point : undefined;
}
