// SSLVerifyClient in a per-directory section asks for the client certificate
// only after the request has been read, which needs a second handshake: a
// renegotiation on TLS 1.2, post-handshake authentication on TLS 1.3, and
// neither is allowed on HTTP/2. Browsers do not offer post-handshake
// authentication, so on TLS 1.3 they get 403 even with a valid certificate.
// Verified on 2.4.71 with OpenSSL 3.0 (RULES.md SSL001).
//
// `data` for the quick fix ("move client verification to the virtual host"):
// - value: the SSLVerifyClient argument as written (`require`);
// - mode: the level it means (`on` is `require`): none, optional, require, optional_no_ca;
// - section: { kind, name } of the per-directory section, e.g. { kind: 'Location', name: '/secure' };
//   { kind: '.htaccess', name: '' } at the top of a .htaccess file;
// - inVirtualHost: whether the line is inside a <VirtualHost> (else the server config);
// - vhostVerifyClient: the argument of the host's own SSLVerifyClient line
//   (the <VirtualHost>'s, or the server config's outside one), or null when
//   it has none and the fix must insert one;
// - handshakeVerifyClient: the level the handshake uses (own line, else the server config's, else none);
// - tls13, h2: whether the host allows TLS 1.3 and offers HTTP/2, which make the finding an error
//   (both false in a .htaccess file, whose host is not known).
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { verifyMode } from '../hostTls';
import { renegotiationCause } from '../renegotiation';
import { describePlace, hostAt, hostName, sectionData, tlsLines } from '../tlsPlaces';

export const perDirClientAuth: Rule = {
  id: 'ssl/per-dir-client-auth',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslverifyclient',
  summary:
    'SSLVerifyClient in a `<Location>`, `<Directory>`, `<Files>` or `<If>` forces a second handshake that browsers over TLS 1.3 or HTTP/2 cannot do: they get 403 even with a valid certificate.',
  check(context) {
    const lines = tlsLines(context);
    for (const line of lines) {
      if (line.name !== 'sslverifyclient') continue;
      const host = hostAt(context.scope, line.place);
      if (renegotiationCause(line, host, lines) !== 'verify-client') continue;
      const value = line.args[0];
      // Unknown in a .htaccess file: then only a warning.
      const tls13 = host?.tls13 ?? false;
      const h2 = host?.h2 ?? false;
      const because = [tls13 && 'allows TLS 1.3', h2 && 'offers HTTP/2 (Protocols h2)'].filter(Boolean).join(' and ');
      context.report({
        range: directiveReportRange(line.node),
        severity: tls13 || h2 ? 'error' : 'warning',
        message:
          `SSLVerifyClient ${value} in ${describePlace(line.place)} asks for the client certificate only after the request has arrived, ` +
          'so Apache needs a second handshake, and clients get 403 even with a valid certificate. ' +
          'Over TLS 1.2 Apache renegotiates, and when the client does not go along it logs "Re-negotiation handshake failed". ' +
          'Over TLS 1.3 it needs post-handshake authentication, which browsers do not offer ("cannot perform post-handshake authentication"). ' +
          'HTTP/2 forbids both. So each browser fails in its own way, depending on the protocols it uses. ' +
          (host && because ? `${hostName(host, true)} ${because}. ` : '') +
          `Verify in the <VirtualHost> instead (SSLVerifyClient optional, or require), and check the result here with Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'.`,
        data: {
          value,
          mode: verifyMode(value),
          section: sectionData(line.place),
          inVirtualHost: line.place.virtualHost !== undefined,
          vhostVerifyClient: host?.ownVerifyClientLine?.args[0] ?? null,
          handshakeVerifyClient: host?.verifyClient ?? 'none',
          tls13,
          h2,
        },
      });
    }
  },
};
