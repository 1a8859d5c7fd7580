// Apache reads what a Use line expands to in the Use's place, so every rule
// applies there as in a file: a <VirtualHost> built by a macro has its
// certificates read, its client verification judged, its proxy routes
// checked. The model holds each expansion as a file of its own (FileInTree
// with `macro`); its findings are shown on the Use line, since the expansion
// is in no file the user can open, and say which line of the macro's body
// they come from. A `# apache-ssl-disable-next-line` comment in the body
// silences a finding there, one above the Use silences it for that Use.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { DirectiveNode } from '../parser/ast';
import { expansionsOf, isUnbalanced } from '../config/expansionsOf';
import { shownPath } from '../config/shownPath';
import type { FileInTree } from '../config/buildConfigModel';
import type { AnalysisRun } from './analyzeFile';
import { fileScope } from './fileScope';
import { focusedModel } from './focusedModel';
import { directiveReportRange } from './reportRange';
import { findSuppressions, isSuppressed } from './suppressions';

/** What a finding shown on a Use line carries in `data`: its fixes would edit the Use line, not the line they are about. */
export const FROM_EXPANSION = 'fromExpansion';

export function isFromExpansion(diagnostic: Diagnostic): boolean {
  return typeof diagnostic.data === 'object' && diagnostic.data !== null && (diagnostic.data as Record<string, unknown>)[FROM_EXPANSION] === true;
}

/**
 * The findings in what the run's file's Use lines (those `wanted`) expand to,
 * each on its Use line. `analyse` finds them in one expansion (and calls this
 * again for the Use lines inside it).
 */
export function expansionFindings(run: AnalysisRun, analyse: (expansion: AnalysisRun) => readonly Diagnostic[], wanted: (use: DirectiveNode) => boolean): Diagnostic[] {
  const expansions = expansionsOf(run.scope.model, run.scope.path);
  if (expansions.length === 0) return [];
  const shown: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const expansion of expansions) {
    const use = expansion.includedFrom?.node as DirectiveNode;
    // define/macro-expansion says why an unbalanced one is not checked.
    if (!wanted(use) || isUnbalanced(expansion)) continue;
    const inExpansion = analyse(expansionRun(run, expansion));
    if (inExpansion.length === 0) continue;
    const suppressions = findSuppressions(expansion.file);
    for (const diagnostic of inExpansion) {
      if (suppressions.length > 0 && isSuppressed(diagnostic, suppressions)) continue;
      const onUse = onUseLine(run, expansion, use, diagnostic);
      const key = `${use.startLine}\0${String(onUse.code)}\0${onUse.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      shown.push(onUse);
    }
  }
  return shown;
}

/** The run of `run`'s analysis on one expansion of its file, focused as `run` is. */
function expansionRun(run: AnalysisRun, expansion: FileInTree): AnalysisRun {
  const { model } = run.scope;
  const scope = fileScope(model, expansion.path);
  const focused = run.focusedScope === run.scope ? scope : fileScope(focusedModel(model, expansion.path), expansion.path);
  return { ...run, file: expansion.file, inHtaccess: false, scope, focusedScope: focused };
}

function onUseLine(run: AnalysisRun, expansion: FileInTree, use: DirectiveNode, diagnostic: Diagnostic): Diagnostic {
  const macro = expansion.macro as NonNullable<FileInTree['macro']>;
  const line = diagnostic.range.start.line;
  const bodyLine = macro.node.open.endLine + 2 + line;
  const words = [use.name, ...use.args.map((arg) => arg.raw)].join(' ');
  return {
    ...diagnostic,
    range: directiveReportRange(use),
    message: `In what ${words} expands to, line ${line + 1} of the macro's body (${shownPath(run.scope.model, macro.path)}:${bodyLine}): ${diagnostic.message}`,
    data: { ruleId: diagnostic.code, [FROM_EXPANSION]: true },
  };
}
