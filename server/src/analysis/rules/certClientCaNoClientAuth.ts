// cert/client-ca-no-client-auth: when a server verifies a client, OpenSSL
// checks every certificate of the chain for the "SSL client" purpose, CA
// certificates included (X509_check_purpose with the CA flag; RFC 5280
// leaves this to the verifier): a CA whose extendedKeyUsage lists neither
// clientAuth nor anyExtendedKeyUsage makes each chain through it fail with
// "unsupported certificate purpose". So client certificates that CA issues
// can never be accepted. A CA without the extension is not limited.
// Tool-originated.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';
import { perContents } from '../serverCertificates';
import { certificateName, listNames, caFilesOf, trustSides, verifiesPeers } from '../trustSides';

export const certClientCaNoClientAuth: Rule = modelRule(compute, {
  id: 'cert/client-ca-no-client-auth',
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcacertificatefile',
  summary: 'A CA certificate trusted for client certificates has an extendedKeyUsage without clientAuth: no client certificate it issues verifies.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const { ca, contents } of caFilesOf(trustSides(model).filter((side) => side.side === 'client' && verifiesPeers(side)), certificates)) {
    const limited = limitedCas(contents);
    if (!limited) continue;
    yield {
      path: ca.line.item.path,
      finding: {
        range: wordRange(ca.line, 0),
        message:
          `In ${ca.path}, ${limited.names} ${limited.count === 1 ? 'is a CA certificate' : 'are CA certificates'} whose extendedKeyUsage (${limited.usages}) does not include clientAuth. ` +
          'OpenSSL checks that purpose on every certificate of a client\'s chain, CAs too, so no client certificate issued under ' +
          `${limited.count === 1 ? 'it' : 'them'} verifies ("unsupported certificate purpose"). ` +
          'Issue client certificates from a CA whose extendedKeyUsage includes clientAuth (or that has none), or remove this CA from the file.',
      },
    };
  }
}

/** The file's CA certificates whose extendedKeyUsage leaves out clientAuth: how many, their names, the usages they list; undefined for none. */
const limitedCas = perContents((contents) => {
  const limited = contents.certificates.filter(({ facts }) => {
    const usages = facts.extendedKeyUsage;
    return facts.isCa && usages !== undefined && !usages.includes('clientAuth') && !usages.includes('anyExtendedKeyUsage');
  });
  if (limited.length === 0) return undefined;
  const usages = [...new Set(limited.flatMap(({ facts }) => facts.extendedKeyUsage ?? []))].join(', ') || 'none';
  return { count: limited.length, names: listNames(limited.map(certificateName)), usages };
});
