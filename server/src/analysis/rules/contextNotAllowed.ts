import { forEachNode } from '../../parser/walk';
import { describeContext, enclosingContexts } from '../enclosingContexts';
import { blockingContext, placementsOf, type Placements } from '../placement';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

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
      const fact = directives.lookup(node.kind === 'section' ? `<${node.name}` : node.name);
      const placements = fact && placementsOf(fact);
      const chain = placements && enclosingContexts(node.parent, inHtaccess);
      const blocking = chain && blockingContext(chain, placements);
      if (!fact || !placements || !blocking) return;
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
