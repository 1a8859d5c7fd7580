import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { workspaceSymbols } from '../../server/src/features/workspaceSymbols';

const MAIN = '/etc/apache2/apache2.conf';
const model = buildConfigModel(MAIN, {
  sources: new SourceCache(
    memoryFileSystem({
      [MAIN]: 'ServerName main.example\nIncludeOptional sites-enabled/*.conf\n<VirtualHost 192.0.2.7:8080>\n</VirtualHost>\n',
      '/etc/apache2/sites-enabled/shop site.conf': [
        '# shop',
        '<VirtualHost *:443 *:80>',
        '    ServerName shop.example:443',
        '    ServerAlias www.shop.example *.cdn.example',
        '</VirtualHost>',
        '<VirtualHost *:80>',
        '</VirtualHost>',
      ].join('\n'),
    }),
  ),
});

test('one symbol per virtual host: name:port, aliases beside it, the <VirtualHost> line in its file', () => {
  const symbols = workspaceSymbols(model, '');
  assert.deepEqual(
    symbols.map((s) => [s.name, s.containerName]),
    [
      ['shop.example:443', 'www.shop.example, *.cdn.example'],
      ['main.example:80', undefined],
      ['192.0.2.7:8080', undefined],
    ],
    "a nameless host takes the main server's name on a wildcard, and shows its address otherwise",
  );
  assert.equal(symbols[0].kind, SymbolKind.Namespace);
  assert.equal(symbols[0].location.uri, 'file:///etc/apache2/sites-enabled/shop%20site.conf');
  assert.deepEqual(symbols[0].location.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 24 } });
  assert.equal(symbols[2].location.uri, 'file:///etc/apache2/apache2.conf');
});

test('the query keeps names holding its characters in order, ignoring case', () => {
  assert.deepEqual(workspaceSymbols(model, 'SHOP').map((s) => s.name), ['shop.example:443']);
  assert.deepEqual(workspaceSymbols(model, 'sp443').map((s) => s.name), ['shop.example:443']);
  assert.deepEqual(workspaceSymbols(model, ':80').map((s) => s.name), ['main.example:80', '192.0.2.7:8080']);
  assert.deepEqual(workspaceSymbols(model, 'nothing'), []);
});
