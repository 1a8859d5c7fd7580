// `check --fix` and `check --fix --dry-run`, run as CI runs them: the built
// dist/cli.js on trees in temporary folders. --fix rewrites exactly what the
// preferred fixes say and nothing else; --dry-run writes nothing and prints
// the same change as a diff; the exit status is that of what remains.
// Run `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { requireApache } from '../support/apacheOracle';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const MODULES = '/usr/lib/apache2/modules';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], cwd: string): Run {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const show = (run: Run) => `status ${run.status}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;

const temps: string[] = [];

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'apache-ssl-fix-'));
  temps.push(dir);
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

/** Every file's bytes and modification time, to see that nothing else was touched. */
function snapshot(dir: string, names: string[]): Record<string, { bytes: string; mtimeMs: number }> {
  return Object.fromEntries(names.map((name) => [name, { bytes: readFileSync(join(dir, name)).toString('hex'), mtimeMs: statSync(join(dir, name)).mtimeMs }]));
}

before(() => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` before these tests`);
});

after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const MAIN = [
  `LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so`,
  `LoadModule authz_core_module ${MODULES}/mod_authz_core.so`,
  'ServerName fix.example',
  'ErrorLog /dev/null',
  'Include site.conf',
  '',
].join('\n');

/** Two modules missing (one LoadModule per pass: they go at the same place), four expression fixes, and one error no fix is preferred for. */
const SITE = [
  '<Location /app/>',
  '    Header set X-App 1',
  `    SetEnvIfExpr "%{HTTP_HOST} eq 'a.example' and -n %{QUERY_STRING}" app=1`,
  '    <RequireAll>',
  '        Require all granted',
  '        Require expr %{REQUEST_METHOD} != "TRACE"',
  '    </RequireAll>',
  '</Location>',
  `<If "%{HTTP_HOST} ne 'b.example'">`,
  '    Header set X-Other 1',
  '</If>',
  `<If "tolower(%{HTTP_HOST}) -gt 'm'">`,
  '    Header set X-Late 1',
  '</If>',
  '',
].join('\n');

const FIXED_MAIN = MAIN.replace(
  'ServerName',
  `LoadModule headers_module ${MODULES}/mod_headers.so\nLoadModule setenvif_module ${MODULES}/mod_setenvif.so\nServerName`,
);
const FIXED_SITE = SITE.replace(`eq 'a.example' and -n`, `== 'a.example' && -n`)
  .replace('Require expr %{REQUEST_METHOD} != "TRACE"', `Require expr "%{REQUEST_METHOD} != 'TRACE'"`)
  .replace(`%{HTTP_HOST} ne 'b.example'`, `%{HTTP_HOST} != 'b.example'`);

const FIX_LINES = (verb: string) =>
  [
    `site.conf:2: ${verb} mod/unknown-directive: Load the module: add \`LoadModule headers_module ${MODULES}/mod_headers.so\` to httpd.conf`,
    `site.conf:3: ${verb} expr/integer-operator-on-string: Change eq to == (compare text)`,
    `site.conf:3: ${verb} expr/word-operators: Change and to &&`,
    `site.conf:6: ${verb} expr/quoting: Put the expression in double quotes`,
    `site.conf:9: ${verb} expr/integer-operator-on-string: Change ne to != (compare text)`,
    // The second pass: now the LoadModule line goes after the one the first pass added.
    `site.conf:3: ${verb} mod/unknown-directive: Load the module: add \`LoadModule setenvif_module ${MODULES}/mod_setenvif.so\` to httpd.conf`,
  ].join('\n') + '\n';

const REMAINING =
  "site.conf:12:28: error: -gt compares integers: Apache reads each side as a number (apr_atoi64), and tolower(%{HTTP_HOST}) and the text 'm' are not numeric: " +
  'each counts as 0, whatever the text. Use > for text (lexical order), or compare a numeric value. [expr/integer-operator-on-string]\n' +
  '2 files checked: 1 error, 0 warnings\n';

