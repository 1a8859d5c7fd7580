// cert/cafile-non-ca: every certificate in a CA file becomes a trust anchor,
// and on the client side its subject is sent to clients as an acceptable CA
// (ssl_init_FindCAList). An end-entity certificate there (no basicConstraints
// CA:TRUE) issues nothing: it is usually a server or client certificate put
// in the wrong file, and a self-signed one is trusted as itself (pinned).
// Tool-originated; Apache says nothing.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';
import { perContents } from '../serverCertificates';
import { certificateName, listNames, caFilesOf, trustSides } from '../trustSides';

export const certCafileNonCa: Rule = modelRule(compute, {
  id: 'cert/cafile-non-ca',
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcacertificatefile',
  summary: 'A CA file (`SSLCACertificateFile`, `SSLProxyCACertificateFile`) holds end-entity certificates, which are not CA certificates.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const { side, ca, contents } of caFilesOf(trustSides(model), certificates)) {
    const leaves = endEntities(contents);
    if (!leaves) continue;
    yield {
      path: ca.line.item.path,
      finding: {
        range: wordRange(ca.line, 0),
        message:
          `${ca.path} holds ${leaves.count} (no basicConstraints CA:TRUE): ${leaves.names}. ` +
          `mod_ssl trusts every certificate in ${side.directive('CACertificateFile')} as a CA${side.side === 'client' ? ' and names it to clients as one' : ''}, ` +
          'but such a certificate issues nothing; it is usually a server or client certificate put in the wrong file (a self-signed one is trusted only as itself). ' +
          'Keep only the CA certificates in this file.',
      },
    };
  }
}

/** How many end-entity certificates the file holds, and their names; undefined for none. */
const endEntities = perContents((contents) => {
  const leaves = contents.certificates.filter((certificate) => !certificate.facts.isCa);
  if (leaves.length === 0) return undefined;
  return { count: leaves.length === 1 ? 'an end-entity certificate' : `${leaves.length} end-entity certificates`, names: listNames(leaves.map(certificateName)) };
});
