// cert/not-yet-valid: a certificate the server sends whose validity starts in
// the future (a clock off when it was made, or a file installed early).
// mod_ssl serves it; clients refuse it until that date.
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';
import { dayCount, validityAt } from '../certs/validity';
import { capitalized, certificatesOfLinesIn, nameOf, reportOnce } from '../serverCertificates';

export const certNotYetValid: Rule = {
  id: 'cert/not-yet-valid',
  severity: 'error',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'A certificate the server sends is not valid yet (its notBefore date is in the future): clients refuse it.',
  check({ scope, certificates, report }) {
    const once = reportOnce(report);
    const now = certificates.now();
    for (const { line, path, certificate, chainFile } of certificatesOfLinesIn(scope, certificates)) {
      const { notBefore } = certificate.facts;
      const { state, days } = validityAt(certificate.facts, now);
      if (state !== 'not-yet-valid') continue;
      once({
        range: wordRange(line, 0),
        message:
          `${capitalized(nameOf(certificate, chainFile))} in ${path} is valid only from ${notBefore.toISOString().replace('.000Z', 'Z')} (${days === 0 ? 'within a day' : `in ${dayCount(days)}`}). ` +
          'Apache sends it, but clients refuse the connection until then (certificate is not yet valid). Check the clock of the machine that issued it, or wait before installing it.',
      });
    }
  },
};
