// proxy/trailing-slash-mismatch: add or remove the URL's trailing slash so it
// agrees with the path, in the ProxyPass and in the ProxyPassReverse lines
// that repeat the same path and URL (they must keep matching it).
import { CodeActionKind, type TextEdit } from 'vscode-languageserver-types';
import type { QuickFix } from './types';

interface SlashData {
  slash?: 'add' | 'remove';
  edits?: { path: string; edit: TextEdit }[];
}

export const trailingSlashFix: QuickFix = {
  code: 'proxy/trailing-slash-mismatch',
  fix(diagnostic, context) {
    const data = (diagnostic.data ?? {}) as SlashData;
    if (!data.slash || !data.edits?.length) return [];
    const changes: Record<string, TextEdit[]> = {};
    for (const { path, edit } of data.edits) (changes[context.uriOf(path)] ??= []).push(edit);
    const also = data.edits.length > 1 ? ' (and in its ProxyPassReverse)' : '';
    return [
      {
        title: data.slash === 'add' ? `Add a trailing / to the URL${also}` : `Remove the trailing / from the URL${also}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes },
      },
    ];
  },
};
