import { forEachLiveNode } from '../liveNodes';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';

export const unknownDirective: Rule = {
  id: 'mod/unknown-directive',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/directives.html',
  summary: 'A directive or section that no Apache 2.4 module defines (usually a misspelling).',
  check({ file, directives, report }) {
    forEachLiveNode(file, (node) => {
      if (node.kind !== 'directive' && node.kind !== 'section') return;
      const name = node.kind === 'section' ? `<${node.name}` : node.name;
      if (directives.lookup(name)) return;
      const suggestions = directives.suggest(name);
      report({
        range: directiveReportRange(node),
        message:
          `No Apache module defines '${name}'. Apache refuses to start with "Invalid command '${name}', perhaps misspelled ` +
          `or defined by a module not included in the server configuration".` +
          (suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : ''),
        data: { name, suggestions },
      });
    });
  },
};
