// <Proxy> and <ProxyMatch> configure requests proxied to a backend, but
// SSLVerifyClient, SSLVerifyDepth, SSLCipherSuite and SSLRequire* there act on
// the client's connection to Apache. Apache accepts them silently (verified
// with apache2 -t); the backend-side directives are the SSLProxy* ones.
import type { Rule } from '../types';
import { tlsLines } from '../tlsPlaces';

const BACKEND_COUNTERPART: Record<string, { shown: string; replacement?: string }> = {
  sslverifyclient: { shown: 'SSLVerifyClient', replacement: 'SSLProxyVerify' },
  sslverifydepth: { shown: 'SSLVerifyDepth', replacement: 'SSLProxyVerifyDepth' },
  sslciphersuite: { shown: 'SSLCipherSuite', replacement: 'SSLProxyCipherSuite' },
  sslrequire: { shown: 'SSLRequire' },
  sslrequiressl: { shown: 'SSLRequireSSL' },
};

export const frontendDirectiveInProxySection: Rule = {
  id: 'ssl/frontend-directive-in-proxy-section',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslproxyverify',
  summary: 'SSLVerifyClient, SSLVerifyDepth, SSLCipherSuite or SSLRequire in `<Proxy>`: they concern the client side, not the backend; the SSLProxy* directives do.',
  check(context) {
    for (const line of tlsLines(context)) {
      const counterpart = BACKEND_COUNTERPART[line.name];
      // `SSLCipherSuite TLSv1.3 …` is refused there: ssl/tls13-cipher-in-dir says so.
      if (!counterpart || !line.place.inProxy || (line.name === 'sslciphersuite' && line.args[0] === 'TLSv1.3' && line.args.length > 1)) continue;
      const { shown, replacement } = counterpart;
      context.report({
        range: line.node.nameRange,
        message:
          `${shown} in <Proxy> acts on the client's connection to Apache, not on Apache's connection to the backend that <Proxy> configures. ` +
          (replacement
            ? `For the backend, use ${replacement}.`
            : 'To check clients, put it in a <Location>; to check the backend, use SSLProxyVerify require with SSLProxyCACertificateFile.'),
        data: { name: shown, ...(replacement ? { replacement } : {}) },
      });
    }
  },
};
