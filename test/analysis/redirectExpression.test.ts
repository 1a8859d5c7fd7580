// Redirect's target inside a per-directory section or .htaccess is a string
// expression that Apache parses while reading the line (mod_alias
// add_redirect_internal): which lines expr/parse-error reads that way.
// The fixtures test/fixtures/expr/redirect-target-*.conf hold it to apache2 -t.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { analyzeWithAllModules } from '../support/analyzeInTree';

const RULE = 'expr/parse-error';
const apacheMessages = (text: string, fileName?: string) =>
  (fileName ? analyzeFile(parseConfig(text), { fileName }) : analyzeWithAllModules(text))
    .filter((d) => d.code === RULE)
    .map((d) => (d.data as { apacheMessage: string }).apacheMessage);

test('the target is parsed where Apache takes the path from the section, and only there', () => {
  const refused = "Cannot parse redirect expression '/x%{FOO}': Variable 'FOO' does not exist";
  for (const place of ['Location /a', 'LocationMatch ^/a', 'Directory /srv', 'Files x.html']) {
    const name = place.split(' ')[0];
    assert.deepEqual(apacheMessages(`<${place}>\nRedirect 301 /x%{FOO}\n</${name}>\n`), [refused], place);
  }
  assert.deepEqual(apacheMessages('Redirect 301 /x%{FOO}\n', '/srv/www/.htaccess'), [refused], '.htaccess');
  assert.deepEqual(apacheMessages('<Location /a>\nRedirect /x%{FOO}\n</Location>\n'), [refused], 'without a status');
  // A path and a target, a status without a target, a line of the wrong length: no expression.
  for (const line of ['Redirect 301 /a /x%{FOO}', 'Redirect 410 %{FOO}', 'RedirectPermanent /a /x%{FOO}', 'RedirectTemp /x%{FOO}']) {
    assert.deepEqual(apacheMessages(`<Location /a>\n${line}\n</Location>\n`), [], line);
  }
  assert.deepEqual(apacheMessages('<VirtualHost *:80>\nRedirect 301 /a /x%{FOO}\n</VirtualHost>\n'), [], 'a virtual host gives no path');
});

test('a line with ${VAR} is not read as written: Apache parses the substituted text, reported on the written word', () => {
  assert.deepEqual(apacheMessages('Define T /x\n<Location /a>\nRedirect 301 ${T}%{FOO}\n</Location>\n'), ["Cannot parse redirect expression '/x%{FOO}': Variable 'FOO' does not exist"]);
  assert.deepEqual(apacheMessages('Define T /x%{FOO}\n<Location /a>\nRedirect ${T}\n</Location>\n'), ["Cannot parse redirect expression '/x%{FOO}': Variable 'FOO' does not exist"]);
  assert.deepEqual(apacheMessages('Define T /x%{HTTP_HOST}\n<Location /a>\nRedirect 301 ${T}\n</Location>\n'), []);
  const [finding] = analyzeWithAllModules('Define T /x%{FOO}\n<Location /a>\nRedirect 301 "${T}"\n</Location>\n').filter((d) => d.code === RULE);
  assert.deepEqual(finding.range, { start: { line: 2, character: 13 }, end: { line: 2, character: 19 } });
  // In a file checked on its own the variable may be defined elsewhere: not judged.
  assert.deepEqual(apacheMessages('<Location /a>\nRedirect 301 ${T}%{FOO}\n</Location>\n', '/srv/www/site.conf'), []);
});
