// apr_uri_parse as Debian's APR does it, reduced to what a handler can
// refuse on: whether the text parses, and whether it has a scheme, a
// hostname (possibly empty) or a port. Probed against
// CacheKeyBaseURL on 2.4.71: a colon in the first path segment of a text
// without a scheme, an IPv6 host without `]`, and a port C strtol does not
// read to its end do not parse.
import { wholeDecimal } from './cNumber';

export interface AprUriParts {
  scheme: boolean;
  /** Set when `//` began an authority, if only to "" (an IPv6 address without its brackets). */
  hostname?: string;
  port: boolean;
}

const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*/;

/** The parts apr_uri_parse sets, or undefined where it fails. */
export function aprUriParts(uri: string): AprUriParts | undefined {
  if (uri.startsWith('/')) {
    return uri[1] === '/' && uri[2] !== '/' ? authorityParts(uri.slice(2), false) : { scheme: false, port: false };
  }
  const scheme = SCHEME.exec(uri)?.[0];
  if (scheme !== undefined && uri[scheme.length] === ':') {
    const rest = uri.slice(scheme.length + 1);
    return rest.startsWith('//') ? authorityParts(rest.slice(2), true) : { scheme: true, port: false };
  }
  const slash = uri.indexOf('/');
  if ((slash < 0 ? uri : uri.slice(0, slash)).includes(':')) return undefined;
  return { scheme: false, port: false };
}

function authorityParts(text: string, scheme: boolean): AprUriParts | undefined {
  const hostinfo = /^[^/?#]*/.exec(text)?.[0] ?? '';
  const host = hostinfo.slice(hostinfo.lastIndexOf('@') + 1);
  let portAt: number;
  let hostname: string;
  if (host.startsWith('[')) {
    const close = host.indexOf(']');
    if (close < 0) return undefined;
    portAt = host[close + 1] === ':' ? close + 1 : -1;
    // Without a port APR drops the first and last character, not what follows `]` (`[]x` names the host `]`).
    hostname = portAt < 0 ? host.slice(1, -1) : host.slice(1, close);
  } else {
    portAt = host.indexOf(':');
    hostname = portAt < 0 ? host : host.slice(0, portAt);
  }
  if (portAt < 0) return { scheme, hostname, port: false };
  const port = host.slice(portAt + 1);
  // strtol over the whole port: blanks, a sign, digits, and nothing after them.
  if (port !== '' && wholeDecimal(port) === undefined) return undefined;
  return { scheme, hostname, port: true };
}
