import { evaluateProtocols } from '../tlsSettings';
import type { Rule } from '../types';
import { forEachProtocolLine } from './sslProtocolSslv2';

export const sslProtocolSslv3: Rule = {
  id: 'ssl/protocol-sslv3',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslprotocol',
  summary: '`SSLv3` enabled in `SSLProtocol`: broken (POODLE, RFC 7568), and refused by OpenSSL builds without it.',
  check({ file, scope, settings, report }) {
    forEachProtocolLine(file, scope, (node) => {
      for (const { index, reason } of evaluateProtocols(node.words).refused) {
        if (reason !== 'SSLv3') continue;
        report({
          range: node.args[index].range,
          message:
            `'${node.args[index].value}' enables SSL 3.0, which is broken (POODLE, RFC 7568). OpenSSL 3 and Debian's ` +
            'OpenSSL have no SSLv3, so Apache refuses to start: "SSLv3 not supported by this version of OpenSSL". ' +
            'Remove the word; TLS 1.2 and 1.3 are what clients use.',
          data: { argument: index, ...(settings.tlsProfile !== 'off' && node.name.toLowerCase() === 'sslprotocol' ? { profile: settings.tlsProfile } : {}) },
        });
      }
    });
  },
};
