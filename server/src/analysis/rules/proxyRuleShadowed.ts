// proxy/rule-shadowed: mod_proxy tries a host's ProxyPass and ProxyPassMatch
// lines in order and takes the first that matches (mod_proxy.c proxy_trans),
// so a rule whose every request an earlier one already matches is never
// used; an exclusion (`ProxyPass /x !`) after the general rule never excludes.
// The manual: "The first rule that matches wins … sort conflicting ProxyPass
// rules starting with the longest URLs first" and "Exclusions must come before
// the general ProxyPass directives". Paths match segment by segment
// (alias_match: /app1 does not take /app1x, verified on 2.4.71).
import type { ConfigModel } from '../../config/buildConfigModel';
import { shownPath } from '../../config/shownPath';
import { aliasMatch, tryRegExp } from '../backendUrl';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { proxyModel, wordRange, type Backend } from '../proxyHosts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

export const proxyRuleShadowed: Rule = modelRule(compute, {
  id: 'proxy/rule-shadowed',
  citesLines: true,
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_proxy.html#proxypass',
  summary: 'A `ProxyPass` that an earlier, more general one of the same host always matches first: it is never used.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const proxy = proxyModel(model);
  for (const host of proxy.hosts) {
    const rules = (proxy.backendsOf.get(host) ?? []).filter((backend) => !backend.location && backend.kind !== 'RewriteRule');
    for (const [index, later] of rules.entries()) {
      const earlier = rules.slice(0, index).find((candidate) => covers(candidate, later));
      if (!earlier) continue;
      const where = `${shownPath(model, earlier.line.item.path)}:${earlier.line.item.node.range.start.line + 1}`;
      yield {
        path: later.line.item.path,
        finding: {
          range: later.pathIndex !== undefined ? wordRange(later.line, later.pathIndex) : directiveReportRange(later.line.item.node),
          message:
            `${later.url === '!' ? 'This exclusion never applies' : 'This rule is never used'}: every request it would take matches \`${earlier.line.item.name} ${earlier.path} ${earlier.url}\` at ${where} first, and the first match wins. ` +
            `Put ${later.url === '!' ? 'exclusions and ' : ''}longer paths before shorter ones.`,
        },
      };
    }
  }
}

/** Whether every request the later rule matches is matched by the earlier one. */
function covers(earlier: Backend, later: Backend): boolean {
  if (earlier.path === undefined || later.path === undefined) return false;
  if (!earlier.regex && !later.regex) return aliasMatch(later.path, earlier.path) > 0;
  if (earlier.regex && !later.regex) {
    const regex = tryRegExp(earlier.path);
    const below = `${later.path}${later.path.endsWith('/') ? '' : '/'}zz9/yy8.html`;
    return regex !== undefined && regex.test(later.path) && regex.test(below);
  }
  if (!earlier.regex && later.regex) {
    const prefix = literalPrefix(later.path);
    return prefix !== undefined && aliasMatch(`${prefix}x`, earlier.path) > 0 && aliasMatch(`${prefix}y`, earlier.path) > 0;
  }
  return false;
}

/** The text every match of an anchored regex starts with (`^/app/(.*)$` → `/app/`); undefined without ^ or with alternatives. */
function literalPrefix(pattern: string): string | undefined {
  if (!pattern.startsWith('^') || pattern.includes('|')) return undefined;
  let prefix = '';
  let i = 1;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length && /[^A-Za-z0-9]/.test(pattern[i + 1])) prefix += pattern[++i];
    else if (/[.*+?()[\]{}^$\\]/.test(c)) break;
    else prefix += c;
  }
  // A quantifier after the last character makes that character optional.
  return /^[*+?{]/.test(pattern.slice(i)) ? prefix.slice(0, -1) : prefix;
}
