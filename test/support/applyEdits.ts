// Applies LSP text edits the way an editor does, so tests can compare the
// whole resulting text (every byte a fix did not mean to touch must stay).
import assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-types';
import { computeLineStarts, offsetAt } from '../../server/src/parser/lineIndex';

/** Applies edits (all against `text`) from the last to the first; they must not overlap. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lineStarts = computeLineStarts(text);
  const spans = edits
    .map((edit) => ({
      from: offsetAt(lineStarts, text, edit.range.start),
      to: offsetAt(lineStarts, text, edit.range.end),
      newText: edit.newText,
    }))
    .sort((a, b) => b.from - a.from);
  let out = text;
  let limit = text.length;
  for (const span of spans) {
    assert.ok(span.from <= span.to && span.to <= limit, `overlapping or inverted edit at ${span.from}-${span.to}`);
    out = out.slice(0, span.from) + span.newText + out.slice(span.to);
    limit = span.from;
  }
  return out;
}
