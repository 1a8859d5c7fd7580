// proxy/proxypass-in-locationmatch: ProxyPass and ProxyPassReverse inside
// <LocationMatch> (or <Location ~>) take the section's pattern as their path.
// The manual says ProxyPass does not interpret it as a regex; mod_proxy.c
// add_pass does when the pattern holds `*`, `?` or `[` (apr_fnmatch_test),
// and otherwise compares it as plain text. Verified on 2.4.71:
// <LocationMatch "^/lit/"> + ProxyPass → 404, nothing proxied; <LocationMatch
// "^/rx/(.*)$"> + ProxyPass http://b/$1 → proxied like ProxyPassMatch, and
// without $1 the whole path is appended (/rn-backend//rn/a).
// ProxyPassReverse always takes the pattern as a literal path.
import type { ConfigModel } from '../../config/buildConfigModel';
import { hasFnmatchCharacters } from '../backendUrl';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { isRegexSection, linesNamed, pathSection, proxyModel, sectionPattern } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

export const proxyPassInLocationMatch: Rule = modelRule(compute, {
  id: 'proxy/proxypass-in-locationmatch',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxypass',
  summary: '`ProxyPass` or `ProxyPassReverse` inside `<LocationMatch>`: the pattern is not used as documented; write `ProxyPassMatch`.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  for (const line of linesNamed(proxyModel(model), 'proxypass', 'proxypassreverse')) {
    const section = pathSection(line);
    if (!section || !isRegexSection(section) || section.name.toLowerCase().startsWith('proxy')) continue;
    const pattern = sectionPattern(section);
    const range = directiveReportRange(line.item.node);
    if (line.name === 'proxypassreverse') {
      yield {
        path: line.item.path,
        finding: {
          range,
          message: `ProxyPassReverse takes "${pattern}" literally as the local path, so rewritten redirects point at that text. Put ProxyPassReverse in a <Location> with a plain path, or at host level.`,
        },
      };
    } else if (!hasFnmatchCharacters(pattern)) {
      yield {
        path: line.item.path,
        finding: {
          range,
          message: `ProxyPass compares the request with "${pattern}" as plain text (no *, ? or [ makes Apache treat it as a regex), so this never proxies anything. Use ProxyPassMatch.`,
        },
      };
    } else {
      yield {
        path: line.item.path,
        finding: {
          range,
          severity: 'information',
          message:
            `Apache uses "${pattern}" as a regex here only because it contains *, ? or [; the manual says ProxyPass does not. ` +
            'Write ProxyPassMatch to say what happens (without $1 in the URL, the whole request path is appended to it).',
        },
      };
    }
  }
}
