// Renaming a Define variable across a tree held in memory. Every edit is
// applied to the files, and the result compared in full: only the name's
// characters may change.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { prepareRenameVariable, renameVariable } from '../../server/src/features/renameVariable';
import { applyEdits } from '../support/applyEdits';
import { modelWithCursor } from '../support/modelWithCursor';

/** The files after the rename, keyed by path; an error message when it is refused. */
function renamed(marked: Record<string, string>, newName: string): Record<string, string> | string {
  const { model, path, position, files } = modelWithCursor(marked);
  const result = renameVariable(model, path, position, newName);
  if ('error' in result) return result.error;
  const changes = result.changes ?? {};
  const out = { ...files };
  for (const [uri, edits] of Object.entries(changes)) out[fileURLToPath(uri)] = applyEdits(files[fileURLToPath(uri)], edits);
  return out;
}

test('every Define, UnDefine, <IfDefine> and ${NAME} changes, in every file, and no other byte does', () => {
  const main = [
    '# SITE stays in comments',
    'Define "SITE" example',
    'Define SITE_OTHER x',
    'Include conf/*.conf',
    '<IfDefine !SITE>',
    '    ServerName ${SITE}.org',
    '</IfDefine>',
    'ServerAdmin "admin@${SITE}.${SITE_OTHER}"   # trailing',
    'UnDefine SITE',
    '',
  ].join('\n');
  const site = 'ServerName "${SITE}.${SITE}.com"\r\nSSLCertificateFile \\\r\n    /etc/ssl/${SITE}.pem\r\n<IfDefine SITE>\r\n</IfDefine>\r\n';
  const result = renamed({ '/r/main.conf': main, '/r/conf/site.conf': site.replace('${SITE}.com', '${SI|TE}.com') }, 'HOST');
  assert.deepEqual(result, {
    '/r/main.conf': [
      '# SITE stays in comments',
      'Define "HOST" example',
      'Define SITE_OTHER x',
      'Include conf/*.conf',
      '<IfDefine !HOST>',
      '    ServerName ${HOST}.org',
      '</IfDefine>',
      'ServerAdmin "admin@${HOST}.${SITE_OTHER}"   # trailing',
      'UnDefine HOST',
      '',
    ].join('\n'),
    '/r/conf/site.conf': 'ServerName "${HOST}.${HOST}.com"\r\nSSLCertificateFile \\\r\n    /etc/ssl/${HOST}.pem\r\n<IfDefine HOST>\r\n</IfDefine>\r\n',
  });
});

test('prepare gives the name under the cursor, or nothing off a variable', () => {
  const { model, path, position } = modelWithCursor({ '/r/main.conf': 'Define A 1\nServerName "${A|}"\n' });
  assert.deepEqual(prepareRenameVariable(model, path, position), {
    range: { start: { line: 1, character: 14 }, end: { line: 1, character: 15 } },
    placeholder: 'A',
  });
  const off = modelWithCursor({ '/r/main.conf': 'Define A 1\nServer|Name "${A}"\n' });
  assert.equal(prepareRenameVariable(off.model, off.path, off.position), undefined);
  assert.match(String(renamed({ '/r/main.conf': 'Define A 1\nServer|Name "${A}"\n' }, 'B')), /Put the cursor on a \$\{NAME\}/);
});

test('names Apache or ${NAME} could not take are refused with the reason', () => {
  const tree = { '/r/main.conf': 'Define |A 1\nServerName ${A}\n' };
  assert.match(String(renamed(tree, '')), /cannot be empty/);
  assert.match(String(renamed(tree, 'a:b')), /Variable name must not contain ':'/);
  assert.match(String(renamed(tree, 'a}b')), /first '}' ends it/);
  assert.match(String(renamed(tree, 'a b')), /blanks/);
  assert.match(String(renamed(tree, ' ')), /blanks/);
  assert.match(String(renamed(tree, 'a\tb')), /blanks/);
  assert.match(String(renamed(tree, 'a"b')), /quotes or backslashes/);
  assert.match(String(renamed(tree, '!B')), /<IfDefine !NAME>/);
  assert.match(String(renamed(tree, 'a${b')), /another variable/);
  assert.deepEqual(renamed(tree, 'A'), { '/r/main.conf': 'Define A 1\nServerName ${A}\n' });
});

test('a variable no Define sets, a name already in use, or a name past a line continuation is refused', () => {
  const fromEnvironment = modelWithCursor({ '/r/main.conf': 'ErrorLog ${APACHE_LOG_|DIR}/error.log\n' }, { environment: { APACHE_LOG_DIR: '/var/log' } });
  const refused = renameVariable(fromEnvironment.model, fromEnvironment.path, fromEnvironment.position, 'LOGS');
  assert.match('error' in refused ? refused.error : '', /No Define in this configuration sets APACHE_LOG_DIR/);
  assert.match(String(renamed({ '/r/main.conf': '<IfDefine |SSL>\n</IfDefine>\n' }, 'TLS')), /from -D/);
  assert.match(String(renamed({ '/r/main.conf': 'Define |A 1\nInclude b.conf\n', '/r/b.conf': 'ServerName ${B}\n' }, 'B')), /B is already used at \/r\/b\.conf:1/);
  assert.match(String(renamed({ '/r/main.conf': 'Define |A 1\nServerName "x\\\n${A}y"\n' }, 'B')), /A at \/r\/main\.conf:2 is written across a line continuation/);
});

test('a word continued over lines is renamed where its name comes before the continuation', () => {
  assert.deepEqual(renamed({ '/r/main.conf': 'Define |A 1\nServerName "x${A}\\\ny" \\\n    ${A}\n' }, 'B'), {
    '/r/main.conf': 'Define B 1\nServerName "x${B}\\\ny" \\\n    ${B}\n',
  });
});
