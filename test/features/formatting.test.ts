// Formatting: indentation by section depth, one space between words where
// Apache cannot tell the difference, and nothing else. The safety oracle at the
// end formats every fixture and Debian's whole /etc/apache2 and asks our parser,
// our rules and the real `apache2 -t` whether anything changed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import forge from 'node-forge';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { formatDocument, formatRange, type FormatOptions } from '../../server/src/features/formatting';
import type { ConfigFile, DirectiveNode, Node, Range } from '../../server/src/parser/ast';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { splitWords } from '../../server/src/parser/words';
import { applyEdits } from '../support/applyEdits';
import { apacheConfigTest, loadAllModules, parseApacheError, requireApache } from '../support/apacheOracle';
import { listFixtures } from '../support/fixtures';

const SPACES: FormatOptions = { indent: '    ' };
const TABS: FormatOptions = { indent: '\t' };


function format(text: string, options: FormatOptions = SPACES): string {
  return applyEdits(text, formatDocument(parseConfig(text), options));
}

/** `input` formats to `expected`, and formatting that again changes nothing. */
function assertFormats(input: string, expected: string, options: FormatOptions = SPACES): void {
  const output = format(input, options);
  assert.equal(output, expected);
  assert.deepEqual(formatDocument(parseConfig(output), options), [], 'formatting is idempotent');
}

function assertUntouched(input: string, options: FormatOptions = SPACES): void {
  assert.deepEqual(formatDocument(parseConfig(input), options), []);
}

// ---------------------------------------------------------------------------
// Indentation

test('sections nest by depth; open and close tags get their section depth', () => {
  assertFormats(
    [
      '<VirtualHost *:443>',
      'ServerName shop.example',
      '      <Directory /var/www>',
      '  <IfModule mod_headers.c>',
      'Header set X-Frame-Options DENY',
      '</IfModule>',
      '        Require all granted',
      '</Directory>',
      '  </VirtualHost>',
      'ServerAdmin admin@example.com',
      '',
    ].join('\n'),
    [
      '<VirtualHost *:443>',
      '    ServerName shop.example',
      '    <Directory /var/www>',
      '        <IfModule mod_headers.c>',
      '            Header set X-Frame-Options DENY',
      '        </IfModule>',
      '        Require all granted',
      '    </Directory>',
      '</VirtualHost>',
      'ServerAdmin admin@example.com',
      '',
    ].join('\n'),
  );
});

test('the indent unit is the caller\'s: tabs or any number of spaces', () => {
  const input = '<Location /a>\n  <If "true">\n Require all granted\n  </If>\n</Location>\n';
  assertFormats(input, '<Location /a>\n\t<If "true">\n\t\tRequire all granted\n\t</If>\n</Location>\n', TABS);
  assertFormats(input, '<Location /a>\n  <If "true">\n    Require all granted\n  </If>\n</Location>\n', { indent: '  ' });
});

test('comments move to their depth; their text, inner blanks included, is never changed', () => {
  assertFormats(
    '<VirtualHost *:80>\n# a   comment with   blanks\n        #indented too far\n</VirtualHost>\n   # top level\n',
    '<VirtualHost *:80>\n    # a   comment with   blanks\n    #indented too far\n</VirtualHost>\n# top level\n',
  );
});

test('blank lines stay, emptied of blanks; none is added or removed', () => {
  assertFormats(
    '<Location /a>\n\n   \n\t\nRequire all granted\n\n</Location>\n\n\n',
    '<Location /a>\n\n\n\n    Require all granted\n\n</Location>\n\n\n',
  );
});

test('trailing blanks go, on directives, tags and comments', () => {
  assertFormats(
    '<Location /a>  \n  Require all granted \t\n  # note   \n</Location>   \n',
    '<Location /a>\n    Require all granted\n    # note\n</Location>\n',
  );
});

// ---------------------------------------------------------------------------
// Blanks between words

test('runs of blanks between words become one space; quoted strings keep theirs', () => {
  assertFormats('Header   set\tX-Test   "a   b"\n', 'Header set X-Test "a   b"\n');
  assertFormats("Header set  X-Quote   'two  spaces'  \n", "Header set X-Quote 'two  spaces'\n");
  assertFormats(
    'Header set X "say \\"hi\\"   now"   "expr=%{HTTP_HOST}  == \'x\'"\n',
    'Header set X "say \\"hi\\"   now" "expr=%{HTTP_HOST}  == \'x\'"\n',
  );
  assertFormats('LogFormat   "%h  %l  %u"    combined2\n', 'LogFormat "%h  %l  %u" combined2\n');
  assertFormats('<VirtualHost    *:80   *:8080>\n</VirtualHost>\n', '<VirtualHost *:80 *:8080>\n</VirtualHost>\n');
  assertFormats('Require   all    granted\n', 'Require all granted\n');
});

