// Lines with the same words share one list of them (sharedWords): the lists
// must still be each line's own words, whatever the words are.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DirectiveNode, SectionNode } from '../../server/src/parser/ast';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { sharedWords } from '../../server/src/parser/sharedName';

function directives(text: string): DirectiveNode[] {
  return parseConfig(text).children.filter((node): node is DirectiveNode => node.kind === 'directive');
}

test('the same words on lines of different files are one list; other words are not', () => {
  const [a, b] = directives('SSLEngine on\nSSLVerifyClient require\n');
  const [c, d] = directives('SSLEngine  "on"\nSSLVerifyClient optional\n');
  assert.equal(a.words, c.words, 'SSLEngine on, twice: one list');
  assert.deepEqual(b.words, ['require']);
  assert.deepEqual(d.words, ['optional']);
  const [long] = directives(`ProxyPass "/" "http://127.0.0.1:9001/${'x'.repeat(200)}"\n`);
  const [again] = directives(`ProxyPass "/" "http://127.0.0.1:9001/${'x'.repeat(200)}"\n`);
  assert.notEqual(long.words, again.words, 'a long list is a line of its own');
  assert.deepEqual(long.words, again.words);
});

test('section tags share their words too', () => {
  const [first, second] = parseConfig('<Location "/secure">\n</Location>\n<Location /secure>\n</Location>\n').children as SectionNode[];
  assert.equal(first.words, second.words);
  assert.deepEqual(first.words, ['/secure']);
});

test('words with a NUL are never mistaken for two words joined', () => {
  const joined = sharedWords(['a\0b']);
  const two = sharedWords(['a', 'b']);
  assert.deepEqual(joined, ['a\0b']);
  assert.deepEqual(two, ['a', 'b']);
  assert.deepEqual(sharedWords(['a', 'b']), ['a', 'b']);
  assert.deepEqual(sharedWords(['a\0b']), ['a\0b']);
});
