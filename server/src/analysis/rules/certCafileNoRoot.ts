// cert/cafile-no-root: OpenSSL accepts a chain only when it ends at a
// self-signed certificate it trusts; mod_ssl does not allow partial chains
// (X509_V_FLAG_PARTIAL_CHAIN). An intermediate CA in SSLCACertificateFile
// without its root there anchors nothing: every peer certificate issued under
// it is refused with "AH02039: Certificate Verification: Error (2): unable to
// get issuer certificate" (verified on 2.4.71 with OpenSSL 3), even when the
// client sends the intermediate itself. Not judged when a CA folder
// (SSL(Proxy)CACertificatePath) is in force too: the root may be there.
import type { Rule } from '../types';
import { wordRange } from '../proxyHosts';
import { isIssuedBy, isSignedBy } from '../certs/certificateChecks';
import type { ParsedCertificate } from '../certs/readCertificateFile';
import { perContents } from '../serverCertificates';
import { certificateName, listNames, verifyingFilesIn } from '../trustSides';

export const certCafileNoRoot: Rule = {
  id: 'cert/cafile-no-root',
  severity: 'error',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcacertificatefile',
  summary: 'A CA file holds an intermediate CA without the root that issued it: peer certificates issued under it never verify.',
  check({ scope, certificates, report }) {
    for (const { setting: ca, sides, contents } of verifyingFilesIn(scope.model, scope.path, 'CACertificateFile', certificates)) {
      if (sides.some((side) => side.setting('CACertificatePath')?.path)) continue;
      const { rootless, anchored } = anchoring(contents);
      if (rootless.length === 0) continue;
      const peers = sides[0].side === 'client' ? 'client' : 'backend';
      report({
        range: wordRange(ca.line, 0),
        ...(anchored ? { severity: 'warning' as const } : {}),
        message:
          `${ca.path} holds ${listNames(rootless.map(certificateName))} without the self-signed root CA ${rootless.length === 1 ? 'it leads' : 'they lead'} to. ` +
          'OpenSSL accepts a chain only when it ends at a trusted root, and mod_ssl does not allow partial chains: ' +
          `every ${peers} certificate issued under ${rootless.length === 1 ? 'it' : 'them'} is refused ("AH02039: Certificate Verification: Error (2): unable to get issuer certificate")` +
          `${anchored ? '' : `, so no ${peers} certificate can pass`}. Add the root CA certificate to this file.`,
      });
    }
  },
};

/** The file's CA certificates whose issuers, followed within the file, never reach a self-signed one; and whether some CA does. */
const anchoring = perContents((contents) => {
  const cas = contents.certificates.filter((certificate) => certificate.facts.isCa);
  const reachesRoot = (certificate: ParsedCertificate): boolean => {
    const seen = new Set<ParsedCertificate>();
    let current: ParsedCertificate | undefined = certificate;
    while (current && !seen.has(current)) {
      if (current.facts.selfSigned) return true;
      seen.add(current);
      const subject: ParsedCertificate = current;
      current = contents.certificates.find((issuer) => issuer !== subject && isIssuedBy(subject.x509, issuer.x509) && isSignedBy(subject.x509, issuer.x509));
    }
    return false;
  };
  const rootless = cas.filter((certificate) => !reachesRoot(certificate));
  return { rootless, anchored: rootless.length < cas.length };
});
