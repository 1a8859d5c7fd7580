import { nestingAcrossMacros } from '../macroNesting';
import type { Node } from '../../parser/ast';
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
    // Sections a macro opens and a later line closes: the lines between stand in a section this file's parse does not show.
    if (nestingAcrossMacros(scope) === 'paired') return;
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
      // A name made by ${VAR} is placed by its value, as Apache substitutes the line first.
      const name = scope.resolved.get(node)?.name ?? node.name;
      const fact = directives.lookup(node.kind === 'section' ? `<${name}` : name);
      const placements = fact && placementsOf(fact);
      const blocking = placements && blockingContext(context, placements);
      const allowedAlias = blocking?.kind === 'location' && isOneArgumentAlias(node, scope.resolved);
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
      const authz = !blocking && fact?.inRequireSections === false ? enclosingSection(node, scope.enclosing, isRequireSection) : undefined;
      if (fact && authz) {
        const shown = node.kind === 'section' ? `<${fact.name.slice(1)}>` : fact.name;
        report({
          range: directiveReportRange(node),
          message:
            `${shown} is not allowed inside <${authz.name}>, so Apache refuses to start. ` +
            'Such a section holds authorization lines (Require, the Auth… directives and a few others): move this line out of it.',
          data: { name: fact.name, context: authz.name, allowedIn: [] },
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
