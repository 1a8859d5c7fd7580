// ssl/certificate-without-key: mod_ssl pairs the n-th SSLCertificateFile with
// the n-th SSLCertificateKeyFile (a virtual host's replacing the server
// config's at the same position). A certificate without a key line must
// carry its key in the same PEM file; otherwise the start fails: "AH02564:
// Failed to configure encrypted (?) private key …", AH02579 "Init: Private key
// not found", fatal. `apache2 -t` does not read the files and says Syntax OK.
// Only certificate files that can be read are judged.
import type { ConfigModel } from '../../config/buildConfigModel';
import { serverRootRelative } from '../../config/expandInclude';
import { findingsPerModel, type LocatedFinding } from '../modelFindings';
import { readPem } from '../pemFiles';
import { hostSetting, isOn, ownLines, proxyModel, wordRange, type Host, type Placed, type ProxyModel } from '../proxyHosts';
import type { Rule } from '../types';

const findings = findingsPerModel(compute);

export const sslCertificateWithoutKey: Rule = {
  id: 'ssl/certificate-without-key',
  severity: 'error',
  refusedBy: 'startup',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcertificatekeyfile',
  summary: 'An `SSLCertificateFile` without a matching `SSLCertificateKeyFile` whose PEM holds no private key: Apache refuses to start.',
  check({ scope, report }) {
    for (const finding of findings(scope)) report(finding);
  },
};

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  // Many hosts share a certificate file: look at each once.
  const read = new Map<string, ReturnType<typeof readPem>>();
  for (const host of proxy.hosts) {
    if (!isOn(hostSetting(proxy, host, 'sslengine'))) continue;
    const certificates = byPosition(proxy, host, 'sslcertificatefile');
    const keys = byPosition(proxy, host, 'sslcertificatekeyfile');
    for (const [index, certificate] of certificates.entries()) {
      if (keys[index] || certificate.item.args.length === 0) continue;
      const written = certificate.item.args[0];
      if (!read.has(written)) read.set(written, readPem(serverRootRelative(model.serverRoot, written)));
      const pem = read.get(written);
      const file = serverRootRelative(model.serverRoot, written);
      if (!pem || pem.privateKeys > 0 || pem.certificates === 0) continue;
      yield {
        path: certificate.item.path,
        finding: {
          range: wordRange(certificate, 0),
          message:
            `${file} holds no private key and no SSLCertificateKeyFile goes with this certificate. ` +
            '`apache2 -t` says Syntax OK, yet Apache refuses to start: "AH02564: Failed to configure encrypted (?) private key", "AH02579: Init: Private key not found". ' +
            'Add SSLCertificateKeyFile with the matching key.',
        },
      };
    }
  }
}

/** The lines in force by position: the virtual host's n-th, else the server config's n-th. */
function byPosition(proxy: ProxyModel, host: Host, name: string): Placed[] {
  const own = ownLines(host, name);
  const inherited = host === proxy.server ? [] : ownLines(proxy.server, name);
  return Array.from({ length: Math.max(own.length, inherited.length) }, (_, i) => own[i] ?? inherited[i]);
}
