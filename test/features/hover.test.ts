import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import { describeVariable } from '../../server/src/features/describeVariable';
import { hover } from '../../server/src/features/hover';
import { createDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { withCursor } from '../support/cursor';

const directives = createDirectiveIndex();

function hoverAt(marked: string, format: MarkupKind = MarkupKind.Markdown) {
  const { text, position } = withCursor(marked);
  const result = hover(parseConfig(text), position, { directives, format });
  return result && { ...result, value: (result.contents as MarkupContent).value };
}

test('hovering a directive name shows its card with module, syntax, default, contexts and link', () => {
  const result = hoverAt('<VirtualHost *:443>\n    SSLVerify|Client optional\n</VirtualHost>\n');
  assert.ok(result);
  assert.match(result.value, /^\*\*SSLVerifyClient\*\* · mod_ssl/);
  assert.match(result.value, /```apacheconf\nSSLVerifyClient level\n```/);
  assert.match(result.value, /Default: `SSLVerifyClient none`/);
  assert.match(result.value, /Context: server config, virtual host, directory, \.htaccess/);
  assert.match(result.value, /\[Apache documentation\]\(https:\/\/httpd\.apache\.org\/docs\/2\.4\/mod\/mod_ssl\.html#sslverifyclient\)/);
  assert.ok(directives.lookup('SSLVerifyClient')?.description, 'the description in our words is shown');
  assert.ok(result.value.includes(directives.lookup('SSLVerifyClient')?.description as string));
  assert.deepEqual(result.range, { start: { line: 1, character: 4 }, end: { line: 1, character: 19 } });
});

test('names are matched case-insensitively', () => {
  assert.match(hoverAt('sslverify|client none\n')?.value ?? '', /\*\*SSLVerifyClient\*\*/);
});

test('section tags, open and close, show the section card', () => {
  assert.match(hoverAt('<Virtual|Host *:80>\n</VirtualHost>\n')?.value ?? '', /\*\*\\<VirtualHost\\>\*\* · core/);
  assert.match(hoverAt('<Location /a>\n</Loca|tion>\n')?.value ?? '', /\*\*\\<Location\\>\*\*/);
});

test('deprecated directives say so first', () => {
  assert.match(hoverAt('SSLCertificate|ChainFile /x.pem\n')?.value ?? '', /Deprecated/);
});

test('keyword values have their own notes, with +/- prefixes explained', () => {
  const value = hoverAt('SSLVerifyClient optional_no|_ca\n');
  assert.match(value?.value ?? '', /^\*\*optional\\_no\\_ca\*\* · SSLVerifyClient/);
  assert.deepEqual(value?.range, { start: { line: 0, character: 16 }, end: { line: 0, character: 30 } });
  assert.match(hoverAt('SSLOptions +StdEnvVars +Strict|Require\n')?.value ?? '', /StrictRequire\*\* \(switched on by the `\+` prefix\)/);
  assert.match(hoverAt('SSLProtocol -all +TLSv1.|3\n')?.value ?? '', /TLSv1\.3/);
});

test('plain text when the client cannot show Markdown', () => {
  const result = hoverAt('SSLVerify|Client optional\n', MarkupKind.PlainText);
  assert.equal(result?.contents && (result.contents as MarkupContent).kind, MarkupKind.PlainText);
  assert.doesNotMatch(result?.value ?? '', /\*\*|```/);
  assert.match(result?.value ?? '', /^SSLVerifyClient · mod_ssl/);
});

test('nothing to show on comments, blanks, unknown names and plain arguments', () => {
  assert.equal(hoverAt('# SSLVerify|Client\n'), null);
  assert.equal(hoverAt('\n|\n'), null);
  assert.equal(hoverAt('Bo|gus x\n'), null);
  assert.equal(hoverAt('ServerName exa|mple.com\n'), null);
});

test('hover finds its node in a large file by position', () => {
  const filler = '<VirtualHost *:80>\n    ServerName a.example\n</VirtualHost>\n'.repeat(2000);
  assert.match(hoverAt(`${filler}<Location /x>\n    Requi|re all granted\n</Location>\n`)?.value ?? '', /\*\*Require\*\*/);
});

test('expression variables explain their meaning and values', () => {
  const { text, position } = withCursor("<Location /a>\n    Require expr %{SSL_CLIENT_VER|IFY} == 'SUCCESS'\n</Location>\n");
  const result = hover(parseConfig(text), position, { directives, format: MarkupKind.Markdown, describeVariable });
  const value = (result?.contents as MarkupContent).value;
  assert.match(value, /^\*\*%\{SSL_CLIENT_VERIFY\}\*\* · mod_ssl/);
  assert.match(value, /`SUCCESS`/);
  assert.deepEqual(result?.range, { start: { line: 1, character: 17 }, end: { line: 1, character: 37 } });
});
