// cert/crl-expired: a CRL whose next update is past. With revocation checks
// on, OpenSSL refuses every certificate that CRL's issuer signed, as long as
// the check needs that CRL: "AH02039: Certificate Verification: Error (12):
// CRL has expired" (verified on 2.4.71 with OpenSSL 3). no_crl_for_cert_ok
// does not help: mod_ssl excuses only a missing CRL. mod_ssl reads the CRLs
// at start-up only: a fresh file needs a reload. The clock is read per analysis, as for cert/expired.
import type { Rule } from '../types';
import { wordRange } from '../proxyHosts';
import { isoDay } from '../certs/validity';
import { casNeedingCrl, issuedCrl, revocationCheckOf } from '../revocationChecks';
import { reportOnce } from '../serverCertificates';
import { verifyingFilesIn } from '../trustSides';

export const certCrlExpired: Rule = {
  id: 'cert/crl-expired',
  severity: 'error',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcarevocationfile',
  summary: 'A CRL in `SSLCARevocationFile` is past its next update while CRLs are checked: every certificate its CA issued is refused.',
  check({ scope, certificates, report }) {
    const once = reportOnce(report);
    const now = certificates.now();
    for (const { setting: file, sides, contents } of verifyingFilesIn(scope.model, scope.path, 'CARevocationFile', certificates)) {
      const stale = contents.revocationLists.filter((list) => list.nextUpdate !== undefined && list.nextUpdate < now);
      if (stale.length === 0) continue;
      for (const side of sides) {
        const check = revocationCheckOf(side);
        if (!check) continue;
        const needed = casNeedingCrl(side, check, certificates);
        const peers = side.side === 'client' ? 'client' : 'backend';
        for (const list of stale) {
          const ca = needed?.find((candidate) => issuedCrl(candidate, list.issuerDer));
          // Known to be needed, or the CAs cannot be read: say it. A CRL of a CA the check does not ask about is left alone.
          if (needed && !ca) continue;
          once({
            range: wordRange(file.line, 0),
            message:
              `The CRL at line ${list.line + 1} of ${file.path}${ca ? `, from ${ca.facts.subject},` : ''} was due to be replaced on ${isoDay(list.nextUpdate ?? now)}. ` +
              `With ${side.directive('CARevocationCheck')} ${check.mode}, OpenSSL refuses every ${peers} certificate that CA issued ("AH02039: Certificate Verification: Error (12): CRL has expired"). ` +
              'Put a current CRL in the file and reload Apache: mod_ssl reads CRLs at start-up only.',
          });
        }
      }
    }
  },
};
