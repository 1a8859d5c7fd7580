// expr/word-operators: `and`, `or`, `not` become `&&`, `||`, `!`.
import { editAction } from './editAction';
import type { QuickFix } from './types';

export const wordOperatorsFix: QuickFix = {
  code: 'expr/word-operators',
  fix(diagnostic, context) {
    const { operator, replacement } = (diagnostic.data ?? {}) as { operator?: string; replacement?: string };
    if (!operator || !replacement) return [];
    return [editAction(diagnostic, context.uri, `Change ${operator} to ${replacement}`, [{ range: diagnostic.range, newText: replacement }], true)];
  },
};
