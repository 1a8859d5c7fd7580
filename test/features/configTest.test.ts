// Apache's own configuration test, run on request: both error shapes read
// to the innermost file and line, warnings kept, and the program run without
// a shell, within a time limit and an output cap. The real apache2 is run on
// broken trees and its verdict located.
import assert from 'node:assert/strict';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseConfigTestOutput } from '../../server/src/features/configTest/parseConfigTestOutput';
import { runConfigTest } from '../../server/src/features/configTest/runConfigTest';
import { preludeWithModules, requireApache } from '../support/apacheOracle';
import { writeTree } from '../support/tempTree';

const OPTIONS = { command: '/usr/sbin/apache2', args: ['-t'], timeoutMs: 20_000, maxOutputBytes: 256 * 1024 };

test('the walk shape (AH00526 and the message on the next line) and the build shape through nested includes', () => {
  const walk = parseConfigTestOutput('AH00526: Syntax error on line 7 of /srv/t/site.conf:\nSSLCertificateFile not allowed in <Location> context\n', 1);
  assert.deepEqual(walk, {
    ok: false,
    problems: [{ path: '/srv/t/site.conf', line: 7, message: 'SSLCertificateFile not allowed in <Location> context', severity: 'error' }],
  });
  const nested = parseConfigTestOutput(
    'apache2: Syntax error on line 2 of /a.conf: Syntax error on line 1 of /mid.conf: Syntax error on line 1 of /bad.conf: /bad.conf:1: <Location> was not closed.\n',
    1,
  );
  assert.deepEqual(nested.problems, [{ path: '/bad.conf', line: 1, message: '<Location> was not closed.', severity: 'error' }]);
  const warned = parseConfigTestOutput(
    '[Thu Nov 26 19:41:26.698198 2026] [core:warn] [pid 15093:tid 15093] AH00111: Config variable ${NOPE} is not defined\nSyntax OK\n',
    0,
  );
  assert.deepEqual(warned, { ok: true, problems: [{ message: 'AH00111: Config variable ${NOPE} is not defined', severity: 'warning' }] });
  const unlocated = parseConfigTestOutput('apache2: Could not open configuration file /nope.conf: No such file or directory\n', 1);
  assert.deepEqual(unlocated.problems, [{ message: 'apache2: Could not open configuration file /nope.conf: No such file or directory', severity: 'error' }]);
});

test('the real apache2 -t: a context error in an included file is located there; a clean tree is OK', async (t) => {
  requireApache();
  const root = writeTree({
    'conf/site.conf': '<VirtualHost *:8443>\n  <Location /a>\n    SSLCertificateFile /x.crt\n  </Location>\n</VirtualHost>\n',
    'clean.conf': `${preludeWithModules()}ServerName t\n`,
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'main.conf'), `${preludeWithModules(['ssl_module'])}ServerRoot "${root}"\nServerName t\nInclude conf/site.conf\n`);
  const broken = await runConfigTest({ ...OPTIONS, args: ['-t', '-d', root], mainConfig: join(root, 'main.conf') });
  assert.ok(broken.ran);
  assert.equal(broken.ok, false);
  assert.deepEqual(
    broken.problems.filter((p) => p.severity === 'error'),
    [{ path: join(root, 'conf/site.conf'), line: 3, message: 'SSLCertificateFile not allowed in <Location> context', severity: 'error' }],
  );
  const clean = await runConfigTest({ ...OPTIONS, args: ['-t', '-d', root], mainConfig: join(root, 'clean.conf') });
  assert.ok(clean.ran);
  assert.equal(clean.ok, true, JSON.stringify(clean.problems));
});

test('the real apache2 -t: an error inside a macro expansion is located at the Use line that expanded it, with Apache\'s place in the expansion kept', async (t) => {
  requireApache();
  const root = writeTree({
    'conf/macros.conf': '<Macro Site $name>\n  # a comment Apache drops from the count\n  ServerName $name extra\n</Macro>\n',
    'conf/sites.conf': 'Use Site shop.example\n',
  });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  writeFileSync(join(root, 'main.conf'), `${preludeWithModules(['macro_module'])}ServerRoot "${root}"\nServerName t\nInclude conf/macros.conf\nInclude conf/sites.conf\n`);
  const result = await runConfigTest({ ...OPTIONS, args: ['-t', '-d', root], mainConfig: join(root, 'main.conf') });
  assert.ok(result.ran);
  const [error] = result.problems.filter((p) => p.severity === 'error');
  assert.equal(error?.path, join(root, 'conf/sites.conf'));
  assert.equal(error?.line, 1);
  assert.match(error?.message ?? '', /^ServerName takes one argument.*\(line 1 of the expansion of macro 'site' \(defined on line 1 of ".*macros\.conf"\) used on line 1 of ".*sites\.conf"\)$/);
});

test('no program, a hanging program, and a program that floods its output are each reported, never waited on forever', async (t) => {
  const missing = await runConfigTest({ ...OPTIONS, command: '/nonexistent/apache2ctl' });
  assert.deepEqual(missing, { ran: false, reason: '/nonexistent/apache2ctl was not found.' });
  const root = writeTree({ 'hang.sh': '#!/bin/sh\nsleep 30\n', 'flood.sh': '#!/bin/sh\nyes AH00526\n' });
  t.after(() => rmSync(root, { recursive: true, force: true }));
  for (const name of ['hang.sh', 'flood.sh']) chmodSync(join(root, name), 0o755);
  const started = Date.now();
  const hung = await runConfigTest({ ...OPTIONS, command: join(root, 'hang.sh'), timeoutMs: 500 });
  assert.ok(!hung.ran && /did not finish within 0.5 s/.test(hung.reason), JSON.stringify(hung));
  assert.ok(Date.now() - started < 10_000);
  const flood = await runConfigTest({ ...OPTIONS, command: join(root, 'flood.sh'), maxOutputBytes: 4096 });
  assert.ok(!flood.ran && /more than 4096 bytes/.test(flood.reason), JSON.stringify(flood));
  // Arguments reach the program as they are: no shell reads them.
  const echo = await runConfigTest({ ...OPTIONS, command: '/bin/echo', args: ['$(touch pwned)', ';', 'Syntax OK'] });
  assert.ok(echo.ran);
  assert.equal(echo.ok, true);
});
