// A per-directory SSLVerifyClient that asks less than the host's `require`
// changes nothing: mod_ssl demands a certificate when either the directory or
// the server level says require (ssl_engine_kernel.c, both the classic and the
// TLS 1.3 path), and the handshake has already demanded one, so clients
// without a certificate never reach the section.
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { verifyMode } from '../hostTls';
import { describePlace, hostAt, hostName, isPerDirectory, sectionData, tlsLines } from '../tlsPlaces';

export const perDirVerifyRelaxIneffective: Rule = {
  id: 'ssl/per-dir-verify-relax-ineffective',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslverifyclient',
  summary: 'A per-directory SSLVerifyClient none or optional under a virtual host with SSLVerifyClient require has no effect.',
  check(context) {
    for (const line of tlsLines(context)) {
      if (line.name !== 'sslverifyclient' || !isPerDirectory(line.place) || line.place.inProxy) continue;
      const mode = verifyMode(line.args[0]);
      const host = hostAt(context.scope, line.place);
      if (!mode || mode === 'require' || host?.verifyClient !== 'require') continue;
      const where = host.verifyClientLine && host.verifyClientLine.node !== line.node ? `SSLVerifyClient ${host.verifyClientLine.args[0]}` : 'require';
      context.report({
        range: directiveReportRange(line.node),
        message:
          `${hostName(host, true)} requires a client certificate during the handshake (${where}), and Apache keeps "require" when either level says so: ` +
          `this "${line.args[0]}" has no effect, and clients without a certificate never reach ${describePlace(line.place)}. ` +
          "To let them in here, make the virtual host SSLVerifyClient optional, and demand the certificate where it is needed with Require expr %{SSL_CLIENT_VERIFY} == 'SUCCESS'.",
        data: { value: line.args[0], section: sectionData(line.place) },
      });
    }
  },
};
