// expr/word-operators: Apache's expression scanner accepts `and`, `or` and
// `not` (util_expr_scan.l, kept for ssl_expr), but the expression manual and
// the SSLRequire grammar document only `&&`, `||` and `!`.
import { forEachExprNode } from '../../parser/expr/walkExpression';
import type { Rule } from '../types';
import { expressionsInFile } from '../expressionsInFile';

const CANONICAL: Record<string, string> = { and: '&&', or: '||', not: '!' };

export const exprWordOperators: Rule = {
  id: 'expr/word-operators',
  severity: 'hint',
  docUrl: 'https://httpd.apache.org/docs/2.4/expr.html#grammar',
  summary: '`and`, `or`, `not` work in expressions, but only `&&`, `||`, `!` are documented.',
  check({ file, scope, report }) {
    for (const expression of expressionsInFile(file, scope)) {
      if (!expression.parsed.root) continue;
      forEachExprNode(expression.parsed.root, (node) => {
        if (node.type !== 'and' && node.type !== 'or' && node.type !== 'not') return;
        const operator = node.operator.text;
        const replacement = CANONICAL[operator];
        if (!replacement) return;
        report({
          range: expression.rangeOf(node.operator.start, node.operator.end),
          message: `Apache reads ${operator} as ${replacement}, but the expression manual documents only &&, || and !: write ${replacement}.`,
          data: { operator, replacement },
        });
      });
    }
  },
};
