// The configuration model on trees held in memory: include order, variables,
// conditionals, modules, and the places problems are attached to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConfigModel, isFileOnDisk, type ConfigModel, type LiveItem } from '../../server/src/config/buildConfigModel';
import { expandInclude } from '../../server/src/config/expandInclude';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { reparseConfig } from '../../server/src/parser/reparseConfig';

const MPM = 'LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so\n';

function model(files: Record<string, string>, main = '/etc/apache2/apache2.conf', options: { environment?: Record<string, string>; defines?: string[] } = {}): ConfigModel {
  return buildConfigModel(main, { sources: new SourceCache(memoryFileSystem(files)), ...options });
}

/** `name args` of every live directive, depth-first, sections as `<Name args>`. */
function flatten(items: LiveItem[]): string[] {
  return items.flatMap((item) =>
    item.kind === 'directive' ? [[item.name, ...item.args].join(' ')] : [`<${[item.name, ...item.args].join(' ')}>`, ...flatten(item.children)],
  );
}

const problems = (m: ConfigModel) => m.problems.map((p) => `${p.path}:${p.range.start.line + 1} ${p.rule}`);

test('wildcards expand bytewise, skip dot files, match only folders before the last part, and read folders recursively', () => {
  const fs = memoryFileSystem({
    '/r/conf.d/b.conf': '',
    '/r/conf.d/B.conf': '',
    '/r/conf.d/a.conf': '',
    '/r/conf.d/.hidden.conf': '',
    '/r/conf.d/a.conf~': '',
    '/r/sites/one/x.conf': '',
    '/r/sites/one.conf': '',
    '/r/sites/two/y.conf': '',
    '/r/dir/z/2.conf': '',
    '/r/dir/.1.conf': '',
    '/r/utf8/\u{1F600}.conf': '',
    '/r/utf8/\uFFFD.conf': '',
    '/r/utf8/\u00E9.conf': '',
    '/r/utf8/z.conf': '',
  });
  assert.deepEqual(expandInclude('conf.d/*.conf', '/r', fs, false).files, ['/r/conf.d/B.conf', '/r/conf.d/a.conf', '/r/conf.d/b.conf']);
  assert.deepEqual(expandInclude('/r/sites/*/*.conf', '/r', fs, false).files, ['/r/sites/one/x.conf', '/r/sites/two/y.conf']);
  assert.deepEqual(expandInclude('dir', '/r', fs, false).files, ['/r/dir/.1.conf', '/r/dir/z/2.conf']);
  assert.deepEqual(expandInclude('conf.d/[ab].conf', '/r', fs, false).files, ['/r/conf.d/a.conf', '/r/conf.d/b.conf']);
  assert.deepEqual(expandInclude('conf.d/{a,b}.conf', '/r', fs, true).files, [], 'no braces in apr_fnmatch');
  // UTF-8 bytes, not UTF-16 units: U+1F600 is written with surrogates, which sort before U+FFFD.
  assert.deepEqual(expandInclude('utf8/*.conf', '/r', fs, false).files, ['z', '\u00E9', '\uFFFD', '\u{1F600}'].map((name) => `/r/utf8/${name}.conf`));
  assert.deepEqual(expandInclude('utf8', '/r', fs, false).files, ['z', '\u00E9', '\uFFFD', '\u{1F600}'].map((name) => `/r/utf8/${name}.conf`));
});

test('Include errors carry Apache words; IncludeOptional stays silent', () => {
  const fs = memoryFileSystem({ '/r/conf.d/a.conf': '' });
  assert.deepEqual(expandInclude('conf.d/*.nomatch', '/r', fs, false), {
    files: [],
    error: "No matches for the wildcard '*.nomatch' in '/r/conf.d', failing",
  });
  assert.deepEqual(expandInclude('nope/*.conf', '/r', fs, false), { files: [], error: 'Could not open directory /r/nope: No such file or directory' });
  assert.deepEqual(expandInclude('conf.d/*.nomatch', '/r', fs, true), { files: [] });
  assert.deepEqual(expandInclude('missing.conf', '/r', fs, true), { files: [] });
  const m = model({ '/r/main.conf': 'Include missing.conf\nIncludeOptional gone.conf\nInclude conf.d/*.x\n', '/r/conf.d/a.conf': '' }, '/r/main.conf');
  assert.deepEqual(problems(m), ['/r/main.conf:1 include/failed', '/r/main.conf:3 include/failed']);
  assert.match(m.problems[0].message, /Could not open configuration file \/r\/missing\.conf: No such file or directory/);
});

