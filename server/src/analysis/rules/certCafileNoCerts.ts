// cert/cafile-no-certs: mod_ssl hands SSLCACertificateFile (and, for a host
// with SSLProxyEngine on, SSLProxyCACertificateFile) to OpenSSL at start-up,
// whether or not client certificates are asked for, and OpenSSL reads it as
// PEM only. A file with neither a certificate nor a CRL stops the start:
// "AH01895: Unable to configure verify locations for client authentication",
// "no certificate or crl found", AH02312. One with CRLs only loads, but gives
// no CA names: "AH01896: Unable to determine list of acceptable CA
// certificates", fatal too. Verified on 2.4.71 (both sides, DER and garbage
// files); `apache2 -t` says Syntax OK.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import type { CertificateFileContents } from '../certs/readCertificateFile';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';
import { caFilesOf, trustSides, type SideSettings } from '../trustSides';

export const certCafileNoCerts: Rule = modelRule(compute, {
  id: 'cert/cafile-no-certs',
  severity: 'error',
  readsCertificates: true,
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcacertificatefile',
  summary: 'An `SSLCACertificateFile` or `SSLProxyCACertificateFile` with no PEM certificate in it: Apache refuses to start (AH01895, AH01896).',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const { side, ca, contents } of caFilesOf(trustSides(model), certificates)) {
    const problem = whatIsWrong(contents, side);
    if (!problem) continue;
    yield {
      path: ca.line.item.path,
      finding: {
        range: wordRange(ca.line, 0),
        message: `${ca.path} ${problem} mod_ssl reads ${side.directive('CACertificateFile')} at every start, even where no certificate is asked for; \`apache2 -t\` does not open it.`,
      },
    };
  }
}

function whatIsWrong(contents: CertificateFileContents, side: SideSettings): string | undefined {
  if (contents.format === 'der' && contents.certificates.length > 0) {
    return 'holds a DER (binary) certificate, and Apache reads CA files as PEM only: the start fails with "AH01895: Unable to configure verify locations", then AH02312. Convert it to PEM (`openssl x509 -inform der`).';
  }
  if (contents.certificates.length > 0) return undefined;
  const unparsable = contents.badBlocks.filter((block) => block.label.includes('CERTIFICATE')).length;
  const unreadable = unparsable > 0 ? ` (${unparsable} certificate block${unparsable === 1 ? ' does' : 's do'} not parse)` : '';
  if (contents.crls === 0) {
    return `holds no PEM certificate${unreadable} and no CRL: the start fails with "AH01895: Unable to configure verify locations", "no certificate or crl found", then AH02312. Put the PEM certificates of the CAs you trust in it.`;
  }
  // The acceptable-CA list then comes from SSLCADNRequestFile/Path instead, and the start goes on.
  if (side.side === 'client' && (side.host.setting('sslcadnrequestfile') || side.host.setting('sslcadnrequestpath'))) return undefined;
  return `holds CRLs but no certificate${unreadable}: there is no CA name to offer, and the start fails with "AH01896: Unable to determine list of acceptable CA certificates", then AH02312. Add the CA certificates (CRLs belong in the revocation file).`;
}
