// The effective configuration at a position, on trees held in memory: which
// levels apply, in Apache's merge order, and which directives a later one replaces.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { effectiveConfiguration, type EffectiveConfiguration, type EffectiveLevel } from '../../server/src/config/effectiveConfiguration';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { requireApache } from '../support/apacheOracle';
import { modelWithCursor } from '../support/modelWithCursor';

const MAIN = '/etc/apache2/apache2.conf';
const MPM = 'LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n';

/** The effective configuration at the `|` in one of the files; the first file is the main one. */
function at(marked: Record<string, string>): EffectiveConfiguration {
  const { model, path, position } = modelWithCursor(marked);
  return effectiveConfiguration(model, path, position);
}

const levelName = (level: EffectiveLevel) =>
  (level.section ? `<${[level.section.name, ...level.section.args].join(' ')}>` : 'server') + (level.applies === 'byPrefix' ? ' by prefix' : '');
const levels = (effective: EffectiveConfiguration) => effective.levels.map(levelName);
const lineOf = (origin: { range: { start: { line: number } } }) => origin.range.start.line + 1;

/** Every top-level directive of every level, as `name args @line`, with `→ line` when a later one replaces it. */
function directives(effective: EffectiveConfiguration): string[] {
  return effective.levels.flatMap((level) =>
    level.directives.map((d) => {
      const text = `${[d.name, ...d.args].join(' ')} @${lineOf(d.origin)}`;
      return d.overriddenBy ? `${text} → ${lineOf(d.overriddenBy)}` : d.notInherited ? `${text} (not inherited)` : text;
    }),
  );
}

test('the virtual host replaces single-valued server settings and adds to accumulating ones', () => {
  const effective = at({
    [MAIN]: [
      'SSLVerifyClient none',
      'Header set X-Server 1',
      'ServerAdmin root@example.com',
      '<VirtualHost *:443>',
      '    ServerName a.example',
      '    SSLVerifyClient require',
      '    sslverifyclient optional',
      '    Header set X-Host 1|',
      '</VirtualHost>',
      'ServerName main.example',
    ].join('\n'),
  });
  assert.deepEqual(levels(effective), ['server', '<VirtualHost *:443>']);
  assert.equal(effective.virtualHost?.name, 'VirtualHost');
  assert.deepEqual(directives(effective), [
    'SSLVerifyClient none @1 → 7',
    'Header set X-Server 1 @2',
    'ServerAdmin root@example.com @3',
    'ServerName main.example @10 → 5',
    'ServerName a.example @5',
    'SSLVerifyClient require @6 → 7',
    'sslverifyclient optional @7',
    'Header set X-Host 1 @8',
  ]);
});

test('a position in a file included inside a virtual host takes the virtual host around the Include', () => {
  const files = {
    [MAIN]: 'DocumentRoot /var/www\n<VirtualHost *:443>\n    Include sites/a.conf\n</VirtualHost>\n',
    '/etc/apache2/sites/a.conf': 'DocumentRoot /srv/a\n|\n<Location /x>\n    SSLVerifyClient require\n</Location>\n',
  };
  const onTop = at(files);
  assert.deepEqual(levels(onTop), ['server', '<VirtualHost *:443>']);
  assert.deepEqual(directives(onTop), ['DocumentRoot /var/www @1 → 1', 'DocumentRoot /srv/a @1']);
  assert.equal(onTop.levels[1].directives[0].origin.path, '/etc/apache2/sites/a.conf');

  const inLocation = at({ ...files, '/etc/apache2/sites/a.conf': 'DocumentRoot /srv/a\n<Location /x>\n    SSLVerifyClient require|\n</Location>\n' });
  assert.deepEqual(levels(inLocation), ['server', '<VirtualHost *:443>', '<Location /x>']);
});

