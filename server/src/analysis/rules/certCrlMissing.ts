// cert/crl-missing: with SSLCARevocationCheck leaf or chain (and no
// no_crl_for_cert_ok), OpenSSL refuses a certificate when it finds no CRL
// from its issuer: "AH02039: Certificate Verification: Error (3): unable to
// get certificate CRL" (verified on 2.4.71 with OpenSSL 3: a bundle of a root
// and an intermediate with only the root's CRL refuses every client the
// intermediate issued). Judged when the CA file and the revocation file can
// be read and no revocation folder is in force.
import type { Rule } from '../types';
import { wordRange } from '../proxyHosts';
import { casNeedingCrl, issuedCrl, revocationCheckOf } from '../revocationChecks';
import { reportOnce } from '../serverCertificates';
import { certificateName, listNames, verifyingFilesIn } from '../trustSides';

export const certCrlMissing: Rule = {
  id: 'cert/crl-missing',
  severity: 'error',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcarevocationcheck',
  summary: 'CRLs are checked, but `SSLCARevocationFile` has no CRL from a CA that issues certificates: all of them are refused.',
  check({ scope, certificates, report }) {
    const once = reportOnce(report);
    for (const { setting: file, sides, contents } of verifyingFilesIn(scope.model, scope.path, 'CARevocationFile', certificates)) {
      for (const side of sides) {
        const check = revocationCheckOf(side);
        if (!check || check.missingOk || side.setting('CARevocationPath')?.path) continue;
        const missing = (casNeedingCrl(side, check, certificates) ?? []).filter((ca) => !contents.revocationLists.some((list) => issuedCrl(ca, list.issuerDer)));
        if (missing.length === 0) continue;
        const peers = side.side === 'client' ? 'client' : 'backend';
        const checkName = side.directive('CARevocationCheck');
        once({
          range: wordRange(file.line, 0),
          message:
            `${file.path} has no CRL from ${listNames(missing.map(certificateName))} of ${side.setting('CACertificateFile')?.path}. ` +
            `With ${checkName} ${check.mode}, OpenSSL needs one from the issuer of ${check.mode === 'chain' ? 'every certificate of a chain' : 'the certificate'}, so every ${peers} certificate ${missing.length === 1 ? 'that CA issues' : 'those CAs issue'} is refused ` +
            '("AH02039: Certificate Verification: Error (3): unable to get certificate CRL"). ' +
            `Add ${missing.length === 1 ? 'its CRL' : 'their CRLs'} to the file, or append no_crl_for_cert_ok to ${checkName} if a missing CRL may pass.`,
        });
      }
    }
  },
};
