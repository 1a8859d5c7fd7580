// The `check` CLI as a CI pipeline runs it: the built dist/cli.js is spawned
// (no shell) and only its exit status, stdout and stderr are looked at.
// Run `npm run build` first.
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import AjvDraft04 from 'ajv-draft-04';

const ROOT = resolve(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

/** `path:line:col: severity: message [rule-id]`, 1-based. */
const FINDING_LINE = /^(.+):(\d+):(\d+): (error|warning|information|hint): (.+) \[([a-z]+\/[a-z0-9-]+)\]$/;
const SUMMARY_LINE = /^(\d+) files? checked: (\d+) errors?, (\d+) warnings?(?: \(loaded modules not checked in \d+ files?, which no main configuration includes\))?$/;
/** The summary's note for files checked without a main configuration (their modules are unknown). */
const unchecked = (files: number) => ` (loaded modules not checked in ${files === 1 ? '1 file' : `${files} files`}, which no main configuration includes)`;
/** What a crash leaves on stderr: a JS stack, a V8 fatal error or a C++ abort. */
const CRASH = /^\s+at\s|\b(RangeError|TypeError|ReferenceError|FATAL ERROR|bad_alloc|Aborted)\b|Maximum call stack/m;

interface Run {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

function cli(args: string[], options: { cwd?: string; timeout?: number; uid?: number; gid?: number } = {}): Run {
  const result: SpawnSyncReturns<string> = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    timeout: options.timeout ?? 60_000,
    killSignal: 'SIGKILL',
    maxBuffer: 256 * 1024 * 1024,
    uid: options.uid,
    gid: options.gid,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, error: result.error };
}

function show(run: Run): string {
  return `status ${run.status} signal ${run.signal}${run.error ? ` error ${run.error.message}` : ''}\n--- stdout\n${run.stdout.slice(0, 4000)}\n--- stderr\n${run.stderr.slice(0, 4000)}`;
}

function assertNoCrash(run: Run): void {
  assert.equal(run.signal, null, `killed (timeout or crash)\n${show(run)}`);
  assert.ok(run.status === 0 || run.status === 1, `status must be 0 or 1\n${show(run)}`);
  assert.doesNotMatch(run.stderr, CRASH, `stack trace on stderr\n${show(run)}`);
}

// ---------------------------------------------------------------- temp files

const temps: string[] = [];
/** Folders made unreadable by a test, restored before clean-up. */
const locked: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'apache-ssl-cli-'));
  temps.push(dir);
  return dir;
}

