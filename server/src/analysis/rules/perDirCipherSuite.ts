// SSLCipherSuite in a per-directory section (the SSL list, not TLSv1.3)
// changes the allowed ciphers after the handshake (doc mod_ssl#SSLCipherSuite;
// verified on 2.4.71): TLS 1.2 renegotiates when the connection's cipher is
// not in the list and refuses the request if it still is not, HTTP/2 resets
// the stream, and TLS 1.3 ignores the line.
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { renegotiationCause } from '../renegotiation';
import { describePlace, hostAt, sectionData, tlsLines } from '../tlsPlaces';

export const perDirCipherSuite: Rule = {
  id: 'ssl/per-dir-ciphersuite',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslciphersuite',
  summary: 'SSLCipherSuite in a per-directory section renegotiates on TLS 1.2, breaks HTTP/2 requests and is ignored on TLS 1.3.',
  check(context) {
    const lines = tlsLines(context);
    for (const line of lines) {
      if (line.name !== 'sslciphersuite') continue;
      if (renegotiationCause(line, hostAt(context.scope, line.place), lines) !== 'cipher-suite') continue;
      context.report({
        range: directiveReportRange(line.node),
        message:
          `SSLCipherSuite in ${describePlace(line.place)} changes the ciphers after the handshake. ` +
          'Over TLS 1.2 Apache renegotiates when the connection\'s cipher is not in this list ("Reconfigured cipher suite will force renegotiation") ' +
          'and refuses the request when the client does not switch; over HTTP/2 the request is reset, as renegotiation is forbidden there; ' +
          'over TLS 1.3 the line is silently ignored. ' +
          "Set the ciphers in the <VirtualHost>, or check the connection here with Require expr %{SSL_CIPHER_USEKEYSIZE} -ge 256 or %{SSL_PROTOCOL} == 'TLSv1.3'.",
        data: { ciphers: line.args.at(-1), section: sectionData(line.place) },
      });
    }
  },
};
