// cert/expires-soon: a certificate the server sends ends its validity within
// `certificates.expiryWarningDays` days (30 by default). Nothing fails yet;
// this is the reminder to renew before clients start refusing it.
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';
import { DAY_MS, dayCount, isoDay, validityAt } from '../certs/validity';
import { capitalized, certificatesOfLinesIn, nameOf, reportOnce } from '../serverCertificates';

export const certExpiresSoon: Rule = {
  id: 'cert/expires-soon',
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'A certificate the server sends expires within `apacheSsl.certificates.expiryWarningDays` days (30 by default).',
  check({ scope, certificates, settings, report }) {
    const once = reportOnce(report);
    const now = certificates.now();
    const horizon = settings['certificates.expiryWarningDays'] * DAY_MS;
    for (const { line, path, certificate, chainFile } of certificatesOfLinesIn(scope, certificates)) {
      const { state, days, ms } = validityAt(certificate.facts, now);
      if (state !== 'valid' || ms >= horizon) continue;
      once({
        range: wordRange(line, 0),
        message:
          `${capitalized(nameOf(certificate, chainFile))} in ${path} expires on ${isoDay(certificate.facts.notAfter)}, ${days === 0 ? 'in less than a day' : `in ${dayCount(days)}`}. ` +
          'After that clients refuse the connection. Renew it and replace the file (Apache reads it again on a graceful restart).',
      });
    }
  },
};