test('an unclosed quote runs to the end of the line: nothing after it changes but trailing blanks', () => {
  assertFormats('Header set X "a   b  \n', 'Header set X "a   b\n');
});

test('directives whose handler reads the raw text keep their inner blanks; only the name gap changes', () => {
  // Require expr and SSLRequire parse the text as an expression; `'a` … `b'` is one string to it.
  assertFormats(
    "<Location /a>\nRequire   expr %{HTTP_HOST}=='a   b'\n</Location>\n",
    "<Location /a>\n    Require expr %{HTTP_HOST}=='a   b'\n</Location>\n",
  );
  assertFormats('SSLRequire   %{SSL_CIPHER}  =~  m/^(a  b)/\n', 'SSLRequire %{SSL_CIPHER}  =~  m/^(a  b)/\n');
  // ProxyHCExpr reads {…} as one argument.
  assertFormats(
    'ProxyHCExpr   ok234   {%{REQUEST_STATUS}  =~  /^[234]/}\n',
    'ProxyHCExpr ok234   {%{REQUEST_STATUS}  =~  /^[234]/}\n',
  );
  // Require providers that read their text as written (LDAP filters, expressions) keep it; word lists do not.
  assertFormats('Require   ldap-filter   &(a=b)  (c=d)\n', 'Require ldap-filter   &(a=b)  (c=d)\n');
  assertFormats('Require   not   ip   10.0.0.1    10.0.0.2\n', 'Require not ip 10.0.0.1 10.0.0.2\n');
  // An unknown directive may come from a module we do not know.
  assertFormats('MyModuleDirective   a    b\n', 'MyModuleDirective a    b\n');
});

test('mod_rewrite: blanks after a backslash are escaped, so that gap stays; the others become one space', () => {
  assertFormats('RewriteRule   ^/a\\   b$   /c   [L]\n', 'RewriteRule ^/a\\   b$ /c [L]\n');
  assertFormats('RewriteCond  %{HTTP_HOST}   ^www\\.   [NC]\n', 'RewriteCond %{HTTP_HOST} ^www\\. [NC]\n');
});

test('lines that use ${VAR} keep their inner blanks: the value is substituted before the line is split', () => {
  assertFormats(
    '<Location /a>\nErrorLog   ${APACHE_LOG_DIR}/error.log  \n</Location>\n',
    '<Location /a>\n    ErrorLog   ${APACHE_LOG_DIR}/error.log\n</Location>\n',
  );
});

test('macro bodies are re-indented but keep their inner blanks (parameters are substituted into the raw text)', () => {
  assertFormats(
    '<Macro   VHost $name   $dir>\n<VirtualHost *:80>\nServerName   $name\nDocumentRoot  $dir\n</VirtualHost>\n</Macro>\nUse   VHost   a.example   /srv/a\n',
    '<Macro VHost $name $dir>\n    <VirtualHost *:80>\n        ServerName   $name\n        DocumentRoot  $dir\n    </VirtualHost>\n</Macro>\nUse VHost a.example /srv/a\n',
  );
});

test('Lua blocks are Lua source read line by line, and unknown sections may be too: their bodies stay as they are', () => {
  assertFormats(
    '<IfModule lua_module>\n<LuaHookTranslateName   silly_mapper>\n  local s = [[\n    keep\n  ]]\n</LuaHookTranslateName>\n</IfModule>\n',
    '<IfModule lua_module>\n    <LuaHookTranslateName silly_mapper>\n  local s = [[\n    keep\n  ]]\n    </LuaHookTranslateName>\n</IfModule>\n',
  );
  assertUntouched('<Perl>\n  $x   = 1;\n  </Perl>\n');
  // When such a section is closed only implicitly, what its reader does with the rest is unknown: nothing after it changes.
  assertFormats(
    '<IfModule perl_module>\n<Perl>\n  $x = 1;\n</IfModule>\n  ServerAdmin   a@b\n',
    '<IfModule perl_module>\n    <Perl>\n  $x = 1;\n</IfModule>\n  ServerAdmin   a@b\n',
  );
});

