import { forEachNode } from '../../parser/walk';
import type { Rule } from '../types';

export const unknownDirective: Rule = {
  id: 'mod/unknown-directive',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/directives.html',
  summary: 'A directive or section that no Apache 2.4 module defines (usually a misspelling).',
  check({ file, directives, report }) {
    forEachNode(file, (node) => {
      if (node.kind !== 'directive' && node.kind !== 'section') return;
      const name = node.kind === 'section' ? `<${node.name}` : node.name;
      if (directives.lookup(name)) return;
      const suggestions = directives.suggest(name);
      const nameRange = node.kind === 'section' ? node.open.nameRange : node.nameRange;
      // Apache blames the last physical line of a continued line, so cover them all.
      const endRange = node.kind === 'section' ? node.open.range : node.range;
      report({
        range: { start: nameRange.start, end: endRange.end.line > nameRange.end.line ? endRange.end : nameRange.end },
        message:
          `No Apache module defines '${name}'. Apache refuses to start with "Invalid command '${name}', perhaps misspelled ` +
          `or defined by a module not included in the server configuration".` +
          (suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => `'${s}'`).join(' or ')}?` : ''),
        data: { name, suggestions },
      });
    });
  },
};
