// proxy/backend-not-verified: a TLS backend whose certificate nobody checks.
// SSLProxyVerify defaults to none, so the connection is encrypted but anyone
// on the path can present any certificate. The manual: "In practice only
// levels none and require are really interesting". Reported only where
// SSLProxyEngine is on (otherwise proxy/https-backend-needs-sslproxyengine
// speaks first).
import type { ConfigModel } from '../../config/buildConfigModel';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { backendSetting, engineOn, proxyModel, tlsBackends, wordRange } from '../proxyHosts';
import type { Rule } from '../types';

export const proxyBackendNotVerified: Rule = modelRule(compute, {
  id: 'proxy/backend-not-verified',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslproxyverify',
  summary: 'A TLS backend whose certificate is not verified (`SSLProxyVerify none`, the default).',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  for (const backend of tlsBackends(proxy)) {
    if (!engineOn(proxy, backend)) continue;
    const verify = backendSetting(proxy, backend, 'sslproxyverify');
    const level = verify?.item.args[0]?.toLowerCase() ?? 'none';
    if (level === 'require' || level === 'optional') continue;
    yield {
      path: backend.line.item.path,
      finding: {
        range: wordRange(backend.line, backend.urlIndex),
        message:
          `The backend's certificate is not verified (SSLProxyVerify ${level}${verify ? '' : ', the default'}): the connection is encrypted, but whoever answers for ${backend.parsed?.host ?? 'the host'} is trusted. ` +
          'Add SSLProxyVerify require and SSLProxyCACertificateFile with the CA that signed the backend certificate.',
      },
    };
  }
}
