import type { Position } from '../../server/src/parser/ast';

/** Splits `text` at its single `|` marker: the text without it, and the marker's position. */
export function withCursor(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('mark the cursor with exactly one |');
  const before = marked.slice(0, offset);
  const lines = before.split('\n');
  return {
    text: before + marked.slice(offset + 1),
    position: { line: lines.length - 1, character: lines[lines.length - 1].length },
  };
}
