// proxy/sslproxyverify-without-ca: SSLProxyVerify require (or optional) with
// no SSLProxyCACertificateFile or SSLProxyCACertificatePath where it applies:
// nothing can verify the backend's certificate. Apache starts with a warning
// (AH01897 "Oops, you want to request client authentication, but no CAs are
// known for verification!?", text shared with the client side), then every
// request to a TLS backend fails: AH02003 "SSL Proxy connect failed", AH00898
// "Error during SSL Handshake with remote server", 500.
import type { ConfigModel } from '../../config/buildConfigModel';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel, wordRange } from '../proxyHosts';
import type { Rule } from '../types';

const CA = new Set(['sslproxycacertificatefile', 'sslproxycacertificatepath']);

export const proxySslProxyVerifyWithoutCa: Rule = modelRule(compute, {
  id: 'proxy/sslproxyverify-without-ca',
  severity: 'error',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslproxycacertificatefile',
  summary: '`SSLProxyVerify require` with no `SSLProxyCACertificateFile`/`Path` in force: every request to a TLS backend fails.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  const withCa = new Set(linesNamed(proxy, ...CA).map((line) => line.host));
  for (const line of linesNamed(proxy, 'sslproxyverify')) {
    // Host level only: what a <Proxy> section without a CA does was not verified.
    if (line.within.length > 0 || !/^(require|optional)$/i.test(line.item.args[0] ?? '')) continue;
    // A CA line anywhere in the host, or in the server config (which virtual hosts inherit from).
    if (withCa.has(line.host) || withCa.has(proxy.server)) continue;
    yield {
      path: line.item.path,
      finding: {
        range: wordRange(line, 0),
        message:
          `SSLProxyVerify ${line.item.args[0]} needs the CA that signed the backend's certificate, and no SSLProxyCACertificateFile or SSLProxyCACertificatePath is in force here. ` +
          'Apache starts with only a warning (AH01897), then every TLS request to the backend fails with 500 (AH02003 "SSL Proxy connect failed"). ' +
          'Add SSLProxyCACertificateFile with the backend CA.',
      },
    };
  }
}
