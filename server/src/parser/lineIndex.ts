import type { Position, Range } from './ast';
import { firstIndexNotBefore } from './firstIndexNotBefore';

/**
 * Line starts by LSP's rules: `\r\n`, `\n` and a lone `\r` each end a line.
 * The list is made at its size: one grown by push keeps up to half as much
 * room again, and a tree keeps one per file.
 */
export function computeLineStarts(text: string): number[] {
  const starts = [0];
  if (!text.includes('\r')) {
    // Only `\n` ends lines then, and indexOf finds it much faster than a loop over every character.
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts.slice();
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts.slice();
}

/**
 * The line starts of `text`, made from `starts`, those of a text it was edited
 * from: the two share their first `prefix` characters, and their ends from
 * `oldEnd` in the old text (`oldEnd + delta` in the new) on. Only the edited
 * stretch is scanned, and `starts` is changed (in place when the number of
 * lines stays the same): its text is gone. A start depends on the two characters around it (a `\r` before a
 * `\n` ends no line), so starts touching either shared part are kept as they
 * are, or moved by `delta`.
 */
export function updateLineStarts(starts: number[], text: string, prefix: number, oldEnd: number, delta: number): number[] {
  // The first start of a file is 0 whatever the edit.
  const kept = Math.max(1, firstIndexNotBefore(starts.length, (i) => starts[i] < prefix));
  const moved = firstIndexNotBefore(starts.length, (i) => starts[i] <= oldEnd);
  const edited: number[] = [];
  for (let i = Math.max(prefix - 1, 0); i < oldEnd + delta; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */ || (c === 13 /* \r */ && text.charCodeAt(i + 1) !== 10)) edited.push(i + 1);
  }
  if (delta !== 0) for (let i = moved; i < starts.length; i++) starts[i] += delta;
  if (edited.length !== moved - kept) return starts.slice(0, kept).concat(edited, starts.slice(moved));
  for (let i = 0; i < edited.length; i++) starts[kept + i] = edited[i];
  return starts;
}

export function positionAt(lineStarts: number[], offset: number): Position {
  const line = lineAt(lineStarts, offset, 0);
  return { line, character: offset - lineStarts[line] };
}

/** The line holding `offset`, searched from line `from` on (it must not start after `offset`); no search when it is `from`. */
export function lineAt(lineStarts: number[], offset: number, from: number): number {
  let low = from;
  let high = lineStarts.length - 1;
  if (low >= high || offset < lineStarts[low + 1]) return low;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

export function rangeOf(lineStarts: number[], start: number, end: number): Range {
  return { start: positionAt(lineStarts, start), end: positionAt(lineStarts, end) };
}

export function offsetAt(lineStarts: number[], text: string, position: Position): number {
  if (position.line >= lineStarts.length) return text.length;
  if (position.line < 0) return 0;
  const lineEnd = position.line + 1 < lineStarts.length ? lineStarts[position.line + 1] : text.length;
  return Math.min(lineStarts[position.line] + Math.max(0, position.character), lineEnd);
}