// ---------------------------------------------------------------------------
// Continuation lines

test('continuation lines line up under the first argument when the join is between words', () => {
  assertFormats(
    '<VirtualHost *:80>\nProxyPass /app http://backend/ \\\n  retry=0 \\\n        timeout=5\n</VirtualHost>\n',
    '<VirtualHost *:80>\n    ProxyPass /app http://backend/ \\\n              retry=0 \\\n              timeout=5\n</VirtualHost>\n',
  );
  // The blanks of the continuation line may be the only separator: they stay non-empty.
  assertFormats('Header set X-A a\\\n b\n', 'Header set X-A a\\\n       b\n');
});

test('with no argument on the first line, or with tabs, continuation lines get one level more', () => {
  assertFormats(
    '<VirtualHost *:443>\nSSLCipherSuite \\\nECDHE-ECDSA-AES128-GCM-SHA256:\\\nECDHE-RSA-AES128-GCM-SHA256\n</VirtualHost>\n',
    '<VirtualHost *:443>\n    SSLCipherSuite \\\n        ECDHE-ECDSA-AES128-GCM-SHA256:\\\nECDHE-RSA-AES128-GCM-SHA256\n</VirtualHost>\n',
  );
  assertFormats(
    '<Location /a>\nProxyPass /app http://b/ \\\n  retry=0\n</Location>\n',
    '<Location /a>\n\tProxyPass /app http://b/ \\\n\t\tretry=0\n</Location>\n',
    TABS,
  );
});

test('a continuation line that starts inside a word or a quoted string is left exactly as it is', () => {
  // `\` joins with nothing in between: these blanks are part of the argument.
  assertUntouched('Header set X-A "a \\\n   b"\n');
  assertUntouched('Header set X-A abc\\\ndef\n');
  assertFormats('  SSLCipherSuite ECDHE:\\\n    RSA:\\\nAES\n', 'SSLCipherSuite ECDHE:\\\n               RSA:\\\nAES\n');
  // Raw-text directives keep their continuation lines too.
  assertFormats(
    "<Location /api/>\nRequire expr %{SSL_CLIENT_VERIFY} == 'SUCCESS' && \\\n             %{SSL_CLIENT_S_DN_O} == 'Example'\n</Location>\n",
    "<Location /api/>\n    Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS' && \\\n             %{SSL_CLIENT_S_DN_O} == 'Example'\n</Location>\n",
  );
});

test('a backslash followed by blanks keeps its blanks (removing them would continue the line)', () => {
  assertFormats(
    '<VirtualHost *:80>\nServerAlias www.shop.example \\  \nServerAdmin a@b\n</VirtualHost>\n',
    '<VirtualHost *:80>\n    ServerAlias www.shop.example \\  \n    ServerAdmin a@b\n</VirtualHost>\n',
  );
  assertFormats('# old setting \\ \t\nServerAdmin a@b\n', '# old setting \\ \t\nServerAdmin a@b\n');
});

test('a comment swallowing continuation lines keeps them: they are its text', () => {
  assertFormats(
    '<Location /a>\n# off: \\\n   Require all denied\n</Location>\n',
    '<Location /a>\n    # off: \\\n   Require all denied\n</Location>\n',
  );
});

test('an empty line after `\\\\` continues the directive, and formatting keeps the words Apache reads', () => {
  // Apache reads the empty line as continued because the text before it still ends in `\`:
  // `a` and `b` are two arguments, and Apache refuses the Header line.
  const input = 'Header set X-A a\\\\\n\n   b\n';
  const verdict = apacheConfigTest({ 'q.conf': input }, 'q.conf');
  assert.equal(verdict.ok, false, 'Apache reads `a   b` as two arguments');
  const before = parseConfig(input).children[0] as DirectiveNode;
  assert.deepEqual(before.args.map((a) => a.value), ['set', 'X-A', 'a', 'b']);
  const after = parseConfig(format(input)).children[0] as DirectiveNode;
  assert.deepEqual(after.args.map((a) => a.value), ['set', 'X-A', 'a', 'b']);
  assert.equal(apacheConfigTest({ 'q.conf': format(input) }, 'q.conf').line, verdict.line);
});

// ---------------------------------------------------------------------------
// Line endings, structure problems, edits

