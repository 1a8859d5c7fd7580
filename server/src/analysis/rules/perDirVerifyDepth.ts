// A per-directory SSLVerifyDepth lower than the handshake's can only be
// applied by verifying the chain again (ssl_engine_kernel.c: "Reduced client
// verification depth will force renegotiation"). Verified on 2.4.71: over
// TLS 1.3 every request there gets 403 (the certificate was sent once and
// cannot be asked for again), HTTP/2 resets the stream, and over TLS 1.2 the
// depth is silently not enforced when the verification level is unchanged.
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { renegotiationCause } from '../renegotiation';
import { describePlace, hostAt, hostName, sectionData, tlsLines } from '../tlsPlaces';

export const perDirVerifyDepth: Rule = {
  id: 'ssl/per-dir-verify-depth',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslverifydepth',
  summary:
    'A per-directory SSLVerifyDepth lower than the virtual host\'s: over TLS 1.3 and HTTP/2 requests there get 403, over TLS 1.2 it is not enforced.',
  check(context) {
    const lines = tlsLines(context);
    for (const line of lines) {
      if (line.name !== 'sslverifydepth') continue;
      const host = hostAt(context.scope, line.place);
      if (!host || renegotiationCause(line, host, lines) !== 'verify-depth') continue;
      const from = host.verifyDepthLine ? `SSLVerifyDepth ${host.verifyDepthLine.args[0]}` : 'the default';
      context.report({
        range: directiveReportRange(line.node),
        message:
          `SSLVerifyDepth ${line.args[0]} in ${describePlace(line.place)} is lower than the depth the handshake of ${hostName(host)} ` +
          `verified the client certificate with (${host.verifyDepth}, ${from}), and Apache can apply a shorter chain only by verifying again. ` +
          'Over TLS 1.3 and HTTP/2 every request here then gets 403 ("Reduced client verification depth will force renegotiation"); ' +
          'over TLS 1.2 the lower depth is silently not enforced. ' +
          'Remove it (or set the depth in the <VirtualHost>), and restrict issuers here with Require expr on %{SSL_CLIENT_I_DN} instead.',
        data: { depth: line.args[0], handshakeDepth: host.verifyDepth, section: sectionData(line.place) },
      });
    }
  },
};
