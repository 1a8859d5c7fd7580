// Every quick fix, keyed by the diagnostic code it answers.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { DIAGNOSTIC_SOURCE } from '../../analysis/analyzeFile';
import { isFromExpansion } from '../../analysis/expansionFindings';
import { isFileOnDisk } from '../../config/buildConfigModel';
import { ifModuleNameFix, loadModuleNameFix } from './replaceFlaggedWord';
import { loadModuleFix } from './loadModule';
import { moveClientVerificationFix } from './moveClientVerification';
import { requireSslToRequireSslFix } from './requireSslToRequireSsl';
import { sslRequireToRequireExprFix } from './sslRequireToRequireExpr';
import { integerOperatorFix } from './integerOperator';
import { clientVerifyLiteralFix } from './clientVerifyLiteral';
import { wordOperatorsFix } from './wordOperators';
import { exprQuotingFix } from './exprQuoting';
import { disableNextLineFix } from './disableNextLine';
import { staplingOffFix } from './staplingOff';
import { reorderChainFix } from './reorderChain';
import { loadNamedModulesFix } from './loadNamedModules';
import { TLS_FIXES } from './tlsFixes';
import { removedDirectiveActions } from './obsoleteDirectives';
import { PROXY_FIXES } from './proxyFixes';
import type { QuickFix, QuickFixContext } from './types';

const QUICK_FIXES: readonly QuickFix[] = [
  loadModuleFix,
  ifModuleNameFix,
  loadModuleNameFix,
  moveClientVerificationFix,
  sslRequireToRequireExprFix,
  requireSslToRequireSslFix,
  staplingOffFix,
  reorderChainFix,
  loadNamedModulesFix('mod/socache-module-missing'),
  { code: 'core/removed-directive', fix: removedDirectiveActions },
];
const EXPR_FIXES: readonly QuickFix[] = [integerOperatorFix, clientVerifyLiteralFix, wordOperatorsFix, exprQuotingFix];
const byCode = new Map([...QUICK_FIXES, ...EXPR_FIXES, ...TLS_FIXES, ...PROXY_FIXES].map((fix) => [fix.code, fix]));
/** Fixes for any code (their `code` is '*'), offered after the specific ones and never preferred. */
const FOR_EVERY_CODE: readonly QuickFix[] = [disableNextLineFix];

export function quickFixes(diagnostics: readonly Diagnostic[], context: QuickFixContext): CodeAction[] {
  const ours = diagnostics.filter((diagnostic) => diagnostic.source === DIAGNOSTIC_SOURCE);
  // A finding from a macro's expansion is shown on its Use line: a fix would edit that line, not the body line it is about.
  const specific = ours.flatMap((diagnostic) => (isFromExpansion(diagnostic) ? [] : (byCode.get(String(diagnostic.code))?.fix(diagnostic, context) ?? [])));
  const generic = ours.flatMap((diagnostic) => FOR_EVERY_CODE.flatMap((fix) => fix.fix(diagnostic, context)));
  return [...specific, ...withoutRepeats(generic)].filter((action) => !editsAnExpansion(action, context));
}

/** A fix that would edit what a Use expands to: that text is in no file (it is the macro's body, shared by every Use). */
function editsAnExpansion(action: CodeAction, context: QuickFixContext): boolean {
  const changed = Object.keys(action.edit?.changes ?? {});
  if (changed.length === 0) return false;
  const expansions = new Set([...context.model.files.values()].filter((inTree) => !isFileOnDisk(inTree)).map((inTree) => context.uriOf(inTree.path)));
  return changed.some((uri) => expansions.has(uri));
}

/** One action per title and edit: two findings of one rule on a line share one disable comment. */
function withoutRepeats(actions: CodeAction[]): CodeAction[] {
  const seen = new Map<string, CodeAction>();
  for (const action of actions) {
    const key = `${action.title}\n${JSON.stringify(action.edit)}`;
    const earlier = seen.get(key);
    if (earlier) earlier.diagnostics = [...(earlier.diagnostics ?? []), ...(action.diagnostics ?? [])];
    else seen.set(key, action);
  }
  return [...seen.values()];
}
