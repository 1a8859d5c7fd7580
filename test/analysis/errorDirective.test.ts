// core/error-directive speaks only where the model knows the conditions around
// the Error line hold. The apache2 -t oracle (test/oracle/errorDirective.test.ts)
// runs every case with the modules and Defines known; these are the places
// where they are not, or where a condition depends on another machine.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { defaultPrelude } from '../support/apacheOracle';
import { configtestErrors } from '../support/analyzeInTree';

const RULE = 'core/error-directive';
const alone = (text: string, fileName = '/etc/apache2/sites-available/site.conf') =>
  analyzeFile(parseConfig(text), { fileName }).filter((d) => d.code === RULE).map((d) => d.range.start.line);
const inTree = (prelude: string, text: string) => {
  const offset = prelude.split('\n').length - 1;
  return configtestErrors(prelude, text).filter((d) => d.code === RULE).map((d) => d.range.start.line - offset);
};

test('a file read on its own: an Error outside any condition is reported, one inside <IfModule> or <IfDefine> is not (modules and Defines unknown)', () => {
  assert.deepEqual(alone('Error "always"\n'), [0]);
  assert.deepEqual(alone('<IfModule !ssl_module>\n    Error "needs mod_ssl"\n</IfModule>\n'), []);
  assert.deepEqual(alone('<IfDefine !PRODUCTION>\n    Error "not for production"\n</IfDefine>\n'), []);
  assert.deepEqual(alone('<IfVersion >= 2.4>\n    Error "new enough"\n</IfVersion>\n'), [1]);
});

test('in a tree: <IfFile> is never taken as known, a third-party module makes <IfModule> unknown, and .htaccess is read per request', () => {
  const prelude = defaultPrelude();
  assert.deepEqual(inTree(prelude, '<IfFile !/nonexistent/apache-ssl>\n    Error "file missing"\n</IfFile>\n'), []);
  assert.deepEqual(inTree(prelude, '<IfModule !nosuch_module>\n    Error "no such module"\n</IfModule>\n'), [1]);
  const foreign = `${prelude}LoadModule thirdparty_module /usr/lib/apache2/modules/mod_thirdparty.so\n`;
  assert.deepEqual(inTree(foreign, '<IfModule !nosuch_module>\n    Error "no such module"\n</IfModule>\n'), []);
  assert.deepEqual(inTree(foreign, 'Error "always"\n'), [0]);
  assert.deepEqual(alone('Error "per request"\n', '/srv/www/.htaccess'), []);
});
