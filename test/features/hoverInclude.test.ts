// Hover on Include/IncludeOptional lines of trees held in memory: what was
// read, in order, and why nothing was.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MarkupKind, type MarkupContent } from 'vscode-languageserver-types';
import { codeSpan, hoverInclude } from '../../server/src/features/hoverInclude';
import { modelWithCursor } from '../support/modelWithCursor';

const MPM = 'LoadModule mpm_event_module modules/mod_mpm_event.so\n';

function hoverAt(marked: Record<string, string>) {
  const { model, path, position } = modelWithCursor(marked);
  const result = hoverInclude(model, path, position);
  if (!result) return null;
  const contents = result.contents as MarkupContent;
  assert.equal(contents.kind, MarkupKind.Markdown);
  return { value: contents.value, range: result.range };
}

test('the files a wildcard matched, in order, relative to ServerRoot, each a link', () => {
  const result = hoverAt({
    '/etc/apache2/apache2.conf': 'IncludeOptional  sites-enabled/*.co|nf\nInclude /opt/extra.conf\n',
    '/etc/apache2/sites-enabled/b.conf': '',
    '/etc/apache2/sites-enabled/A.conf': '',
    '/etc/apache2/sites-enabled/a.conf': '',
    '/opt/extra.conf': '',
  });
  assert.deepEqual(result, {
    value: [
      '**IncludeOptional** `sites-enabled/*.conf` (relative to ServerRoot `/etc/apache2`) matched 3 files, read in this order:',
      '',
      '1. [`sites-enabled/A.conf`](file:///etc/apache2/sites-enabled/A.conf)',
      '2. [`sites-enabled/a.conf`](file:///etc/apache2/sites-enabled/a.conf)',
      '3. [`sites-enabled/b.conf`](file:///etc/apache2/sites-enabled/b.conf)',
    ].join('\n'),
    range: { start: { line: 0, character: 17 }, end: { line: 0, character: 37 } },
  });
  const outside = hoverAt({ '/etc/apache2/apache2.conf': 'Include /opt/extra.conf|\n', '/opt/extra.conf': '' });
  assert.equal(outside?.value, '**Include** `/opt/extra.conf` matched one file:\n\n1. [`/opt/extra.conf`](file:///opt/extra.conf)');
});

test('the pattern is shown after ${VAR} substitution', () => {
  const result = hoverAt({ '/r/main.conf': 'Define SITES /srv/sites\nInclude ${SITES}/*.c|onf\n', '/srv/sites/x.conf': '' });
  assert.match(result?.value ?? '', /^\*\*Include\*\* `\/srv\/sites\/\*\.conf` matched one file:/);
});

test('nothing matched: IncludeOptional says so quietly, Include gives Apache’s reason', () => {
  assert.equal(
    hoverAt({ '/r/main.conf': 'IncludeOptional conf.d/*.co|nf\n', '/r/conf.d/README': '' })?.value,
    '**IncludeOptional** `conf.d/*.conf` (relative to ServerRoot `/r`) matched no file; IncludeOptional accepts that silently.',
  );
  const failed = hoverAt({ '/r/main.conf': 'Include conf.d/*.co|nf\n' })?.value ?? '';
  assert.match(failed, /matched no file\.\n\n---\n\n⚠️ Include\/IncludeOptional: Could not open directory \/r\/conf\.d: No such file or directory$/);
  const missing = hoverAt({ '/r/main.conf': 'Include missing.co|nf\n' })?.value ?? '';
  assert.match(missing, /1\. \[`missing\.conf`\]\(file:\/\/\/r\/missing\.conf\) — not read/);
  assert.match(missing, /Could not open configuration file \/r\/missing\.conf: No such file or directory/);
});

test('an Include in a section Apache skips reads nothing; the directive name keeps its own hover', () => {
  assert.match(hoverAt({ '/r/main.conf': `${MPM}<IfModule nope_module>\n    Include x.co|nf\n</IfModule>\n` })?.value ?? '', /reads nothing here: Apache skips the conditional section/);
  assert.equal(hoverAt({ '/r/main.conf': 'Incl|ude x.conf\n', '/r/x.conf': '' }), null);
  assert.equal(hoverAt({ '/r/main.conf': 'Server|Name x\n' }), null);
});

test('long lists are cut, and a file read twice shows each outcome once', () => {
  const many: Record<string, string> = { '/r/main.conf': 'Include d/*.co|nf\n' };
  for (let i = 100; i < 160; i++) many[`/r/d/${i}.conf`] = '';
  const result = hoverAt(many)?.value ?? '';
  assert.match(result, /matched 60 files/);
  assert.match(result, /50\. \[`d\/149\.conf`\]/);
  assert.ok(!result.includes('d/150.conf'));
  assert.match(result, /and 10 more\.$/);
  const twice = hoverAt({
    '/r/main.conf': 'Define D a\nInclude inc.conf\nDefine D b\nInclude inc.conf\n',
    '/r/inc.conf': 'IncludeOptional ${D}/*.co|nf\n',
    '/r/a/1.conf': '',
    '/r/b/2.conf': '',
  })?.value ?? '';
  assert.equal(twice.split('\n---\n').length, 2);
  assert.match(twice, /`a\/1\.conf`[\s\S]*`b\/2\.conf`/);
});

test('code spans survive backticks', () => {
  assert.equal(codeSpan('a`b'), '``a`b``');
  assert.equal(codeSpan('`a'), '`` `a ``');
});
