// Listen's address, as listen.c's ap_set_listener reads it with APR's
// apr_parse_addr_port: refused with "Invalid address or port" when it cannot
// be parsed, and with "Port must be specified" when no port comes out of it
// (verified on 2.4.71: admin@x, 127.0.0.1:, [::1], 80x are the second; 0,
// 99999, :80, [::1 the first). Host names are looked up only after these
// checks ("Listen setup failed"), which depends on DNS and is not judged; the
// protocol word is taken as written (Apache serves `Listen 8080 bogus` as http).
import { isIPv6 } from 'node:net';
import type { Finding } from '../types';
import { atoi } from './cNumber';
import type { Word } from './words';

export function listenFindings(words: readonly Word[]): Finding[] {
  const address = words[0];
  // A lone "" is no argument at all to Apache ("Listen requires 1 or 2 arguments."), which is a count, not an address.
  if (!address || address.value === '') return [];
  const parsed = parseAddressPort(address.value);
  if (parsed === 'invalid') {
    return [
      {
        range: address.range,
        message: `'${address.value}' is not an address and port Apache can read: it refuses to start with "Invalid address or port". Write a port from 1 to 65535 (443), or an address, ':' and the port (192.0.2.1:443, or [2001:db8::1]:443 with an IPv6 address in brackets).`,
      },
    ];
  }
  if (parsed.port === 0) {
    return [
      {
        range: address.range,
        message: `'${address.value}' gives Listen no port: Apache refuses to start with "Port must be specified". Write the port alone (443) or after the address and ':' (192.0.2.1:443, [2001:db8::1]:443).`,
      },
    ];
  }
  return [];
}

/** apr_parse_addr_port: the port (0 when none is given) or 'invalid'. */
function parseAddressPort(text: string): { port: number } | 'invalid' {
  let end = text.length;
  let digits = end;
  while (digits > 0 && /\d/.test(text[digits - 1])) digits--;
  let port = 0;
  if (digits === 0) {
    // The whole word is the port.
    port = atoi(text);
    return port >= 1 && port <= 65535 ? { port } : 'invalid';
  }
  if (text[digits - 1] === ':' && digits < text.length) {
    if (digits === 1) return 'invalid';
    port = atoi(text.slice(digits));
    if (port < 1 || port > 65535) return 'invalid';
    end = digits - 1;
  }
  const host = text.slice(0, end);
  if (host.startsWith('[')) {
    // An IPv6 address in brackets, optionally with a %scope before the ']'.
    if (host.indexOf(']') !== host.length - 1) return 'invalid';
    const scope = host.indexOf('%');
    if (scope === host.length - 2) return 'invalid';
    if (!isIPv6(host.slice(1, scope >= 0 ? scope : -1))) return 'invalid';
  }
  return { port };
}
