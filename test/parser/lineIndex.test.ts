// updateLineStarts must give what computeLineStarts gives for the new text,
// whatever the edit does to `\r`, `\n` and `\r\n` at either end of it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { computeLineStarts, updateLineStarts } from '../../server/src/parser/lineIndex';

const texts = fc.array(fc.constantFrom('a', ' ', '\n', '\r', '\r\n', 'bc'), { maxLength: 30 }).map((parts) => parts.join(''));

function sharedPrefix(a: string, b: string): number {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

function sharedSuffix(a: string, b: string, prefix: number): number {
  let length = 0;
  while (length < Math.min(a.length, b.length) - prefix && a[a.length - 1 - length] === b[b.length - 1 - length]) length++;
  return length;
}

test('updateLineStarts gives the line starts of the edited text', () => {
  fc.assert(
    fc.property(texts, fc.nat(), fc.nat({ max: 4 }), texts, (old, where, removed, inserted) => {
      const at = where % (old.length + 1);
      const text = old.slice(0, at) + inserted + old.slice(at + removed);
      const prefix = sharedPrefix(old, text);
      const oldEnd = old.length - sharedSuffix(old, text, prefix);
      const starts = computeLineStarts(old);
      assert.deepEqual(updateLineStarts(starts, text, prefix, oldEnd, text.length - old.length), computeLineStarts(text), JSON.stringify([old, text]));
    }),
    { numRuns: 3000 },
  );
});

test('updateLineStarts changes the starts in place when the number of lines stays the same', () => {
  const starts = computeLineStarts('a\nb\nc\n');
  const updated = updateLineStarts(starts, 'ax\nb\nc\n', 1, 1, 1);
  assert.equal(updated, starts);
  assert.deepEqual(updated, [0, 3, 5, 7]);
});
