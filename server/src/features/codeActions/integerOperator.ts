// expr/integer-operator-on-string: `eq` becomes `==` and `ne` `!=`, the
// string comparison that was meant (preferred). `lt`, `gt` … become `<`,
// `>` … only where both sides are text, and never preferred: lexical order
// may not be what was meant (RULES §7 EXP003).
import { editAction } from './editAction';
import type { QuickFix } from './types';

interface IntegerOperatorData {
  operator?: string;
  replacement?: string;
  lexical?: string;
}

export const integerOperatorFix: QuickFix = {
  code: 'expr/integer-operator-on-string',
  fix(diagnostic, context) {
    const { operator, replacement, lexical } = (diagnostic.data ?? {}) as IntegerOperatorData;
    if (!operator) return [];
    // The finding's range is the operator.
    const operatorRange = diagnostic.range;
    if (replacement) {
      return [editAction(diagnostic, context.uri, `Change ${operator} to ${replacement} (compare text)`, [{ range: operatorRange, newText: replacement }], true)];
    }
    if (lexical) {
      return [editAction(diagnostic, context.uri, `Change ${operator} to ${lexical} (compare text in lexical order)`, [{ range: operatorRange, newText: lexical }], false)];
    }
    return [];
  },
};