/** Writes `files` (relative path → content) under a new temp folder and returns it. */
function tree(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

after(() => {
  for (const path of locked) chmodSync(path, 0o755);
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

before(() => {
  assert.ok(existsSync(CLI), `${CLI} is missing: run \`npm run build\` before these tests`);
});

// ---------------------------------------------------------------- fixtures

/** One error (unclosed <Location>) and nothing else. */
const UNCLOSED = '<Location /a>\n    Require all granted\n';
/** A config Apache accepts, with one warning: the trailing "# legacy" becomes two more aliases. */
const WARN_ONLY = '<VirtualHost *:80>\n    ServerName a.example\n    ServerAlias b.example # legacy\n</VirtualHost>\n';
const UNCLOSED_LINE =
  'broken.conf:1:1: error: <Location> is never closed: Apache refuses to start with "<Location> was not closed." ' +
  'Add </Location> where the section should end. [syntax/unclosed-section]';
const CLEAN = '<VirtualHost *:80>\n    ServerName a.example\n    ProxyPass / http://127.0.0.1:9000/\n    ProxyPassReverse / http://127.0.0.1:9000/\n</VirtualHost>\n';
/**
 * A warning on line 3 (the end-of-line comment starts at 0-based character 26)
 * and an error on line 5 (the indented, unclosed <Location> starts at character 2).
 */
const MIXED = [
  'ServerName a.example',
  '<VirtualHost *:80>',
  '    ServerAlias b.example # legacy',
  '</VirtualHost>',
  '  <Location /a>',
  '',
].join('\n');

// ================================================================ exit status

test('exit 1 when a file has an error finding, and the finding is printed', () => {
  const dir = tree({ 'broken.conf': UNCLOSED });
  const run = cli(['check', 'broken.conf'], { cwd: dir });
  assert.equal(run.status, 1, show(run));
  assert.equal(run.stdout, `${UNCLOSED_LINE}\n1 file checked: 1 error, 0 warnings${unchecked(1)}\n`);
  assert.equal(run.stderr, '');
});

test('exit 0 with a clean file', () => {
  const dir = tree({ 'clean.conf': CLEAN });
  const run = cli(['check', 'clean.conf'], { cwd: dir });
  assert.equal(run.status, 0, show(run));
  assert.equal(run.stdout, `1 file checked: 0 errors, 0 warnings${unchecked(1)}\n`);
  assert.equal(run.stderr, '');
});

test('exit 0 with warnings only', () => {
  const dir = tree({ 'warn.conf': WARN_ONLY });
  const run = cli(['check', 'warn.conf'], { cwd: dir });
  assert.equal(run.status, 0, show(run));
  assert.match(run.stdout, /^warn\.conf:3:27: warning: .+ \[syntax\/trailing-comment\]$/m);
  assert.match(run.stdout, /^1 file checked: 0 errors, 1 warning\b/m);
});

test('--exit-zero: exit 0 on the error file, findings still printed', () => {
  const dir = tree({ 'broken.conf': UNCLOSED });
  for (const args of [['check', '--exit-zero', 'broken.conf'], ['check', 'broken.conf', '--exit-zero']]) {
    const run = cli(args, { cwd: dir });
    assert.equal(run.status, 0, show(run));
    assert.equal(run.stdout, `${UNCLOSED_LINE}\n1 file checked: 1 error, 0 warnings${unchecked(1)}\n`);
  }
});

test('exit 2 on a missing path, stderr names it, the other files are still checked', () => {
  const dir = tree({ 'broken.conf': UNCLOSED });
  const run = cli(['check', 'broken.conf', 'does-not-exist.conf'], { cwd: dir });
  assert.equal(run.status, 2, show(run));
  assert.equal(run.stderr, 'apache-ssl: cannot read does-not-exist.conf: no such file or folder\n');
  assert.equal(run.stdout, `${UNCLOSED_LINE}\n1 file checked: 1 error, 0 warnings${unchecked(1)}\n`);
  // --exit-zero forgives findings, not I/O errors.
  assert.equal(cli(['check', '--exit-zero', 'does-not-exist.conf'], { cwd: dir }).status, 2);
  // A missing folder too.
  const folder = cli(['check', join(dir, 'no-such-folder')]);
  assert.equal(folder.status, 2, show(folder));
  assert.ok(folder.stderr.includes(join(dir, 'no-such-folder')), show(folder));
});

test('exit 2 with usage on stderr for usage errors', () => {
  const dir = tree({ 'clean.conf': CLEAN });
  const cases: [string[], string][] = [
    [['check', '--frobnicate', 'clean.conf'], "unknown option '--frobnicate'"],
    [['check', '-x', 'clean.conf'], "unknown option '-x'"],
    [['check'], 'check needs at least one PATH'],
    [['check', '--exit-zero'], 'check needs at least one PATH'],
    [[], 'no command given'],
    [['lint', 'clean.conf'], "unknown command 'lint'"],
    [['check', '--format', 'xml', 'clean.conf'], "--format takes text, json or sarif, not 'xml'"],
    [['check', '--format=yaml', 'clean.conf'], "--format takes text, json or sarif, not 'yaml'"],
    [['check', 'clean.conf', '--format'], "--format takes text, json or sarif, not ''"],
    [['check', 'clean.conf', '--root'], '--root needs the path of the main configuration file'],
  ];
  for (const [args, message] of cases) {
    const run = cli(args, { cwd: dir });
    assert.equal(run.status, 2, `${args.join(' ')}\n${show(run)}`);
    assert.equal(run.stdout, '', `${args.join(' ')}: nothing on stdout\n${show(run)}`);
    assert.ok(run.stderr.startsWith(`apache-ssl: ${message}\n`), `${args.join(' ')}\n${show(run)}`);
    assert.match(run.stderr, /Usage: apache-ssl check PATH\.\.\./, `${args.join(' ')}: usage on stderr`);
  }
});

test('--help and -h print usage on stdout and exit 0', () => {
  for (const args of [['--help'], ['-h'], ['check', '--help'], ['check', 'x.conf', '-h']]) {
    const run = cli(args);
    assert.equal(run.status, 0, `${args.join(' ')}\n${show(run)}`);
    assert.equal(run.stderr, '');
    assert.match(run.stdout, /^Usage: apache-ssl check PATH\.\.\. \[options\]/);
    for (const option of ['--format text|json|sarif', '--root MAIN', '--exit-zero', '-h, --help', 'Exit status']) {
      assert.ok(run.stdout.includes(option), `usage mentions ${option}`);
    }
  }
});

// ================================================================ text format

test('text format: exact 1-based lines and the summary', () => {
  const dir = tree({ 'mixed.conf': MIXED });
  const run = cli(['check', 'mixed.conf'], { cwd: dir });
  assert.equal(run.status, 1, show(run));
  const lines = run.stdout.split('\n');
  assert.equal(lines.pop(), '', 'output ends with a newline');
  assert.equal(lines.length, 3, show(run));
  assert.match(lines[0], /^mixed\.conf:3:27: warning: Apache has no end-of-line comments: .+ \[syntax\/trailing-comment\]$/);
  assert.equal(
    lines[1],
    'mixed.conf:5:3: error: <Location> is never closed: Apache refuses to start with "<Location> was not closed." ' +
      'Add </Location> where the section should end. [syntax/unclosed-section]',
  );
  assert.equal(lines[2], '1 file checked: 1 error, 1 warning');
});

test('text format: every line is a finding or the final summary, and the summary counts them', () => {
  const dir = tree({ 'mixed.conf': MIXED, 'broken.conf': UNCLOSED, 'clean.conf': CLEAN });
  const run = cli(['check', 'mixed.conf', 'broken.conf', 'clean.conf'], { cwd: dir });
  assert.equal(run.status, 1, show(run));
  const lines = run.stdout.trimEnd().split('\n');
  const summary = SUMMARY_LINE.exec(lines.pop() ?? '');
  assert.ok(summary, show(run));
  const findings = lines.map((line) => {
    const match = FINDING_LINE.exec(line);
    assert.ok(match, `not a finding line: ${line}`);
    return { path: match[1], line: Number(match[2]), column: Number(match[3]), severity: match[4] };
  });
  assert.ok(findings.every((f) => f.line >= 1 && f.column >= 1));
  assert.deepEqual([...new Set(findings.map((f) => f.path))], ['mixed.conf', 'broken.conf'], 'in argument order');
  assert.equal(Number(summary[1]), 3);
  assert.equal(Number(summary[2]), findings.filter((f) => f.severity === 'error').length);
  assert.equal(Number(summary[3]), findings.filter((f) => f.severity === 'warning').length);
});

test('text format: a path given twice is checked once', () => {
  const dir = tree({ 'broken.conf': UNCLOSED });
  const run = cli(['check', 'broken.conf', 'broken.conf'], { cwd: dir });
  assert.equal(run.stdout, `${UNCLOSED_LINE}\n1 file checked: 1 error, 0 warnings${unchecked(1)}\n`);
});

// ================================================================ JSON format

test('JSON format: exact shape with 0-based positions', () => {
  const dir = tree({ 'mixed.conf': MIXED, 'clean.conf': CLEAN });
  const run = cli(['check', '--format', 'json', 'mixed.conf', 'clean.conf'], { cwd: dir });
  assert.equal(run.status, 1, show(run));
  assert.equal(run.stderr, '');
  const output = JSON.parse(run.stdout) as {
    files: { path: string; diagnostics: { code: string; severity: string; message: string; range: unknown }[] }[];
  };
  assert.deepEqual(Object.keys(output), ['files']);
  assert.equal(output.files.length, 2);
  for (const file of output.files) assert.deepEqual(Object.keys(file), ['path', 'diagnostics']);
  assert.deepEqual(output.files[1], { path: 'clean.conf', diagnostics: [] });
  const [mixed] = output.files;
  assert.equal(mixed.path, 'mixed.conf');
  for (const diagnostic of mixed.diagnostics) {
    assert.deepEqual(Object.keys(diagnostic), ['code', 'severity', 'message', 'range']);
    assert.equal(typeof diagnostic.message, 'string');
    assert.ok(diagnostic.message.length > 0);
  }
  assert.deepEqual(
    mixed.diagnostics.map(({ code, severity, range }) => ({ code, severity, range })),
    [
      {
        code: 'syntax/trailing-comment',
        severity: 'warning',
        range: { start: { line: 2, character: 26 }, end: { line: 2, character: 34 } },
      },
      {
        code: 'syntax/unclosed-section',
        severity: 'error',
        range: { start: { line: 4, character: 2 }, end: { line: 4, character: 15 } },
      },
    ],
  );
  assert.equal(
    mixed.diagnostics[1].message,
    '<Location> is never closed: Apache refuses to start with "<Location> was not closed." Add </Location> where the section should end.',
  );
});

test('JSON format: --format=json is the same as --format json, and agrees with the text format', () => {
  const dir = tree({ 'mixed.conf': MIXED, 'broken.conf': UNCLOSED });
  const spaced = cli(['check', '--format', 'json', 'mixed.conf', 'broken.conf'], { cwd: dir });
  const joined = cli(['check', '--format=json', 'mixed.conf', 'broken.conf'], { cwd: dir });
  assert.equal(joined.status, 1, show(joined));
  assert.equal(joined.stdout, spaced.stdout);
  const text = cli(['check', '--format=text', 'mixed.conf', 'broken.conf'], { cwd: dir });
  const fromJson = (JSON.parse(joined.stdout) as { files: { path: string; diagnostics: JsonDiagnostic[] }[] }).files.flatMap(
    ({ path, diagnostics }) =>
      diagnostics.map(
        (d) => `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${d.severity}: ${d.message} [${d.code}]`,
      ),
  );
  assert.deepEqual(fromJson, text.stdout.trimEnd().split('\n').slice(0, -1));
});

interface JsonDiagnostic {
  code: string;
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

// ================================================================ SARIF

interface SarifLog {
  $schema: string;
  version: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; shortDescription: { text: string } }[] } };
    results: {
      ruleId: string;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string };
          region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
        };
      }[];
    }[];
  }[];
}

