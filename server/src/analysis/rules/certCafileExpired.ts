// cert/cafile-expired: OpenSSL checks the dates of every certificate on the
// path it builds, the trust anchor from the CA file included. A CA there that
// has expired (or is not valid yet) makes every client certificate issued
// under it fail verification, for mod_ssl as for the proxy side: Apache
// starts, and each refused peer is logged as "AH02039: Certificate
// Verification: Error (10): certificate has expired" (verified on 2.4.71 with
// OpenSSL 3). The clock is read per analysis, as for cert/expired.
import type { Rule } from '../types';
import { wordRange } from '../proxyHosts';
import { dayCount, isoDay, validityAt } from '../certs/validity';
import { certificateName, listNames, verifyingFilesIn } from '../trustSides';

export const certCafileExpired: Rule = {
  id: 'cert/cafile-expired',
  severity: 'error',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcacertificatefile',
  summary: 'A CA certificate in `SSLCACertificateFile` or `SSLProxyCACertificateFile` has expired or is not valid yet: every peer certificate issued under it is refused.',
  check({ scope, certificates, report }) {
    const now = certificates.now();
    for (const { setting: ca, sides, contents } of verifyingFilesIn(scope.model, scope.path, 'CACertificateFile', certificates)) {
      const outOfDate = contents.certificates.flatMap((certificate) => {
        const { state, days } = validityAt(certificate.facts, now);
        if (state === 'valid') return [];
        const when = state === 'expired' ? `expired on ${isoDay(certificate.facts.notAfter)}, ${dayCount(days)} ago` : `valid only from ${isoDay(certificate.facts.notBefore)}`;
        return [`${certificateName(certificate)} ${when}`];
      });
      if (outOfDate.length === 0) continue;
      const peers = sides[0].side === 'client' ? 'client' : 'backend';
      const all = outOfDate.length === contents.certificates.length;
      report({
        range: wordRange(ca.line, 0),
        ...(all ? {} : { severity: 'warning' as const }),
        message:
          `${ca.path}: ${listNames(outOfDate)}. OpenSSL checks the dates of the CA a chain ends at too, so every ${peers} certificate issued under ` +
          `${outOfDate.length === 1 ? 'it' : 'them'} fails verification ("AH02039: Certificate Verification: Error (10): certificate has expired"), ` +
          `${all ? `and no ${peers} certificate can pass. ` : 'while the other CAs of the file still work. '}` +
          'Replace it with the CA\'s current certificate.',
      });
    }
  },
};