test('CRLF stays CRLF, and the final newline (or its absence) is kept', () => {
  assertFormats(
    '<Location /a>\r\n  Require   all granted  \r\n</Location>\r\n',
    '<Location /a>\r\n    Require all granted\r\n</Location>\r\n',
  );
  assertFormats('<Location /a>\nRequire all granted\n</Location>', '<Location /a>\n    Require all granted\n</Location>');
  assertFormats('ServerAdmin a@b   ', 'ServerAdmin a@b');
  assertFormats('ProxyPass /a http://b/ \\\r\nretry=0\r\n', 'ProxyPass /a http://b/ \\\r\n          retry=0\r\n');
});

test('lines with a lone CR (a line break for the editor, not for Apache) and files with NUL bytes are left alone', () => {
  assertUntouched('<Location /a>\n  Require   all\rgranted\n</Location>\n');
  assert.deepEqual(formatDocument(parseConfig('  ServerAdmin a@b\n\0\n'), SPACES), []);
  // A byte order mark is part of the first word to Apache ("Invalid command '\\xef\\xbb\\xbfServerAdmin'"): that line is left as written.
  assertFormats(
    '\uFEFF  ServerAdmin   a@b\n<Location /a>\nRequire all granted\n</Location>\n',
    '\uFEFF  ServerAdmin   a@b\n<Location /a>\n    Require all granted\n</Location>\n',
  );
});

test('unclosed and mismatched sections still format by the recovered tree, and keep every byte', () => {
  assertFormats(
    '<VirtualHost *:80>\n<Location /app>\nRequire all granted\n',
    '<VirtualHost *:80>\n    <Location /app>\n        Require all granted\n',
  );
  assertFormats(
    '<VirtualHost *:80>\n<Location /a>\nRequire all granted\n</VirtualHost>\nServerAdmin a@b\n',
    '<VirtualHost *:80>\n    <Location /a>\n        Require all granted\n</VirtualHost>\nServerAdmin a@b\n',
  );
  assertFormats(
    '  </Location>\n<Directory /a>\n  </Files>\n</Directory>\n',
    '</Location>\n<Directory /a>\n    </Files>\n</Directory>\n',
  );
  assertFormats('<Location /app\nRequire all granted\n</Location>\n', '<Location /app\n    Require all granted\n</Location>\n');
});

test('edits are minimal: one per changed line, from the first blank run that changes to the last', () => {
  const text = '<Location /a>\n    Require all granted\n  Header   set X 1\n</Location>\n';
  const edits = formatDocument(parseConfig(text), SPACES);
  assert.deepEqual(edits, [
    { range: { start: { line: 2, character: 0 }, end: { line: 2, character: 11 } }, newText: '    Header ' },
  ]);
  assertUntouched('<Location /a>\n    Require all granted\n</Location>\n');
});

test('range formatting touches only the lines in the range, with depth from the whole tree', () => {
  const text = '<VirtualHost *:80>\nServerName a\n<Location /a>\nRequire   all granted\nHeader set X 1\n</Location>\n</VirtualHost>\n';
  const file = parseConfig(text);
  const range: Range = { start: { line: 3, character: 2 }, end: { line: 4, character: 0 } };
  const out = applyEdits(text, formatRange(file, range, SPACES));
  assert.equal(out, text.replace('Require   all granted', '        Require all granted'));
  assert.deepEqual(formatRange(parseConfig(out), range, SPACES), [], 'range formatting is idempotent');
  // The whole document, then nothing left in any range.
  const whole = format(text);
  assert.deepEqual(formatRange(parseConfig(whole), { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, SPACES), []);
  // A continued directive cut by the range: the lines inside it still line up with the formatted first line.
  const continued = 'ProxyPass   /a http://b/ \\\n retry=0\n';
  const secondLine: Range = { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } };
  const second = applyEdits(continued, formatRange(parseConfig(continued), secondLine, SPACES));
  assert.equal(second, 'ProxyPass   /a http://b/ \\\n          retry=0\n');
});

test('a nonsense indent falls back to four spaces', () => {
  assertFormats(
    '<Location /a>\nRequire all granted\n</Location>\n',
    '<Location /a>\n    Require all granted\n</Location>\n',
    { indent: 'xx' },
  );
});

