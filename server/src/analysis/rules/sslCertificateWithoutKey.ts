// ssl/certificate-without-key: mod_ssl pairs the n-th SSLCertificateFile with
// the n-th SSLCertificateKeyFile (a virtual host's replacing the server
// config's at the same position). A certificate without a key line must
// carry its key in the same PEM file; otherwise the start fails: "AH02564:
// Failed to configure encrypted (?) private key …", AH02579 "Init: Private key
// not found", fatal. `apache2 -t` does not read the files and says Syntax OK.
// Only certificate files that can be read are judged.
import type { ConfigModel } from '../../config/buildConfigModel';
import type { CertificateReader } from '../certs/certificateReader';
import { hostCertificates } from '../certs/hostCertificates';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { wordRange } from '../proxyHosts';
import type { Rule } from '../types';

export const sslCertificateWithoutKey: Rule = modelRule(compute, {
  id: 'ssl/certificate-without-key',
  severity: 'error',
  readsCertificates: true,
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatekeyfile',
  summary: 'An `SSLCertificateFile` without a matching `SSLCertificateKeyFile` whose PEM holds no private key: Apache refuses to start.',
});

function* compute(model: ConfigModel, certificates: CertificateReader): Iterable<LocatedFinding> {
  for (const host of hostCertificates(model)) {
    if (!host.tls) continue;
    for (const { certificate, key, certificatePath } of host.pairs) {
      if (key || !certificatePath) continue;
      const read = certificates.read(certificatePath);
      if (!('contents' in read) || read.contents.keys.length > 0 || read.contents.certificates.length === 0) continue;
      yield {
        path: certificate.item.path,
        finding: {
          range: wordRange(certificate, 0),
          message:
            `${certificatePath} holds no private key and no SSLCertificateKeyFile goes with this certificate. ` +
            '`apache2 -t` says Syntax OK, yet Apache refuses to start: "AH02564: Failed to configure encrypted (?) private key", "AH02579: Init: Private key not found". ' +
            'Add SSLCertificateKeyFile with the matching key.',
        },
      };
    }
  }
}