test('SARIF 2.1.0: driver, rules and 1-based results with artifact URIs', () => {
  const dir = tree({ 'mixed.conf': MIXED, 'broken.conf': UNCLOSED, 'clean.conf': CLEAN });
  const paths = ['mixed.conf', 'broken.conf', 'clean.conf'].map((name) => join(dir, name));
  const run = cli(['check', '--format', 'sarif', ...paths]);
  assert.equal(run.status, 1, show(run));
  assert.equal(run.stderr, '');
  const sarif = JSON.parse(run.stdout) as SarifLog;
  assert.equal(sarif.version, '2.1.0');
  assert.match(sarif.$schema, /sarif-2\.1\.0/);
  assert.equal(sarif.runs.length, 1);
  const { driver } = sarif.runs[0].tool;
  assert.equal(driver.name, 'apache-ssl');
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  assert.equal(driver.version, version);
  const ruleIds = driver.rules.map((rule) => rule.id);
  assert.equal(new Set(ruleIds).size, ruleIds.length, 'rule ids are unique');
  for (const rule of driver.rules) assert.ok(rule.shortDescription.text.length > 0, `${rule.id} has a description`);

  const json = JSON.parse(cli(['check', '--format', 'json', ...paths]).stdout) as {
    files: { path: string; diagnostics: JsonDiagnostic[] }[];
  };
  const expected = json.files.flatMap(({ path, diagnostics }) => diagnostics.map((d) => ({ path, d })));
  const { results } = sarif.runs[0];
  assert.equal(results.length, expected.length);
  assert.equal(results.length, 3);
  results.forEach((result, i) => {
    const { path, d } = expected[i];
    assert.ok(ruleIds.includes(result.ruleId), `rules array lacks ${result.ruleId}`);
    assert.equal(result.ruleId, d.code);
    assert.equal(result.level, { error: 'error', warning: 'warning', information: 'note', hint: 'note' }[d.severity]);
    assert.equal(result.message.text, d.message);
    assert.equal(result.locations.length, 1);
    const { artifactLocation, region } = result.locations[0].physicalLocation;
    assert.match(artifactLocation.uri, /^file:\/\//);
    assert.equal(fileURLToPath(artifactLocation.uri), path);
    assert.deepEqual(region, {
      startLine: d.range.start.line + 1,
      startColumn: d.range.start.character + 1,
      endLine: d.range.end.line + 1,
      endColumn: d.range.end.character + 1,
    });
  });
  assert.deepEqual(
    results.map((r) => [r.ruleId, r.level, r.locations[0].physicalLocation.region.startLine]),
    [
      ['syntax/trailing-comment', 'warning', 3],
      ['syntax/unclosed-section', 'error', 5],
      ['syntax/unclosed-section', 'error', 1],
    ],
  );
});

test('SARIF: every log we print validates against the SARIF 2.1.0 JSON schema (Microsoft\'s, from @microsoft/jest-sarif)', () => {
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')) as object;
  // The schema has a pattern (language) that is not valid as a Unicode regular expression.
  const validate = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
  const dir = tree({ 'mixed.conf': MIXED, 'broken.conf': UNCLOSED, 'clean.conf': CLEAN, 'a b#1.conf': UNCLOSED });
  for (const args of [['mixed.conf', 'broken.conf'], ['clean.conf'], ['a b#1.conf'], [join(dir, 'mixed.conf')]]) {
    const run = cli(['check', '--format', 'sarif', ...args], { cwd: dir });
    const valid = validate(JSON.parse(run.stdout));
    assert.ok(valid, `${args.join(' ')}: ${JSON.stringify(validate.errors, null, 2)}`);
  }
  // The validator does reject what breaks the schema.
  assert.equal(validate({ version: '2.1.0', runs: [{ tool: {} }] }), false);
});

test('SARIF: a relative path gives a relative URI with forward slashes; a clean run has no results', () => {
  const dir = tree({ 'conf.d/broken.conf': UNCLOSED, 'clean.conf': CLEAN });
  const run = cli(['check', '--format=sarif', 'conf.d/broken.conf'], { cwd: dir });
  assert.equal(run.status, 1, show(run));
  const sarif = JSON.parse(run.stdout) as SarifLog;
  assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'conf.d/broken.conf');
  const clean = cli(['check', '--format=sarif', 'clean.conf'], { cwd: dir });
  assert.equal(clean.status, 0, show(clean));
  const cleanLog = JSON.parse(clean.stdout) as SarifLog;
  assert.deepEqual(cleanLog.runs[0].results, []);
  assert.ok(cleanLog.runs[0].tool.driver.rules.length > 0, 'rules are listed even without results');
});

