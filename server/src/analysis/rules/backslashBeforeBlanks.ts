import { forEachLiveNode } from '../liveNodes';
import type { Rule } from '../types';

export const backslashBeforeBlanks: Rule = {
  id: 'syntax/backslash-before-blanks',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/configuring.html#syntax',
  summary: 'A `\\` followed by spaces does not continue the line; it becomes a literal argument.',
  check({ file, scope, report }) {
    // Most files have no such line at all; `$` in multiline mode also stops before `\r`.
    if (!/\\[ \t]+$/m.test(file.text)) return;
    forEachLiveNode(file, scope, (node) => {
      if (node.kind === 'blank' || node.kind === 'section') return;
      const end = offsetOfLastContentLine(file.text, node.start, node.end);
      const line = file.text.slice(end.start, end.end).replace(/\r$/, '');
      const match = /\\[ \t]+$/.exec(line);
      if (!match) return;
      const character = match.index;
      const lineNumber = node.endLine;
      report({
        range: { start: { line: lineNumber, character }, end: { line: lineNumber, character: line.length } },
        message:
          'This backslash is followed by blanks, so it does not continue the line: Apache reads the next line as a new ' +
          'directive and passes "\\" as an argument. Delete the blanks after the backslash.',
      });
    });
  },
};

/** The last physical line a node owns, without its line break. */
function offsetOfLastContentLine(text: string, start: number, end: number): { start: number; end: number } {
  let lineEnd = end;
  if (lineEnd > start && text[lineEnd - 1] === '\n') lineEnd--;
  const lineStart = text.lastIndexOf('\n', lineEnd - 1) + 1;
  return { start: Math.max(lineStart, start), end: lineEnd };
}
