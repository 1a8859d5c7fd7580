// The virtual host map on trees held in memory: how addresses are read and
// grouped, which virtual host is the default of each address:port, names and
// their fallbacks, Listen lines, and what includes and conditionals do to it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { SourceCache } from '../../server/src/config/sourceCache';
import { listVirtualHosts, parseVirtualHostAddress, type VirtualHostMap } from '../../server/src/config/virtualHosts';

const MPM = 'LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n';
const MAIN = '/srv/httpd/httpd.conf';

function mapOf(main: string, more: Record<string, string> = {}): VirtualHostMap {
  const fs = memoryFileSystem({ [MAIN]: MPM + main, ...more });
  return listVirtualHosts(buildConfigModel(MAIN, { sources: new SourceCache(fs) }));
}

/** Each address set as `key: name@line, name@line`, the default first. */
function sets(map: VirtualHostMap): string[] {
  return [...map.byAddress.values()].map((set) => `${set.key}: ${set.virtualHosts.map((v) => `${v.name ?? '?'}@${v.line}`).join(', ')}`);
}

test('address words are read as Apache reads them', () => {
  const key = (word: string, defaultPort: number | '*' = '*') => parseVirtualHostAddress(word, defaultPort)?.key;
  assert.equal(key('*:443'), '*:443');
  assert.equal(key('_default_:443'), '*:443', '_default_ is the wildcard address');
  assert.equal(key('_DEFAULT_'), '*:*');
  assert.equal(key('0.0.0.0:80'), '*:80');
  assert.equal(key('[::]:80'), '*:80', 'the IPv6 any address joins the wildcard too');
  assert.equal(key('*'), '*:*', 'a lone * means any port, whatever the main server port');
  assert.equal(key('*', 8080), '*:*');
  assert.equal(key('127.0.0.1'), '127.0.0.1:*');
  assert.equal(key('127.0.0.1', 8080), '127.0.0.1:8080', 'a missing port is the main server port');
  assert.equal(key('127.0.0.1:*', 8080), '127.0.0.1:*');
  assert.equal(key('127.0.0.1:080'), '127.0.0.1:80');
  assert.equal(key('[::1]:443'), '[::1]:443');
  assert.equal(key('[0:0::1]:443'), '[::1]:443', 'IPv6 in canonical form');
  assert.equal(key('[fe80::1%eth0]:80'), '[fe80::1%eth0]:80');
  assert.equal(key('Example.COM:8080'), 'example.com:8080');
  assert.equal(parseVirtualHostAddress('example.com:8080', '*')?.kind, 'name');
  // Refused by Apache ("Missing address", "The address or port is invalid") or dropped after AH00547.
  for (const word of ['80', ':80', '*:0', '*:65536', '::1', '127.0.0.1:abc', '[::1%]:80', '[nope]:80']) {
    assert.equal(key(word), undefined, word);
  }
});

test('virtual hosts on one address:port share a set in file order, the first being its default', () => {
  const map = mapOf(
    [
      'ServerName main.test',
      '<VirtualHost *:80>',
      '    ServerName a.test',
      '</VirtualHost>',
      '<VirtualHost _default_:80 *:443>',
      '    ServerName b.test',
      '</VirtualHost>',
      '<VirtualHost 127.0.0.1:80>',
      '    ServerName c.test',
      '</VirtualHost>',
      '<VirtualHost 0.0.0.0:80>',
      '    ServerName d.test',
      '</VirtualHost>',
    ].join('\n'),
  );
  assert.deepEqual(sets(map), ['*:80: a.test@3, b.test@6, d.test@12', '*:443: b.test@6', '127.0.0.1:80: c.test@9']);
  assert.equal(map.byAddress.get('*:80')?.defaultHost.name, 'a.test');
  assert.equal(map.byAddress.get('*:443')?.defaultHost.name, 'b.test');
});

test('a port left out is the port of the main ServerName read so far, else any port', () => {
  const map = mapOf(
    [
      '<VirtualHost 127.0.0.1>',
      '</VirtualHost>',
      'ServerName main.test:8080',
      '<VirtualHost 127.0.0.1>',
      '</VirtualHost>',
      'ServerName https://last.test',
      '<VirtualHost 127.0.0.1>',
      '</VirtualHost>',
    ].join('\n'),
  );
  assert.deepEqual(
    map.virtualHosts.map((v) => v.addresses[0].key),
    ['127.0.0.1:*', '127.0.0.1:8080', '127.0.0.1:*'],
  );
  assert.equal(map.mainServerName, 'last.test', 'the scheme goes, as in core.c');
});

test('names: the last ServerName without its port; without one, the main name on a wildcard address and reverse DNS otherwise', () => {
  const map = mapOf(
    [
      'ServerName early.test',
      '<VirtualHost *:80>',
      '    ServerName one.test',
      '    ServerName two.test:8080',
      '    ServerAlias www.two.test',
      '    ServerAlias *.two.test two.example',
      '</VirtualHost>',
      '<VirtualHost *:80>',
      '</VirtualHost>',
      '<VirtualHost 192.0.2.1:80>',
      '</VirtualHost>',
      'ServerName main.test',
    ].join('\n'),
  );
  const [two, wildcard, ip] = map.virtualHosts;
  assert.equal(two.name, 'two.test');
  assert.equal(two.serverName?.range.start.line, 4);
  assert.deepEqual(two.aliases.map((alias) => alias.name), ['www.two.test', '*.two.test', 'two.example']);
  assert.deepEqual(two.aliases[2].range, { start: { line: 6, character: 27 }, end: { line: 6, character: 38 } });
  assert.equal(wildcard.name, 'main.test', "the main server's final name, as Apache fills it in after reading");
  assert.equal(wildcard.serverName, undefined);
  assert.equal(ip.name, undefined, 'Apache asks reverse DNS');
});

