// expr/quoting: the rule worked out the edits (the quotes around the
// expression, '…' for "…" strings inside); Apache reads the same expression after.
import type { TextEdit } from 'vscode-languageserver-types';
import { editAction } from './editAction';
import type { QuickFix } from './types';

export const exprQuotingFix: QuickFix = {
  code: 'expr/quoting',
  fix(diagnostic, context) {
    const edits = (diagnostic.data as { edits?: TextEdit[] } | undefined)?.edits;
    if (!edits || edits.length === 0) return [];
    return [editAction(diagnostic, context.uri, 'Put the expression in double quotes', edits, true)];
  },
};
