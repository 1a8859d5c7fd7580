import { forEachNode } from '../../parser/walk';
import { describeContext, enclosingContexts, type EnclosingContext } from '../enclosingContexts';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { sectionPlacements } from './sectionKinds';

type Placements = Partial<Record<EnclosingContext['kind'], boolean>>;

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

export const contextNotAllowed: Rule = {
  id: 'ctx/not-allowed',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/directive-dict.html#Context',
  summary: 'A directive or section is used where Apache does not allow it (for example `SSLCertificateFile` inside `<Location>`).',
  check({ file, directives, inHtaccess, report }) {
    forEachNode(file, (node) => {
      if (node.kind !== 'directive' && node.kind !== 'section') return;
      const name = node.kind === 'section' ? `<${node.name}` : node.name;
      const fact = directives.lookup(name);
      if (!fact) return;
      const placements: Placements | undefined =
        node.kind === 'section'
          ? sectionPlacements(node.name)
          : fact.contexts && { ...fact.contexts, htaccess: fact.htaccess };
      if (!placements) return;
      const chain = enclosingContexts(node, inHtaccess);
      if (!chain) return;
      const blocking = findBlockingContext(chain, placements);
      if (!blocking) return;
      const allowedIn = PLACE_NAMES.filter(([kind]) => placements[kind]).map(([, label]) => label);
      const shown = node.kind === 'section' ? `<${node.name}>` : node.name;
      report({
        range: directiveReportRange(node),
        message:
          `${shown} is not allowed in ${describeContext(blocking)}, so Apache refuses to start. ` +
          (allowedIn.length > 0 ? `It belongs in: ${allowedIn.join(', ')}.` : 'Apache allows it nowhere in a configuration file.'),
        data: { name: fact.name, context: blocking.kind, allowedIn },
      });
    });
  },
};

/**
 * The innermost context must allow the directive; enclosing per-directory
 * sections must too (Apache's checks look at every enclosing <Directory>,
 * <Location>, <Files> and <If>), but a per-directory section inside a
 * <VirtualHost> is judged by itself, not by the virtual host.
 */
function findBlockingContext(chain: EnclosingContext[], placements: Placements): EnclosingContext | undefined {
  const innermost = chain[chain.length - 1];
  if (!placements[innermost.kind]) return innermost;
  if (chain[0].kind === 'htaccess' && !placements.htaccess) return chain[0];
  for (const context of chain.slice(0, -1)) {
    if (context.kind === 'server' || context.kind === 'virtualhost' || context.kind === 'htaccess') continue;
    if (!placements[context.kind]) return context;
  }
  return undefined;
}
