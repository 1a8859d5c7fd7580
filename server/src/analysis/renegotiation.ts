// Which per-directory lines make mod_ssl verify the client again, or
// negotiate again, after the request has arrived (ssl_engine_kernel.c,
// ssl_hook_Access_classic and ssl_hook_Access_modern). Shared by the rules
// that explain the consequences: ssl/per-dir-client-auth,
// ssl/per-dir-verify-depth, ssl/per-dir-ciphersuite and ssl/reneg-buffer.
import { isStricter, verifyMode, type HostTls } from './hostTls';
import { isPerDirectory, type TlsLine } from './tlsPlaces';

export type RenegotiationCause = 'verify-client' | 'verify-depth' | 'cipher-suite';

/**
 * Why `line` forces a renegotiation, if it does. `host` is the host whose
 * handshake it follows (undefined when unknown, as in .htaccess: then the
 * handshake is taken to verify nobody); `lines` are the file's other lines.
 * <Proxy> sections are ssl/frontend-directive-in-proxy-section's.
 */
export function renegotiationCause(line: TlsLine, host: HostTls | undefined, lines: readonly TlsLine[]): RenegotiationCause | undefined {
  if (!isPerDirectory(line.place) || line.place.inProxy) return undefined;
  switch (line.name) {
    case 'sslverifyclient': {
      const mode = verifyMode(line.args[0]);
      return mode && isStricter(host?.verifyClient ?? 'none', mode) ? 'verify-client' : undefined;
    }
    case 'sslverifydepth': {
      if (!host || !/^\+?\d+$/.test(line.args[0] ?? '')) return undefined;
      return Number(line.args[0]) < host.verifyDepth && verifies(line, host, lines) ? 'verify-depth' : undefined;
    }
    case 'sslciphersuite':
      // `SSLCipherSuite TLSv1.3 …` is refused per directory (ssl/tls13-cipher-in-dir).
      return line.args.length === 1 || (line.args.length > 1 && line.args[0] === 'SSL') ? 'cipher-suite' : undefined;
    default:
      return undefined;
  }
}

/** Client verification is in effect at the line: the handshake's, or an SSLVerifyClient of its own section or one around it. */
function verifies(line: TlsLine, host: HostTls, lines: readonly TlsLine[]): boolean {
  if (host.verifyClient !== 'none') return true;
  return lines.some(
    (other) =>
      other.name === 'sslverifyclient' &&
      other.place.perDirectory !== undefined &&
      line.place.perDirectorySections.includes(other.place.perDirectory) &&
      (verifyMode(other.args[0]) ?? 'none') !== 'none',
  );
}
