// Every quick fix, keyed by the diagnostic code it answers.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../analysis/analyzeFile';
import { ifModuleNameFix } from './ifModuleName';
import { loadModuleFix } from './loadModule';
import type { QuickFix, QuickFixContext } from './types';

const QUICK_FIXES: readonly QuickFix[] = [loadModuleFix, ifModuleNameFix];
const byCode = new Map(QUICK_FIXES.map((fix) => [fix.code, fix]));

export function quickFixes(diagnostics: readonly Diagnostic[], context: QuickFixContext): CodeAction[] {
  return diagnostics.flatMap((diagnostic) => {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE) return [];
    return byCode.get(String(diagnostic.code))?.fix(diagnostic, context) ?? [];
  });
}