test('deep nesting does not exhaust the stack', () => {
  const depth = 1000;
  const text = '<IfDefine X>\n'.repeat(depth) + 'ServerAdmin a@b\n' + '</IfDefine>\n'.repeat(depth);
  const out = format(text, { indent: ' ' });
  assert.ok(out.includes(`\n${' '.repeat(depth)}ServerAdmin a@b\n`));
});

// ---------------------------------------------------------------------------
// Safety oracle: every fixture and every file of Debian's /etc/apache2

/** The tree without whitespace: kind, name, argument values, trimmed comment text, children. */
function shape(nodes: Node[]): unknown[] {
  return nodes.map((node) => {
    switch (node.kind) {
      case 'blank':
        return ['blank'];
      case 'comment':
        return ['comment', node.text.trim(), node.continuedLines];
      case 'strayClose':
        return ['strayClose', node.tag.name, node.tag.hasClosingBracket];
      case 'directive':
        return ['directive', node.name, node.args.map((a) => a.value), node.continuedLines];
      case 'section':
        return [
          'section',
          node.name,
          node.args.map((a) => a.value),
          node.open.hasClosingBracket,
          node.close ? [node.close.name, node.close.hasClosingBracket] : null,
          shape(node.children),
        ];
    }
  });
}

function diagnosticCodes(file: ConfigFile, fileName?: string): string[] {
  return [...new Set(analyzeFile(file, { fileName }).map((d) => String(d.code)))].sort();
}

/** Formats `text` and checks what must hold for any input; returns the formatted text. */
function assertSafeFormat(name: string, text: string, options: FormatOptions, fileName?: string): string {
  const before = parseConfig(text);
  const formatted = applyEdits(text, formatDocument(before, options));
  const after = parseConfig(formatted);
  assert.deepEqual(formatDocument(after, options), [], `${name}: formatting is not idempotent`);
  assert.deepEqual(shape(after.children), shape(before.children), `${name}: the tree changed beyond whitespace`);
  assert.deepEqual(after.problems.map((p) => p.kind), before.problems.map((p) => p.kind), `${name}: parse problems changed`);
  assert.deepEqual(diagnosticCodes(after, fileName), diagnosticCodes(before, fileName), `${name}: findings changed`);
  assert.equal(formatted.split('\n').length, text.split('\n').length, `${name}: line count changed`);
  assert.equal(formatted.replace(/\s+/g, ''), text.replace(/\s+/g, ''), `${name}: more than whitespace changed`);
  return formatted;
}

/**
 * Apache's own reading of a configuration: `apache2 -t -D DUMP_CONFIG` (mod_info
 * prints every directive it kept, with its line) and the verdict. Dump lines are
 * compared as words, the way Apache splits them, so blanks inside quotes count.
 */
