// readEnvironmentFile against /bin/sh: for each script, the environment we
// compute without a shell must equal what `sh -c '. FILE; env'` prints with the
// same starting environment. The product never runs a shell; the test does, as
// the oracle. Where we deliberately skip what only a shell can do ($(…),
// loops, file tests), the expectation is written out instead.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { readEnvironmentFile } from '../../server/src/config/readEnvironmentFile';

const SH = '/bin/sh';
const ENVVARS = '/etc/apache2/envvars';
/** Set by the shell itself, not by the file. */
const SHELL_OWN = ['PWD', 'OLDPWD', 'SHLVL', '_'];

const scratch = mkdtempSync(join(tmpdir(), 'apache-ssl-envfile-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

type Environment = Record<string, string>;

function parseEnv(output: string, separator: string, base: Environment): Environment {
  const environment: Environment = {};
  for (const entry of output.split(separator)) {
    const equals = entry.indexOf('=');
    if (equals <= 0) continue;
    const name = entry.slice(0, equals);
    if (SHELL_OWN.includes(name) && !(name in base)) continue;
    environment[name] = entry.slice(equals + 1);
  }
  return environment;
}

/** What sh's `env` shows after sourcing `path`; `command` is the exact sh -c text. */
function shellEnvironment(command: string, base: Environment, nul: boolean): Environment {
  assert.ok(existsSync(SH), `${SH} is needed as the oracle of this test`);
  const run = spawnSync(SH, ['-c', command], { env: base, encoding: 'utf8', timeout: 10_000 });
  if (run.error) throw run.error;
  assert.equal(run.status, 0, `sh failed:\n${run.stderr}`);
  return parseEnv(run.stdout, nul ? '\0' : '\n', base);
}

let scripts = 0;
function shellOn(script: string, base: Environment): Environment {
  const path = join(scratch, `script-${scripts++}.sh`);
  writeFileSync(path, script);
  return shellEnvironment(`. '${path}'; env -0`, base, true);
}

function agreesWithSh(script: string, base: Environment = { PATH: '/usr/bin:/bin' }): Environment {
  const ours = readEnvironmentFile(script, base);
  assert.deepEqual(ours, shellOn(script, base), `disagreement with sh on:\n${script}`);
  return ours;
}

test('NAME=value stays in the shell unless exported; export NAME=value and a later export NAME reach the environment', () => {
  const env = agreesWithSh('LOCAL=1\nexport A=x B=y\nLATER=z\nexport LATER\nexport NEVER_SET\n');
  assert.deepEqual(env, { PATH: '/usr/bin:/bin', A: 'x', B: 'y', LATER: 'z' });
  // A name given in the base is already exported: a plain assignment changes it.
  assert.equal(agreesWithSh('FROM_BASE=changed\n', { FROM_BASE: 'old' }).FROM_BASE, 'changed');
});

test('quotes, backslashes, comments, semicolons and line continuations', () => {
  agreesWithSh(
    [
      "export S='single $NOPE \\n \"q\"'",
      'export D="double \\"q\\" \\$x \\\\ \\n ${PATH} $PATH"',
      'export U=a\\ b\\$c',
      'export MIXED=a"b c"\'d e\'f',
      'export EMPTY= ALSO_EMPTY="" # trailing comment',
      '# export COMMENTED=1',
      'export HASH=a#b',
      'export ONE=1; export TWO=2 ;export THREE=3',
      'export CONT=long\\',
      'value',
      'export CONT2="first \\',
      'second"',
      '',
    ].join('\n'),
  );
});

test('$NAME and ${NAME} from earlier lines, unexported variables and the base', () => {
  const env = agreesWithSh(
    'PREFIX=/opt/x\nexport BIN=$PREFIX/bin LIB=${PREFIX}/lib MISSING=[$NOPE] NAMEEND=$PREFIX_x JOINED=${PREFIX}_x\nexport P2="$PATH:$BIN"\nexport DOLLAR=$ D2=a$/b\n',
    { PATH: '/usr/bin', HOME: '/home/u' },
  );
  assert.equal(env.BIN, '/opt/x/bin');
  assert.equal(env.P2, '/usr/bin:/opt/x/bin');
  assert.equal(env.MISSING, '[]');
  assert.equal(env.JOINED, '/opt/x_x');
  assert.equal(env.PREFIX, undefined, 'PREFIX is never exported');
});

test('${NAME-…}, ${NAME:-…}, ${NAME=…}, ${NAME:=…}, ${NAME+…}, ${NAME:+…}, ${#NAME} and the : ${NAME:=value} idiom', () => {
  const base = { PATH: '/usr/bin', EMPTY: '', SET: 'v', KEEP: 'kept' };
  const env = agreesWithSh(
    [
      'export A1=${EMPTY-d} A2=${EMPTY:-d} A3=${UNSET-d} A4=${UNSET:-"d e"} A5=${SET:-d}',
      'export B1=${SET+alt} B2=${EMPTY+alt} B3=${EMPTY:+alt} B4=${UNSET+alt} B5="${UNSET:+alt}"',
      'export C1=${NEW1=first} C2=${NEW1=second}',
      'export C3=${EMPTY:=filled}',
      ': ${KEEP:=ignored} ${IDIOM:=idiom-value} ${IDIOM2:="two words"}',
      'export IDIOM2',
      'true ${TRUE_SET:=t}',
      'export LEN=${#SET}${#UNSET}${#IDIOM} NESTED=${UNSET:-${SET:-x}/y}',
      '',
    ].join('\n'),
    base,
  );
  assert.equal(env.A4, 'd e');
  assert.equal(env.C2, 'first');
  assert.equal(env.EMPTY, 'filled', 'EMPTY came from the base, so it stays exported after :=');
  assert.equal(env.KEEP, 'kept');
  assert.equal(env.IDIOM, undefined, ': ${IDIOM:=…} sets a shell variable, not an exported one');
  assert.equal(env.IDIOM2, 'two words');
});

test('${NAME#…}, ${NAME##…}, ${NAME%…}, ${NAME%%…} with globs and quoted text', () => {
  agreesWithSh(
    [
      'V=/etc/apache2-foo/sub/file.conf.d',
      'export P1=${V#*/} P2=${V##*/} P3=${V%.*} P4=${V%%.*} P5=${V##/etc/apache2-} P6=${V#"/etc/"} P7=${V#/et?/} P8=${V##*[/-]}',
      'export P9=${V#nomatch} P10="${V%/*}" P11=${V#*} P12=${V##*} P13=${UNSET##*/}',
      '',
    ].join('\n'),
  );
});

test('if / elif / else / fi on [ … ] and test, nested, with ! and -n / -z / = / != / -eq', () => {
  const script = [
    'if [ "$MODE" = one ] ; then',
    '  export R1=one',
    'elif test "$MODE" != two; then export R1=not-two',
    'else',
    '  export R1=two',
    '  if [ -n "$MODE" ]; then export R2=nonempty; else export R2=empty; fi',
    'fi',
    'if ! [ -z "$MODE" ]; then export R3=set; fi',
    'if [ "${COUNT:-0}" -eq 3 ]; then export R4=three; elif [ "${COUNT:-0}" -gt 3 ]; then export R4=more; else export R4=less; fi',
    'if [ ! "$MODE" ]; then export R5=nothing; fi',
    'if true; then export R6=t; fi; if false; then export R7=f; fi',
    '',
  ].join('\n');
  const bases: Environment[] = [{ MODE: 'one' }, { MODE: 'two' }, { MODE: 'three', COUNT: '3' }, { COUNT: '7' }, {}];
  for (const base of bases) {
    agreesWithSh(script, { PATH: '/usr/bin', ...base });
  }
});

test('unset, set -a, ~, return', () => {
  agreesWithSh('unset HOME GONE\nexport A=1\nunset A\n', { PATH: '/usr/bin', HOME: '/root', GONE: 'x' });
  agreesWithSh('set -a\nAUTO=1\n: ${AUTO2:=2}\nset +a\nNOT_AUTO=3\n');
  agreesWithSh('export T1=~ T2=~/x T3="~" T4=a~\n', { PATH: '/usr/bin', HOME: '/home/u' });
  agreesWithSh('export BEFORE=1\nif [ "$STOP" = yes ]; then return; fi\nexport AFTER=2\n', { PATH: '/usr/bin', STOP: 'yes' });
  agreesWithSh('export BEFORE=1\nif [ "$STOP" = yes ]; then return; fi\nexport AFTER=2\n', { PATH: '/usr/bin', STOP: 'no' });
});

test('lines only a shell can run are skipped without effect', () => {
  const script = [
    'export KEEP=base-value',
    'export SUB=$(echo x) BQ=`echo y` ARITH=$((1+2)) POS=$1',
    'KEEP=$(date)',
    'export AFTER_SUB=ok',
    '. /etc/default/locale',
    'ulimit -n 8192',
    'test -f /etc/passwd && export AND=1',
    'echo hi | read PIPED',
    'export REDIRECT=1 > /dev/null',
    '( export SUBSHELL=1 )',
    'if [ -f /etc/passwd ]; then export FILE_TEST=1; else export FILE_TEST=0; fi',
    'for i in 1 2; do export LOOP=$i; done',
    'while false; do export WHILE=1; done',
    'case "$KEEP" in base*) export CASE=1 ;; esac',
    'f() {',
    '  export IN_FUNCTION=1',
    '}',
    '{ export BRACE=1; }',
    'cat <<EOF',
    'export HEREDOC=1',
    'EOF',
    'A=1 env > /dev/null',
    'export LAST=ok',
    '',
  ].join('\n');
  assert.deepEqual(readEnvironmentFile(script, { PATH: '/usr/bin' }), { PATH: '/usr/bin', KEEP: 'base-value', AFTER_SUB: 'ok', LAST: 'ok' });
});

test('an if whose condition cannot be decided is skipped as a whole, and what follows still runs', () => {
  const script = 'if [ -d /nonexistent ]; then export X=1; elif [ a = a ]; then export X=2; else export X=3; fi\nexport Y=1\n';
  assert.deepEqual(readEnvironmentFile(script, {}), { Y: '1' });
  // An undecidable elif after a false if: nothing after it runs.
  assert.deepEqual(readEnvironmentFile('if [ a = b ]; then export X=1; elif [ -r /x ]; then export X=2; else export X=3; fi\n', {}), {});
});

test('Debian /etc/apache2/envvars: every exported variable matches `sh -c ". /etc/apache2/envvars; env"`', (t) => {
  assert.ok(existsSync(ENVVARS), `${ENVVARS} does not exist: this test needs Debian's apache2 package (apt-get install -y apache2)`);
  const text = readFileSync(ENVVARS, 'utf8');
  const exportedInFile = [...text.matchAll(/^export (APACHE_\w+)=/gm)].map((m) => m[1]);
  assert.ok(exportedInFile.length >= 6, `only ${exportedInFile.join(', ')} exported in ${ENVVARS}`);
  const bases: Environment[] = [
    // apache2ctl sets APACHE_CONFDIR=/etc/apache2 before it sources envvars.
    { PATH: '/usr/bin:/bin', HOME: '/root', APACHE_CONFDIR: '/etc/apache2', LANG: 'en_US.UTF-8' },
    // A second instance: /etc/apache2-foo gives the suffix -foo.
    { PATH: '/usr/bin:/bin', HOME: '/root', APACHE_CONFDIR: '/etc/apache2-foo' },
    // A copy elsewhere (the debianTree test): no suffix.
    { PATH: '/usr/bin:/bin', APACHE_CONFDIR: join(scratch, 'apache2') },
    // No APACHE_CONFDIR at all.
    { PATH: '/usr/bin:/bin' },
  ];
  for (const base of bases) {
    const ours = readEnvironmentFile(text, base);
    const sh = shellEnvironment(`. ${ENVVARS}; env`, base, false);
    assert.deepEqual(ours, sh, `APACHE_CONFDIR=${base.APACHE_CONFDIR ?? '(unset)'}`);
    for (const name of exportedInFile) assert.ok(ours[name] !== undefined && ours[name] !== '', `${name} missing or empty`);
  }
  const etc = readEnvironmentFile(text, bases[0]);
  assert.equal(etc.APACHE_RUN_USER, 'www-data');
  assert.equal(etc.APACHE_RUN_GROUP, 'www-data');
  assert.equal(etc.APACHE_PID_FILE, '/var/run/apache2/apache2.pid');
  assert.equal(etc.APACHE_RUN_DIR, '/var/run/apache2');
  assert.equal(etc.APACHE_LOCK_DIR, '/var/lock/apache2');
  assert.equal(etc.APACHE_LOG_DIR, '/var/log/apache2');
  assert.equal(etc.LANG, 'C');
  assert.equal(etc.HOME, undefined, 'envvars unsets HOME');
  assert.equal(etc.SUFFIX, undefined, 'SUFFIX is a shell variable, never exported');
  const foo = readEnvironmentFile(text, bases[1]);
  assert.equal(foo.APACHE_RUN_DIR, '/var/run/apache2-foo');
  assert.equal(foo.APACHE_LOG_DIR, '/var/log/apache2-foo');
  t.diagnostic(exportedInFile.map((name) => `${name}=${etc[name]}`).join(' '));
});

test('deep nesting and long input are read without exhausting the stack', () => {
  const deepExpansion = `export B=${'${A:-'.repeat(5000)}x${'}'.repeat(5000)}\nexport C=1\n`;
  assert.deepEqual(readEnvironmentFile(deepExpansion, {}), { C: '1' });
  const deepIf = `${'if true; then\n'.repeat(5000)}export DEEP=1\n${'fi\n'.repeat(5000)}export AFTER=1\n`;
  assert.deepEqual(readEnvironmentFile(deepIf, {}), { AFTER: '1' });
  assert.deepEqual(readEnvironmentFile(`${'if true; then\n'.repeat(10)}export OK=1\n${'fi\n'.repeat(10)}`, {}), { OK: '1' });
  assert.equal(readEnvironmentFile(`export M=${'$A'.repeat(200_000)}\n`, { A: 'x' }).M.length, 200_000);
  assert.equal(Object.keys(readEnvironmentFile('export A=1\n'.repeat(50_000), {})).length, 1);
});
