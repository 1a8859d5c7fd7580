// expr/sslrequire-compare-semantics: in SSLRequire, `<`, `<=`, `>`, `>=` and
// their word forms `lt`, `le`, `gt`, `ge` compare the length of the two
// strings first and only then their characters (util_expr_eval.c strcmplex,
// used in ssl_expr compatibility mode). Require expr has no such operator: `<`
// compares characters and `-lt` integers. Said where it matters, when moving
// the condition to Require expr.
import type { Comparison, Word } from '../../parser/expr/ast';
import { forEachExprNode } from '../../parser/expr/walkExpression';
import type { Rule } from '../types';
import { kindOf } from './exprIntegerOperatorOnString';
import { expressionsInFile } from '../expressionsInFile';

type Relation = 'lt' | 'le' | 'gt' | 'ge';

const SYMBOL: Record<Relation, string> = { lt: '<', le: '<=', gt: '>', ge: '>=' };

export const exprSslRequireCompareSemantics: Rule = {
  id: 'expr/sslrequire-compare-semantics',
  severity: 'information',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#sslrequire',
  summary: 'In SSLRequire, `<`, `lt` and the like compare lengths first, then characters; Require expr compares differently.',
  check({ file, scope, report }) {
    for (const expression of expressionsInFile(file, scope)) {
      if (!expression.sslCompat || !expression.parsed.root) continue;
      forEachExprNode(expression.parsed.root, (node) => {
        if (node.type !== 'comparison') return;
        const relation = relationOf(node);
        if (!relation) return;
        const operator = node.operator.text;
        const right = node.right as Word;
        const numeric = isNumeric(node.left) || isNumeric(right);
        const symbol = SYMBOL[relation];
        const how = `In SSLRequire, ${operator} compares the length of the two values first and only then their characters`;
        const message = numeric
          ? `${how}, which for whole numbers without leading zeros is numeric order, so it works here. ` +
            `In Require expr, ${symbol} compares characters ('9' ${symbol} '10' is ${String(compare('9', '10', relation))}) ` +
            `and -${relation} compares integers: write -${relation} when moving this condition to Require expr.`
          : `${how}, so 'b' ${symbol} 'aa' is ${String(compare('b', 'aa', relation, true))} here. ` +
            `In Require expr, ${symbol} compares characters only and -${relation} compares integers: ` +
            'neither means the same, so check what this condition is meant to do before moving it to Require expr.';
        report({
          range: expression.rangeOf(node.operator.start, node.operator.end),
          message,
          data: { operator, numeric, ...(numeric ? { requireExprOperator: `-${relation}` } : {}) },
        });
      });
    }
  },
};

function relationOf(node: Comparison): Relation | undefined {
  const relation = node.kind.slice(4);
  return relation === 'lt' || relation === 'le' || relation === 'gt' || relation === 'ge' ? relation : undefined;
}

/** A number as written, a quoted number, or a variable whose value is one. */
function isNumeric(word: Word): boolean {
  if (word.type === 'string') {
    const only = word.parts.length === 1 ? word.parts[0] : undefined;
    return only?.type === 'text' ? /^[0-9]+$/.test(only.value) : only !== undefined && kindOf(word) === 'number';
  }
  return kindOf(word) === 'number';
}

/** `a <relation> b`, by characters (Require expr) or by length first (SSLRequire). */
function compare(a: string, b: string, relation: Relation, lengthFirst = false): boolean {
  const order = lengthFirst && a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
  return { lt: order < 0, le: order <= 0, gt: order > 0, ge: order >= 0 }[relation];
}