function apacheTest(dir: string): { ok: boolean; output: string } {
  requireApache();
  const run = spawnSync('/usr/sbin/apache2', ['-t', '-d', dir, '-f', join(dir, 'httpd.conf')], { encoding: 'utf8', timeout: 30_000, env: { PATH: '/usr/bin:/bin' } });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

test('--fix applies every preferred fix, across files and passes, prints one line each, then reports what remains', () => {
  const dir = tree({ 'httpd.conf': MAIN, 'site.conf': SITE });
  const refused = apacheTest(dir);
  assert.ok(!refused.ok && /Invalid command 'Header'/.test(refused.output), refused.output);

  const run = cli(['check', 'site.conf', '--root', 'httpd.conf', '--fix'], dir);
  assert.equal(run.status, 1, `an error no fix is preferred for remains\n${show(run)}`);
  assert.equal(run.stdout, FIX_LINES('fixed') + REMAINING);
  assert.equal(run.stderr, '');
  assert.equal(readFileSync(join(dir, 'httpd.conf'), 'utf8'), FIXED_MAIN);
  assert.equal(readFileSync(join(dir, 'site.conf'), 'utf8'), FIXED_SITE);
  const accepted = apacheTest(dir);
  assert.ok(accepted.ok, accepted.output);

  // Nothing is left to fix: a second run writes nothing.
  const written = snapshot(dir, ['httpd.conf', 'site.conf']);
  const again = cli(['check', 'site.conf', '--root', 'httpd.conf', '--fix'], dir);
  assert.equal(again.stdout, REMAINING, show(again));
  assert.deepEqual(snapshot(dir, ['httpd.conf', 'site.conf']), written);
});

test('the exit status is that of the findings left: 0 once every error was fixed', () => {
  const clean = SITE.split('\n').slice(0, 11).join('\n') + '\n';
  const dir = tree({ 'httpd.conf': MAIN, 'site.conf': clean });
  assert.equal(cli(['check', 'site.conf', '--root', 'httpd.conf'], dir).status, 1, 'before: Header is unknown');
  const run = cli(['check', 'site.conf', '--root', 'httpd.conf', '--fix'], dir);
  assert.equal(run.status, 0, show(run));
  assert.ok(run.stdout.endsWith('\n2 files checked: 0 errors, 0 warnings\n'), run.stdout);
});

test('--fix --dry-run writes nothing and prints the same change as a unified diff that patch applies', () => {
  const dir = tree({ 'httpd.conf': MAIN, 'site.conf': SITE });
  const untouched = snapshot(dir, ['httpd.conf', 'site.conf']);
  const run = cli(['check', 'site.conf', '--root', 'httpd.conf', '--fix', '--dry-run'], dir);
  assert.equal(run.status, 1, show(run));
  assert.deepEqual(snapshot(dir, ['httpd.conf', 'site.conf']), untouched, 'no file written');
  const diff = [
    '--- httpd.conf',
    '+++ httpd.conf',
    '@@ -1,5 +1,7 @@',
    ` LoadModule mpm_event_module ${MODULES}/mod_mpm_event.so`,
    ` LoadModule authz_core_module ${MODULES}/mod_authz_core.so`,
    `+LoadModule headers_module ${MODULES}/mod_headers.so`,
    `+LoadModule setenvif_module ${MODULES}/mod_setenvif.so`,
    ' ServerName fix.example',
    ' ErrorLog /dev/null',
    ' Include site.conf',
    '--- site.conf',
    '+++ site.conf',
    '@@ -1,12 +1,12 @@',
    ' <Location /app/>',
    '     Header set X-App 1',
    `-    SetEnvIfExpr "%{HTTP_HOST} eq 'a.example' and -n %{QUERY_STRING}" app=1`,
    `+    SetEnvIfExpr "%{HTTP_HOST} == 'a.example' && -n %{QUERY_STRING}" app=1`,
    '     <RequireAll>',
    '         Require all granted',
    '-        Require expr %{REQUEST_METHOD} != "TRACE"',
    `+        Require expr "%{REQUEST_METHOD} != 'TRACE'"`,
    '     </RequireAll>',
    ' </Location>',
    `-<If "%{HTTP_HOST} ne 'b.example'">`,
    `+<If "%{HTTP_HOST} != 'b.example'">`,
    '     Header set X-Other 1',
    ' </If>',
    ` <If "tolower(%{HTTP_HOST}) -gt 'm'">`,
    '',
  ].join('\n');
  assert.equal(run.stdout, FIX_LINES('would fix') + diff + REMAINING);

  // The diff is what --fix would write.
  const copy = mkdtempSync(join(tmpdir(), 'apache-ssl-fix-patch-'));
  temps.push(copy);
  cpSync(dir, copy, { recursive: true });
  const patch = spawnSync('patch', ['-p0', '-s'], { cwd: copy, input: diff, encoding: 'utf8' });
  assert.equal(patch.status, 0, `${patch.stdout}${patch.stderr}`);
  assert.equal(readFileSync(join(copy, 'httpd.conf'), 'utf8'), FIXED_MAIN);
  assert.equal(readFileSync(join(copy, 'site.conf'), 'utf8'), FIXED_SITE);
});

test('only the bytes a fix names change: CRLF and UTF-8 elsewhere stay; a file that is not UTF-8 is left alone', () => {
  const crlf = Buffer.from("# café\r\n<If \"%{HTTP_HOST} eq 'a'\">\r\n    Redirect / https://a.example/\r\n</If>", 'utf8');
  const latin1 = Buffer.concat([Buffer.from('# caf'), Buffer.from([0xe9]), Buffer.from("\n<If \"%{HTTP_HOST} eq 'a'\">\n</If>\n")]);
  const dir = tree({ 'crlf.conf': crlf, 'latin1.conf': latin1 });
  const run = cli(['check', 'crlf.conf', 'latin1.conf', '--fix'], dir);
  assert.equal(run.status, 1, `latin1.conf keeps its error\n${show(run)}`);
  assert.ok(run.stdout.startsWith('crlf.conf:2: fixed expr/integer-operator-on-string: Change eq to == (compare text)\n'), run.stdout);
  assert.ok(!run.stdout.includes('latin1.conf:2: fixed'), run.stdout);
  assert.equal(run.stderr, 'apache-ssl: not fixed: latin1.conf: not valid UTF-8\n');
  assert.deepEqual(readFileSync(join(dir, 'crlf.conf')), Buffer.from("# café\r\n<If \"%{HTTP_HOST} == 'a'\">\r\n    Redirect / https://a.example/\r\n</If>", 'utf8'));
  assert.deepEqual(readFileSync(join(dir, 'latin1.conf')), latin1);
});

test('fixes that meet at one offset without sharing text all apply in one pass', () => {
  // The quotes go before `not` and after `true`, which two other fixes replace.
  const dir = tree({ 'a.conf': '<Location /a/>\n    Require expr not -z %{QUERY_STRING} and true\n</Location>\n' });
  const run = cli(['check', 'a.conf', '--fix'], dir);
  assert.equal(run.status, 0, show(run));
  assert.equal(
    run.stdout.split('\n').slice(0, 3).join('\n'),
    [
      'a.conf:2: fixed expr/quoting: Put the expression in double quotes',
      'a.conf:2: fixed expr/word-operators: Change not to !',
      'a.conf:2: fixed expr/word-operators: Change and to &&',
    ].join('\n'),
  );
  assert.equal(readFileSync(join(dir, 'a.conf'), 'utf8'), '<Location /a/>\n    Require expr "! -z %{QUERY_STRING} && true"\n</Location>\n');
});

test('with --format json the report stays JSON on stdout and the fixes are listed on stderr', () => {
  const dir = tree({ 'a.conf': "<If \"%{HTTP_HOST} eq 'a'\">\n</If>\n" });
  const run = cli(['check', 'a.conf', '--fix', '--format', 'json'], dir);
  assert.equal(run.status, 0, show(run));
  assert.deepEqual(JSON.parse(run.stdout), { files: [{ path: 'a.conf', diagnostics: [] }] });
  assert.equal(run.stderr, 'a.conf:1: fixed expr/integer-operator-on-string: Change eq to == (compare text)\n');
  assert.equal(readFileSync(join(dir, 'a.conf'), 'utf8'), "<If \"%{HTTP_HOST} == 'a'\">\n</If>\n");
});

test('--dry-run without --fix, or with a value, is a usage error', () => {
  const dir = tree({ 'a.conf': 'ServerName a.example\n' });
  for (const args of [['--dry-run'], ['--fix=yes'], ['--fix', '--dry-run=1']]) {
    const run = cli(['check', 'a.conf', ...args], dir);
    assert.equal(run.status, 2, `${args.join(' ')}\n${show(run)}`);
    assert.match(run.stderr, /^apache-ssl: (--dry-run goes with --fix|--fix takes no value|--dry-run takes no value)\n/);
  }
  const help = cli(['--help'], dir);
  assert.match(help.stdout, /--fix {2,}apply every preferred quick fix/);
  assert.match(help.stdout, /--dry-run {2,}with --fix: print a unified diff/);
});
