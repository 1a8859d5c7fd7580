// cert/client-ca-is-public-pki: with SSLVerifyClient optional or require,
// every CA in SSLCACertificateFile/Path may issue an accepted client
// certificate. The system trust store (hundreds of public CAs), a bundle of
// that size, or the server's own certificate or chain file (its public
// issuer) there means anyone who can get a certificate from one of those CAs
// passes verification. The manual warns of this side effect for the server's
// CA in SSLCACertificatePath.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { modelRule, type LocatedFinding } from '../modelFindings';
import type { Placed } from '../proxyHosts';
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';
import { isSystemBundle, isSystemCertificateFolder } from '../certs/systemTrustStores';
import { contentsOf, perContents } from '../serverCertificates';
import { trustSides, verifiesPeers, type SideSettings } from '../trustSides';

/** More CA certificates than a private client PKI ever has: a public bundle. */
const PUBLIC_BUNDLE_SIZE = 20;


export const certClientCaIsPublicPki: Rule = modelRule(compute, {
  id: 'cert/client-ca-is-public-pki',
  severity: 'warning',
  readsCertificates: true,
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcacertificatechainfile',
  summary: 'The CAs trusted for client certificates are the public ones (the system bundle, a large bundle, or the server\'s own chain): anyone with a certificate from them is accepted.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const side of trustSides(model)) {
    if (side.side !== 'client' || !verifiesPeers(side)) continue;
    for (const name of ['CACertificateFile', 'CACertificatePath'] as const) {
      const ca = side.setting(name);
      if (!ca?.path) continue;
      const why = name === 'CACertificatePath' ? folderReason(ca.path) : fileReason(ca.path, side, certificates);
      if (why) yield finding(ca.line, `${ca.path} ${why}`);
    }
  }
}

function folderReason(path: string): string | undefined {
  return isSystemCertificateFolder(path) ? 'is the system\'s folder of public CA certificates' : undefined;
}

function fileReason(path: string, side: SideSettings, certificates: CertificateReader): string | undefined {
  if (isSystemBundle(path)) return 'is the system bundle of public CA certificates';
  if (side.host.pairs.some((pair) => pair.certificatePath === path) || side.host.setting('sslcertificatechainfile')?.path === path) {
    return 'is also this host\'s server certificate or chain file, so the CAs that issued the server certificate (often public ones) are trusted';
  }
  const contents = contentsOf(certificates, path);
  const cas = contents ? caCount(contents) : 0;
  return cas > PUBLIC_BUNDLE_SIZE ? `holds ${cas} CA certificates, the size of a public trust bundle rather than of a private client CA` : undefined;
}

const caCount = perContents((contents) => contents.certificates.filter((certificate) => certificate.facts.isCa).length);

function finding(line: Placed, what: string): LocatedFinding {
  return {
    path: line.item.path,
    finding: {
      range: wordRange(line, 0),
      message:
        `${what}. Where client certificates are verified (SSLVerifyClient optional or require), any certificate one of these CAs issues is accepted as a client certificate, ` +
        'so anyone who can obtain one passes verification, and only further Require or SSLRequire checks stand between them and the site. ' +
        'Trust only the CA that issues your client certificates here; to show clients a different list of CA names, use SSLCADNRequestFile.',
    },
  };
}
