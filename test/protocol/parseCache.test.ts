// The server parses each new version of a document from the previous one:
// an edit inside one host parses that host again and keeps the other nodes.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ParseCache } from '../../server/src/lsp/parseCache';
import { parseConfig, printConfig } from '../../server/src/parser/parseConfig';

const HOSTS = ['<VirtualHost *:443>', '    ServerName a.example', '    SSLVerifyDepth 2', '</VirtualHost>', '<VirtualHost *:443>', '    ServerName b.example', '</VirtualHost>', ''].join('\n');

test('a new version is parsed from the previous one: only the edited host is new, and the tree is that of the new text', () => {
  const parses = new ParseCache();
  const document = TextDocument.create('file:///work/sites.conf', 'apacheconf', 1, HOSTS);
  const first = parses.get(document);
  assert.equal(parses.get(document), first, 'one parse per version');
  const [edited, kept] = first.children;
  TextDocument.update(document, [{ range: { start: { line: 2, character: 19 }, end: { line: 2, character: 20 } }, text: '3' }], 2);
  const second = parses.get(document);
  assert.notEqual(second.children[0], edited, 'the edited host is parsed again');
  assert.equal(second.children[1], kept, 'the other host is kept');
  assert.equal(kept.parent, second);
  assert.equal(printConfig(second), document.getText());
  assert.deepEqual(
    second.children.map((node) => [node.kind, node.startLine, node.endLine, node.start, node.end]),
    parseConfig(document.getText()).children.map((node) => [node.kind, node.startLine, node.endLine, node.start, node.end]),
  );
});

test('a closed document is parsed whole when it opens again', () => {
  const parses = new ParseCache();
  const document = TextDocument.create('file:///work/sites.conf', 'apacheconf', 1, HOSTS);
  const first = parses.get(document);
  parses.delete(document.uri);
  const reopened = TextDocument.create(document.uri, 'apacheconf', 1, HOSTS);
  const again = parses.get(reopened);
  assert.notEqual(again, first);
  assert.ok(again.children.every((node, i) => node !== first.children[i]));
});
