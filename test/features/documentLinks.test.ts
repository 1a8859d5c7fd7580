import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentLinks } from '../../server/src/features/documentLinks';
import { createDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { fileScope } from '../../server/src/analysis/fileScope';
import { loneFileModel, UNSAVED_PATH } from '../../server/src/config/loneFileModel';

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
