// ssl/stapling-no-issuer: with SSLUseStapling on, mod_ssl looks for the
// certificate's issuer in the certificate file, the chain file and the CA
// store. When it is in none of them (a self-signed certificate included),
// start-up logs AH02217 and AH02604 and the certificate is served without
// stapling. `apache2 -t` reads no certificate and says Syntax OK.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { stapledCertificates } from '../certs/staplingCertificates';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';

export const sslStaplingNoIssuer: Rule = modelRule(compute, {
  id: 'ssl/stapling-no-issuer',
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslusestapling',
  summary: 'OCSP stapling is on but the certificate\'s issuer is in none of the files mod_ssl searches: AH02217 at start, no stapling.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const { pair, leaf, issuerSource } of stapledCertificates(model, certificates)) {
    if (issuerSource !== undefined) continue;
    const why = leaf.facts.selfSigned
      ? 'It is self-signed: there is no issuer to ask, so stapling cannot work for it.'
      : `Its issuer (${leaf.facts.issuer}) is not in this file, SSLCertificateChainFile or SSLCACertificateFile/Path. Append the intermediate certificate to the certificate file, after the server certificate.`;
    yield {
      path: pair.certificate.item.path,
      finding: {
        range: wordRange(pair.certificate, 0),
        message:
          `OCSP stapling is on, but mod_ssl will not find the issuer of ${leaf.facts.subject}. ${why} ` +
          'Apache starts anyway and logs "AH02217: ssl_stapling_init_cert: can\'t retrieve issuer certificate!" and "AH02604: Unable to configure certificate … for stapling"; clients get no stapled OCSP response.',
      },
    };
  }
}
