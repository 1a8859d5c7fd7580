import type { DirectiveNode, Node, SectionNode } from '../../parser/ast';
import { describeContext, insideSection, topContext, type ContextSummary } from '../enclosingContexts';
import { blockingContext, placementsOf, type Placements } from '../placement';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { isOneArgumentAlias } from '../aliasInLocation';
import { enclosingSection, isRequireSection } from '../sectionKinds';

const PLACE_NAMES: [keyof Placements, string][] = [
  ['server', 'server config'],
  ['virtualhost', '<VirtualHost>'],
  ['directory', '<Directory>'],
  ['files', '<Files>'],
  ['location', '<Location>'],
  ['if', '<If>'],
  ['proxy', '<Proxy>'],
  ['limit', '<Limit>'],
  ['htaccess', '.htaccess'],
];

/**
 * Mod_ssl refuses a per-directory CA with a reason of its own ("Your SSL library
 * does not have support for per-directory CA"); ssl/ca-per-dir reports that, once.
 */
const PER_DIRECTORY_KINDS = new Set(['directory', 'files', 'location', 'if', 'proxy', 'limit']);
function explainedElsewhere(name: string, context: string): boolean {
  return /^sslcacertificate(file|path)$/i.test(name) && PER_DIRECTORY_KINDS.has(context);
}

export const contextNotAllowed: Rule = {
  id: 'ctx/not-allowed',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/directive-dict.html#Context',
  summary: 'A directive or section is used where Apache does not allow it (for example `SSLCertificateFile` inside `<Location>`).',
  check({ file, directives, inHtaccess, scope, report }) {
    const isKnownSection = (name: string) => directives.lookup(`<${name}`) !== undefined;
    // Included content starts in the context of its Include line.
    const top = scope.enclosing.reduce((outer, section) => insideSection(outer, section, isKnownSection), topContext(inHtaccess));
    // Top-down with each level's context, so every node costs the same at any depth;
    // two stacks in step rather than an object per node.
    const pending: Node[] = [];
    const contexts: ContextSummary[] = [];
    for (let i = file.children.length - 1; i >= 0; i--) {
      pending.push(file.children[i]);
      contexts.push(top);
    }
    while (pending.length > 0) {
      const node = pending.pop() as Node;
      const context = contexts.pop() as ContextSummary;
      if (node.kind !== 'directive' && node.kind !== 'section') continue;
      const fact = directives.lookup(node.kind === 'section' ? `<${node.name}` : node.name);
      const placements = fact && placementsOf(fact);
      const blocking = placements && blockingContext(context, placements);
      const allowedAlias = blocking?.kind === 'location' && isOneArgumentAlias(node);
      if (fact && placements && blocking && !allowedAlias && !explainedElsewhere(fact.name, blocking.kind)) {
        const allowedIn = PLACE_NAMES.filter(([kind]) => placements[kind]).map(([, label]) => label);
        const shown = node.kind === 'section' ? `<${node.name}>` : node.name;
        report({
          range: directiveReportRange(node),
          message:
            `${shown} is not allowed in ${describeContext(blocking)}, so Apache refuses to start. ` +
            (allowedIn.length > 0 ? `It belongs in: ${allowedIn.join(', ')}.` : 'Apache allows it nowhere in a configuration file.'),
          data: { name: fact.name, context: blocking.kind, allowedIn },
        });
      }
      const authz = !blocking && fact && node.kind === 'directive' ? refusingRequireSection(node, fact.override, scope.enclosing) : undefined;
      if (authz) {
        report({
          range: directiveReportRange(node),
          message:
            `${fact?.name} is not allowed inside <${authz.name}>, so Apache refuses to start ("${fact?.name} not allowed in <${authz.name}> context"). ` +
            'Such a section holds authorization lines only (Require, and the Auth… directives): move this line out of it.',
          data: { name: fact?.name, context: authz.name, allowedIn: [] },
        });
      }
      if (node.kind === 'section' && !scope.isDead(node)) {
        const inner = insideSection(context, node, isKnownSection);
        for (let i = node.children.length - 1; i >= 0; i--) {
          pending.push(node.children[i]);
          contexts.push(inner);
        }
      }
    }
  },
};

/** Override classes whose directives mod_authz_core refuses in its sections (every one of them, probed on 2.4.71). */
const REFUSED_CLASSES = /\b(FileInfo|Options|Indexes|Limit)\b/;
/** Directives of these classes are read there (AuthConfig, All). */
const ACCEPTED_CLASSES = /\b(AuthConfig|All)\b/;

/**
 * The innermost <RequireAll>, <RequireAny> or <RequireNone> around a directive
 * whose override class mod_authz_core refuses there. Directives without such a
 * class are left alone: probed one by one, they split between refused and
 * read, and the manual does not tell them apart.
 */
function refusingRequireSection(node: DirectiveNode, override: string | undefined, enclosing: readonly SectionNode[]): SectionNode | undefined {
  if (!override || !REFUSED_CLASSES.test(override) || ACCEPTED_CLASSES.test(override)) return undefined;
  return enclosingSection(node, enclosing, isRequireSection);
}
