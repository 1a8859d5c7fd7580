// cert/capath-not-hashed: OpenSSL looks a certificate's issuer (or a CRL) up
// in a folder by file name only: `<subject hash>.<n>` for certificates,
// `<hash>.r<n>` for CRLs. A folder holding .pem/.crt/.crl files without those
// names finds nothing, so client (or backend) certificates fail to verify,
// while mod_ssl still reads every file for the CA names it shows clients.
// `openssl rehash` (or c_rehash) makes the links. Tool-originated.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { CERTIFICATE_DIRECTIVES, certificatePath } from '../certs/certificateDirectives';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel, wordRange } from '../proxyHosts';
import type { Rule } from '../types';
import { listNames } from '../trustSides';

/** The folder directives, and whether they hold CRLs (hash names `.r<n>`) rather than certificates (`.<n>`). */
const FOLDERS = new Map([
  ['sslcacertificatepath', false],
  ['sslproxycacertificatepath', false],
  ['sslcarevocationpath', true],
  ['sslproxycarevocationpath', true],
]);

const CERTIFICATE_FILE = /\.(?:pem|crt|cer)$/i;
const CRL_FILE = /\.(?:pem|crl)$/i;
const CERTIFICATE_HASH = /^[0-9a-f]{8}\.\d+$/i;
const CRL_HASH = /^[0-9a-f]{8}\.r\d+$/i;

export const certCapathNotHashed: Rule = modelRule(compute, {
  id: 'cert/capath-not-hashed',
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcacertificatepath',
  summary: 'A CA or CRL folder (`SSLCACertificatePath`, `SSLCARevocationPath` …) with certificate files but no hash-named links: OpenSSL finds none of them.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), ...FOLDERS.keys())) {
    const crls = FOLDERS.get(line.name);
    if (crls === undefined) continue;
    const directive = CERTIFICATE_DIRECTIVES.get(line.name);
    const folder = directive && certificatePath(model.serverRoot, line.item.args[0], directive);
    const entries = folder === undefined ? undefined : certificates.listDirectory(folder);
    if (!folder || !entries) continue;
    const names = entries.map((entry) => entry.name);
    if (names.some((name) => (crls ? CRL_HASH : CERTIFICATE_HASH).test(name))) continue;
    const files = names.filter((name) => (crls ? CRL_FILE : CERTIFICATE_FILE).test(name)).sort();
    if (files.length === 0) continue;
    const kind = crls ? 'CRL' : 'certificate';
    yield {
      path: line.item.path,
      finding: {
        range: wordRange(line, 0),
        message:
          `${folder} holds ${files.length} ${kind} file${files.length === 1 ? '' : 's'} (${listNames(files)}) but no hash-named link such as ${crls ? '1a2b3c4d.r0' : '1a2b3c4d.0'}. ` +
          `OpenSSL finds a ${kind} in a folder by that name only, so none of these is used${crls ? ' and revocation is not checked against them' : ' and certificates they issued fail to verify'}. ` +
          `Run \`openssl rehash ${folder}\` (or c_rehash) now and after every change to the folder.`,
      },
    };
  }
}