test(
  'SARIF: a relative path with a space or # is percent-encoded in the artifact URI',
  () => {
    const dir = tree({ 'a b#1.conf': UNCLOSED });
    const run = cli(['check', '--format=sarif', 'a b#1.conf'], { cwd: dir });
    const sarif = JSON.parse(run.stdout) as SarifLog;
    assert.equal(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'a%20b%231.conf');
  },
);

// ================================================================ folders

const APACHE_VHOST = '<VirtualHost *:80>\n    ServerName extra.example\n</VirtualHost>\n';
const NGINX = 'user www-data;\nworker_processes auto;\nhttp {\n    server {\n        listen 80;\n        server_name a.example;\n    }\n}\n';

test('check DIR: files named like Apache configs and Apache-looking .conf files, nothing else', () => {
  const dir = tree({
    'sites-available/x': 'ServerName x.example\n',
    'conf.d/a.conf': 'ServerTokens Prod\n',
    'www/.htaccess': 'Require all denied\n',
    'httpd.conf': 'Listen 80\n',
    'extra/vhost.conf': APACHE_VHOST,
    // Not Apache: nginx syntax, ssh_config, a .conf-less name, a backup.
    'nginx.conf': NGINX,
    'other/site.conf': NGINX,
    'other/ssh.conf': 'Host *\n    ForwardAgent no\n',
    'notes.txt': APACHE_VHOST,
    'extra/vhost.conf.bak': APACHE_VHOST,
    'README.md': '# ServerName x\n',
    // Skipped folders.
    'node_modules/pkg/httpd.conf': UNCLOSED,
    'node_modules/pkg/sites-available/y': UNCLOSED,
    '.git/httpd.conf': UNCLOSED,
  });
  const run = cli(['check', '--format', 'json', '.'], { cwd: dir });
  assert.equal(run.status, 0, show(run));
  assert.equal(run.stderr, '');
  const paths = (JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((f) => f.path).sort();
  assert.deepEqual(paths, ['conf.d/a.conf', 'extra/vhost.conf', 'httpd.conf', 'sites-available/x', 'www/.htaccess']);

  // An absolute folder path gives absolute file paths.
  const absolute = cli(['check', '--format', 'json', dir]);
  const absolutePaths = (JSON.parse(absolute.stdout) as { files: { path: string }[] }).files.map((f) => f.path).sort();
  assert.deepEqual(absolutePaths, paths.map((p) => join(dir, p)).sort());
});

test('check DIR: a file named like Apache is checked whatever its content; an explicit PATH always is', () => {
  const dir = tree({ 'sites-enabled/broken': UNCLOSED, 'notes.txt': UNCLOSED });
  const run = cli(['check', 'sites-enabled', 'notes.txt'], { cwd: dir });
  assert.equal(run.status, 1, show(run));
  assert.match(run.stdout, /^sites-enabled\/broken:1:1: error: .+ \[syntax\/unclosed-section\]$/m);
  assert.match(run.stdout, /^notes\.txt:1:1: error: .+ \[syntax\/unclosed-section\]$/m);
  assert.match(run.stdout, /^2 files checked: 2 errors, 0 warnings\b/m);
});

test('check DIR: a symlink loop terminates and each file is reported once', () => {
  const dir = tree({
    'httpd.conf': UNCLOSED,
    'sub/conf.d/a.conf': UNCLOSED,
    'sub/deeper/vhost.conf': APACHE_VHOST,
  });
  symlinkSync('..', join(dir, 'sub', 'loop')); // sub/loop → the tree's root
  symlinkSync('.', join(dir, 'sub', 'deeper', 'self')); // a folder linking to itself
  symlinkSync('../..', join(dir, 'sub', 'conf.d', 'up')); // back to the root again
  const run = cli(['check', '--format', 'json', '.'], { cwd: dir, timeout: 30_000 });
  assert.equal(run.signal, null, `the walk must end\n${show(run)}`);
  assert.equal(run.status, 1, show(run));
  assert.equal(run.stderr, '');
  const paths = (JSON.parse(run.stdout) as { files: { path: string }[] }).files.map((f) => f.path);
  assert.equal(new Set(paths).size, paths.length, `reported twice: ${paths.join(', ')}`);
  assert.deepEqual([...paths].sort(), ['httpd.conf', 'sub/conf.d/a.conf', 'sub/deeper/vhost.conf']);
  const text = cli(['check', '.'], { cwd: dir, timeout: 30_000 });
  assert.match(text.stdout, /^3 files checked: 2 errors, 0 warnings\b/m);
});

test('check DIR: a dangling symlink inside a folder is skipped, not an error', () => {
  const dir = tree({ 'httpd.conf': CLEAN });
  symlinkSync('missing.conf', join(dir, 'dangling.conf'));
  mkdirSync(join(dir, 'sites-enabled'));
  symlinkSync('../sites-available/gone', join(dir, 'sites-enabled', 'gone'));
  const run = cli(['check', '.'], { cwd: dir });
  assert.equal(run.status, 0, show(run));
  assert.equal(run.stdout, `1 file checked: 0 errors, 0 warnings${unchecked(1)}\n`);
});

// ---------------------------------------------------------------- I/O errors
// Tests run as root, where chmod 000 does not stop reading. These errors happen
// for root too: a path through a regular file (ENOTDIR), a dangling symlink
// named explicitly, and permission denied for a child run under another uid.

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

test('I/O errors: exit 2, a message naming each path, and the other findings still printed', () => {
  const dir = tree({ 'broken.conf': UNCLOSED, 'plain.conf': CLEAN });
  symlinkSync('nowhere.conf', join(dir, 'dangling.conf'));
  const run = cli(['check', 'broken.conf', 'plain.conf/child.conf', 'dangling.conf'], { cwd: dir });
  assert.equal(run.status, 2, show(run));
  assert.doesNotMatch(run.stderr, CRASH);
  const errors = run.stderr.trimEnd().split('\n');
  assert.equal(errors.length, 2, show(run));
  assert.match(errors[0], /^apache-ssl: cannot read plain\.conf\/child\.conf: \S/);
  assert.equal(errors[1], 'apache-ssl: cannot read dangling.conf: no such file or folder');
  assert.equal(run.stdout, `${UNCLOSED_LINE}\n1 file checked: 1 error, 0 warnings${unchecked(1)}\n`);
});

/** Runs `args` so that chmod 000 really denies reading: as nobody when we are root. */
function unprivileged(): { uid?: number; gid?: number } | undefined {
  if (!isRoot) return {};
  const probe = cli(['--help'], { uid: 65534, gid: 65534, cwd: tmpdir() });
  return probe.status === 0 ? { uid: 65534, gid: 65534 } : undefined;
}

test('I/O errors: permission denied on a file and on a folder', () => {
  const user = unprivileged();
  assert.ok(user, 'running as root and cannot start a child as uid 65534 (nobody), so chmod 000 cannot be tested');
  const dir = tree({
    'broken.conf': UNCLOSED,
    'secret.conf': CLEAN,
    'tree/httpd.conf': UNCLOSED,
    'tree/locked/conf.d/a.conf': CLEAN,
  });
  chmodSync(dir, 0o755); // mkdtemp makes it 0700: let nobody in
  chmodSync(join(dir, 'secret.conf'), 0o000);
  chmodSync(join(dir, 'tree', 'locked'), 0o000);
  locked.push(join(dir, 'tree', 'locked'));
  const run = cli(['check', 'broken.conf', 'secret.conf', 'tree'], { cwd: dir, ...user });
  assert.equal(run.status, 2, show(run));
  assert.doesNotMatch(run.stderr, CRASH);
  assert.equal(
    run.stderr,
    'apache-ssl: cannot read tree/locked: permission denied\napache-ssl: cannot read secret.conf: permission denied\n',
  );
  assert.match(run.stdout, /^broken\.conf:1:1: error: .+ \[syntax\/unclosed-section\]$/m);
  assert.match(run.stdout, /^tree\/httpd\.conf:1:1: error: .+ \[syntax\/unclosed-section\]$/m);
  assert.match(run.stdout, /^2 files checked: 2 errors, 0 warnings\b/m);
});

test(
  'a FIFO named like a config neither hangs the folder walk nor an explicit check',
  () => {
    const dir = tree({ 'httpd.conf': CLEAN });
    mkdirSync(join(dir, 'sites-available'));
    const mkfifo = spawnSync('mkfifo', [join(dir, 'sites-available', 'pipe'), join(dir, 'pipe.conf')]);
    assert.equal(mkfifo.status, 0, 'mkfifo');
    for (const args of [['check', '.'], ['check', 'pipe.conf']]) {
      const run = cli(args, { cwd: dir, timeout: 5_000 });
      assert.equal(run.signal, null, `${args.join(' ')} hung\n${show(run)}`);
      assert.ok(run.status === 0 || run.status === 2, show(run));
    }
  },
);

// ================================================================ --root

test('--root MAIN: the main file is checked too, alone or with other paths', () => {
  const dir = tree({ 'httpd.conf': UNCLOSED, 'conf.d/extra.conf': WARN_ONLY });
  const alone = cli(['check', '--root', 'httpd.conf'], { cwd: dir });
  assert.equal(alone.status, 1, show(alone));
  assert.match(alone.stdout, /^httpd\.conf:1:1: error: .+ \[syntax\/unclosed-section\]$/m);
  assert.match(alone.stdout, /^1 file checked: 1 error, 0 warnings\b/m);

  const withPath = cli(['check', 'conf.d', '--root=httpd.conf', '--format', 'json'], { cwd: dir });
  assert.equal(withPath.status, 1, show(withPath));
  const files = (JSON.parse(withPath.stdout) as { files: { path: string; diagnostics: JsonDiagnostic[] }[] }).files;
  assert.deepEqual(
    files.map((f) => [f.path, f.diagnostics.map((d) => d.code)]),
    [
      ['httpd.conf', ['syntax/unclosed-section']],
      ['conf.d/extra.conf', ['syntax/trailing-comment']],
    ],
  );

  // The main file inside a folder that is also checked is reported once.
  const inFolder = cli(['check', '--root', 'httpd.conf', '.', '--format=json'], { cwd: dir });
  const inFolderPaths = (JSON.parse(inFolder.stdout) as { files: { path: string }[] }).files.map((f) => f.path);
  assert.deepEqual(inFolderPaths, ['httpd.conf', 'conf.d/extra.conf']);

  const missing = cli(['check', '--root', 'apache2.conf', 'conf.d'], { cwd: dir });
  assert.equal(missing.status, 2, show(missing));
  assert.match(missing.stderr, /cannot read apache2\.conf: no such file or folder/);
});

test(
  'the same file spelt two ways (./httpd.conf and httpd.conf) is checked once',
  () => {
    const dir = tree({ 'httpd.conf': UNCLOSED });
    const run = cli(['check', '--root', './httpd.conf', '.'], { cwd: dir });
    assert.match(run.stdout, /^1 file checked: 1 error, 0 warnings\b/m, show(run));
  },
);

test(
  '--root followed by another option is a usage error, not a path',
  () => {
    const run = cli(['check', 'examples', '--root', '--exit-zero']);
    assert.equal(run.status, 2, show(run));
    assert.match(run.stderr, /^apache-ssl: --root needs the path/);
  },
);

// ================================================================ npm start

test('npm start: `check --exit-zero examples` exits 0 and reports broken-structure.conf', () => {
  const run = cli(['check', '--exit-zero', 'examples']);
  assert.equal(run.status, 0, show(run));
  assert.equal(run.stderr, '');
  const lines = run.stdout.trimEnd().split('\n');
  const summary = SUMMARY_LINE.exec(lines[lines.length - 1]);
  assert.ok(summary, `last line is a summary: ${lines[lines.length - 1]}`);
  assert.ok(Number(summary[1]) >= 2, 'both examples are checked');
  assert.ok(Number(summary[2]) >= 1, 'the broken example has errors');
  const broken = lines
    .map((line) => FINDING_LINE.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && m[1] === 'examples/sites-available/broken-structure.conf');
  const rules = new Set(broken.map((m) => m[6]));
  for (const rule of [
    'syntax/trailing-comment',
    'mod/unknown-directive',
    'syntax/comment-continuation',
    'syntax/mismatched-close',
  ]) {
    assert.ok(rules.has(rule), `broken-structure.conf reports ${rule}; got ${[...rules].join(', ')}`);
  }
  // Without --exit-zero the same run fails, as CI would.
  assert.equal(cli(['check', 'examples']).status, 1);
});

// ================================================================ hostile input

test('hostile: a 10 MB file is checked without a crash', () => {
  const vhost = '<VirtualHost *:80>\n    ServerName a.example\n    ProxyPass / http://127.0.0.1:9000/\n</VirtualHost>\n';
  const dir = tree({ 'big.conf': vhost.repeat(Math.ceil((10 * 1024 * 1024) / vhost.length)) });
  const run = cli(['check', 'big.conf'], { cwd: dir, timeout: 120_000 });
  assertNoCrash(run);
  // 200 000 copies of one virtual host: each copy after the first is shadowed by it.
  assert.match(run.stdout, /^1 file checked: 0 errors, \d+ warnings/m);
});

test('hostile: random binary data in x.conf is syntax/not-text, exit 1', () => {
  const dir = tree({ 'x.conf': Buffer.concat([Buffer.from([0]), randomBytes(64 * 1024)]) });
  const run = cli(['check', '--format', 'json', 'x.conf'], { cwd: dir });
  assertNoCrash(run);
  assert.equal(run.status, 1, show(run));
  const [file] = (JSON.parse(run.stdout) as { files: { path: string; diagnostics: JsonDiagnostic[] }[] }).files;
  assert.deepEqual(
    file.diagnostics.map((d) => [d.code, d.severity, d.range.start.line, d.range.start.character]),
    [['syntax/not-text', 'error', 0, 0]],
  );
  // In a folder, binary data does not look like Apache, so it is not picked up.
  const folder = cli(['check', '.'], { cwd: dir });
  assert.equal(folder.stdout, '0 files checked: 0 errors, 0 warnings\n');
});

test('hostile: 3000-deep nesting, balanced, unclosed and mis-closed, never crashes', () => {
  const depth = 3000;
  const dir = tree({
    // Conditionals may nest without limit in Apache; <Location> may not nest at all.
    'balanced.conf': '<IfModule ssl_module>\n'.repeat(depth) + '</IfModule>\n'.repeat(depth),
    'unclosed.conf': '<Directory /x>\n'.repeat(depth),
    'misclosed.conf': '<IfModule a>\n'.repeat(depth) + '</Directory>\n'.repeat(depth),
    'interleaved.conf': '<Location /a>\n<IfModule b>\n'.repeat(depth / 2) + '</Location>\n</IfModule>\n'.repeat(depth / 2),
  });
  const balanced = cli(['check', 'balanced.conf'], { cwd: dir });
  assertNoCrash(balanced);
  assert.equal(balanced.status, 0, show(balanced));
  const unclosed = cli(['check', 'unclosed.conf'], { cwd: dir });
  assertNoCrash(unclosed);
  assert.equal(unclosed.status, 1, show(unclosed));
  for (const name of ['unclosed.conf', 'misclosed.conf', 'interleaved.conf']) {
    for (const format of ['text', 'json', 'sarif']) {
      const run = cli(['check', `--format=${format}`, name], { cwd: dir });
      assertNoCrash(run); // status 0 or 1, no stack trace
      if (format !== 'text') JSON.parse(run.stdout);
    }
  }
});

test(
  'errors are not hidden by the 1000-findings cap: exit 1 when Apache would refuse the file',
  () => {
    // Apache: "Expected </IfModule> but saw </Directory>".
    const dir = tree({ 'cap.conf': '<IfModule a>\n'.repeat(1000) + '</Directory>\n' });
    const run = cli(['check', 'cap.conf'], { cwd: dir });
    assert.equal(run.status, 1, show(run));
  },
);