test('IPv6 addresses, a continued opening tag, and words Apache drops', () => {
  const map = mapOf(['<VirtualHost [::1]:443 [0::1]:443 ::1 \\', '    127.0.0.1:8443>', '    ServerName v6.test', '</VirtualHost>'].join('\n'));
  const [vhost] = map.virtualHosts;
  assert.deepEqual(vhost.addresses.map((a) => a.key), ['[::1]:443', '127.0.0.1:8443'], 'each address once; ::1 unbracketed is dropped');
  assert.equal(vhost.line, 3, 'apache2 -S names the last physical line of the opening tag');
  assert.equal(vhost.node.open.range.start.line, 1);
});

test('Listen lines: address, port and protocol', () => {
  const map = mapOf(['Listen 80', 'Listen *:8080', 'Listen 127.0.0.1:8443 https', 'Listen [::1]:443', 'Listen 0.0.0.0:81 HTTP', 'Listen 127.0.0.1'].join('\n'));
  assert.deepEqual(
    map.listeners.map((l) => `${l.host}|${l.kind}|${l.port}|${l.protocol ?? ''}|${l.node.range.start.line}`),
    ['*|any|80||1', '*|any|8080||2', '127.0.0.1|ip|8443|https|3', '[::1]|ip|443||4', '0.0.0.0|any|81|http|5'],
    'Listen without a port is refused by Apache and left out',
  );
});

test('virtual hosts come from includes (wildcards in order) and not from false conditionals', () => {
  const map = mapOf(
    [
      'ServerName main.test',
      'Include sites/*.conf',
      '<IfModule ssl_module>',
      '    Listen 443',
      '    <VirtualHost *:443>',
      '        ServerName never.test',
      '    </VirtualHost>',
      '</IfModule>',
      '<IfModule mpm_event_module>',
      '    <VirtualHost *:80>',
      '        Include names/c.conf',
      '    </VirtualHost>',
      '</IfModule>',
    ].join('\n'),
    {
      '/srv/httpd/sites/b.conf': '<VirtualHost *:80>\n    ServerName b.test\n</VirtualHost>\n',
      '/srv/httpd/sites/a.conf': '# a\n<VirtualHost *:80>\n    ServerName a.test\n</VirtualHost>\n',
      '/srv/httpd/names/c.conf': 'ServerName c.test\nServerAlias www.c.test\n',
    },
  );
  assert.deepEqual(sets(map), ['*:80: a.test@2, b.test@1, c.test@11']);
  assert.deepEqual(map.virtualHosts.map((v) => v.path), ['/srv/httpd/sites/a.conf', '/srv/httpd/sites/b.conf', MAIN]);
  const [, , c] = map.virtualHosts;
  assert.equal(c.serverName?.path, '/srv/httpd/names/c.conf', 'the name is where it is written');
  assert.equal(c.aliases[0].path, '/srv/httpd/names/c.conf');
  assert.deepEqual(map.listeners, []);
});

test('${VAR} in addresses and names is substituted first', () => {
  const map = mapOf(['Define PORT 8443', 'Define SITE shop.test', '<VirtualHost *:${PORT}>', '    ServerName ${SITE}', '    ServerAlias www.${SITE}', '</VirtualHost>'].join('\n'));
  const [vhost] = map.virtualHosts;
  assert.equal(vhost.addresses[0].key, '*:8443');
  assert.equal(vhost.name, 'shop.test');
  assert.equal(vhost.aliases[0].name, 'www.shop.test');
});

test('the map is computed once per model', () => {
  const model = buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem({ [MAIN]: '<VirtualHost *:80>\n</VirtualHost>\n' })) });
  assert.equal(listVirtualHosts(model), listVirtualHosts(model));
});

test('a host read again after the main server port changed takes the new port', () => {
  const sources = new SourceCache(memoryFileSystem({ '/r/main.conf': 'ServerName main:8080\nInclude site.conf\n', '/r/site.conf': '<VirtualHost 10.0.0.1>\nServerName a\n</VirtualHost>\n' }));
  const keys = () => [...listVirtualHosts(buildConfigModel('/r/main.conf', { sources })).byAddress.keys()];
  assert.deepEqual(keys(), ['10.0.0.1:8080']);
  sources.setOverlay('/r/main.conf', parseConfig('ServerName main:9090\nInclude site.conf\n'));
  assert.deepEqual(keys(), ['10.0.0.1:9090']);
});

test('rebuilt maps share the hosts that have their own name; a host that takes the main name follows it', () => {
  const sources = new SourceCache(memoryFileSystem({ '/srv/httpd/sites.conf': '<VirtualHost *:80>\nServerName own.test\n</VirtualHost>\n<VirtualHost *:80>\n</VirtualHost>\n' }));
  const mapWith = (mainName: string) => {
    sources.setOverlay(MAIN, parseConfig(`${MPM}ServerName ${mainName}\nInclude sites.conf\n`));
    return listVirtualHosts(buildConfigModel(MAIN, { sources }));
  };
  const first = mapWith('one.test');
  const second = mapWith('two.test');
  assert.deepEqual(first.virtualHosts.map((v) => v.name), ['own.test', 'one.test']);
  assert.deepEqual(second.virtualHosts.map((v) => v.name), ['own.test', 'two.test']);
  assert.equal(second.virtualHosts[0], first.virtualHosts[0], 'a host with its own ServerName is the same object');
  assert.notEqual(second.virtualHosts[1], first.virtualHosts[1]);
});
