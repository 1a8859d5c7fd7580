import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DirectiveNode, SectionNode } from '../../server/src/parser/ast';
import { parseConfig, printConfig } from '../../server/src/parser/parseConfig';

const firstDirective = (text: string) => parseConfig(text).children.find((n) => n.kind === 'directive') as DirectiveNode;
const values = (text: string) => firstDirective(text).args.map((a) => a.value);

test('a backslash as the last character joins the next line without a space', () => {
  const directive = firstDirective('SSLCipherSuite ECDHE:\\\n    AES\n');
  assert.deepEqual(directive.args.map((a) => a.value), ['ECDHE:', 'AES']);
  assert.equal(directive.continuedLines, 1);
  assert.deepEqual(values('ServerAlias a\\\nb\n'), ['ab']);
});

test('a backslash followed by blanks does not continue the line', () => {
  const file = parseConfig('SSLProtocol -all \\ \n+TLSv1.2\n');
  const directives = file.children.filter((n) => n.kind === 'directive') as DirectiveNode[];
  assert.equal(directives.length, 2);
  assert.deepEqual(directives[0].args.map((a) => a.value), ['-all', '\\']);
});

test('a continuation across CRLF line ends', () => {
  assert.deepEqual(values('ServerAlias a \\\r\n b\r\n'), ['a', 'b']);
});

test('# starts a comment only at the start of a line', () => {
  const file = parseConfig('  # a comment\nServerAlias a # not a comment\n');
  assert.equal(file.children[0].kind, 'comment');
  assert.deepEqual(values('ServerAlias a # not a comment\n'), ['a', '#', 'not', 'a', 'comment']);
});

test('a comment ending in a backslash swallows the next line', () => {
  const file = parseConfig('# old \\\nSSLEngine bogus\nServerName x\n');
  assert.equal(file.children[0].kind, 'comment');
  assert.equal(file.children.filter((n) => n.kind === 'directive').length, 1);
});

test('quoted arguments keep their quotes in raw and lose them in value', () => {
  const directive = firstDirective(`Header set X "a \\"b\\" \\\\ c\\d" 'it\\'s'\n`);
  assert.deepEqual(
    directive.args.map((a) => [a.raw, a.value, a.quote]),
    [
      ['set', 'set', ''],
      ['X', 'X', ''],
      ['"a \\"b\\" \\\\ c\\d"', 'a "b" \\ c\\d', '"'],
      ["'it\\'s'", "it's", "'"],
    ],
  );
});

test('adjacent quoted strings are separate arguments', () => {
  assert.deepEqual(values('ServerAdmin "a"b\n'), ['a', 'b']);
});

test('an unterminated quote runs to the end of the line', () => {
  const directive = firstDirective('ServerAdmin "a b\n');
  assert.equal(directive.args.length, 1);
  assert.equal(directive.args[0].closed, false);
  assert.equal(directive.args[0].value, 'a b');
});

test('argument ranges point at the argument as written', () => {
  const directive = firstDirective('  ServerName   "example.com"\n');
  assert.deepEqual(directive.nameRange, { start: { line: 0, character: 2 }, end: { line: 0, character: 12 } });
  assert.deepEqual(directive.args[0].range, { start: { line: 0, character: 15 }, end: { line: 0, character: 28 } });
});

test('sections nest, and close tags match case-insensitively', () => {
  const file = parseConfig('<VirtualHost *:443>\n  <location /a>\n  </LOCATION>\n</virtualhost>\n');
  assert.deepEqual(file.problems, []);
  const vhost = file.children[0] as SectionNode;
  assert.equal(vhost.name, 'VirtualHost');
  assert.deepEqual(vhost.args.map((a) => a.value), ['*:443']);
  const location = vhost.children[0] as SectionNode;
  assert.equal(location.kind, 'section');
  assert.equal(location.parent, vhost);
  assert.deepEqual(location.range, { start: { line: 1, character: 2 }, end: { line: 2, character: 13 } });
  assert.deepEqual(vhost.range.end, { line: 3, character: 14 });
});

test('section arguments end at the last > and text after it is ignored', () => {
  const section = parseConfig('<If "%{A} > 1"> junk\n</If>\n').children[0] as SectionNode;
  assert.deepEqual(section.args.map((a) => a.value), ['%{A} > 1']);
  assert.equal(section.open.hasClosingBracket, true);
});

