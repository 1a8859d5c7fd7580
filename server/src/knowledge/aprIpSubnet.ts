// APR's apr_ipsubnet_create (network_io/unix/sockaddr.c, APR 1.7, as Debian's
// Apache 2.4.71 uses it), ported step by step because its quirks decide what
// Apache accepts: `Require ip` and the expression operators -R and -ipmatch
// hand it their words. APR's own inet_pton (inet_pton.c) lets through what
// the usual parsers refuse (`1::2:`, `00001::1`, `010.0.0.1`), and the legacy
// network form reads octets with atoi, whose int overflow makes `4294967296`
// the network 0 (each verified with apache2 -t).

/** Why APR refused: EINVAL "looked nothing like an IP address", EBADIP, EBADMASK. */
export type AprSubnetError = 'EINVAL' | 'EBADIP' | 'EBADMASK';

/** apr_strerror's text for each refusal (EINVAL has none: callers print only their own words then). */
export const APR_SUBNET_ERROR_TEXT: Readonly<Record<Exclude<AprSubnetError, 'EINVAL'>, string>> = {
  EBADIP: 'The specified IP address is invalid.',
  EBADMASK: 'The specified network mask is invalid.',
};

/**
 * What apr_ipsubnet_create says about `address[/mask]`, split at the first
 * `/` as mod_authz_host and ap_expr split it: undefined when it accepts.
 */
export function aprSubnetError(text: string): AprSubnetError | undefined {
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const mask = slash < 0 ? undefined : text.slice(slash + 1);
  if (!looksLikeIp(address)) return 'EINVAL';
  let family: 4 | 6;
  const v6 = inetPton6(address);
  if (v6) {
    if (isV4Mapped(v6)) return 'EBADIP';
    family = 6;
  } else if (inetPton4(address)) {
    family = 4;
  } else if (mask === undefined) {
    return isNetwork(address) ? undefined : 'EBADIP';
  } else {
    return 'EBADIP';
  }
  if (mask === undefined) return undefined;
  const bits = maskBits(mask);
  if (bits !== undefined && bits > 0 && bits <= (family === 6 ? 128 : 32)) return undefined;
  return family === 4 && inetPton4(mask) ? undefined : 'EBADMASK';
}

/** Whether apr_ipsubnet_create accepts `address[/mask]`. */
export function isApacheSubnet(text: string): boolean {
  return aprSubnetError(text) === undefined;
}

/** looks_like_ip: any `:` means IPv6 was meant; otherwise only digits and dots. */
function looksLikeIp(address: string): boolean {
  if (address === '') return false;
  return address.includes(':') || /^[.0-9]*$/.test(address);
}

/** strtol(mask, &end, 10) with nothing after the number: blanks and a sign may lead. */
function maskBits(mask: string): number | undefined {
  const match = /^[ \t\n\v\f\r]*([+-]?[0-9]+)$/.exec(mask);
  return match ? Number(match[1]) : undefined;
}

/** inet_pton4: exactly four dotted octets up to 255 each, leading zeros allowed. */
function inetPton4(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(4);
  let octets = 0;
  let sawDigit = false;
  let value = 0;
  for (const ch of text) {
    if (ch >= '0' && ch <= '9') {
      value = value * 10 + (ch.charCodeAt(0) - 48);
      if (value > 255) return undefined;
      if (!sawDigit) {
        if (++octets > 4) return undefined;
        sawDigit = true;
      }
      bytes[octets - 1] = value;
    } else if (ch === '.' && sawDigit) {
      if (octets === 4) return undefined;
      sawDigit = false;
      value = 0;
    } else {
      return undefined;
    }
  }
  return octets < 4 ? undefined : bytes;
}

/** inet_pton6 as APR has it (Vixie's, without the later check that refuses a trailing single colon). */
function inetPton6(text: string): Uint8Array | undefined {
  const bytes = new Uint8Array(16);
  let at = 0;
  let colonAt: number | undefined;
  let i = 0;
  // A leading `::` needs special handling.
  if (text[0] === ':') {
    if (text[1] !== ':') return undefined;
    i = 1;
  }
  let tokenStart = i;
  let sawXdigit = false;
  let value = 0;
  for (; i < text.length; i++) {
    const ch = text[i];
    if (/^[0-9a-fA-F]$/.test(ch)) {
      value = (value << 4) | parseInt(ch, 16);
      if (value > 0xffff) return undefined;
      sawXdigit = true;
      continue;
    }
    if (ch === ':') {
      tokenStart = i + 1;
      if (!sawXdigit) {
        if (colonAt !== undefined) return undefined;
        colonAt = at;
        continue;
      }
      if (at + 2 > 16) return undefined;
      bytes[at++] = value >> 8;
      bytes[at++] = value & 0xff;
      sawXdigit = false;
      value = 0;
      continue;
    }
    // An IPv4 tail runs to the end of the text.
    const v4 = ch === '.' && at + 4 <= 16 ? inetPton4(text.slice(tokenStart)) : undefined;
    if (v4) {
      bytes.set(v4, at);
      at += 4;
      sawXdigit = false;
      break;
    }
    return undefined;
  }
  if (sawXdigit) {
    if (at + 2 > 16) return undefined;
    bytes[at++] = value >> 8;
    bytes[at++] = value & 0xff;
  }
  if (colonAt !== undefined) {
    // The groups after `::` move to the end.
    const tail = bytes.slice(colonAt, at);
    bytes.fill(0, colonAt);
    bytes.set(tail, 16 - tail.length);
    at = 16;
  }
  return at === 16 ? bytes : undefined;
}

/** IN6_IS_ADDR_V4MAPPED: ::ffff:a.b.c.d, which APR refuses so that IPv4 is written as IPv4. */
function isV4Mapped(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 10).every((byte) => byte === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
}

/**
 * parse_network, the legacy form `10.1` (= 10.1.0.0/16): under 16 characters,
 * at most four dot-ended runs of digits, each read by atoi, whose result is
 * the number's low 32 bits as a signed int.
 */
function isNetwork(text: string): boolean {
  if (text.length >= 16) return false;
  const parts = text.split('.');
  if (parts[parts.length - 1] === '') parts.pop();
  if (parts.length > 4) return false;
  return parts.every((part) => {
    if (!/^[0-9]+$/.test(part)) return false;
    const octet = Number(BigInt.asIntN(32, BigInt(part)));
    return octet >= 0 && octet <= 255;
  });
}
