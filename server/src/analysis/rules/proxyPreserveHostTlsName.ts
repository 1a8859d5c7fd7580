// proxy/preservehost-tls-name: with ProxyPreserveHost On, mod_proxy sends the
// client's Host to a TLS backend as SNI and checks the backend certificate
// against it (proxy_util.c: `if (dconf->preserve_host) ssl_hostname =
// r->hostname`). Verified on 2.4.71: a backend whose certificate names only
// `localhost` failed with AH02411 and 500 once the public Host was kept.
import type { ConfigModel, LiveSection } from '../../config/buildConfigModel';
import { sectionPlacement } from '../../knowledge/sectionPlacement';
import { aliasMatch } from '../backendUrl';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { isOn, linesNamed, proxyModel, sectionPattern, tlsBackends, type Backend, type Host, type Placed } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

export const proxyPreserveHostTlsName: Rule = modelRule(compute, {
  id: 'proxy/preservehost-tls-name',
  severity: 'information',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxypreservehost',
  summary: '`ProxyPreserveHost On` with a TLS backend: the backend certificate must cover the public host name.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  const tlsOf = new Map<Host, Backend[]>();
  for (const backend of tlsBackends(proxy)) tlsOf.set(backend.line.host, [...(tlsOf.get(backend.line.host) ?? []), backend]);
  for (const line of linesNamed(proxy, 'proxypreservehost')) {
    if (!isOn(line)) continue;
    // A server-level line applies in every host.
    const candidates = line.host === proxy.server ? [...tlsOf.values()].flat() : (tlsOf.get(line.host) ?? []);
    const reached = candidates.filter((backend) => reaches(line, backend));
    if (reached.length === 0) continue;
    const hosts = [...new Set(reached.map((backend) => backend.parsed?.host ?? ''))].join(', ');
    yield {
      path: line.item.path,
      finding: {
        range: directiveReportRange(line.item.node),
        message:
          `With ProxyPreserveHost On, the client's Host header becomes the SNI name and the name mod_ssl checks the certificate of the TLS backend (${hosts}) against. ` +
          'Its certificate must list the public host names, or requests fail with "AH02411: SSL Proxy: Peer certificate does not match for hostname" and 500.',
      },
    };
  }
}

/** Whether the ProxyPreserveHost line applies to requests for the backend. */
function reaches(line: Placed, backend: Backend): boolean {
  const section = line.within.at(-1);
  if (!section) return true;
  if (backend.line.within.includes(section)) return true;
  return sectionPlacement(section.name) === 'location' && overlaps(section, backend);
}

/** A plain <Location> and a host-level ProxyPass path where one contains the other. */
function overlaps(section: LiveSection, backend: Backend): boolean {
  if (section.name.toLowerCase() !== 'location' || section.args[0] === '~' || backend.regex || backend.location || backend.path === undefined) return false;
  const location = sectionPattern(section);
  return aliasMatch(location, backend.path) > 0 || aliasMatch(backend.path, location) > 0;
}
