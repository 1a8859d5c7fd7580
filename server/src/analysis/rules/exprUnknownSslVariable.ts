import type { Span } from '../../parser/expr/ast';
import { forEachExprNode } from '../../parser/expr/walkExpression';
import { isSslVariableName, resolveSslVariable, suggestVariable } from '../../knowledge/variables';
import type { Rule } from '../types';
import { expressionsInFile } from '../expressionsInFile';

export const exprUnknownSslVariable: Rule = {
  id: 'expr/unknown-ssl-variable',
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#envvars',
  summary: 'An `SSL_…` variable mod_ssl does not define (often a case mistake): Apache accepts it and it is always empty.',
  check({ file, scope, report }) {
    for (const expression of expressionsInFile(file, scope)) {
      const root = expression.parsed.root;
      if (!root) continue;
      const check = (name: string, span: Span, write: (name: string) => string) => {
        if (!isSslVariableName(name) || resolveSslVariable(name)) return;
        const suggestion = suggestVariable(name);
        const caseOnly = suggestion !== undefined && suggestion.toLowerCase() === name.toLowerCase();
        report({
          range: expression.rangeOf(span.start, span.end),
          message:
            `mod_ssl has no variable ${write(name)}: Apache accepts any name starting with SSL_, but this one is always ` +
            'empty, so a comparison with it never sees the certificate or connection.' +
            (suggestion ? ` Did you mean ${write(suggestion)}?` : '') +
            (caseOnly ? ' Parts of these names, such as DN attributes (CN, O, Email), are case-sensitive.' : ''),
          data: { name, ...(suggestion ? { suggestion } : {}) },
        });
      };
      forEachExprNode(root, (node) => {
        if (node.type === 'variable') {
          check(node.name, node.nameSpan, (name) => `%{${name}}`);
          return;
        }
        // %{SSL:SSL_…} and SSL('SSL_…') look the same names up.
        if ((node.type === 'variableFunction' || node.type === 'call') && node.name.toLowerCase() === 'ssl') {
          const parts = node.type === 'call' ? (node.argument.type === 'string' ? node.argument.parts : []) : node.argument.parts;
          const only = parts.length === 1 ? parts[0] : undefined;
          if (only?.type === 'text') check(only.value, only, (name) => `'${name}'`);
        }
      });
    }
  },
};
