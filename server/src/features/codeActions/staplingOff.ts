// ssl/stapling-no-ocsp: the certificate cannot be stapled, so the host's own
// `SSLUseStapling on` becomes `off`. Offered only when that line belongs to
// the host (the rule leaves `data` out when it is the server config's, which
// other hosts share).
import { CodeActionKind, type CodeAction, type Range } from 'vscode-languageserver-types';
import type { QuickFix } from './types';

export const staplingOffFix: QuickFix = {
  code: 'ssl/stapling-no-ocsp',
  fix(diagnostic, context): CodeAction[] {
    const stapling = (diagnostic.data as { stapling?: { path: string; range: Range } } | undefined)?.stapling;
    if (!stapling) return [];
    return [
      {
        title: 'Turn OCSP stapling off for this host (SSLUseStapling off)',
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [context.uriOf(stapling.path)]: [{ range: stapling.range, newText: 'off' }] } },
      },
    ];
  },
};
