// proxy/missing-proxypassreverse: a ProxyPass to an HTTP backend with no
// ProxyPassReverse for the same URL. Redirects from the backend then carry
// its own address (Location: http://10.0.0.5:8080/login), which the client
// cannot reach or which bypasses the proxy. The manual calls the reverse
// mapping "essential when Apache httpd is used as a reverse proxy". Apache
// says nothing about it.
import type { ConfigModel } from '../../config/buildConfigModel';
import { backendKey } from '../backendUrl';
import { insertionAfter } from '../insertionPoint';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { linesNamed, proxyModel, wordRange, type Host, type ProxyModel } from '../proxyHosts';
import type { Rule } from '../types';

/** Backends that answer with HTTP redirects ProxyPassReverse can rewrite. */
const HTTP_SCHEMES = new Set(['http', 'https', 'h2', 'h2c', 'balancer']);

export const proxyMissingProxyPassReverse: Rule = modelRule(compute, {
  id: 'proxy/missing-proxypassreverse',
  citesLines: true,
  severity: 'information',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxypassreverse',
  summary: 'A `ProxyPass` without the matching `ProxyPassReverse`: redirects from the backend leak its address.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  const keyOf = backendKeys();
  const reverses = reverseUrls(proxy, keyOf);
  const serverReverses = reverses.get(proxy.server);
  for (const backend of proxy.backends) {
    if (backend.kind !== 'ProxyPass' || backend.regex || backend.patternAsText || !backend.parsed || !HTTP_SCHEMES.has(backend.parsed.scheme)) continue;
    const key = keyOf(backend.url);
    if (key && (reverses.get(backend.line.host)?.has(key) || serverReverses?.has(key))) continue;
    const line = backend.line.item;
    const words = [...(backend.pathIndex !== undefined ? [line.node.args[backend.pathIndex]?.raw ?? backend.path] : []), line.node.args[backend.urlIndex]?.raw ?? backend.url];
    const exact = line.node.args.length === line.args.length;
    yield {
      path: line.path,
      finding: {
        range: wordRange(backend.line, backend.urlIndex),
        message:
          `No ProxyPassReverse for ${backend.url}: redirects the backend sends (Location, Content-Location, URI headers) keep its own address, which clients cannot reach or which bypasses this proxy. ` +
          `Add \`ProxyPassReverse ${words.join(' ')}\`.`,
        ...(exact ? { data: { text: `ProxyPassReverse ${words.join(' ')}`, insertion: insertionAfter(line.node) } } : {}),
      },
    };
  }
}

/** backendKey, each URL worked out once: the hosts of a large tree pass to the same few backends. */
function backendKeys(): (url: string) => string | undefined {
  const keys = new Map<string, string | undefined>();
  return (url) => {
    if (!keys.has(url)) keys.set(url, backendKey(url));
    return keys.get(url);
  };
}

/** The URLs of each host's ProxyPassReverse lines (any section), compared the way sameBackend does. */
function reverseUrls(proxy: ProxyModel, keyOf: (url: string) => string | undefined): Map<Host, Set<string>> {
  const urls = new Map<Host, Set<string>>();
  for (const line of linesNamed(proxy, 'proxypassreverse')) {
    const url = line.item.args.filter((word) => word.toLowerCase() !== 'interpolate').at(-1);
    const key = url === undefined ? undefined : keyOf(url);
    if (!key) continue;
    let set = urls.get(line.host);
    if (!set) urls.set(line.host, (set = new Set()));
    set.add(key);
  }
  return urls;
}