function apacheReading(files: Record<string, string>, main: string): { ok: boolean; line?: number; message?: string; dump: string[] } {
  requireApache();
  const root = mkdtempSync(join(tmpdir(), 'apache-ssl-format-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const prelude = join(root, '.prelude.conf');
    writeFileSync(prelude, `${loadAllModules()}ServerName localhost\nErrorLog /dev/null\n`);
    const args = ['-t', '-D', 'DUMP_CONFIG', '-d', root, '-f', join(root, main), '-C', `Include ${prelude}`];
    const run = spawnSync('/usr/sbin/apache2', args, {
      encoding: 'utf8',
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin' },
    });
    if (run.error) throw run.error;
    const output = `${run.stdout}${run.stderr}`;
    const error = parseApacheError(output);
    // mod_macro's messages name the file, which lives in this run's own folder.
    return { ok: run.status === 0, line: error.line, message: error.message?.split(root).join('ROOT'), dump: dumpWords(run.stdout, root) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

function dumpWords(dump: string, root: string): string[] {
  return dump
    .split(root)
    .join('ROOT')
    .split('\n')
    .map((line) => JSON.stringify(splitWords(line, 0).map((w) => w.value)));
}

const fixtures = listFixtures();

test('every fixture: idempotent, same tree, same findings, and apache2 -t reads it the same way', async (t) => {
  assert.ok(fixtures.length > 20, `only ${fixtures.length} fixtures found`);
  let changed = 0;
  for (const fixture of fixtures) {
    await t.test(fixture.name, () => {
      const original = apacheReading({ 'fixture.conf': fixture.text }, 'fixture.conf');
      for (const [label, options] of [
        ['spaces', SPACES],
        ['tabs', TABS],
      ] as const) {
        const formatted = assertSafeFormat(`${fixture.name} (${label})`, fixture.text, options);
        if (formatted === fixture.text) continue;
        changed++;
        const reading = apacheReading({ 'fixture.conf': formatted }, 'fixture.conf');
        assert.equal(reading.ok, original.ok, `${fixture.name} (${label}): apache2 -t verdict changed:\n${reading.message}`);
        assert.equal(reading.line, original.line, `${fixture.name} (${label}): Apache blames another line`);
        assert.equal(reading.message, original.message, `${fixture.name} (${label}): Apache's message changed`);
        assert.deepEqual(reading.dump, original.dump, `${fixture.name} (${label}): Apache reads other directives`);
      }
    });
  }
  assert.ok(changed > 10, `formatting changed only ${changed} fixture variants: the oracle tests too little`);
});

const ETC = '/etc/apache2';
/** Not configuration: a shell script sourced by apache2ctl and mod_mime_magic's data file. */
const NOT_CONFIGURATION = new Set(['envvars', 'magic']);

function requireDebianTree(): void {
  assert.ok(
    existsSync(ETC) && existsSync(join(ETC, 'apache2.conf')),
    `${ETC} is missing: these tests need Debian's Apache configuration. Install it with: apt-get install -y apache2`,
  );
}

/** Regular files under `root`, through symlinks, each real file once, skipping the non-configuration files. */
function configurationFiles(root: string): { path: string; name: string }[] {
  const found = new Map<string, { path: string; name: string }>();
  const seenFolders = new Set<string>();
  const visit = (folder: string) => {
    if (seenFolders.has(realpathSync(folder))) return;
    seenFolders.add(realpathSync(folder));
    for (const entry of readdirSync(folder).sort()) {
      const path = join(folder, entry);
      let stats;
      try {
        stats = statSync(path);
      } catch {
        continue; // a dangling link
      }
      if (stats.isDirectory()) visit(path);
      else if (stats.isFile() && !NOT_CONFIGURATION.has(relative(root, path))) {
        const real = realpathSync(path);
        if (!found.has(real)) found.set(real, { path, name: relative(root, path) });
      }
    }
  };
  visit(root);
  return [...found.values()];
}

test('every file of Debian /etc/apache2: idempotent, same tree, same findings', async (t) => {
  requireDebianTree();
  const files = configurationFiles(ETC);
  assert.ok(files.length > 40, `only ${files.length} files under ${ETC}`);
  let changed = 0;
  for (const { path, name } of files) {
    await t.test(name, () => {
      const text = readFileSync(path, 'utf8');
      for (const options of [SPACES, TABS]) {
        if (assertSafeFormat(name, text, options, path) !== text) changed++;
      }
    });
  }
  assert.ok(changed > 20, `formatting changed only ${changed} Debian file variants`);
});

interface DebianRun {
  ok: boolean;
  output: string;
  vhosts: string;
  dump: string[];
}

/** `apache2 -t`, `-S` and `-t -D DUMP_CONFIG` on a copy of the Debian tree, with apache2ctl's environment. */
function runDebianCopy(copy: string): DebianRun {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    APACHE_RUN_USER: 'www-data',
    APACHE_RUN_GROUP: 'www-data',
    APACHE_PID_FILE: join(copy, 'apache2.pid'),
    APACHE_RUN_DIR: join(copy, 'run'),
    APACHE_LOCK_DIR: join(copy, 'lock'),
    APACHE_LOG_DIR: join(copy, 'log'),
  };
  const run = (...flags: string[]) => {
    const args = [...flags, '-d', copy, '-f', join(copy, 'apache2.conf')];
    const result = spawnSync('/usr/sbin/apache2', args, { encoding: 'utf8', timeout: 60_000, env });
    if (result.error) throw result.error;
    return { status: result.status, out: `${result.stdout}${result.stderr}` };
  };
  const check = run('-t');
  return {
    ok: check.status === 0,
    output: check.out,
    // -S lists mutexes from a hash table, in no fixed order.
    vhosts: run('-S').out.split('\n').sort().join('\n'),
    dump: dumpWords(run('-t', '-D', 'DUMP_CONFIG').out, copy),
  };
}

/** A copy of /etc/apache2 whose links stay relative (so they point into the copy). */
function copyDebianTree(enableEverything: boolean): string {
  const copy = mkdtempSync(join(tmpdir(), 'apache-ssl-debian-'));
  cpSync(ETC, copy, { recursive: true, verbatimSymlinks: true });
  for (const folder of ['run', 'lock', 'log']) mkdirSync(join(copy, folder), { recursive: true });
  if (enableEverything) {
    const enable = (available: string, enabled: string, skip: (name: string) => boolean) => {
      for (const name of readdirSync(join(copy, available))) {
        const link = join(copy, enabled, name);
        if (skip(name) || existsSync(link)) continue;
        symlinkSync(join('..', available, name), link);
      }
    };
    enable('mods-available', 'mods-enabled', (name) => name.startsWith('mpm_'));
    enable('conf-available', 'conf-enabled', () => false);
    enable('sites-available', 'sites-enabled', () => false);
    // default-ssl.conf names the snakeoil pair from package ssl-cert: point it at a pair made here.
    const { cert, key } = selfSignedPair();
    writeFileSync(join(copy, 'snakeoil.pem'), cert);
    writeFileSync(join(copy, 'snakeoil.key'), key);
    const site = join(copy, 'sites-available', 'default-ssl.conf');
    writeFileSync(
      site,
      readFileSync(site, 'utf8')
        .replace('/etc/ssl/certs/ssl-cert-snakeoil.pem', join(copy, 'snakeoil.pem'))
        .replace('/etc/ssl/private/ssl-cert-snakeoil.key', join(copy, 'snakeoil.key')),
    );
  }
  for (const folder of ['mods-enabled', 'conf-enabled', 'sites-enabled']) {
    for (const name of readdirSync(join(copy, folder))) {
      const path = join(copy, folder, name);
      if (lstatSync(path).isSymbolicLink()) {
        assert.ok(realpathSync(path).startsWith(realpathSync(copy)), `${path} points outside the copy`);
      }
    }
  }
  return copy;
}

function selfSignedPair(): { cert: string; key: string } {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const key = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const forgeKey = forge.pki.privateKeyFromPem(key) as forge.pki.rsa.PrivateKey;
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.now() - 86_400_000);
  cert.validity.notAfter = new Date(Date.now() + 30 * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: 'localhost' }]);
  cert.setIssuer([{ name: 'commonName', value: 'localhost' }]);
  cert.sign(forgeKey, forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key };
}

