// Backend URLs as mod_proxy reads them (ProxyPass, BalancerMember,
// RewriteRule [P]), and the path matching it does: alias_match for ProxyPass
// paths, apr_fnmatch_test for patterns that turn a path into a regex, and the
// URL parse whose failures `apache2 -t` reports.
import { aprUriParts } from './values/aprUri';

export interface BackendUrl {
  /** Lower-case: http, https, balancer, fcgi… */
  scheme: string;
  /** Lower-case; IPv6 keeps its brackets. */
  host: string;
  port?: string;
  /** Everything after the host, query included; may be empty. */
  path: string;
  /** `unix:/run/php.sock|fcgi://localhost/` gives `/run/php.sock`. */
  socket?: string;
  /** Offset in the written URL where the part after `unix:…|` starts (0 without a socket). */
  offset: number;
}

/** Schemes whose connection to the backend is TLS, so mod_ssl's proxy side is needed. */
export const TLS_SCHEMES: ReadonlySet<string> = new Set(['https', 'wss', 'h2']);

const DEFAULT_PORTS: Readonly<Record<string, string>> = { http: '80', https: '443', ws: '80', wss: '443', h2: '443', h2c: '80' };

export function parseBackendUrl(url: string): BackendUrl | undefined {
  let offset = 0;
  let socket: string | undefined;
  if (/^unix:/i.test(url)) {
    const bar = url.indexOf('|');
    if (bar < 0) return undefined;
    socket = url.slice(5, bar);
    offset = bar + 1;
  }
  const match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)(.*)$/s.exec(url.slice(offset));
  if (!match) return undefined;
  const hostinfo = match[2].slice(match[2].lastIndexOf('@') + 1);
  const hostMatch = /^(\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostinfo);
  return {
    scheme: match[1].toLowerCase(),
    host: (hostMatch?.[1] ?? hostinfo).toLowerCase(),
    ...(hostMatch?.[2] !== undefined ? { port: hostMatch[2] } : {}),
    path: match[3],
    ...(socket !== undefined ? { socket } : {}),
    offset,
  };
}

/** What two URLs naming the same backend place share: scheme and host without case, no default port, no trailing slash. */
export function backendKey(url: string): string | undefined {
  const parsed = parseBackendUrl(url);
  if (!parsed) return undefined;
  const port = parsed.port && parsed.port !== DEFAULT_PORTS[parsed.scheme] ? `:${parsed.port}` : '';
  return `${parsed.scheme}://${parsed.host}${port}${parsed.path.replace(/\/+$/, '')}`;
}

/** An IPv4 address or a bracketed IPv6 one: mod_ssl sends no SNI for it and checks no iPAddress SAN. */
export function isIpLiteral(host: string): boolean {
  return /^\[[0-9a-f:.]*\]$/i.test(host) || /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
}

/**
 * mod_proxy.c alias_match: how many characters of `uri` the ProxyPass path
 * `alias` matches, 0 for none. Runs of `/` match runs of `/`, and the match
 * must end at a path segment boundary: `/app` matches `/app/x`, not `/appx`.
 */
export function aliasMatch(uri: string, alias: string): number {
  let a = 0;
  let u = 0;
  while (a < alias.length && u < uri.length) {
    if (alias[a] === '/') {
      if (uri[u] !== '/') return 0;
      while (alias[a] === '/') a++;
      while (uri[u] === '/') u++;
    } else if (uri[u++] !== alias[a++]) {
      return 0;
    }
  }
  if (u === uri.length && a !== alias.length) return 0;
  if (alias[a - 1] !== '/' && u < uri.length && uri[u] !== '/') return 0;
  return u;
}

/** apr_fnmatch_test: `*`, `?` or a closed `[…]` outside a backslash escape. */
export function hasFnmatchCharacters(pattern: string): boolean {
  let nesting = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '?' || c === '*') return true;
    if (c === '\\') {
      if (++i >= pattern.length) return false;
    } else if (c === '[') {
      nesting++;
    } else if (c === ']' && nesting > 0) {
      return true;
    }
  }
  return false;
}

/** apr_fnmatch without flags: `*` and `?` match any character, `/` included. */
export function fnmatchRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') source += '.*';
    else if (c === '?') source += '.';
    else if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (c === '[' && pattern.indexOf(']', i + 2) > i) {
      const close = pattern.indexOf(']', i + 2);
      const body = pattern.slice(i + 1, close);
      source += `[${body.startsWith('!') ? `^${body.slice(1)}` : body.replace(/\\/g, '\\\\')}]`;
      i = close;
    } else source += escapeRegExp(c);
  }
  return new RegExp(`^${source}$`, 's');
}

/** A regular expression as JavaScript reads it; undefined where it cannot (PCRE-only syntax). */
export function tryRegExp(pattern: string, flags = ''): RegExp | undefined {
  try {
    return new RegExp(pattern, flags);
  } catch {
    return undefined;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * Why mod_proxy's worker definition refuses a URL (proxy_util.c
 * ap_proxy_define_worker_ex after apr_uri_parse), in Apache's words; undefined
 * when it accepts it. What apr_uri_parse fails on is aprUriParts'; a URL
 * without a scheme and a host is not absolute (a socket path may stand in for
 * the host).
 */
export function urlProblem(url: string): string | undefined {
  let rest = url;
  if (/^unix:/i.test(url)) {
    const bar = url.indexOf('|');
    if (bar < 0) return `URL must be absolute!: ${url}`;
    rest = url.slice(bar + 1);
  }
  const parts = aprUriParts(rest);
  if (!parts) return `Unable to parse URL: ${url}`;
  if (!parts.scheme || parts.hostname === undefined || (parts.hostname === '' && rest === url)) return `URL must be absolute!: ${url}`;
  return undefined;
}
