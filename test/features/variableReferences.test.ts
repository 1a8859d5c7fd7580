// References to Define variables across a tree held in memory: every use and
// definition, live or skipped, with ranges on the name's characters only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Location } from 'vscode-languageserver-types';
import { variableReferences } from '../../server/src/features/variableReferences';
import { modelWithCursor } from '../support/modelWithCursor';

const MAIN = [
  'Define CERTS /etc/ssl/certs',
  'Define "SITE" example',
  'Include conf/*.conf',
  '<IfDefine !SITE>',
  '    ServerName ${SITE}.org',
  '</IfDefine>',
  'UnDefine SITE',
  '',
].join('\n');
const SITE = 'ServerName "${SITE}.${SITE}.com"\nSSLCertificateFile ${CERTS}/${SITE}.pem\n';

function referencesAt(marked: Record<string, string>, includeDeclaration = true) {
  const { model, path, position, files } = modelWithCursor(marked);
  return variableReferences(model, path, position, includeDeclaration).map((location) => shown(location, files));
}

/** `file:line:text` with the text the range covers, so a test sees exactly which characters it points at. */
function shown(location: Location, files: Record<string, string>): string {
  const path = fileURLToPath(location.uri);
  const { start, end } = location.range;
  assert.equal(start.line, end.line);
  const text = files[path].split('\n')[start.line].slice(start.character, end.character);
  return `${path.split('/').pop()}:${start.line}:${start.character}:${text}`;
}

const ALL_SITE = [
  'apache2.conf:1:8:SITE',
  'apache2.conf:3:11:SITE',
  'apache2.conf:4:17:SITE',
  'apache2.conf:6:9:SITE',
  'a.conf:0:14:SITE',
  'a.conf:0:22:SITE',
  'a.conf:1:30:SITE',
];

test('from a ${NAME} use: every definition, test and use across the tree, dead branches included', () => {
  assert.deepEqual(referencesAt({ '/etc/apache2/apache2.conf': MAIN, '/etc/apache2/conf/a.conf': SITE.replace('${SITE}.com', '${SI|TE}.com') }), ALL_SITE);
});

test('from the name after Define, UnDefine or <IfDefine !…> the same set; without declarations the Defines go', () => {
  const onDefine = { '/etc/apache2/apache2.conf': MAIN.replace('"SITE"', '"SI|TE"'), '/etc/apache2/conf/a.conf': SITE };
  assert.deepEqual(referencesAt(onDefine), ALL_SITE);
  assert.deepEqual(referencesAt(onDefine, false), ALL_SITE.filter((place) => place !== 'apache2.conf:1:8:SITE'));
  assert.deepEqual(referencesAt({ '/etc/apache2/apache2.conf': MAIN.replace('UnDefine SITE', 'UnDefine |SITE'), '/etc/apache2/conf/a.conf': SITE }), ALL_SITE);
  assert.deepEqual(referencesAt({ '/etc/apache2/apache2.conf': MAIN.replace('!SITE', '!SITE|'), '/etc/apache2/conf/a.conf': SITE }), ALL_SITE);
});

test('the cursor may rest on ${ or } of a use; another variable on the same line is not mixed in', () => {
  const files = (marked: string) => ({ '/etc/apache2/apache2.conf': MAIN, '/etc/apache2/conf/a.conf': SITE.replace('${CERTS}/${SITE}', marked) });
  assert.deepEqual(referencesAt(files('|${CERTS}/${SITE}')), ['apache2.conf:0:7:CERTS', 'a.conf:1:21:CERTS']);
  assert.deepEqual(referencesAt(files('${CERTS}|/${SITE}')), ['apache2.conf:0:7:CERTS', 'a.conf:1:21:CERTS']);
  assert.deepEqual(referencesAt(files('${CERTS}/${SITE}|')), ALL_SITE);
});

test('nothing off a variable: directive names, plain words, rewrite map lookups, section close tags', () => {
  const files = (mainText: string) => ({ '/r/main.conf': mainText });
  assert.deepEqual(referencesAt(files('Define A 1\nServer|Name ${A}\n')), []);
  assert.deepEqual(referencesAt(files('Define A 1\nServerName ${A} pl|ain\n')), []);
  assert.deepEqual(referencesAt(files('RewriteRule ^ ${ma|p:key}\n')), []);
  assert.deepEqual(referencesAt(files('Define A 1\n<IfDefine A>\n</IfDef|ine>\n')), []);
  assert.deepEqual(referencesAt(files('Define |bad:name 1\n')), []);
});

test('a file included twice is searched once', () => {
  assert.deepEqual(
    referencesAt({ '/r/main.conf': 'Define |A 1\nInclude twice.conf\nInclude twice.conf\n', '/r/twice.conf': 'ServerAdmin ${A}@example.org\n' }),
    ['main.conf:0:7:A', 'twice.conf:0:14:A'],
  );
});