test('included content is read in place, in order, with the context of the Include line', () => {
  const m = model({
    '/etc/apache2/apache2.conf': 'ServerName a\n<VirtualHost *:443>\n    Include conf/*.conf\n</VirtualHost>\nServerAdmin z@x\n',
    '/etc/apache2/conf/1.conf': 'SSLEngine on\n',
    '/etc/apache2/conf/2.conf': '<Location /x>\n    Require all granted\n</Location>\n',
  });
  assert.deepEqual(flatten(m.tree), ['ServerName a', '<VirtualHost *:443>', 'SSLEngine on', '<Location /x>', 'Require all granted', 'ServerAdmin z@x']);
  assert.deepEqual([...m.files.keys()], ['/etc/apache2/apache2.conf', '/etc/apache2/conf/1.conf', '/etc/apache2/conf/2.conf']);
  const two = m.files.get('/etc/apache2/conf/2.conf');
  assert.deepEqual(two?.enclosing.map((s) => s.name), ['VirtualHost']);
  assert.equal(two?.includedFrom?.node.name, 'Include');
});

test('an include cycle is one error at the Include that closes it, never a hang', () => {
  const m = model({ '/r/a.conf': 'Include b.conf\n', '/r/b.conf': 'ServerAdmin x@y\nInclude a.conf\n' }, '/r/a.conf');
  assert.deepEqual(problems(m), ['/r/b.conf:2 include/recursion']);
  assert.match(m.problems[0].message, /a\.conf → b\.conf → a\.conf/);
  const self = model({ '/r/a.conf': 'Include /r\n' }, '/r/a.conf');
  assert.deepEqual(problems(self), ['/r/a.conf:1 include/recursion']);
});

test('${VAR} takes Define values in file order, then the environment; the rest is AH00111', () => {
  const m = model(
    {
      '/r/main.conf': [
        MPM + 'ServerAdmin ${EARLY}',
        'Define EARLY "a b"',
        'ServerAdmin ${EARLY}',
        'Define FLAG',
        'ServerAdmin ${FLAG}',
        'ErrorLog ${APACHE_LOG_DIR}/error.log',
        'RewriteRule ^ ${map:key}',
        'UnDefine EARLY',
        'ServerAdmin ${EARLY}',
        'Define bad:name 1',
        '<IfDefine NOPE>',
        '    ServerAdmin ${SKIPPED}',
        '</IfDefine>',
      ].join('\n'),
    },
    '/r/main.conf',
    { environment: { APACHE_LOG_DIR: '/var/log/apache2' } },
  );
  assert.deepEqual(problems(m), [
    '/r/main.conf:2 define/undefined-variable',
    '/r/main.conf:6 define/undefined-variable',
    '/r/main.conf:10 define/undefined-variable',
    '/r/main.conf:11 define/invalid-name',
  ]);
  assert.deepEqual(m.problems[0].range, { start: { line: 1, character: 12 }, end: { line: 1, character: 20 } });
  const lines = flatten(m.tree);
  assert.ok(lines.includes('ServerAdmin a b'), 'a value with a blank splits into two words, as Apache substitutes before splitting');
  assert.ok(lines.includes('ErrorLog /var/log/apache2/error.log'));
  assert.ok(lines.includes('RewriteRule ^ ${map:key}'));
  const use = m.uses.find((u) => u.name === 'EARLY' && u.value === 'a b');
  assert.equal(use?.definition?.node.range.start.line, 2);
});

test('a substituted line is kept as text too, quotes and all, for handlers that split it their own way (mod_rewrite)', () => {
  const m = model({ '/r/main.conf': `${MPM}Define F "L, R"\nRewriteRule ^/a /b "[\${F}]"\n` }, '/r/main.conf');
  const [resolved] = m.files.get('/r/main.conf')?.resolved.values() ?? [];
  assert.deepEqual(resolved, { name: 'RewriteRule', args: ['^/a', '/b', '[L, R]'], text: 'RewriteRule ^/a /b "[L, R]"' });
});

