// Client verification needs the certificates of the CAs that issue client
// certificates. Without SSLCACertificateFile or SSLCACertificatePath (in the
// virtual host or inherited from the server config), a TLS host (SSLEngine on)
// starts with only a warning, AH01897 "Init: Oops, you want to request client
// authentication, but no CAs are known for verification!?", and no client can
// be verified (TLS 1.2: "peer did not return a certificate -- No CAs known to
// server for verification?"). Verified on 2.4.71 (RULES.md SSL006).
import type { ConfigModel } from '../../config/buildConfigModel';
import { shownPath } from '../../config/shownPath';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { treeTls, verifyMode, type HostTls } from '../hostTls';
import { hostAt, isPerDirectory, tlsLines, type TlsLine } from '../tlsPlaces';

export const verifyWithoutCa: Rule = {
  id: 'ssl/verify-without-ca',
  severity: 'error',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslcacertificatefile',
  summary: 'SSLVerifyClient optional or require where no SSLCACertificateFile or SSLCACertificatePath is in force: no client can authenticate.',
  check(context) {
    const { model } = context.scope;
    for (const line of tlsLines(context)) {
      const mode = line.name === 'sslverifyclient' ? verifyMode(line.args[0]) : undefined;
      if ((mode !== 'optional' && mode !== 'require') || line.place.inProxy || line.place.inHtaccess) continue;
      const host = hostAt(context.scope, line.place);
      if (!host || !inForce(line, host)) continue;
      const lacking = hostsWithoutCa(model, line, host);
      if (lacking.length === 0) continue;
      context.report({
        range: directiveReportRange(line.node),
        message:
          `SSLVerifyClient ${line.args[0]} needs the certificates of the CAs that issue your client certificates, ` +
          `and ${describe(model, lacking[0], host)} has none: no SSLCACertificateFile or SSLCACertificatePath there or in the server config. ` +
          'No client can authenticate: Apache warns at startup that "no CAs are known for verification", and handshakes fail with "No CAs known to server for verification". ' +
          'Add SSLCACertificateFile with the client CA certificates to the <VirtualHost>.',
        data: { value: line.args[0], inVirtualHost: line.place.virtualHost !== undefined },
      });
    }
  },
};

/**
 * A host-level line counts when it is the one in force. A per-directory line
 * counts when the host's handshake does not verify already: otherwise the
 * host's own line carries the finding, once.
 */
function inForce(line: TlsLine, host: HostTls): boolean {
  if (!isPerDirectory(line.place)) return host.verifyClientLine?.node === line.node;
  return host.verifyClient === 'none' || host.verifyClient === 'optional_no_ca';
}

/**
 * The hosts serving TLS (SSLEngine on: mod_ssl sets up verification, and
 * warns, only for those) that the line verifies clients for and that have no
 * CA. A line in a <VirtualHost> concerns that host. One in the server config
 * concerns the main server, and the virtual hosts it reaches: all of them for
 * a per-directory section, those without their own SSLVerifyClient for a
 * server-level line.
 */
function hostsWithoutCa(model: ConfigModel, line: TlsLine, host: HostTls): HostTls[] {
  const lacking = (candidate: HostTls) => candidate.sslEngine && candidate.caLines.length === 0;
  if (host.virtualHost) return lacking(host) ? [host] : [];
  const tree = treeTls(model);
  const reached = tree.virtualHosts.filter((vhost) => isPerDirectory(line.place) || !vhost.ownVerifyClientLine);
  return [tree.server, ...reached].filter(lacking);
}

function describe(model: ConfigModel, lacking: HostTls, around: HostTls): string {
  if (lacking === around) return lacking.virtualHost ? 'this virtual host' : 'the main server';
  const vhost = lacking.virtualHost;
  return vhost ? `the virtual host at ${shownPath(model, vhost.path)}:${vhost.node.open.range.start.line + 1}` : 'the main server';
}
