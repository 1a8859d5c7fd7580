// A host's own lines (outside any section): hosts of a few dozen lines are
// scanned, larger ones get an index on the first lookup. Both must give the
// same lines, in reading order, and leave out lines in sections.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { hostSetting, ownLines, proxyModel } from '../../server/src/analysis/proxyHosts';

const MAIN = '/etc/apache2/apache2.conf';

function hostOf(filler: number) {
  const padding = Array.from({ length: filler }, (_, i) => `    Header set X-Pad-${i} "${i}"\n`).join('');
  const config =
    'LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so\nServerName main.test\nServerAdmin root@main.test\n' +
    '<VirtualHost *:80>\n    ServerAlias a.test\n' +
    padding +
    '    <Location /x>\n        Header set X-In-Location "1"\n    </Location>\n    ServerAlias b.test c.test\n</VirtualHost>\n';
  const model = buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem({ [MAIN]: config })) });
  const proxy = proxyModel(model);
  return { proxy, host: proxy.virtualHosts[0] };
}

for (const filler of [0, 200]) {
  test(`own lines of a host of ${filler + 3} lines: host level only, in reading order; settings fall back to the server config`, () => {
    const { proxy, host } = hostOf(filler);
    assert.equal(host.lines.length, filler + 3);
    assert.deepEqual(
      ownLines(host, 'serveralias').map((line) => line.item.args.join(' ')),
      ['a.test', 'b.test c.test'],
    );
    assert.deepEqual(ownLines(host, 'servername'), []);
    assert.equal(hostSetting(proxy, host, 'serveralias')?.item.args.join(' '), 'b.test c.test');
    assert.equal(hostSetting(proxy, host, 'servername')?.item.args[0], 'main.test');
    assert.equal(hostSetting(proxy, host, 'serveradmin')?.item.args[0], 'root@main.test');
    assert.equal(hostSetting(proxy, host, 'documentroot'), undefined);
    assert.equal(ownLines(host, 'header').length, filler, 'the Header in <Location> is not the host\'s own');
  });
}
