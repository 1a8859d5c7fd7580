// The quick search that decides whether syntax/backslash-before-blanks looks
// at a file's lines at all agrees with the line-by-line pattern it replaced.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { hasBackslashBeforeBlanks } from '../../server/src/analysis/rules/backslashBeforeBlanks';

test('hasBackslashBeforeBlanks finds a backslash and blanks before a line break or the end, as /\\\\[ \\t]+$/m does', () => {
  const text = fc.array(fc.constantFrom('\\', ' ', '\t', '\n', '\r', 'a', '"'), { maxLength: 40 }).map((parts) => parts.join(''));
  fc.assert(fc.property(text, (t) => hasBackslashBeforeBlanks(t) === /\\[ \t]+$/m.test(t)), { numRuns: 5000 });
  assert.equal(hasBackslashBeforeBlanks('SSLCipherSuite A \\ \n  B\n'), true);
  assert.equal(hasBackslashBeforeBlanks('SSLCipherSuite A \\\n  B\n'), false);
  assert.equal(hasBackslashBeforeBlanks('a \\\t'), true);
});