test('conditionals: IfModule by source name or identifier only, IfDefine with -D, IfVersion, IfFile, IfDirective', () => {
  const m = model(
    {
      '/r/main.conf': [
        MPM + 'LoadModule ssl_module modules/mod_ssl.so',
        '<IfModule mod_ssl.c>\nA 1\n</IfModule>',
        '<IfModule ssl_module>\nB 1\n</IfModule>',
        '<IfModule mod_ssl>\nC 1\n</IfModule>',
        '<IfModule !mod_headers.c>\nD 1\n</IfModule>',
        '<IfModule mod_version.c>\nE 1\n</IfModule>',
        '<IfDefine SSL>\nF 1\n</IfDefine>',
        '<IfDefine !NOPE>\nG 1\n</IfDefine>',
        '<IfVersion >= 2.4.10>\nH 1\n</IfVersion>',
        '<IfVersion = 2.4>\nI 1\n</IfVersion>',
        '<IfFile /r/main.conf>\nJ 1\n</IfFile>',
        '<IfFile !missing>\nK 1\n</IfFile>',
        '<IfDirective SSLEngine>\nL 1\n</IfDirective>',
        '<IfDirective Header>\nM 1\n</IfDirective>',
        '<IfSection VirtualHost>\nN 1\n</IfSection>',
      ].join('\n'),
    },
    '/r/main.conf',
    { defines: ['SSL'] },
  );
  const names = flatten(m.tree).filter((line) => /^[A-Z] 1$/.test(line)).map((line) => line[0]);
  assert.deepEqual(names, ['A', 'B', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'N']);
  const main = m.files.get('/r/main.conf');
  assert.equal(main?.deadSections.size, 3);
});

test('a conditional is decided when it is read: a module loaded later does not count', () => {
  const m = model({ '/r/main.conf': `${MPM}<IfModule headers_module>\nA 1\n</IfModule>\nLoadModule headers_module modules/mod_headers.so\n` }, '/r/main.conf');
  assert.ok(!flatten(m.tree).includes('A 1'));
  assert.equal(m.isDirectiveAvailable('Header'), true, 'directives are looked up after the whole tree is read');
  assert.equal(m.isDirectiveAvailable('SSLEngine'), false);
  assert.equal(m.isDirectiveAvailable('ServerName'), true);
  assert.equal(m.isDirectiveAvailable('MaxRequestWorkers'), true, 'every MPM defines it');
});

test('with a third-party module loaded, an unknown IfModule name may be it, but not a module Apache builds only for another platform', () => {
  const m = model(
    {
      '/r/main.conf': [
        `${MPM}LoadModule php_module /usr/lib/apache2/modules/libphp8.2.so`,
        '<IfModule mpm_winnt_module>\nA 1\n</IfModule>',
        '<IfModule mpmt_os2.c>\nB 1\n</IfModule>',
        '<IfModule !mpm_netware_module>\nC 1\n</IfModule>',
        '<IfModule vendor_module>\nD 1\n</IfModule>',
      ].join('\n'),
    },
    '/r/main.conf',
  );
  assert.deepEqual(flatten(m.tree).filter((line) => /^[A-Z] 1$/.test(line)), ['C 1', 'D 1']);
  const alone = model({ '/r/mpm.conf': '<IfModule mpm_winnt_module>\nA 1\n</IfModule>\n<IfModule vendor_module>\nD 1\n</IfModule>\n' }, '/r/mpm.conf');
  assert.deepEqual(flatten(alone.tree), ['D 1'], 'nor in a file read on its own, where the modules are unknown');
});

test('without any LoadModule the modules are unknown, and so are IfModule and undefined IfDefine', () => {
  const m = model({ '/r/site.conf': '<IfModule ssl_module>\nA 1\n</IfModule>\n<IfModule !ssl_module>\nB 1\n</IfModule>\n<IfDefine X>\nC 1\n</IfDefine>\n<IfModule mod_ssl>\nD 1\n</IfModule>\n' }, '/r/site.conf');
  assert.equal(m.modulesKnown, false);
  assert.deepEqual(flatten(m.tree), ['A 1', 'B 1', 'C 1']);
  assert.equal(m.isDirectiveAvailable('SSLEngine'), 'unknown');
  assert.equal(m.isDirectiveAvailable('NoSuchThing'), false);
});

