// SSLRequire and SSLRequireSSL are checked with host-based access (the
// access_checker hook). Under `Satisfy Any` (mod_access_compat) a request that
// fails them still gets in when authorization grants it, so any granting
// Require (all granted, ip, host, valid-user, …) bypasses them. Verified on
// 2.4.71: `SSLRequire false` + `Satisfy Any` + `Require all granted` → access
// granted; SSLOptions +StrictRequire did not help, as it acts only where
// authentication is required. Satisfy and Require are read from the sections
// around the line in its file when they set both; otherwise from the
// effective configuration at the line (only when a Satisfy Any is written in
// the line's host or in the server config).
import type { LiveItem } from '../../config/buildConfigModel';
import type { SectionNode } from '../../parser/ast';
import { effectiveConfiguration, type EffectiveDirective } from '../../config/effectiveConfiguration';
import { shownPath } from '../../config/shownPath';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import type { FileScope } from '../fileScope';
import { flattenLines, sectionData, sectionLines, sectionsInFile, tlsLines, type SectionLine, type TlsLine } from '../tlsPlaces';
import { perModel } from '../../config/oncePer';

export const sslRequireBypassable: Rule = {
  id: 'ssl/sslrequire-bypassable',
  citesLines: true,
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslrequire',
  summary: 'SSLRequire or SSLRequireSSL under `Satisfy Any` with a granting Require: the request gets in when the check fails.',
  check(context) {
    const { scope } = context;
    for (const line of tlsLines(context)) {
      if ((line.name !== 'sslrequire' && line.name !== 'sslrequiressl') || !mayBeSatisfiedAny(scope, line)) continue;
      const found = inFile(scope, line) ?? inEffectiveConfiguration(scope, line);
      if (!found || found.satisfy.args[0]?.toLowerCase() !== 'any' || !found.granting) continue;
      const shown = line.name === 'sslrequire' ? 'SSLRequire' : 'SSLRequireSSL';
      context.report({
        range: directiveReportRange(line.node),
        message:
          `With Satisfy Any (${found.satisfy.at}), a request that fails ${shown} still gets in, because "Require ${found.granting.args.join(' ')}" (${found.granting.at}) grants it: ` +
          `${shown} is checked with host-based access, and Satisfy Any accepts either that or authorization. SSLOptions +StrictRequire does not prevent it. ` +
          'Replace it with Require expr … (Require ssl for SSLRequireSSL) inside a <RequireAll> with the other requirements.',
        data: { name: shown, expression: line.args.join(' '), section: sectionData(line.place) },
      });
    }
  },
};

interface Setting {
  args: readonly string[];
  /** file:line, for the message. */
  at: string;
}

interface Access {
  satisfy: Setting;
  granting?: Setting;
}

/**
 * Satisfy and Require as the sections around the line in its own file set
 * them (the innermost section that sets each wins); undefined when these
 * sections do not set both, and the effective configuration must tell.
 */
function inFile(scope: FileScope, line: TlsLine): Access | undefined {
  let satisfy: Setting | undefined;
  let requires: SectionLine[] | undefined;
  const at = (node: SectionLine['node']) => `${shownPath(scope.model, scope.path)}:${node.range.start.line + 1}`;
  for (const section of sectionsInFile(scope, line.place)) {
    const lines = flattenLines(sectionLines(scope, section));
    const own = lines.filter((other) => other.name === 'satisfy').at(-1);
    if (!satisfy && own) satisfy = { args: own.args, at: at(own.node) };
    const requiring = lines.filter((other) => other.name === 'require');
    if (!requires && requiring.length > 0) requires = requiring;
  }
  if (!satisfy || !requires) return undefined;
  const granting = requires.find((other) => grants(other.args));
  return { satisfy, granting: granting && { args: granting.args, at: at(granting.node) } };
}

/** Satisfy and Require in force at the line, merged across the whole configuration as Apache merges them. */
function inEffectiveConfiguration(scope: FileScope, line: TlsLine): Access | undefined {
  const effective = effectiveConfiguration(scope.model, scope.path, line.node.range.start);
  if (!effective.inTree) return undefined;
  const inForce = inForceLines(effective.levels.flatMap((level) => level.directives));
  const satisfy = inForce.filter((entry) => entry.name.toLowerCase() === 'satisfy').at(-1);
  const granting = inForce.find((entry) => entry.name.toLowerCase() === 'require' && grants(entry.args));
  const at = (entry: EffectiveDirective) => `${shownPath(scope.model, entry.origin.path)}:${entry.origin.range.start.line + 1}`;
  return satisfy && { satisfy: { args: satisfy.args, at: at(satisfy) }, granting: granting && { args: granting.args, at: at(granting) } };
}

/** Where Satisfy Any is written: in which <VirtualHost>s, and whether in the server config's sections (which apply to every host). */
interface SatisfyAny {
  server: boolean;
  virtualHosts: Set<SectionNode>;
}

const satisfyAnyIn = perModel((model): SatisfyAny => {
  const where: SatisfyAny = { server: false, virtualHosts: new Set() };
  const pending: { item: LiveItem; host?: SectionNode }[] = model.tree.map((item) => ({ item }));
  while (pending.length > 0) {
    const { item, host } = pending.pop() as (typeof pending)[number];
    if (item.kind === 'section') {
      const inner = host ?? (item.name.toLowerCase() === 'virtualhost' ? item.node : undefined);
      for (const child of item.children) pending.push({ item: child, host: inner });
    } else if (item.name.toLowerCase() === 'satisfy' && item.args[0]?.toLowerCase() === 'any') {
      if (host) where.virtualHosts.add(host);
      else where.server = true;
    }
  }
  return where;
});

/** Whether a Satisfy Any could reach the line: one in its own host, or in the server config. */
function mayBeSatisfiedAny(scope: FileScope, line: TlsLine): boolean {
  const where = satisfyAnyIn(scope.model);
  return where.server || (line.place.virtualHost !== undefined && where.virtualHosts.has(line.place.virtualHost));
}

/** Entries no later line replaces, with the lines of such sections listed whole (<Limit>, <RequireAny>, …). */
function inForceLines(entries: readonly EffectiveDirective[]): EffectiveDirective[] {
  return entries.filter((entry) => !entry.overriddenBy).flatMap((entry) => [entry, ...inForceLines(entry.children ?? [])]);
}

/** A Require line that can let a request in on its own: not `all denied`, not a negation. */
function grants(args: readonly string[]): boolean {
  const first = args[0]?.toLowerCase();
  return first !== undefined && first !== 'not' && !(first === 'all' && args[1]?.toLowerCase() === 'denied');
}
