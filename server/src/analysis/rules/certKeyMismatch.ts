// cert/key-mismatch: mod_ssl checks at start-up that the private key belongs
// to the first certificate of SSLCertificateFile; when it does not, the
// start fails with "AH02565: Certificate and private key … do not match"
// (`apache2 -t` says Syntax OK). When the key belongs to a later certificate
// of the same file, the leaf is simply not first: cert/chain-order reports
// that instead. An encrypted key cannot be compared and is left alone.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import type { PublicKeyFacts } from '../certs/describeCertificate';
import { modelRule, type LocatedFinding } from '../modelFindings';
import type { Rule } from '../types';
import { certificateOfKey, nameOf, onPath, pairKey, servedPairs } from '../serverCertificates';

export const certKeyMismatch: Rule = modelRule(compute, {
  id: 'cert/key-mismatch',
  severity: 'error',
  readsCertificates: true,
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatekeyfile',
  summary: 'The private key does not belong to the certificate of `SSLCertificateFile`: Apache refuses to start (AH02565).',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const served of servedPairs(model, certificates)) {
    const key = pairKey(served, certificates);
    if (!key || certificateOfKey(served, key.key) !== 'none') continue;
    const leaf = served.certificates[0];
    const sameFile = key.path === served.certificatePath;
    const keySource = `The ${describeKey(key.key.facts)}private key ${sameFile ? 'in the same file' : `in ${key.path}`}`;
    yield onPath(served.pair.certificate, {
      message:
        `${keySource} does not belong to ${nameOf(leaf)} of ${served.certificatePath}, nor to any other certificate in that file. ` +
        '`apache2 -t` says Syntax OK, yet Apache refuses to start: "AH02565: Certificate and private key … do not match". ' +
        (sameFile
          ? 'Put the key this certificate was issued for in the file (or name it with SSLCertificateKeyFile).'
          : 'Point SSLCertificateKeyFile at the key this certificate was issued for, or this line at the certificate issued for the key.'),
    });
  }
}

/** "RSA 2048-bit ", "EC prime256v1 ": type and size only, never the key. */
function describeKey(facts: PublicKeyFacts | undefined): string {
  if (!facts) return '';
  return `${facts.type.toUpperCase()}${facts.bits ? ` ${facts.bits}-bit` : ''}${facts.curve ? ` ${facts.curve}` : ''} `;
}
