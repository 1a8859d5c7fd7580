// expr/client-verify-literal: put the value %{SSL_CLIENT_VERIFY} really has.
// Preferred only where the text was that value in another case ('success').
import type { Range } from 'vscode-languageserver-types';
import { editAction } from './editAction';
import type { QuickFix } from './types';

interface ClientVerifyData {
  suggestion?: string;
  valueRange?: Range;
  preferred?: boolean;
}

export const clientVerifyLiteralFix: QuickFix = {
  code: 'expr/client-verify-literal',
  fix(diagnostic, context) {
    const { suggestion, valueRange, preferred } = (diagnostic.data ?? {}) as ClientVerifyData;
    if (!suggestion || !valueRange) return [];
    return [editAction(diagnostic, context.uri, `Change to '${suggestion}'`, [{ range: valueRange, newText: suggestion }], preferred === true)];
  },
};
