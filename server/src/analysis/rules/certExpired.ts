// cert/expired: a certificate the server sends whose validity has ended.
// mod_ssl starts and serves it all the same (only the info-level AH02568 is
// logged), so this is ours to say: every client refuses the connection.
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';
import { dayCount, isoDay, validityAt } from '../certs/validity';
import { capitalized, certificatesOfLinesIn, nameOf, reportOnce } from '../serverCertificates';

export const certExpired: Rule = {
  id: 'cert/expired',
  severity: 'error',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'A certificate in `SSLCertificateFile` or `SSLCertificateChainFile` has expired: Apache serves it, clients refuse it.',
  check({ scope, certificates, report }) {
    const once = reportOnce(report);
    const now = certificates.now();
    for (const { line, path, certificate, chainFile } of certificatesOfLinesIn(scope, certificates)) {
      const { notAfter } = certificate.facts;
      const { state, days } = validityAt(certificate.facts, now);
      if (state !== 'expired') continue;
      once({
        range: wordRange(line, 0),
        message:
          `${capitalized(nameOf(certificate, chainFile))} in ${path} expired on ${isoDay(notAfter)} (${days === 0 ? 'less than a day' : dayCount(days)} ago). ` +
          'Apache starts and sends it without a word, but browsers and other clients refuse the connection (certificate has expired). Renew it and replace the file.',
      });
    }
  },
};
