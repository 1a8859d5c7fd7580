import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';
import { complete, type CompletionOptions } from '../../server/src/features/completion';
import { createDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { withCursor } from '../support/cursor';

const directives = createDirectiveIndex();

function completeAt(marked: string, extra: Partial<CompletionOptions> = {}): CompletionItem[] {
  const { text, position } = withCursor(marked);
  return complete(parseConfig(text), position, { directives, inHtaccess: false, ...extra });
}
const labels = (items: CompletionItem[]) => items.map((item) => item.label);

test('a <Location> never offers server-only directives', () => {
  const inLocation = labels(completeAt('<VirtualHost *:443>\n<Location /a>\n    SSL|\n</Location>\n</VirtualHost>\n'));
  assert.ok(inLocation.includes('SSLVerifyClient'));
  assert.ok(inLocation.includes('SSLRequireSSL'));
  assert.ok(!inLocation.includes('SSLCertificateFile'));
  assert.ok(!inLocation.includes('SSLSessionCache'));
  const inVhost = labels(completeAt('<VirtualHost *:443>\n    SSL|\n</VirtualHost>\n'));
  assert.ok(inVhost.includes('SSLCertificateFile'));
  assert.ok(!inVhost.includes('SSLSessionCache'), 'SSLSessionCache is server config only');
  assert.ok(!inVhost.includes('SSLRequireSSL'), 'SSLRequireSSL is per-directory only');
  assert.ok(labels(completeAt('SSL|\n')).includes('SSLSessionCache'));
});

test('sections are offered where they may be opened, with their closing tag', () => {
  const items = completeAt('<VirtualHost *:443>\n    <Loc|\n</VirtualHost>\n');
  const location = items.find((item) => item.label === '<Location>');
  assert.ok(location);
  assert.equal(location.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal((location.textEdit as { newText: string }).newText, '<Location ${1:URL-path|URL}>\n        $0\n    </Location>');
  assert.ok(!labels(items).includes('<VirtualHost>'), 'no nested virtual hosts');
  assert.ok(labels(items).every((label) => String(label).startsWith('<')), 'after < only sections');
  assert.ok(!labels(completeAt('<Location /a>\n    <|\n</Location>\n')).includes('<Location>'));
});

test('inside <RequireAll> and its kin only lines Apache reads there are offered, at any depth', () => {
  const inside = labels(completeAt('<Directory /srv>\n<RequireAny>\n<RequireAll>\n    |\n</RequireAll>\n</RequireAny>\n</Directory>\n'));
  for (const read of ['Require', 'AuthType', 'SSLRequire', '<RequireNone>']) assert.ok(inside.includes(read), read);
  for (const refused of ['Header', 'SetEnv', 'Options', '<Files>', '<If>']) assert.ok(!inside.includes(refused), refused);
  assert.ok(labels(completeAt('<Directory /srv>\n    |\n</Directory>\n')).includes('Header'), 'outside it, as before');
});

test('common directives sort first, among those allowed here', () => {
  const sorted = (items: CompletionItem[]) => labels(items.sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? '')));
  // ServerAlias belongs in a virtual host only.
  assert.deepEqual(sorted(completeAt('|\n')).slice(0, 3), ['ServerName', 'DocumentRoot', '<VirtualHost>']);
  assert.deepEqual(sorted(completeAt('<VirtualHost *:80>\n    |\n</VirtualHost>\n')).slice(0, 3), [
    'ServerName',
    'ServerAlias',
    'DocumentRoot',
  ]);
});

test('keyword arguments and On/Off', () => {
  assert.deepEqual(labels(completeAt('SSLVerifyClient |\n')), ['none', 'optional', 'require', 'optional_no_ca', 'on', 'off']);
  assert.deepEqual(labels(completeAt('SSLProxyEngine o|\n')), ['On', 'Off']);
  const tokens = labels(completeAt('SSLProtocol -all +|\n'));
  assert.ok(tokens.includes('+TLSv1.3'));
  assert.deepEqual(labels(completeAt('ServerName |\n')), []);
  // Header's action may follow a condition: both first, the actions after it, nothing after the action.
  const first = labels(completeAt('Header |\n'));
  assert.ok(first.includes('set') && first.includes('always') && first.includes('onsuccess'));
  const afterCondition = labels(completeAt('Header always |\n'));
  assert.ok(afterCondition.includes('set') && !afterCondition.includes('always'));
  assert.deepEqual(labels(completeAt('Header set |\n')), []);
});

test('after Use, the configuration\'s macros with their parameters as placeholders', () => {
  const macros = () => [
    { name: 'Site', params: ['$name', '${alias}'] },
    { name: 'site', params: ['$other'] },
    { name: 'Plain', params: [] },
  ];
  const items = completeAt('<VirtualHost *:80>\n    Use |\n</VirtualHost>\n', { macros });
  assert.deepEqual(labels(items), ['Site', 'Plain'], 'one item per name, compared without case');
  assert.equal(items[0].insertTextFormat, InsertTextFormat.Snippet);
  assert.equal((items[0].textEdit as { newText: string }).newText, 'Site ${1:\\$name} ${2:\\${alias\\}}');
  assert.equal(items[0].detail, '<Macro Site $name ${alias}>');
  assert.deepEqual(labels(completeAt('Use Site |\n', { macros })), [], 'the arguments are the user\'s');
});

test('after </ the innermost open section is closed', () => {
  const [item] = completeAt('<VirtualHost *:80>\n    <Location /a>\n    </|\n');
  assert.equal(item.label, '</Location>');
});

test('expression variables after %{', () => {
  const variables = [{ name: 'SSL_CLIENT_VERIFY', description: 'verification result' }];
  const items = completeAt("<Location /a>\n    Require expr %{SSL_C|\n</Location>\n", { variables });
  assert.deepEqual(labels(items), ['SSL_CLIENT_VERIFY']);
  assert.deepEqual((items[0].textEdit as { range: unknown }).range, {
    start: { line: 1, character: 19 },
    end: { line: 1, character: 24 },
  });
});

test('file paths for directives that take one', () => {
  const listed: string[] = [];
  const listDirectory = (path: string) => {
    listed.push(path);
    return [
      { name: 'certs', isDirectory: true },
      { name: 'server.pem', isDirectory: false },
    ];
  };
  const items = completeAt('SSLCertificateFile /etc/ssl/|\n', { listDirectory });
  assert.deepEqual(listed, ['/etc/ssl/']);
  assert.deepEqual(labels(items), ['certs/', 'server.pem']);
  completeAt('SSLCertificateFile "ce|\n', { listDirectory, baseDirectory: '/srv/apache' });
  assert.equal(listed[1], '/srv/apache/');
});
