// Code lenses on certificate lines: expiry, or what is wrong with the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { createCertificateReader } from '../../server/src/analysis/certs/certificateReader';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { certificateLenses } from '../../server/src/features/certificateLenses';
import { defaultDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import { makeCertificate } from '../support/testCertificates';

const HOUR = 60 * 60 * 1000;
const current = makeCertificate({ commonName: 'www.example.test', notAfterDays: 38 });
const expired = makeCertificate({ commonName: 'old.example.test', notBeforeDays: -400, notAfterDays: -57, key: current });
const future = makeCertificate({ commonName: 'new.example.test', notBeforeDays: 3, notAfterDays: 90, key: current });
const client = makeCertificate({ commonName: 'proxy client', notAfterDays: 20, key: current });
// Judged an hour after they were made, so whole days stay whole.
const now = new Date(Date.now() + HOUR);
const MAIN = '/etc/apache2/apache2.conf';

function lenses(config: string, files: Record<string, string>): { line: number; title: string }[] {
  const all = { [MAIN]: config, ...files };
  const fs = memoryFileSystem(all);
  const model = buildConfigModel(MAIN, { sources: new SourceCache(fs) });
  const found = certificateLenses(model, MAIN, { certificates: createCertificateReader(fs, () => now), directives: defaultDirectiveIndex() });
  return found.map((lens) => {
    assert.equal(lens.command?.command, '');
    return { line: lens.range.start.line, title: lens.command?.title ?? '' };
  });
}

const date = (certificate: { forgeCert: { validity: { notAfter: Date; notBefore: Date } } }, which: 'notAfter' | 'notBefore' = 'notAfter') =>
  certificate.forgeCert.validity[which].toISOString().slice(0, 10);

test('each SSLCertificateFile line says when its certificate expires, or that it has', () => {
  const config = [
    'ServerRoot /etc/apache2',
    'Define SSL /etc/ssl',
    '<VirtualHost *:443>',
    '    SSLCertificateFile ${SSL}/current.pem',
    '    SSLCertificateKeyFile ${SSL}/current.key',
    '</VirtualHost>',
    '<VirtualHost *:8443>',
    '    SSLCertificateFile ssl/old.pem',
    '    SSLCertificateFile /etc/ssl/new.pem',
    '</VirtualHost>',
    '',
  ].join('\n');
  assert.deepEqual(lenses(config, { '/etc/ssl/current.pem': current.cert, '/etc/ssl/current.key': current.key, '/etc/apache2/ssl/old.pem': expired.cert, '/etc/ssl/new.pem': future.cert }), [
    { line: 3, title: `expires ${date(current)} (37 days)` },
    { line: 7, title: `expired ${date(expired)} (57 days ago)` },
    { line: 8, title: `not valid until ${date(future, 'notBefore')} (2 days from now)` },
  ]);
});

test('a file that cannot be used says why; a proxy client file names its soonest expiry', () => {
  const config = [
    'SSLCertificateFile /etc/ssl/missing.pem',
    'SSLCertificateFile /etc/ssl/garbage.pem',
    'SSLProxyMachineCertificateFile /etc/ssl/clients.pem',
    'SSLCertificateKeyFile /etc/ssl/missing.key',
    '<IfModule nope_module>',
    '    SSLCertificateFile /etc/ssl/skipped.pem',
    '</IfModule>',
    '',
  ].join('\n');
  assert.deepEqual(lenses(`LoadModule ssl_module modules/mod_ssl.so\n${config}`, { '/etc/ssl/garbage.pem': 'not a certificate\n', '/etc/ssl/clients.pem': current.cert + current.key + client.cert + current.key }), [
    { line: 1, title: 'certificate file does not exist' },
    { line: 2, title: 'no certificate in this file' },
    { line: 3, title: `expires ${date(client)} (19 days), the soonest of 2: proxy client` },
  ]);
});