test('<Location> sections whose path is a prefix apply too, server ones first, then in file order', () => {
  const effective = at({
    [MAIN]: [
      '<VirtualHost *:443>',
      '    <Location /a>',
      '        Header set X-A 1',
      '    </Location>',
      '    <Location /ab>',
      '    </Location>',
      '    <Location /a/b>',
      '        SSLVerifyClient require|',
      '    </Location>',
      '    <Location /a/b/c>',
      '    </Location>',
      '    <Location />',
      '        SSLVerifyClient none',
      '    </Location>',
      '    <LocationMatch ^/a>',
      '    </LocationMatch>',
      '</VirtualHost>',
      '<Location />',
      '    Require all granted',
      '</Location>',
      '<VirtualHost *:80>',
      '    <Location /a>',
      '    </Location>',
      '</VirtualHost>',
    ].join('\n'),
  });
  assert.deepEqual(levels(effective), [
    'server',
    '<VirtualHost *:443>',
    '<Location /> by prefix',
    '<Location /a> by prefix',
    '<Location /a/b>',
    '<Location /> by prefix',
  ]);
  assert.deepEqual(directives(effective), [
    'Require all granted @19',
    'Header set X-A 1 @3',
    'SSLVerifyClient require @8 → 13',
    'SSLVerifyClient none @13',
  ]);
});

test('<Directory> sections merge shortest path first, whatever the file order, then <DirectoryMatch>', () => {
  const effective = at({
    [MAIN]: [
      '<Directory />',
      '    Require all denied',
      '</Directory>',
      '<VirtualHost *:443>',
      '    <DirectoryMatch "^/var/www/app/static">',
      '        Header set X-Match 1',
      '    </DirectoryMatch>',
      '    <Directory /var/www/app/static>',
      '        Options None|',
      '    </Directory>',
      '    <Directory /var/www/>',
      '        Options Indexes',
      '    </Directory>',
      '    <Directory /var/www/application>',
      '    </Directory>',
      '</VirtualHost>',
      '<Directory "/var/www/app">',
      '    Options +FollowSymLinks',
      '</Directory>',
    ].join('\n'),
  });
  assert.deepEqual(levels(effective), [
    'server',
    '<VirtualHost *:443>',
    '<Directory /> by prefix',
    '<Directory /var/www/> by prefix',
    '<Directory /var/www/app> by prefix',
    '<Directory /var/www/app/static>',
  ]);
  assert.deepEqual(directives(effective), ['Require all denied @2', 'Options Indexes @12 → 9', 'Options +FollowSymLinks @18 → 9', 'Options None @9']);
});

test('<If> merges last, after <Location> sections that come later in the file', () => {
  const effective = at({
    [MAIN]: [
      '<Location /a>',
      '    <If "%{HTTPS} == \'on\'">',
      '        SSLVerifyClient require|',
      '    </If>',
      '    <Files x.txt>',
      '        SSLVerifyClient optional',
      '    </Files>',
      '</Location>',
      '<Location />',
      '    SSLVerifyClient none',
      '    <If "true">',
      '        Header set X-Other 1',
      '    </If>',
      '</Location>',
    ].join('\n'),
  });
  assert.deepEqual(levels(effective), ['server', '<Location /a>', '<Location /> by prefix', `<If %{HTTPS} == 'on'>`]);
  assert.deepEqual(directives(effective), ['SSLVerifyClient none @10 → 3', 'SSLVerifyClient require @3'], 'nested sections that do not hold the position are left out');
});

test('a position at the top level sees only the server config', () => {
  const effective = at({ [MAIN]: 'ServerName a.example\n|\n<VirtualHost *:443>\n    ServerName b.example\n</VirtualHost>\nKeepAlive On\n' });
  assert.deepEqual(levels(effective), ['server']);
  assert.equal(effective.virtualHost, undefined);
  assert.deepEqual(directives(effective), ['ServerName a.example @1', 'KeepAlive On @6']);
});

test('a file the configuration does not read gives an empty result, not a throw', () => {
  const model = buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem({ [MAIN]: 'ServerName a\n', '/etc/apache2/other.conf': 'KeepAlive On\n' })) });
  const effective = effectiveConfiguration(model, '/etc/apache2/other.conf', { line: 0, character: 0 });
  assert.equal(effective.inTree, false);
  assert.deepEqual(effective.levels, []);
  assert.equal(effective.mainPath, MAIN);
});

test('a false <IfModule> contributes nothing, and a position inside it is reported as skipped', () => {
  const effective = at({
    [MAIN]: `${MPM}ServerAdmin a@example.com\n<IfModule nope_module>\n    ServerAdmin b@example.com|\n</IfModule>\n<IfModule mpm_event_module>\n    KeepAlive Off\n</IfModule>\n`,
  });
  assert.deepEqual(directives(effective).slice(1), ['ServerAdmin a@example.com @2', 'KeepAlive Off @7']);
  assert.equal(effective.skippedSection?.name, 'IfModule');
  assert.equal(effective.skippedSection && lineOf(effective.skippedSection.origin), 3);
});