test('structural problems are values, and the tree recovers', () => {
  const file = parseConfig('<VirtualHost *:80>\n<Location /a\n</VirtualHost>\n</Files>\n<Directory /x>\n');
  assert.deepEqual(
    file.problems.map((p) => p.kind),
    ['openMissingBracket', 'mismatchedClose', 'strayClose', 'unclosedSection'],
  );
  const vhost = file.children[0] as SectionNode;
  assert.equal(vhost.close?.name, 'VirtualHost');
  assert.equal(file.children[1].kind, 'strayClose');
});

test('a close tag whose first word lacks > is flagged but still closes', () => {
  const file = parseConfig('<Location /a>\n</Location >\n');
  assert.deepEqual(file.problems.map((p) => p.kind), ['closeMissingBracket']);
  assert.ok((file.children[0] as SectionNode).close);
});

test('only a first word of exactly </Macro> ends a macro body; other close tags stay inside it', () => {
  const file = parseConfig('<VirtualHost *:80>\n<Macro M>\n</Macro junk>\n</VirtualHost>\n<Location /a>\n</Macro>\n');
  const vhost = file.children[0] as SectionNode;
  const macro = vhost.children[0] as SectionNode;
  assert.equal(vhost.close, undefined);
  assert.equal(macro.close?.name, 'Macro');
  assert.deepEqual(macro.children.map((n) => n.kind), ['strayClose', 'strayClose', 'section']);
  assert.equal((macro.children[2] as SectionNode).name, 'Location');
  const closed = parseConfig('<Macro M>\n<Location /a>\n</MACRO>\n').children[0] as SectionNode;
  assert.equal(closed.close?.name, 'MACRO');
});

test('a quoted first word is the name without its quotes, and its range covers the quotes', () => {
  const directive = firstDirective('  "ServerAdmin" a@b\n');
  assert.equal(directive.name, 'ServerAdmin');
  assert.deepEqual(directive.nameRange, { start: { line: 0, character: 2 }, end: { line: 0, character: 15 } });
  const section = parseConfig('"<Location" /a>\n"</Location>"\n').children[0] as SectionNode;
  assert.equal(section.name, 'Location');
  assert.equal(section.close?.name, 'Location');
});

test('positions count lone CR as a line break, as LSP does', () => {
  const file = parseConfig('ServerName a\rServerAlias b\n');
  // Apache sees one line here; the editor sees two, and ranges follow the editor.
  const directive = file.children[0] as DirectiveNode;
  assert.deepEqual(directive.args[1].range.start, { line: 1, character: 0 });
});

test('every input prints back byte for byte', () => {
  const inputs = [
    '',
    '\n',
    'no newline at end',
    '\\',
    'a\\',
    '<',
    '</',
    '<>',
    '</>',
    '<A\n<B>\n</A>\n</C>\n',
    '\r\n\r\n# c\r\n  X y \\\r\n z\r\n',
    '\u0000\u0001\uffff binary \x7f',
    'Héllo "wörld" 😀\n',
  ];
  for (const input of inputs) assert.equal(printConfig(parseConfig(input)), input, JSON.stringify(input));
});

test('continuation looks at the line read so far, as Apache does', () => {
  // `a@b\\` loses one backslash and still ends in one, so the empty line and the next are joined too.
  assert.deepEqual(values('ServerAdmin a@b\\\\\n\n c\n'), ['a@b', 'c']);
  assert.deepEqual(values('ServerAlias a\\\n\\\n\\\nb\n'), ['ab']);
  // A backslash on the last line of the file is dropped.
  assert.deepEqual(values('ServerAdmin a\\\n'), ['a']);
  assert.deepEqual(values('ServerAdmin a \\'), ['a']);
});

test("a directive's name range is measured in its own file's lines, across a continued line and CRLF breaks", () => {
  const file = parseConfig('# first\r\n<VirtualHost *:80>\r\n    Server\\\r\nName example.com\r\n</VirtualHost>\r\n');
  const directive = (file.children[1] as SectionNode).children[0] as DirectiveNode;
  assert.equal(directive.name, 'ServerName');
  assert.deepEqual(directive.nameRange, { start: { line: 2, character: 4 }, end: { line: 3, character: 4 } });
  assert.deepEqual(directive.args[0].range, { start: { line: 3, character: 5 }, end: { line: 3, character: 16 } });
});
