// Hover on ${NAME} in trees held in memory: the value on that line and where
// it comes from.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import type { ModelOptions } from '../../server/src/config/buildConfigModel';
import { hoverVariable } from '../../server/src/features/hoverVariable';
import { modelWithCursor } from '../support/modelWithCursor';

const MPM = 'LoadModule mpm_event_module modules/mod_mpm_event.so\n';

function hoverAt(marked: Record<string, string>, options: Omit<ModelOptions, 'sources'> = {}) {
  const { model, path, position } = modelWithCursor(marked, options);
  const result = hoverVariable(model, path, position);
  if (!result) return null;
  const contents = result.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.Markdown);
  return { value: contents.value, range: result.range };
}

test('a Define value names the Define, relative to ServerRoot, as a link to its line', () => {
  assert.deepEqual(
    hoverAt({ '/etc/apache2/apache2.conf': 'Include conf/vars.conf\nDocumentRoot "${ROO|T}/html"\n', '/etc/apache2/conf/vars.conf': '\nDefine ROOT /srv/www\n' }),
    {
      value: '`${ROOT}` is `/srv/www` here, set by `Define ROOT` at [`conf/vars.conf:2`](file:///etc/apache2/conf/vars.conf#L2).',
      range: { start: { line: 1, character: 14 }, end: { line: 1, character: 21 } },
    },
  );
});

test('the value on that line, not the last one: a later Define does not count', () => {
  const value = hoverAt({ '/r/main.conf': 'Define A one\nServerName ${A|}.org\nDefine A two\n' })?.value ?? '';
  assert.match(value, /is `one` here, set by `Define A` at \[`main\.conf:1`\]/);
});

test('a value from the environment says so; blanks in a value are pointed out; an empty value is named', () => {
  assert.equal(
    hoverAt({ '/r/main.conf': 'ErrorLog ${APACHE_LOG_DIR}|/error.log\n' }, { environment: { APACHE_LOG_DIR: '/var/log/apache2' } })?.value,
    '`${APACHE_LOG_DIR}` is `/var/log/apache2` here, taken from the environment Apache starts with (no Define sets it before this line).',
  );
  assert.match(hoverAt({ '/r/main.conf': 'Define A "x y"\nServerAlias ${|A}\n' })?.value ?? '', /holds blanks: outside quotes, Apache splits it into several arguments/);
  assert.match(hoverAt({ '/r/main.conf': 'ServerAlias x${|A}\n' }, { environment: { A: '' } })?.value ?? '', /is an empty string here/);
  // Apache drops an empty word: Define A "" defines A without a value, so ${A} stays as written.
  assert.match(hoverAt({ '/r/main.conf': `${MPM}Define A ""\nServerAlias x\${|A}\n` })?.value ?? '', /is not defined here/);
});

test('undefined: AH00111, and any Define that does not reach the line', () => {
  assert.equal(
    hoverAt({ '/r/main.conf': `${MPM}ServerName \${NAM|E}\n` })?.value,
    '`${NAME}` is not defined here: Apache keeps the text as written and warns about it at startup (AH00111).',
  );
  assert.match(
    hoverAt({ '/r/main.conf': `${MPM}ServerName \${NAM|E}\nDefine NAME www\n` })?.value ?? '',
    /AH00111\)\. `Define NAME` at \[`main\.conf:3`\]\(file:\/\/\/r\/main\.conf#L3\) does not apply: Apache reads it later, or skips the section it is in\.$/,
  );
});

test('in a fragment without LoadModule, an undefined name may still come from the main configuration', () => {
  assert.equal(
    hoverAt({ '/etc/apache2/sites-available/site.conf': 'ErrorLog ${APACHE_LOG_|DIR}/error.log\n' })?.value,
    "No Define read here sets `${APACHE_LOG_DIR}`. The main configuration or Apache's environment may; if neither does, Apache keeps the text as written and warns about it at startup (AH00111).",
  );
});

test('a line Apache skips has no value; a file read twice shows each value', () => {
  assert.match(hoverAt({ '/r/main.conf': `${MPM}Define A 1\n<IfDefine NEVER>\n    ServerName \${|A}\n</IfDefine>\n` })?.value ?? '', /does not read this line as it stands/);
  const twice = hoverAt({ '/r/main.conf': 'Define A one\nInclude inc.conf\nDefine A two\nInclude inc.conf\n', '/r/inc.conf': 'ServerAlias ${A|}\n' })?.value ?? '';
  assert.match(twice, /^This file is read more than once, and `\$\{A\}` differs between reads:\n\n- `\$\{A\}` is `one` here, set by `Define A` at \[`main\.conf:1`\].*\n- `\$\{A\}` is `two` here, set by `Define A` at \[`main\.conf:3`\]/);
  const same = hoverAt({ '/r/main.conf': 'Define A one\nInclude inc.conf\nInclude inc.conf\n', '/r/inc.conf': 'ServerAlias ${A|}\n' })?.value ?? '';
  assert.match(same, /^`\$\{A\}` is `one` here/);
});

test('no hover off a ${NAME} use, nor on the name a Define sets', () => {
  assert.equal(hoverAt({ '/r/main.conf': 'Define |A 1\nServerName ${A}\n' }), null);
  assert.equal(hoverAt({ '/r/main.conf': 'Define A 1\nServerName ${A} x|\n' }), null);
});
