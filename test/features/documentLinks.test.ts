import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentLinks } from '../../server/src/features/documentLinks';
import { createDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { fileScope } from '../../server/src/analysis/fileScope';
import { loneFileModel, UNSAVED_PATH } from '../../server/src/config/loneFileModel';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';

const directives = createDirectiveIndex();
const existing = new Set(['/etc/ssl/certs/server.pem', '/etc/apache2/ports.conf', '/srv/www', '/etc/ssl/private/server.key']);
const links = (text: string) => {
  const file = parseConfig(text);
  const scope = fileScope(loneFileModel(file), UNSAVED_PATH);
  return documentLinks(file, { directives, exists: (path) => existing.has(path), scope }).map((link) => [
    link.target,
    link.range.start.line,
    link.range.start.character,
    link.range.end.character,
  ]);
};

test('absolute paths of file-taking directives link to the file, without the quotes', () => {
  assert.deepEqual(
    links('<VirtualHost *:443>\n    SSLCertificateFile "/etc/ssl/certs/server.pem"\n    SSLCertificateKeyFile /etc/ssl/private/server.key\n    DocumentRoot /srv/www\n</VirtualHost>\nInclude /etc/apache2/ports.conf\n'),
    [
      ['file:///etc/ssl/certs/server.pem', 1, 24, 49],
      ['file:///etc/ssl/private/server.key', 2, 26, 53],
      ['file:///srv/www', 3, 17, 25],
      ['file:///etc/apache2/ports.conf', 5, 8, 31],
    ],
  );
});

test('no link for missing files, relative paths, variables, wildcards or non-path arguments', () => {
  assert.deepEqual(
    links(
      'SSLCertificateFile /etc/ssl/certs/missing.pem\nInclude ports.conf\nInclude ${APACHE_CONFDIR}/ports.conf\nIncludeOptional /etc/apache2/*.conf\nProxyPass /srv/www http://127.0.0.1/\n',
    ),
    [],
  );
});

test('no link inside a section Apache never reads', () => {
  assert.deepEqual(links('<IfModule mod_ssl>\n    SSLCertificateFile /etc/ssl/certs/server.pem\n</IfModule>\n'), []);
});

/** Links of one file of a model held in memory, as [target, line, start, end]. */
function modelLinks(files: Record<string, string>, path = Object.keys(files)[0]) {
  const model = buildConfigModel(Object.keys(files)[0], { sources: new SourceCache(memoryFileSystem(files)) });
  const file = model.files.get(path)?.file;
  assert.ok(file);
  return documentLinks(file, { directives, exists: (target) => target in files, model, path }).map((link) => [
    link.target,
    link.range.start.line,
    link.range.start.character,
    link.range.end.character,
  ]);
}

test('with the model, path arguments (and only they) resolve against ServerRoot, after ${VAR} substitution', () => {
  const files = {
    '/etc/httpd/conf/httpd.conf': [
      'ServerRoot "/etc/httpd"',
      'Define CERTS /etc/pki/tls/certs',
      'LoadModule ssl_module modules/mod_ssl.so',
      'Include conf.d/ssl.conf',
      'IncludeOptional conf.d/*.conf',
      'SSLCertificateFile ${CERTS}/site.pem',
      'SSLCertificateKeyFile "private/site.key"',
      'SSLCACertificateFile ${UNDEFINED}/ca.pem',
      'ServerName www.example.org',
      '',
    ].join('\n'),
    '/etc/httpd/modules/mod_ssl.so': '',
    '/etc/httpd/conf.d/ssl.conf': '',
    '/etc/pki/tls/certs/site.pem': '',
    '/etc/httpd/private/site.key': '',
    '/etc/httpd/ssl_module': '',
    '/etc/httpd/www.example.org': '',
  };
  assert.deepEqual(modelLinks(files), [
    ['file:///etc/httpd/modules/mod_ssl.so', 2, 22, 40],
    ['file:///etc/httpd/conf.d/ssl.conf', 3, 8, 23],
    ['file:///etc/pki/tls/certs/site.pem', 5, 19, 36],
    ['file:///etc/httpd/private/site.key', 6, 23, 39],
  ]);
});

test('with the model, sections Apache skips get no links, in included files too', () => {
  const files = {
    '/r/main.conf': 'LoadModule mpm_event_module mpm.so\nInclude site.conf\n',
    '/r/mpm.so': '',
    '/r/site.conf': '<IfModule ssl_module>\n    SSLCertificateFile cert.pem\n</IfModule>\nSSLCACertificateFile cert.pem\n',
    '/r/cert.pem': '',
  };
  assert.deepEqual(modelLinks(files, '/r/site.conf'), [['file:///r/cert.pem', 3, 21, 29]]);
});
