import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rewriteArguments } from '../../server/src/parser/rewriteArguments';

const values = (text: string) => rewriteArguments(text).words.map((word) => word.value);

test('three arguments at most, split at blanks; what follows the third is ignored', () => {
  assert.deepEqual(values('^/a /b [L]'), ['^/a', '/b', '[L]']);
  const read = rewriteArguments('^/a /b [R=301] [L]  ');
  assert.deepEqual(read.words.map((word) => word.value), ['^/a', '/b', '[R=301]']);
  assert.deepEqual(read.ignored, { start: '^/a /b [R=301] '.length, end: '^/a /b [R=301] [L]'.length });
  assert.equal(rewriteArguments('^/a /b [L]   ').ignored, undefined);
});

test('a quote opens an argument only at its start, ends at the next same quote, and nothing escapes it', () => {
  assert.deepEqual(values('"^/a b" \'/c d\' "[L, R]"'), ['^/a b', '/c d', '[L, R]']);
  assert.deepEqual(values('a"b c" d'), ['a"b', 'c"', 'd']);
  assert.deepEqual(values('"a\\" b c'), ['a\\', 'b', 'c']);
  // After a closing quote the next argument starts at once.
  assert.deepEqual(values('"^/a"/x /b [L]'), ['^/a', '/x', '/b']);
  const quoted = rewriteArguments('^/a /b "[L]"x').words[2];
  assert.deepEqual([quoted.start, quoted.end, quoted.quote, quoted.closed], [7, 12, '"', true]);
  assert.deepEqual(rewriteArguments('^/a /b "[L]"x').ignored, { start: 12, end: 13 });
  const open = rewriteArguments('^/a /b "[L').words[2];
  assert.deepEqual([open.value, open.end, open.closed], ['[L', 10, false]);
});

test('a backslash before a blank keeps both in the argument', () => {
  assert.deepEqual(values('^/a\\ b /c\\\tx [L]'), ['^/a\\ b', '/c\\\tx', '[L]']);
  assert.deepEqual(values('^/a\\ /b'), ['^/a\\ /b']);
});

test('a line that ends inside its first argument is refused; an empty second argument is not', () => {
  assert.equal(rewriteArguments('^/a').complete, false);
  assert.equal(rewriteArguments('  ^/a   ').complete, false);
  assert.equal(rewriteArguments('"^/a b').complete, false);
  const quotedAlone = rewriteArguments('"^/a"');
  assert.equal(quotedAlone.complete, true);
  assert.deepEqual(quotedAlone.words.map((word) => word.value), ['^/a', '']);
  assert.equal(rewriteArguments('^/a /b').complete, true);
});

test('reading starts at an offset, as after the directive name', () => {
  const read = rewriteArguments('RewriteRule  ^/a /b [L]', 'RewriteRule'.length);
  assert.deepEqual(read.words.map((word) => [word.value, word.start, word.end]), [['^/a', 13, 16], ['/b', 17, 19], ['[L]', 20, 23]]);
});
