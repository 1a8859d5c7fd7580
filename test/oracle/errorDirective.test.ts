// core/error-directive against the real `apache2 -t`: an Error line Apache
// reads stops it with the line's message; one in a branch Apache skips does
// not; and where the model cannot tell whether the branch is read (a
// third-party module loaded, an <IfFile>), we say nothing either way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { disagreementsWithApache, type OracleCase } from '../support/oracleCases';

const RULE = 'core/error-directive';

const CASES: OracleCase[] = [
  { text: 'Error "stop here"\n', rule: RULE },
  { text: "Error 'single quoted'\n", rule: RULE },
  { text: 'Error unquoted   words  kept\n', rule: RULE },
  { text: 'Error "unclosed\n', rule: RULE },
  { text: 'Error "a" "b"\n', rule: RULE },
  { text: 'Error\n', rule: RULE },
  { text: '<VirtualHost *:80>\n    Error x\n</VirtualHost>\n', rule: RULE },
  { text: '<Directory /tmp>\n    Error x\n</Directory>\n', rule: RULE },
  { text: 'Define MSG "from a variable"\nError "${MSG}"\n', rule: RULE },
  // Guards: the branch is read only when the module is (not) loaded.
  { text: '<IfModule !ssl_module>\n    Error "mod_ssl is needed"\n</IfModule>\n' },
  { text: '<IfModule !ssl_module>\n    Error "mod_ssl is needed"\n</IfModule>\n', rule: RULE, modules: ['authz_core_module'] },
  { text: '<IfModule ssl_module>\n    Error "have ssl"\n</IfModule>\n', rule: RULE },
  { text: '<IfDefine !PRODUCTION>\n    Error "not for production"\n</IfDefine>\n', rule: RULE },
  { text: 'Define PRODUCTION\n<IfDefine !PRODUCTION>\n    Error "not for production"\n</IfDefine>\n' },
  { text: '<IfVersion < 2.4>\n    Error "too old"\n</IfVersion>\n' },
  { text: '<IfVersion >= 2.4>\n    Error "new enough"\n</IfVersion>\n', rule: RULE },
  { text: '<IfDirective SSLEngine>\n    Error "have SSLEngine"\n</IfDirective>\n', rule: RULE },
];

test('apache2 -t agrees with core/error-directive: the message of each Error line it reads, nothing for one it skips', () => {
  assert.deepEqual(disagreementsWithApache(CASES), []);
  console.log(`apache2 -t agreed on ${CASES.length} Error cases (${CASES.filter((c) => c.rule).length} refused)`);
});
