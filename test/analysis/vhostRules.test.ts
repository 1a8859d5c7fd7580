// vhost/duplicate-name and vhost/no-listen on whole trees: each file gets the
// findings written in it, whatever file the other virtual host lives in.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { buildConfigModel, type ConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';

const MAIN = '/etc/apache2/apache2.conf';
const MPM = 'LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n';

function modelOf(files: Record<string, string>): ConfigModel {
  return buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem(files)) });
}

/** `line rule` (1-based) of the vhost findings in one file of the tree. */
function findings(model: ConfigModel, path: string, rule: string): string[] {
  const file = model.files.get(path)?.file;
  assert.ok(file, `${path} is not in the tree`);
  return analyzeFile(file, { fileName: path, model })
    .filter((d) => d.code === rule)
    .map((d) => `${d.range.start.line + 1} ${d.message}`);
}

test('duplicate-name: reported where the later name is written, naming the first virtual host', () => {
  const model = modelOf({
    [MAIN]: MPM + 'ServerName main.test\nListen 80\nIncludeOptional sites/*.conf\n',
    '/etc/apache2/sites/a.conf': '<VirtualHost *:80>\n    ServerName shop.example\n</VirtualHost>\n',
    '/etc/apache2/sites/b.conf': '<VirtualHost *:80>\n    Include names/shop.conf\n</VirtualHost>\n',
    '/etc/apache2/names/shop.conf': '# the same name again\nServerName Shop.Example\n',
  });
  assert.deepEqual(findings(model, '/etc/apache2/sites/a.conf', 'vhost/duplicate-name'), []);
  assert.deepEqual(findings(model, '/etc/apache2/sites/b.conf', 'vhost/duplicate-name'), []);
  const [finding] = findings(model, '/etc/apache2/names/shop.conf', 'vhost/duplicate-name');
  assert.match(finding, /^2 Requests for "Shop\.Example" on \*:80 go to the virtual host at sites\/a\.conf:1, /);
});

test('duplicate-name: only within one address:port, and a nameless host on a wildcard takes the main name', () => {
  const model = modelOf({
    [MAIN]: [
      MPM + 'ServerName main.test',
      '<VirtualHost *:80>',
      '</VirtualHost>',
      '<VirtualHost 192.0.2.1:80>',
      '    ServerName main.test',
      '</VirtualHost>',
      '<VirtualHost *:80 *:443>',
      '    ServerName main.test',
      '    ServerAlias a.test a.test',
      '</VirtualHost>',
      '<VirtualHost *:443 *:80>',
      '    ServerName a.test',
      '</VirtualHost>',
    ].join('\n'),
  });
  assert.deepEqual(
    findings(model, MAIN, 'vhost/duplicate-name').map((f) => f.replace(/ go to .*\((.*)\).*/, ' ($1)')),
    [
      '9 Requests for "main.test" on *:80 (it has no ServerName and takes the main server\'s)',
      '13 Requests for "a.test" on *:80 and *:443 (its ServerAlias a.test)',
    ],
    'the 192.0.2.1:80 host competes with nobody; a name repeated inside one host is not a conflict',
  );
});

test('no-listen: silent without any Listen, Listen in a false section does not count', () => {
  const vhosts = '<VirtualHost *:443>\n    ServerName a.test\n</VirtualHost>\n';
  assert.deepEqual(findings(modelOf({ [MAIN]: MPM + vhosts }), MAIN, 'vhost/no-listen'), []);
  const model = modelOf({ [MAIN]: MPM + 'Listen 80\n<IfModule ssl_module>\n    Listen 443\n</IfModule>\n' + vhosts });
  assert.deepEqual(findings(model, MAIN, 'vhost/no-listen'), [
    '6 No Listen line accepts connections for *:443, so this virtual host never receives a request. Add "Listen 443", or change the address.',
  ]);
});

test('no-listen: which Listen feeds which address', () => {
  const reached = (listen: string, address: string): boolean =>
    findings(modelOf({ [MAIN]: `${MPM}Listen ${listen}\n<VirtualHost ${address}>\n</VirtualHost>\n` }), MAIN, 'vhost/no-listen').length === 0;
  assert.ok(reached('443', '*:443'));
  assert.ok(reached('*:443', '_default_:443'));
  assert.ok(reached('443', '127.0.0.1:443'), 'a wildcard Listen feeds every address');
  assert.ok(reached('0.0.0.0:443', '192.0.2.1:443'));
  assert.ok(reached('[::]:443', '[::1]:443'));
  assert.ok(reached('127.0.0.1:8443', '*:8443'), 'a * virtual host takes connections from any address');
  assert.ok(reached('127.0.0.1:8443', '127.0.0.1:8443'));
  assert.ok(reached('[::1]:8443', '[0::1]:8443'));
  assert.ok(reached('127.0.0.1:8443', '127.0.0.1'), 'no port: any port');
  assert.ok(reached('8443', '*'));
  assert.ok(reached('127.0.0.1:8443', 'localhost:8443'), 'host names are not looked up');
  assert.ok(!reached('443', '*:8443'));
  assert.ok(!reached('127.0.0.1:8443', '127.0.0.2:8443'));
  assert.ok(!reached('127.0.0.1:8443', '[::1]:8443'));
  assert.ok(!reached('127.0.0.1:8443', '127.0.0.1:443'));
  assert.ok(!reached('127.0.0.1:8443', '127.0.0.2'));
});

test('no-listen: reported once in the file of the <VirtualHost>, however often it is included', () => {
  const site = '/etc/apache2/sites/site.conf';
  const model = modelOf({
    [MAIN]: `${MPM}Listen 80\nInclude sites/site.conf\nInclude sites/site.conf\n`,
    [site]: '<VirtualHost *:80 *:8080>\n    ServerName a.test\n</VirtualHost>\n',
  });
  assert.deepEqual(findings(model, MAIN, 'vhost/no-listen'), []);
  assert.deepEqual(findings(model, site, 'vhost/no-listen'), [
    '1 No Listen line accepts connections for *:8080: this virtual host receives nothing on that address. Add "Listen 8080", or change the address.',
  ]);
});
