// proxy/https-ip-literal: a TLS backend addressed by IP while mod_ssl checks
// the certificate's name. mod_ssl compares the host only with dNSName
// subjectAltNames and the CN, never with iPAddress SANs (ssl_util_ssl.c), and
// sends no SNI for an IP. Verified on 2.4.71 with a certificate that lists
// IP:127.0.0.1: "AH02411: SSL Proxy: Peer certificate does not match for
// hostname 127.0.0.1", AH00898, 500 — whatever SSLProxyVerify says.
import type { ConfigModel } from '../../config/buildConfigModel';
import { isIpLiteral } from '../backendUrl';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { engineOn, nameChecked, proxyModel, tlsBackends, wordRange } from '../proxyHosts';
import type { Rule } from '../types';

export const proxyHttpsIpLiteral: Rule = modelRule(compute, {
  id: 'proxy/https-ip-literal',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslproxycheckpeername',
  summary: 'A TLS backend addressed by IP address: mod_ssl checks the name against DNS names only, so requests fail with 500.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  for (const backend of tlsBackends(proxy)) {
    const host = backend.parsed?.host ?? '';
    if (!isIpLiteral(host) || !engineOn(proxy, backend) || !nameChecked(proxy, backend)) continue;
    yield {
      path: backend.line.item.path,
      finding: {
        range: wordRange(backend.line, backend.urlIndex),
        message:
          `mod_ssl checks the backend certificate against the name "${host}", and it only compares DNS names (never iPAddress subjectAltNames) and sends no SNI for an IP. ` +
          'Requests fail with 500: "AH02411: SSL Proxy: Peer certificate does not match for hostname". Use a host name that the certificate lists.',
      },
    };
  }
}