test('a section with its own Require replaces earlier authorization, unless it says AuthMerging', () => {
  const directory = (path: string, ...lines: string[]) => [`<Directory ${path}>`, ...lines.map((line) => `    ${line}`), '</Directory>'];
  const effective = at({
    [MAIN]: [
      ...directory('/', 'Require all denied'),
      ...directory('/srv', 'Require ip 10.0.0.0/8', '<RequireAny>', '    Require local', '</RequireAny>'),
      ...directory('/srv/a', 'AuthMerging Or', 'Require host example.com'),
      ...directory('/srv/a/b', 'DirectoryIndex x.html|'),
    ].join('\n'),
  });
  assert.deepEqual(directives(effective), [
    'Require all denied @2 → 5',
    'Require ip 10.0.0.0/8 @5',
    'RequireAny @6',
    'AuthMerging Or @11',
    'Require host example.com @12',
    'DirectoryIndex x.html @15',
  ]);
  assert.deepEqual(
    effective.levels[2].directives[1].children?.map((d) => d.name),
    ['Require'],
    'groups are listed with their content',
  );
});

test('what a virtual host does not take from the server: ServerName for a specific address, rewrite rules', () => {
  const server = 'ServerName main.example\nRewriteEngine On\nRewriteRule ^/old /new\n';
  const onAddress = at({ [MAIN]: `${server}<VirtualHost 192.0.2.1:80>\n    DocumentRoot /srv|\n</VirtualHost>\n` });
  assert.deepEqual(directives(onAddress), [
    'ServerName main.example @1 (not inherited)',
    'RewriteEngine On @2',
    'RewriteRule ^/old /new @3 (not inherited)',
    'DocumentRoot /srv @5',
  ]);
  const onWildcard = at({ [MAIN]: `${server}<VirtualHost *:80>\n    RewriteOptions Inherit\n    DocumentRoot /srv|\n</VirtualHost>\n` });
  assert.deepEqual(directives(onWildcard).slice(0, 3), ['ServerName main.example @1', 'RewriteEngine On @2', 'RewriteRule ^/old /new @3']);
});

test('apache2 -S agrees: only a virtual host on a wildcard address takes the server ServerName', () => {
  requireApache();
  for (const [address, inherited] of [
    ['127.0.0.1:8443', false],
    ['*:8443', true],
  ] as const) {
    const conf = `ServerName main.example\n<VirtualHost ${address}>\n    ServerAdmin a@example.com|\n</VirtualHost>\n`;
    const serverName = at({ [MAIN]: conf }).levels[0].directives[0];
    assert.equal(serverName.notInherited === undefined, inherited, address);
    const root = mkdtempSync(join(tmpdir(), 'apache-ssl-effective-'));
    try {
      writeFileSync(join(root, 'main.conf'), `${MPM}ErrorLog /dev/null\n${conf.replace('|', '')}`);
      const dump = spawnSync('/usr/sbin/apache2', ['-t', '-D', 'DUMP_VHOSTS', '-d', root, '-f', join(root, 'main.conf')], { encoding: 'utf8', timeout: 30_000 });
      const line = `${dump.stdout}${dump.stderr}`.split('\n').find((text) => text.includes('/main.conf:'));
      assert.ok(line, dump.stdout + dump.stderr);
      assert.equal(/ main\.example \(/.test(line), inherited, line);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
});

test('certificate files pair by position; cipher lists by protocol', () => {
  const effective = at({
    [MAIN]: [
      'SSLCertificateFile rsa.pem',
      'SSLCertificateFile ecdsa.pem',
      'SSLCipherSuite HIGH',
      'SSLCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384',
      '<VirtualHost *:443>',
      '    SSLCertificateFile host.pem|',
      '    SSLCipherSuite TLSv1.3 TLS_CHACHA20_POLY1305_SHA256',
      '</VirtualHost>',
    ].join('\n'),
  });
  assert.deepEqual(directives(effective), [
    'SSLCertificateFile rsa.pem @1 → 6',
    'SSLCertificateFile ecdsa.pem @2',
    'SSLCipherSuite HIGH @3',
    'SSLCipherSuite TLSv1.3 TLS_AES_256_GCM_SHA384 @4 → 7',
    'SSLCertificateFile host.pem @6',
    'SSLCipherSuite TLSv1.3 TLS_CHACHA20_POLY1305_SHA256 @7',
  ]);
});
