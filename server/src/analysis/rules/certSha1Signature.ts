// cert/sha1-signature: the server certificate or an intermediate is signed
// with SHA-1 or MD5. Collisions for both are practical and browsers refuse
// such certificates. OpenSSL 3 at security level 2 (Debian's default)
// refuses them when mod_ssl loads the chain, and the start fails: "AH02562:
// Failed to configure certificate … (with chain)", "ca md too weak" (verified
// on 2.4.71 with a SHA-1 leaf). A self-signed root's signature is never
// checked (a self-signed SHA-1 server certificate starts), so it is not
// reported.
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';
import { capitalized, certificatesOfLinesIn, nameOf, reportOnce } from '../serverCertificates';

export const certSha1Signature: Rule = {
  id: 'cert/sha1-signature',
  severity: 'error',
  readsCertificates: true,
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatefile',
  summary: 'The server certificate or an intermediate is signed with SHA-1 or MD5: clients refuse it, and Apache on OpenSSL 3 (Debian) does not start (AH02562).',
  check({ scope, certificates, report }) {
    const once = reportOnce(report);
    for (const { line, path, certificate, chainFile } of certificatesOfLinesIn(scope, certificates)) {
      const { facts } = certificate;
      if (facts.selfSigned || !/sha1|md5|md2|md4/i.test(facts.signatureAlgorithm)) continue;
      once({
        range: wordRange(line, 0),
        message:
          `${capitalized(nameOf(certificate, chainFile))} in ${path} is signed with ${facts.signatureAlgorithm}. Such signatures can be forged and browsers reject them; with OpenSSL 3 at security level 2 (the Debian and Ubuntu default) Apache does not even start: "AH02562: Failed to configure certificate … (with chain)", "ca md too weak". ` +
          'Have the certificate issued again with a SHA-256 (or stronger) signature.',
      });
    }
  },
};