/** Formats every configuration file of the copy in place (links are formatted through their target once). */
function formatTree(copy: string, options: FormatOptions): number {
  let changedFiles = 0;
  for (const { path } of configurationFiles(copy)) {
    const text = readFileSync(path, 'utf8');
    const formatted = applyEdits(text, formatDocument(parseConfig(text), options));
    if (formatted !== text) {
      writeFileSync(path, formatted);
      changedFiles++;
    }
  }
  return changedFiles;
}

for (const enableEverything of [false, true]) {
  const label = enableEverything ? 'every module, conf and site enabled' : 'as shipped';
  test(`Debian /etc/apache2 (${label}), formatted whole: apache2 -t, -S and DUMP_CONFIG read the same configuration`, (t) => {
    requireDebianTree();
    requireApache();
    for (const [indentName, options] of [
      ['spaces', SPACES],
      ['tabs', TABS],
    ] as const) {
      const copy = copyDebianTree(enableEverything);
      t.after(() => rmSync(copy, { recursive: true, force: true }));
      const before = runDebianCopy(copy);
      assert.ok(before.ok, `the unformatted copy must pass apache2 -t:\n${before.output}`);
      if (enableEverything) assert.ok(before.dump.length > 500, 'mod_info is enabled, so DUMP_CONFIG lists the configuration');
      const changedFiles = formatTree(copy, options);
      // Debian indents with tabs: with tabs, only the files with odd spacing change.
      assert.ok(changedFiles > (indentName === 'tabs' ? 3 : 10), `only ${changedFiles} files changed (${indentName})`);
      const after = runDebianCopy(copy);
      assert.equal(after.ok, before.ok, `apache2 -t verdict changed (${indentName}):\n${after.output}`);
      assert.equal(after.output, before.output, `apache2 -t output changed (${indentName})`);
      assert.equal(after.vhosts, before.vhosts, `apache2 -S changed (${indentName})`);
      assert.deepEqual(after.dump, before.dump, `DUMP_CONFIG changed (${indentName})`);
      t.diagnostic(`${indentName}: ${changedFiles} files formatted, ${after.dump.length} DUMP_CONFIG lines compared`);
    }
  });
}