test('ServerRoot changes where later relative Includes look', () => {
  const m = model({ '/a/main.conf': 'ServerRoot /b\nInclude x.conf\n', '/b/x.conf': 'ServerAdmin q@r\n' }, '/a/main.conf');
  assert.equal(m.serverRoot, '/b');
  assert.deepEqual(flatten(m.tree), ['ServerRoot /b', 'ServerAdmin q@r']);
});

test('an unreadable main file is a problem, not a throw', () => {
  const m = model({}, '/nowhere/httpd.conf');
  assert.deepEqual(problems(m), ['/nowhere/httpd.conf:1 include/failed']);
});

test('a file included twice is read twice, and its dead branches are those dead both times', () => {
  const m = model(
    {
      '/r/main.conf': `${MPM}Include part.conf\nDefine ON\nInclude part.conf\n`,
      '/r/part.conf': '<IfDefine ON>\nServerAdmin a@b\n</IfDefine>\n',
    },
    '/r/main.conf',
  );
  assert.deepEqual(flatten(m.tree).slice(1), ['Define ON', 'ServerAdmin a@b']);
  assert.equal(m.files.get('/r/part.conf')?.deadSections.size, 0);
});

test('Define values are found without regard to case, <IfDefine> flags with it; a reference runs to the first }', () => {
  const m = model({ '/r/main.conf': `${MPM}Define SITE a@b.example\nServerAdmin \${site}\n<IfDefine site>\nA 1\n</IfDefine>\nServerAdmin \${A\${B}\n` }, '/r/main.conf');
  const lines = flatten(m.tree);
  assert.ok(lines.includes('ServerAdmin a@b.example'));
  assert.ok(!lines.includes('A 1'));
  assert.deepEqual(m.problems.map((p) => p.message.slice(0, 28)), ['Config variable ${A${B} is n']);
});

test('IncludeOptional is silent about a missing folder in its pattern; Include is not', () => {
  const m = model({ '/r/main.conf': `${MPM}IncludeOptional nope/*.conf\nInclude nope/*.conf\n` }, '/r/main.conf');
  assert.deepEqual(problems(m), ['/r/main.conf:3 include/failed']);
});

test('a rebuild shares the live items of unchanged lines, but no item stands twice in one tree', () => {
  const sources = new SourceCache(
    memoryFileSystem({
      '/r/main.conf': `${MPM}Define port 8080\nInclude site.conf\nInclude site.conf\n<IfModule mpm_event_module>\nListen \${port}\n</IfModule>\n`,
      '/r/site.conf': '<VirtualHost *:80>\nServerName a\n<Location />\nRequire all granted\n</Location>\n</VirtualHost>\n',
    }),
  );
  const first = buildConfigModel('/r/main.conf', { sources });
  const second = buildConfigModel('/r/main.conf', { sources });
  assert.deepEqual(second.tree, first.tree);
  assert.deepEqual(flatten(second.tree), [
    'LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so',
    'Define port 8080',
    '<VirtualHost *:80>',
    'ServerName a',
    '<Location />',
    'Require all granted',
    '<VirtualHost *:80>',
    'ServerName a',
    '<Location />',
    'Require all granted',
    'Listen 8080',
  ]);
  const hosts = second.tree.filter((item) => item.kind === 'section');
  assert.equal(hosts[0], first.tree.filter((item) => item.kind === 'section')[0], 'the unchanged host is the same item');
  assert.notEqual(hosts[1], hosts[0], 'the second read of the file has items of its own');
});

test('after an edit, the next parse keeps the live items of the hosts the edit neither changed nor moved', () => {
  const sources = new SourceCache(memoryFileSystem({}));
  const host = (name: string) => `<VirtualHost *:80>\nServerName ${name}\nSSLVerifyDepth 2\n</VirtualHost>\n`;
  let file = parseConfig(`${MPM}${host('a')}${host('b')}${host('c')}`);
  const hostsOf = (parse: typeof file): LiveItem[] => {
    sources.setOverlay('/r/site.conf', parse);
    return buildConfigModel('/r/site.conf', { sources }).tree.filter((item) => item.kind === 'section');
  };
  const before = hostsOf(file);
  const second = file.text.indexOf('SSLVerifyDepth 2', file.text.indexOf('ServerName b'));
  file = reparseConfig(file, `${file.text.slice(0, second + 15)}3${file.text.slice(second + 16)}`);
  const typed = hostsOf(file);
  assert.deepEqual(typed.map((item, i) => item === before[i]), [true, false, true], 'only the edited host has new items');
  assert.deepEqual(flatten(typed).filter((line) => line.startsWith('SSLVerifyDepth')), ['SSLVerifyDepth 2', 'SSLVerifyDepth 3', 'SSLVerifyDepth 2']);
  file = reparseConfig(file, file.text.replace('ServerName a\n', 'ServerName a\n\n'));
  const added = hostsOf(file);
  assert.deepEqual(added.map((item, i) => item === typed[i]), [false, false, false], 'a line added in the first host moves the others: their items hold positions');
});

