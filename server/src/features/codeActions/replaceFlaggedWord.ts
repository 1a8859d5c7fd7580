// Put the right word where the finding's range is, when the rule knows it
// (its `data.replacement`): the module's identifier in an <IfModule> that can
// never match (`mod_ssl` becomes `ssl_module`), or the module a LoadModule's
// file exports. Only the flagged word changes.
import { CodeActionKind } from 'vscode-languageserver-types';
import type { QuickFix } from './types';

export function replaceFlaggedWordFix(code: string, title: (replacement: string) => string, isPreferred: boolean): QuickFix {
  return {
    code,
    fix(diagnostic, context) {
      const replacement = (diagnostic.data as { replacement?: string } | undefined)?.replacement;
      if (!replacement) return [];
      return [
        {
          title: title(replacement),
          kind: CodeActionKind.QuickFix,
          diagnostics: [diagnostic],
          isPreferred,
          edit: { changes: { [context.uri]: [{ range: diagnostic.range, newText: replacement }] } },
        },
      ];
    },
  };
}

export const ifModuleNameFix = replaceFlaggedWordFix('mod/ifmodule-bad-name', (replacement) => `Change to <IfModule ${replacement}>`, true);
// The file may be the mistake rather than the name: offered, not preferred.
export const loadModuleNameFix = replaceFlaggedWordFix('mod/module-not-in-file', (replacement) => `Change to LoadModule ${replacement}`, false);
