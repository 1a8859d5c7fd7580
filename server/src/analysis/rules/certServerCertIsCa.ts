// cert/server-cert-is-ca: the server's own certificate says it is a CA
// (basicConstraints CA:TRUE) or allows CAs below it (pathlen > 0). mod_ssl
// starts, logging "AH01906: … server certificate is a CA certificate
// (BasicConstraints: CA == TRUE !?)" or "AH01907: … is not a leaf
// certificate (BasicConstraints: pathlen == n > 0 !?)"; many clients refuse a
// CA certificate as a server's. Usually the CA was configured in place of
// the certificate it issued. A leaf that is not first is cert/chain-order's.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import type { Rule } from '../types';
import { certificateOfKey, onPath, pairKey, servedPairs } from '../serverCertificates';

export const certServerCertIsCa: Rule = modelRule(compute, {
  id: 'cert/server-cert-is-ca',
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'The server certificate is a CA certificate (CA:TRUE, AH01906) or allows sub-CAs (pathlen > 0, AH01907).',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const served of servedPairs(model, certificates)) {
    const key = pairKey(served, certificates);
    const keyIndex = key && certificateOfKey(served, key.key);
    if (typeof keyIndex === 'number' && keyIndex > 0) continue;
    const { facts } = served.certificates[0];
    const pathLength = facts.pathLength ?? 0;
    if (!facts.isCa && pathLength <= 0) continue;
    const logged = [
      ...(facts.isCa ? ['"AH01906: … server certificate is a CA certificate (BasicConstraints: CA == TRUE !?)"'] : []),
      ...(pathLength > 0 ? [`"AH01907: … server certificate is not a leaf certificate (BasicConstraints: pathlen == ${pathLength} > 0 !?)"`] : []),
    ];
    yield onPath(served.pair.certificate, {
      message:
        `The server certificate in ${served.certificatePath} (${facts.subject}) is ${facts.isCa ? 'a CA certificate (basicConstraints CA:TRUE)' : `marked as able to sign sub-CAs (pathlen ${pathLength})`}. ` +
        `Apache starts but logs ${logged.join(' and ')}, and clients may refuse it as a server certificate. ` +
        'Configure the certificate your CA issued for this server (CA:FALSE), not the CA certificate itself.',
    });
  }
}