test('an Include reaching more than 20 000 files and folders reads none of them; more than 16 MiB of text stops after the file that crosses it; include/too-large says so', () => {
  const many: Record<string, string> = { '/srv/main.conf': 'Include /srv/big\nServerAdmin after@example.test\n' };
  for (let i = 0; i < 20_001; i++) many[`/srv/big/f${i}.conf`] = 'ServerAlias x.test\n';
  const wide = model(many, '/srv/main.conf');
  assert.deepEqual(problems(wide), ['/srv/main.conf:1 include/too-large']);
  assert.match(wide.problems[0].message, /more than 20,000 files and folders: apache-ssl reads none of them/);
  assert.deepEqual(flatten(wide.tree), ['ServerAdmin after@example.test']);
  // Exactly at the limit every file is read.
  delete many['/srv/big/f20000.conf'];
  assert.equal(model(many, '/srv/main.conf').files.size, 20_001);

  const line = '# padding\n'.padEnd(1024, '#');
  const sixMiB = `ServerAlias big.test\n${line.repeat(6 * 1024)}`;
  const heavy = model({ '/srv/main.conf': 'Include /srv/heavy/*.conf\n', '/srv/heavy/a.conf': sixMiB, '/srv/heavy/b.conf': sixMiB, '/srv/heavy/c.conf': sixMiB, '/srv/heavy/d.conf': sixMiB }, '/srv/main.conf');
  assert.deepEqual(problems(heavy), ['/srv/main.conf:1 include/too-large']);
  assert.match(heavy.problems[0].message, /more than 16 MiB of text: apache-ssl stopped reading after \/srv\/heavy\/c\.conf/);
  assert.deepEqual([...heavy.files.keys()], ['/srv/main.conf', '/srv/heavy/a.conf', '/srv/heavy/b.conf', '/srv/heavy/c.conf']);
});

const MACRO = 'LoadModule macro_module /usr/lib/apache2/modules/mod_macro.so\n';
const expansionPaths = (m: ConfigModel) => [...m.files.values()].filter((inTree) => !isFileOnDisk(inTree)).map((inTree) => inTree.path);

test('a Use line is read as what its macro expands to, in its place: hosts built by a macro are in the tree, each Use a file of its own', () => {
  const main = '/etc/apache2/apache2.conf';
  const m = model({
    [main]: `${MACRO}<Macro Site $host>\n<VirtualHost *:443>\n  ServerName $host\n</VirtualHost>\n</Macro>\nUse Site a.example\n<VirtualHost *:80>\n  Use Site b.example\n</VirtualHost>\n`,
  });
  assert.deepEqual(flatten(m.tree), [
    'LoadModule macro_module /usr/lib/apache2/modules/mod_macro.so',
    '<Macro Site $host>',
    'Use Site a.example',
    '<VirtualHost *:443>',
    'ServerName a.example',
    '<VirtualHost *:80>',
    'Use Site b.example',
    '<VirtualHost *:443>',
    'ServerName b.example',
  ]);
  assert.deepEqual(expansionPaths(m), [`${main} (Use Site at line 7)`, `${main} (Use Site at line 9)`]);
  const second = m.files.get(`${main} (Use Site at line 9)`);
  assert.equal(second?.includedFrom?.node.startLine, 8);
  assert.equal(second?.macro?.args[0], 'Site');
  // Read where the Use stands: inside the <VirtualHost *:80>.
  assert.deepEqual(second?.enclosing.map((section) => section.name), ['VirtualHost']);
  assert.deepEqual(problems(m), []);
});

