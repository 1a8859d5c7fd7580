// A quick fix that edits the diagnostic's own file.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit } from 'vscode-languageserver-types';

export function editAction(diagnostic: Diagnostic, uri: string, title: string, edits: TextEdit[], isPreferred: boolean): CodeAction {
  return {
    title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(isPreferred ? { isPreferred: true } : {}),
    edit: { changes: { [uri]: edits } },
  };
}
