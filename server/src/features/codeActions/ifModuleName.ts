// mod/ifmodule-bad-name: put the module's identifier where a name that can
// never match was written (`mod_ssl` becomes `ssl_module`).
import { CodeActionKind } from 'vscode-languageserver-types';
import type { QuickFix } from './types';

export const ifModuleNameFix: QuickFix = {
  code: 'mod/ifmodule-bad-name',
  fix(diagnostic, context) {
    const replacement = (diagnostic.data as { replacement?: string } | undefined)?.replacement;
    if (!replacement) return [];
    return [
      {
        title: `Change to <IfModule ${replacement}>`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [context.uri]: [{ range: diagnostic.range, newText: replacement }] } },
      },
    ];
  },
};