test('macros are defined as they are read, anywhere (even inside a host), removed by UndefMacro, and a Use Apache refuses expands to nothing', () => {
  const m = model({
    '/etc/apache2/apache2.conf':
      `${MACRO}Use Early\n<VirtualHost *:80>\n<Macro Early>\nServerAdmin early@example.test\n</Macro>\n</VirtualHost>\nUse Early\nUse Early extra\nUndefMacro Early\nUse Early\n` +
      '<IfDefine NEVER>\nUse Early\n</IfDefine>\n',
  });
  // The first Use precedes the definition, the third gives a word too many, the fourth follows UndefMacro.
  assert.deepEqual(flatten(m.tree).filter((line) => line.startsWith('ServerAdmin')), ['ServerAdmin early@example.test']);
  assert.deepEqual(expansionPaths(m), ['/etc/apache2/apache2.conf (Use Early at line 8)']);
});

test('macros expand macros, ${VAR} and conditionals in an expansion are read as anywhere else, and a macro using itself is not expanded again', () => {
  const m = model({
    '/etc/apache2/apache2.conf':
      `${MACRO}Define PORT 8443\n<Macro Inner $n>\nServerAlias $n.\${PORT}\n<IfDefine NEVER>\nServerAlias dead.$n\n</IfDefine>\n</Macro>\n` +
      '<Macro Outer $n>\nUse Inner $n\nUse Outer $n\n</Macro>\nUse Outer x\n',
  });
  assert.deepEqual(flatten(m.tree).filter((line) => line.startsWith('ServerAlias')), ['ServerAlias x.8443']);
  const inner = [...m.files.values()].find((inTree) => inTree.macro?.args[0] === 'Inner');
  assert.equal(inner?.path, '/etc/apache2/apache2.conf (Use Outer at line 13) (Use Inner at line 1)');
  assert.equal(inner?.deadSections.size, 1);
  assert.deepEqual(expansionPaths(m).length, 2);
});

test('macros that double at every step, or use each other thousands deep, stop at a cap with include/too-large, at once and without exhausting memory', () => {
  const chain = (length: number, uses: number) =>
    Array.from({ length }, (_, i) => `<Macro M${i}>\n${`Use M${i + 1}\n`.repeat(uses)}</Macro>\n`).join('') + `<Macro M${length}>\nServerAdmin a@b\n</Macro>\nUse M0\n`;
  const capped = (text: string) => {
    const m = model({ '/srv/main.conf': `${MACRO}${text}` }, '/srv/main.conf');
    const tooLarge = m.problems.filter((problem) => problem.rule === 'include/too-large');
    assert.equal(tooLarge.length, 1);
    return { files: m.files.size, message: tooLarge[0].message };
  };
  const doubling = capped(chain(16, 2));
  assert.ok(doubling.files <= 20_001, `${doubling.files} files`);
  assert.match(doubling.message, /expand to more than 20,000 macro bodies or 16 MiB of text/);
  const deep = capped(chain(5000, 1));
  assert.equal(deep.files, 33);
  assert.match(deep.message, /expand to more than 32 macros deep, each using the next: apache-ssl stopped expanding them/);
});

test("a rebuild reads an unchanged Use's expansion as the same parse, and a changed one afresh", () => {
  const text = `${MACRO}<Macro Site $host>\nServerAlias $host\n</Macro>\nUse Site a.example\nUse Site b.example\n`;
  // One source cache, as the server keeps: the main file is the same parse in both.
  const sources = new SourceCache(memoryFileSystem({ '/srv/main.conf': text }));
  const first = buildConfigModel('/srv/main.conf', { sources });
  const second = buildConfigModel('/srv/main.conf', { sources });
  const [a, b] = expansionPaths(first);
  assert.equal(second.files.get(a)?.file, first.files.get(a)?.file);
  assert.equal(second.files.get(b)?.file, first.files.get(b)?.file);
  const changed = buildConfigModel('/srv/main.conf', { sources: new SourceCache(memoryFileSystem({ '/srv/main.conf': text.replace('b.example', 'c.example') })) });
  // A new parse of the main file has a new <Macro> node: its expansions are parsed again.
  assert.notEqual(changed.files.get(a)?.file, first.files.get(a)?.file);
  assert.equal(changed.files.get(a)?.file.text, 'ServerAlias a.example\n');
  assert.equal(changed.files.get(b)?.file.text, 'ServerAlias c.example\n');
});
