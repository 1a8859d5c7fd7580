// Hover and completion as a real client asks for them, over stdio.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { DocumentFormattingRequest, type MarkupContent } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient } from '../support/lspClient';
import { withCursor } from '../support/cursor';

let client: LspClient;
before(async () => {
  client = await LspClient.start({ configuration: false });
});
after(() => client.dispose());

async function openAt(marked: string) {
  const { text, position } = withCursor(marked);
  const uri = await client.openDocument(text);
  return { uri, position };
}

test('the server advertises hover, completion and formatting', () => {
  assert.equal(client.initializeResult?.capabilities.hoverProvider, true);
  assert.equal(client.initializeResult?.capabilities.documentFormattingProvider, true);
  assert.equal(client.initializeResult?.capabilities.documentRangeFormattingProvider, true);
  assert.deepEqual(client.initializeResult?.capabilities.completionProvider?.triggerCharacters, ['<', '/', '{']);
});

test('hover on SSLVerifyClient inside a virtual host answers with its Markdown card', async () => {
  const { uri, position } = await openAt('<VirtualHost *:443>\n    SSLVerify|Client require\n</VirtualHost>\n');
  const result = await client.hover(uri, position);
  const contents = result?.contents as MarkupContent;
  assert.equal(contents.kind, 'markdown');
  assert.match(contents.value, /^\*\*SSLVerifyClient\*\* · mod_ssl/);
  assert.match(contents.value, /mod_ssl\.html#sslverifyclient/);
  assert.deepEqual(result?.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 19 } });
});

test('hover on a keyword value and on nothing', async () => {
  const { uri, position } = await openAt('SSLVerifyClient opt|ional\n');
  assert.match(((await client.hover(uri, position))?.contents as MarkupContent).value, /^\*\*optional\*\*/);
  const blank = await openAt('# just a comment|\n');
  assert.equal(await client.hover(blank.uri, blank.position), null);
});

test('completion inside <Location> offers per-directory directives only', async () => {
  const { uri, position } = await openAt('<VirtualHost *:443>\n<Location /a>\n    SSLV|\n</Location>\n</VirtualHost>\n');
  const labels = (await client.completion(uri, position)).map((item) => item.label);
  assert.ok(labels.includes('SSLVerifyClient'));
  assert.ok(!labels.includes('SSLCertificateFile'));
});

test('completion of keyword values', async () => {
  const { uri, position } = await openAt('SSLVerifyClient |\n');
  assert.deepEqual(
    (await client.completion(uri, position)).map((item) => item.label),
    ['none', 'optional', 'require', 'optional_no_ca', 'on', 'off'],
  );
});

test('completion after Use offers the macros of the open document\'s configuration', async () => {
  const { uri, position } = await openAt('<Macro Site $name $alias>\n    ServerName $name\n</Macro>\nUse |\n');
  const [item] = await client.completion(uri, position);
  assert.equal(item?.label, 'Site');
  assert.equal((item?.textEdit as { newText: string } | undefined)?.newText, 'Site ${1:\\$name} ${2:\\$alias}');
});

test('document formatting re-indents by section depth with the configured indent', async () => {
  const original = '<VirtualHost *:80>\nServerName   a.example\n  <Location /a>\nRequire all granted\n </Location>\n</VirtualHost>\n';
  const uri = await client.openDocument(original);
  await client.changeConfiguration({ apacheSsl: { format: { indent: 2 } } });
  const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, {
    textDocument: { uri },
    options: { tabSize: 8, insertSpaces: true },
  });
  const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'apacheconf', 1, original), edits ?? []);
  assert.equal(formatted, '<VirtualHost *:80>\n  ServerName a.example\n  <Location /a>\n    Require all granted\n  </Location>\n</VirtualHost>\n');
  await client.changeConfiguration({ apacheSsl: {} });
});
