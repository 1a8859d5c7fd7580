// cert/chain-order: SSLCertificateFile must start with the server's own
// certificate, then its intermediates. When the key belongs to a later
// certificate of the file (a CA first, the leaf after it), mod_ssl pairs the
// key with the first one and stops at start-up with "AH02565: Certificate and
// private key … do not match" (verified with ca.crt + server.crt). The quick
// fix moves the leaf to the top of the PEM file.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import type { Rule } from '../types';
import { certificateOfKey, nameOf, onPath, pairKey, servedPairs } from '../serverCertificates';

export const certChainOrder: Rule = modelRule(compute, {
  id: 'cert/chain-order',
  severity: 'error',
  readsCertificates: true,
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'The server certificate is not the first in its `SSLCertificateFile` (a CA comes before it): Apache refuses to start (AH02565).',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const served of servedPairs(model, certificates)) {
    const key = pairKey(served, certificates);
    const index = key && certificateOfKey(served, key.key);
    if (typeof index !== 'number' || index === 0) continue;
    const leaf = served.certificates[index];
    yield onPath(served.pair.certificate, {
      message:
        `The private key belongs to ${nameOf(leaf)}, but certificate #1 (${served.certificates[0].facts.subject}) comes first in ${served.certificatePath}. ` +
        'mod_ssl takes the first certificate as the server\'s own: `apache2 -t` says Syntax OK, yet Apache refuses to start with "AH02565: Certificate and private key … do not match". ' +
        'Put the server certificate first, then its intermediates (each followed by the one that issued it).',
      data: { file: served.certificatePath, leafIndex: index },
    });
  }
}
