// The effective configuration rendered as a read-only Apache document.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { effectiveConfiguration } from '../../server/src/config/effectiveConfiguration';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { effectiveConfigurationText } from '../../server/src/features/effectiveConfigurationText';
import { parseConfig } from '../../server/src/parser/parseConfig';
import type { Position } from '../../server/src/parser/ast';

const ROOT = '/etc/apache2';

function render(files: Record<string, string>, path: string, position: Position): string {
  const model = buildConfigModel(`${ROOT}/apache2.conf`, { sources: new SourceCache(memoryFileSystem(files)) });
  return effectiveConfigurationText(effectiveConfiguration(model, path, position), ROOT);
}

const TREE = {
  [`${ROOT}/apache2.conf`]: 'SSLVerifyClient none\nErrorLog /var/log/apache2/error.log\nIncludeOptional sites/*.conf\n',
  [`${ROOT}/sites/a.conf`]: [
    '<VirtualHost *:443>',
    '    ServerName a.example',
    '    <Location />',
    '        <RequireAny>',
    '            Require ip 10.0.0.0/8',
    '        </RequireAny>',
    '    </Location>',
    '    <Location /admin>',
    '        SSLVerifyClient require',
    '        Header set X-Note "two words"',
    '    </Location>',
    '</VirtualHost>',
  ].join('\n'),
};

test('a header, then each level with its origin, overridden lines commented out', () => {
  assert.equal(
    render(TREE, `${ROOT}/sites/a.conf`, { line: 8, character: 8 }),
    [
      '# Effective configuration at sites/a.conf:9 (read-only)',
      '# Virtual host: <VirtualHost *:443> (sites/a.conf:1)',
      '# Merged in this order, a later value replacing an earlier one:',
      '#   1. the server config',
      '#   2. <VirtualHost *:443> (sites/a.conf:1)',
      '#   3. <Location /> (sites/a.conf:3), applies by prefix',
      '#   4. <Location /admin> (sites/a.conf:8)',
      "# Each line's origin is the comment below it; lines not in force are commented out.",
      '',
      '# from the server config',
      '# overridden: SSLVerifyClient none   (apache2.conf:1; replaced at sites/a.conf:9)',
      'ErrorLog /var/log/apache2/error.log',
      '#   apache2.conf:2',
      '',
      '# from <VirtualHost *:443> (sites/a.conf:1)',
      'ServerName a.example',
      '#   sites/a.conf:2',
      '',
      '# from <Location /> (sites/a.conf:3), applies by prefix',
      '<RequireAny>',
      '#   sites/a.conf:4',
      '    Require ip 10.0.0.0/8',
      '    #   sites/a.conf:5',
      '</RequireAny>',
      '',
      '# from <Location /admin> (sites/a.conf:8)',
      'SSLVerifyClient require',
      '#   sites/a.conf:9',
      'Header set X-Note "two words"',
      '#   sites/a.conf:10',
      '',
    ].join('\n'),
  );
});

test('Apache reads the document back as the same directives: no end-of-line comments, words quoted where needed', () => {
  const files = {
    [`${ROOT}/apache2.conf`]: [
      'Define SUFFIX "b c"',
      '<Location /a>',
      '    Header set X-Empty ""',
      '    Header set X-Var "a ${SUFFIX}"',
      `    Header set X-Quote "say \\"hi\\""`,
      `    RewriteRule "^/x\\\\" /y`,
      `    Require expr "%{REMOTE_ADDR} == '127.0.0.1'"`,
      '</Location>',
    ].join('\n'),
  };
  const text = render(files, `${ROOT}/apache2.conf`, { line: 2, character: 0 });
  const directives = parseConfig(text)
    .children.filter((node) => node.kind === 'directive')
    .map((node) => (node.kind === 'directive' ? [node.name, ...node.args.map((arg) => arg.value)] : []));
  assert.deepEqual(directives, [
    ['Define', 'SUFFIX', 'b c'],
    ['Header', 'set', 'X-Empty', ''],
    ['Header', 'set', 'X-Var', 'a b c'],
    ['Header', 'set', 'X-Quote', 'say "hi"'],
    ['RewriteRule', '^/x\\', '/y'],
    ['Require', 'expr', "%{REMOTE_ADDR} == '127.0.0.1'"],
  ]);
});

test('overridden sections are commented out with their content', () => {
  const files = {
    [`${ROOT}/apache2.conf`]: '<Directory />\n    <RequireAll>\n        Require all granted\n    </RequireAll>\n</Directory>\n<Directory /srv>\n    Require all denied\n</Directory>\n',
  };
  const text = render(files, `${ROOT}/apache2.conf`, { line: 6, character: 4 });
  assert.match(text, /^# overridden: <RequireAll> {3}\(apache2\.conf:2; replaced at apache2\.conf:7\)\n# {5}Require all granted\n# <\/RequireAll>$/m);
});

test('a file the configuration does not read, and a line Apache skips, say so', () => {
  const files = { [`${ROOT}/apache2.conf`]: 'LoadModule mpm_event_module mod_mpm_event.so\n<IfModule nope_module>\n    KeepAlive Off\n</IfModule>\n', [`${ROOT}/other.conf`]: '' };
  assert.equal(
    render(files, `${ROOT}/other.conf`, { line: 0, character: 0 }),
    '# Effective configuration at other.conf:1 (read-only)\n# Apache reads no live line of this file when it starts from apache2.conf, so nothing is in force here.\n',
  );
  const skipped = render(files, `${ROOT}/apache2.conf`, { line: 2, character: 4 });
  assert.match(skipped, /^# This line is inside <IfModule nope_module> \(apache2\.conf:2\), which Apache skips: nothing below reaches it\.$/m);
  assert.doesNotMatch(skipped, /^KeepAlive/m);
});
