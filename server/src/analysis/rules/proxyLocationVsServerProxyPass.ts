// proxy/location-vs-server-proxypass: mod_proxy tries the ProxyPass of the
// <Location> a request falls in before the host's own ProxyPass list
// (mod_proxy.c proxy_trans: the per-directory alias first), and of several
// matching <Location> sections the last one's ProxyPass wins (the merge keeps
// the later alias). So a host-level rule under a <Location> path that has a
// ProxyPass is never used, exclusions included, and a <Location> ProxyPass
// that a later, wider <Location> ProxyPass covers is never used either. The
// manual: "Mixing ProxyPass settings in different contexts does not work",
// and "Place more-specific Location blocks after less-specific ones".
import type { ConfigModel, LiveSection } from '../../config/buildConfigModel';
import { shownPath } from '../../config/shownPath';
import { hasFnmatchCharacters } from '../backendUrl';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { proxyModel, sectionPattern, wordRange, type Backend } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

export const proxyLocationVsServerProxyPass: Rule = modelRule(compute, {
  id: 'proxy/location-vs-server-proxypass',
  citesLines: true,
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxypass',
  summary: 'A host-level `ProxyPass` under a `<Location>` that has its own `ProxyPass`, or a `<Location>` ProxyPass a later wider one overrides: never used.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  const where = (section: LiveSection) => `<Location ${sectionPattern(section)}> at ${shownPath(model, section.path)}:${section.node.range.start.line + 1}`;
  for (const host of proxy.hosts) {
    const own = (proxy.backendsOf.get(host) ?? []).filter((backend) => backend.kind === 'ProxyPass' || backend.kind === 'ProxyPassMatch');
    const inLocations = own.filter((backend) => backend.url !== '!' && backend.location && plainLocation(backend.location));
    for (const backend of own) {
      if (backend.location || backend.regex || backend.path === undefined) continue;
      const section = inLocations.find((candidate) => within(backend.path as string, sectionPattern(candidate.location as LiveSection)))?.location;
      if (!section) continue;
      yield {
        path: backend.line.item.path,
        finding: {
          range: backend.pathIndex !== undefined ? wordRange(backend.line, backend.pathIndex) : directiveReportRange(backend.line.item.node),
          message:
            `Requests under ${backend.path} fall in ${where(section)}, whose ProxyPass mod_proxy tries first, so this ${backend.url === '!' ? 'exclusion never applies' : 'rule is never used'}. ` +
            (backend.url === '!'
              ? 'To exclude the path, put `ProxyPass "!"` in a more specific <Location> after that one, or set the no-proxy variable with SetEnvIf (SetEnv runs too late).'
              : 'Move it into a more specific <Location> after that one, or drop one of the two.'),
        },
      };
    }
    for (const [index, backend] of inLocations.entries()) {
      const section = backend.location as LiveSection;
      const later = inLocations.slice(index + 1).find((candidate) => within(sectionPattern(section), sectionPattern(candidate.location as LiveSection)));
      if (!later) continue;
      yield locationFinding(backend, later, where(later.location as LiveSection));
    }
  }
}

function locationFinding(backend: Backend, later: Backend, where: string): LocatedFinding {
  return {
    path: backend.line.item.path,
    finding: {
      range: directiveReportRange(backend.line.item.node),
      message:
        `${where} also matches every request of this <Location> and comes later, so its ProxyPass (${later.url}) wins and this one is never used. ` +
        'Put more specific <Location> sections after less specific ones.',
    },
  };
}

/** A <Location> with a plain path (no ~, no wildcard): the only kind whose reach is certain. */
function plainLocation(section: LiveSection): boolean {
  return section.name.toLowerCase() === 'location' && section.args[0] !== '~' && !hasFnmatchCharacters(sectionPattern(section));
}

/** ap_location_walk: "/a" takes "/a" and "/a/…", not "/ab"; "/a/" only "/a/…". */
function within(path: string, location: string): boolean {
  return path.startsWith(location) && (location.endsWith('/') || path.length === location.length || path[location.length] === '/');
}
