// `optional_no_ca` accepts a certificate that no trusted CA issued: mod_ssl
// notes the failure (SSL_CLIENT_VERIFY is GENEROUS) and carries on. Doc
// mod_ssl#SSLVerifyClient: "This option cannot be relied upon for client
// authentication"; #SSLProxyVerify: "actually against the idea of
// authentication".
import type { Rule } from '../types';
import { tlsLines } from '../tlsPlaces';

export const optionalNoCa: Rule = {
  id: 'ssl/optional-no-ca',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslverifyclient',
  summary: '`SSLVerifyClient optional_no_ca` or `SSLProxyVerify optional_no_ca`: a certificate no trusted CA issued is accepted.',
  check(context) {
    for (const line of tlsLines(context)) {
      if ((line.name !== 'sslverifyclient' && line.name !== 'sslproxyverify') || line.args[0]?.toLowerCase() !== 'optional_no_ca') continue;
      const client = line.name === 'sslverifyclient';
      context.report({
        range: line.node.args[0]?.range ?? line.node.range,
        message: client
          ? 'optional_no_ca lets a client present any certificate, even one no trusted CA issued: Apache only notes that verification failed ' +
            '(SSL_CLIENT_VERIFY is "GENEROUS"), so the certificate proves nothing about who the client is. ' +
            "Use optional and check %{SSL_CLIENT_VERIFY} == 'SUCCESS', or require."
          : 'optional_no_ca accepts whatever certificate the backend presents, even one no trusted CA issued, so a man in the middle goes unnoticed. ' +
            'Use SSLProxyVerify require with SSLProxyCACertificateFile.',
        data: { name: client ? 'SSLVerifyClient' : 'SSLProxyVerify', replacement: client ? 'optional' : 'require' },
      });
    }
  },
};
