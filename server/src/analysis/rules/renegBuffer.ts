// Before mod_ssl can renegotiate for a per-directory setting it must read the
// request body into memory (ssl_engine_io.c ssl_io_buffer_fill), at most
// SSLRenegBufferSize bytes (default 131072); a larger body fails with 413
// (AH02018 "request body exceeds maximum size (131072) for SSL buffer",
// AH02257). Reported on SSLRenegBufferSize lines, and on the first line of a
// section that forces a renegotiation where requests have bodies: the section
// (or the sections around it in the file) proxies them, hands them to a
// script or DAV, or names POST or PUT in <Limit>; or the host's ProxyPass
// covers the section's path. Read from the file and the host's own lines, so
// each line costs the same however large the tree is.
import type { Rule } from '../types';
import { directiveReportRange } from '../reportRange';
import type { HostTls } from '../hostTls';
import { renegotiationCause, type RenegotiationCause } from '../renegotiation';
import { describePlace, flattenLines, hostAt, sectionData, sectionLines, sectionsInFile, tlsLines, type SectionLine, type TlsLine } from '../tlsPlaces';

const DEFAULT_BUFFER = 131072;

const WAITS_FOR: Record<RenegotiationCause, string> = {
  'verify-client': 'asks for the client certificate',
  'verify-depth': 'verifies the client certificate again',
  'cipher-suite': 'renegotiates the ciphers',
};

export const renegBuffer: Rule = {
  id: 'ssl/reneg-buffer',
  severity: 'information',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslrenegbuffersize',
  summary: 'A per-directory renegotiation where requests carry bodies: uploads over SSLRenegBufferSize (128 KiB) fail with 413.',
  check(context) {
    const { scope } = context;
    const lines = tlsLines(context);
    // One finding per section, on its first line that renegotiates.
    const reported = new Set<unknown>();
    for (const line of lines) {
      if (line.name === 'sslrenegbuffersize') {
        context.report({
          range: directiveReportRange(line.node),
          message:
            'SSLRenegBufferSize matters only where a per-directory SSLVerifyClient, SSLVerifyDepth or SSLCipherSuite forces a second handshake: ' +
            'request bodies up to this size are then held in memory until it is done, and larger ones fail with 413. ' +
            'The client sending them is not verified yet, so a large buffer lets strangers use memory. ' +
            'Verifying clients in the <VirtualHost> instead makes the buffer unnecessary.',
          data: { size: line.args[0] },
        });
        continue;
      }
      const host = hostAt(scope, line.place);
      const cause = renegotiationCause(line, host, lines);
      const section = line.place.perDirectory ?? context.file;
      if (!cause || reported.has(section)) continue;
      reported.add(section);
      const around = sectionsInFile(scope, line.place).flatMap((enclosing) => flattenLines(sectionLines(scope, enclosing)));
      if (around.some((other) => other.name === 'sslrenegbuffersize') || !takesBodies(around, host, line)) continue;
      context.report({
        range: directiveReportRange(line.node),
        message:
          `Requests with a body (POST, PUT) to ${describePlace(line.place)} are held in memory while Apache ${WAITS_FOR[cause]}: ` +
          `bodies over ${DEFAULT_BUFFER} bytes (SSLRenegBufferSize) fail with 413 Request Entity Too Large ("request body exceeds maximum size … for SSL buffer"). ` +
          'Moving the setting to the <VirtualHost> avoids the second handshake and the buffer; raising SSLRenegBufferSize lets clients that are not verified yet use more memory.',
        data: { cause, section: sectionData(line.place) },
      });
    }
  },
};

const PASSIVE_HANDLERS = new Set(['none', 'default-handler', 'server-status', 'server-info', 'balancer-manager', 'ldap-status']);

/** Requests at the line are likely to carry bodies. */
function takesBodies(around: readonly SectionLine[], host: HostTls | undefined, line: TlsLine): boolean {
  const bodies = around.some((other) => {
    const first = other.args[0]?.toLowerCase();
    switch (other.name) {
      case 'proxypass':
      case 'proxypassmatch':
        return first !== '!';
      case 'sethandler':
        return first !== undefined && !PASSIVE_HANDLERS.has(first);
      case 'dav':
        return first !== 'off';
      case 'limit':
        return other.args.some((method) => ['post', 'put', 'patch'].includes(method.toLowerCase()));
      case 'limitexcept':
        return !other.args.some((method) => method.toLowerCase() === 'post');
      default:
        return false;
    }
  });
  return bodies || proxiedByHost(host, line);
}

/** The host maps the <Location>'s path (or everything) to a backend. */
function proxiedByHost(host: HostTls | undefined, line: TlsLine): boolean {
  const section = line.place.perDirectory;
  const path = section?.name.toLowerCase() === 'location' ? section.args[0]?.value : undefined;
  return (host?.proxiedPaths ?? []).some((prefix) => prefix === '/' || (path !== undefined && path.startsWith(prefix)));
}

