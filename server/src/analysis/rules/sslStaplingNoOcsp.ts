// ssl/stapling-no-ocsp: with SSLUseStapling on and the issuer found, a
// certificate without an OCSP responder URI (authorityInfoAccess) and no
// SSLStaplingForceURL makes start-up log AH02218 and AH02604; that
// certificate is served without stapling. Let's Encrypt stopped putting OCSP
// URIs in its certificates in May 2025 and shut its responders down in August
// 2025, so configurations that kept `SSLUseStapling on` meet this often.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { stapledCertificates } from '../certs/staplingCertificates';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';

export const sslStaplingNoOcsp: Rule = modelRule(compute, {
  id: 'ssl/stapling-no-ocsp',
  citesLines: true,
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslusestapling',
  summary: 'OCSP stapling is on for a certificate without an OCSP URI and no SSLStaplingForceURL: AH02218 at start, no stapling.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const { pair, leaf, issuerSource, forceUrl, stapling } of stapledCertificates(model, certificates)) {
    if (issuerSource === undefined || forceUrl || leaf.facts.ocspUris.length > 0) continue;
    yield {
      path: pair.certificate.item.path,
      finding: {
        range: wordRange(pair.certificate, 0),
        message:
          `OCSP stapling is on, but ${leaf.facts.subject} names no OCSP responder and no SSLStaplingForceURL is set. ` +
          'Apache starts anyway and logs "AH02218: ssl_stapling_init_cert: no OCSP URI in certificate and no SSLStaplingForceURL set" and AH02604; ' +
          'clients get no stapled response. Certificate authorities are dropping OCSP (Let\'s Encrypt since 2025): turn stapling off for this host.',
        // Turning stapling off is offered where it touches this host only.
        ...(stapling.host === pair.certificate.host ? { data: { stapling: { path: stapling.item.path, range: wordRange(stapling, 0) } } } : {}),
      },
    };
  }
}
