// Lines put at the end of the <VirtualHost> around the cursor: only the lines
// added change, indented like the host's lines, in the file's line breaks;
// directives the host already has are left out and reported.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertVirtualHostDirectives } from '../../server/src/features/insertVirtualHostDirectives';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { applyEdits } from '../support/applyEdits';

const LINES = ['SSLEngine on', 'SSLCertificateFile /pki/server.crt', 'SSLVerifyClient require'];

function insert(text: string, line: number, lines = LINES, character = 0) {
  const result = insertVirtualHostDirectives(parseConfig(text), { line, character }, lines);
  if ('error' in result) assert.fail(result.error);
  return { ...result, text: result.edit ? applyEdits(text, [result.edit]) : text };
}

test('after the last line of the host, with its indentation; nothing else changes', () => {
  const text = 'Listen 443\n<VirtualHost *:443>\n  ServerName a.test\n  DocumentRoot /srv/a\n\n</VirtualHost>\n# end\n';
  const result = insert(text, 2);
  assert.equal(result.text, 'Listen 443\n<VirtualHost *:443>\n  ServerName a.test\n  DocumentRoot /srv/a\n  SSLEngine on\n  SSLCertificateFile /pki/server.crt\n  SSLVerifyClient require\n\n</VirtualHost>\n# end\n');
  assert.deepEqual(result.added, LINES);
  assert.deepEqual(result.skipped, []);
});

test('a directive the host has (any case, or in an <IfModule> of the host) is skipped and reported; one in a <Location> is not the host\'s', () => {
  const text = '<VirtualHost *:443>\n\tsslengine On\n\t<IfModule ssl_module>\n\t\tSSLCertificateFile /old.crt\n\t</IfModule>\n\t<Location /a>\n\t\tSSLVerifyClient require\n\t</Location>\n</VirtualHost>\n';
  const result = insert(text, 1);
  assert.deepEqual(result.added, ['SSLVerifyClient require']);
  assert.deepEqual(result.skipped, ['SSLEngine on', 'SSLCertificateFile /pki/server.crt']);
  assert.equal(result.text, text.replace('\t</Location>\n', '\t</Location>\n\tSSLVerifyClient require\n'));
});

test('every line present: no edit', () => {
  const text = '<VirtualHost *:443>\n    SSLEngine on\n    SSLCertificateFile /a\n    SSLVerifyClient optional\n</VirtualHost>\n';
  const result = insert(text, 2);
  assert.equal(result.edit, undefined);
  assert.equal(result.text, text);
  assert.deepEqual(result.skipped, LINES);
});

test('CRLF files get CRLF; an empty host gets one level more than its tag; the cursor may be on the tag or in a nested section', () => {
  const crlf = '<VirtualHost *:443>\r\n    ServerName a.test\r\n</VirtualHost>\r\n';
  assert.equal(insert(crlf, 0, ['SSLEngine on']).text, '<VirtualHost *:443>\r\n    ServerName a.test\r\n    SSLEngine on\r\n</VirtualHost>\r\n');

  const empty = '<IfModule ssl_module>\n  <VirtualHost *:443>\n  </VirtualHost>\n</IfModule>\n';
  assert.equal(insert(empty, 1, ['SSLEngine on'], 5).text, '<IfModule ssl_module>\n  <VirtualHost *:443>\n      SSLEngine on\n  </VirtualHost>\n</IfModule>\n');

  const nested = '<VirtualHost *:443>\n    <Location /x>\n        Require all granted\n    </Location>\n</VirtualHost>';
  assert.equal(insert(nested, 2, ['SSLEngine on']).text, '<VirtualHost *:443>\n    <Location /x>\n        Require all granted\n    </Location>\n    SSLEngine on\n</VirtualHost>');
});

test('outside a host, or in one that is never closed: an error and no edit', () => {
  const outside = insertVirtualHostDirectives(parseConfig('Listen 443\n<VirtualHost *:443>\n</VirtualHost>\n'), { line: 0, character: 0 }, LINES);
  assert.deepEqual(outside, { error: 'The cursor is not inside a <VirtualHost>.' });
  const unclosed = insertVirtualHostDirectives(parseConfig('<VirtualHost *:443>\n    ServerName a.test\n'), { line: 1, character: 0 }, LINES);
  assert.deepEqual(unclosed, { error: 'The <VirtualHost> around the cursor has no closing </VirtualHost>.' });
});
