// Go to definition on trees held in memory: Include arguments, ${NAME} uses,
// Define names and path arguments resolved the way Apache resolves them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Location } from 'vscode-languageserver-types';
import { definition } from '../../server/src/features/definition';
import { createDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import type { ModelOptions } from '../../server/src/config/buildConfigModel';
import { modelWithCursor } from '../support/modelWithCursor';

const directives = createDirectiveIndex();
const MPM = 'LoadModule mpm_event_module modules/mod_mpm_event.so\n';

/** `path:line:start-end` of each target. */
function definitionAt(marked: Record<string, string>, options: Omit<ModelOptions, 'sources'> = {}): string[] {
  const { model, path, position, files } = modelWithCursor(marked, options);
  const isFile = (file: string) => file in files;
  return definition(model, path, position, { directives, isFile }).map(shown);
}

function shown(location: Location): string {
  const { start, end } = location.range;
  return `${fileURLToPath(location.uri)}:${start.line}:${start.character}-${end.line}:${end.character}`;
}

test('an Include argument leads to the files it read, in the order Apache reads them', () => {
  const tree = {
    '/etc/apache2/apache2.conf': 'Include conf.d/*.c|onf\n',
    '/etc/apache2/conf.d/b.conf': '',
    '/etc/apache2/conf.d/a.conf': '',
    '/etc/apache2/conf.d/notes.txt': '',
  };
  assert.deepEqual(definitionAt(tree), ['/etc/apache2/conf.d/a.conf:0:0-0:0', '/etc/apache2/conf.d/b.conf:0:0-0:0']);
  assert.deepEqual(definitionAt({ ...tree, '/etc/apache2/apache2.conf': 'IncludeOptional |missing/*.conf\n' }), []);
  assert.deepEqual(definitionAt({ ...tree, '/etc/apache2/apache2.conf': 'Include /nowhere/x.co|nf\n' }), [], 'a file that could not be opened is no target');
});

test('${NAME} leads to the Define that gave its value on that line', () => {
  const main = ['Define ROOT /srv/one', 'DocumentRoot ${ROOT}', 'Define ROOT /srv/two', 'Include site.conf', ''].join('\n');
  const onFirst = { '/r/main.conf': main.replace('${ROOT}', '${RO|OT}'), '/r/site.conf': 'DocumentRoot ${ROOT}/site\n' };
  assert.deepEqual(definitionAt(onFirst), ['/r/main.conf:0:7-0:11']);
  const inIncluded = { '/r/main.conf': main, '/r/site.conf': 'DocumentRoot ${ROOT|}/site\n' };
  assert.deepEqual(definitionAt(inIncluded), ['/r/main.conf:2:7-2:11']);
});

test('a use no Define reached leads to every Define of the name, skipped sections and other files included', () => {
  const tree = {
    '/r/main.conf': `${MPM}ErrorLog \${LOG|S}/error.log\n<IfDefine NEVER>\n    Define LOGS /var/log/a\n</IfDefine>\nInclude late.conf\n`,
    '/r/late.conf': 'Define "LOGS" /var/log/b\n',
  };
  const { model } = modelWithCursor(tree);
  assert.equal(model.files.get('/r/main.conf')?.deadSections.size, 1, 'Apache skips the <IfDefine NEVER> section');
  assert.deepEqual(definitionAt(tree, { environment: { LOGS: '/var/log' } }), ['/r/main.conf:3:11-3:15', '/r/late.conf:0:8-0:12']);
  assert.deepEqual(definitionAt({ ...tree, '/r/main.conf': tree['/r/main.conf'].replace('LOG|S', 'LOGS') + 'UnDefine |LOGS\n' }), [
    '/r/main.conf:3:11-3:15',
    '/r/late.conf:0:8-0:12',
  ]);
});

test('a Use leads to the <Macro> it expands: the last of that name above it, in any file, names without case', () => {
  const tree = {
    '/etc/apache2/apache2.conf': 'Include macros.conf\n<Macro Site $n>\n  ServerName $n\n</Macro>\nuse si|te a.example\n',
    '/etc/apache2/macros.conf': '<Macro Site $n>\n  ServerAlias $n\n</Macro>\n',
  };
  assert.deepEqual(definitionAt(tree), ['/etc/apache2/apache2.conf:1:0-1:15']);
  const earlier = { ...tree, '/etc/apache2/apache2.conf': 'Include macros.conf\nUse Si|te a.example\n<Macro Site $n>\n</Macro>\n' };
  assert.deepEqual(definitionAt(earlier), ['/etc/apache2/macros.conf:0:0-0:15']);
  assert.deepEqual(definitionAt({ '/etc/apache2/apache2.conf': 'Use No|pe a\n' }), []);
});

test('the name in a Define leads to itself', () => {
  assert.deepEqual(definitionAt({ '/r/main.conf': 'Define A 1\nDefine |A 2\n' }), ['/r/main.conf:1:7-1:8']);
});

test('path arguments lead to the file they name, relative ones through ServerRoot, after ${VAR} substitution', () => {
  const files = {
    '/etc/httpd/conf/httpd.conf': '',
    '/etc/httpd/modules/mod_ssl.so': '',
    '/etc/httpd/certs/site.pem': '',
    '/etc/pki/tls/private/site.key': '',
    '/var/www/html/index.html': '',
  };
  const at = (text: string) => definitionAt({ ...files, '/etc/httpd/conf/httpd.conf': `ServerRoot "/etc/httpd"\nDefine KEYS /etc/pki/tls/private\n${text}` });
  assert.deepEqual(at('LoadModule ssl_module modules/mod_s|sl.so\n'), ['/etc/httpd/modules/mod_ssl.so:0:0-0:0']);
  assert.deepEqual(at('LoadModule ssl_mo|dule modules/mod_ssl.so\n'), [], 'the module name is no path');
  assert.deepEqual(at('SSLCertificateFile "certs/site|.pem"\n'), ['/etc/httpd/certs/site.pem:0:0-0:0']);
  assert.deepEqual(at('SSLCertificateKeyFile ${KEYS}/site.k|ey\n'), ['/etc/pki/tls/private/site.key:0:0-0:0']);
  assert.deepEqual(at('SSLCertificateFile certs/miss|ing.pem\n'), []);
  assert.deepEqual(at('DocumentRoot /var/www/ht|ml\n'), [], 'a folder is nowhere to go');
  assert.deepEqual(at('ServerName www.exa|mple.org\n'), []);
});
