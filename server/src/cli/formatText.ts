import type { Diagnostic } from 'vscode-languageserver-types';
import type { CheckedFile } from './checkFiles';
import { severityName } from './severityName';

/**
 * Compiler-style lines: `file:line:col: severity: message [rule-id]`, 1-based like editors show.
 * `modulesUnchecked` counts files no main configuration includes, so no LoadModule applies to them.
 */
export function formatText(results: CheckedFile[], modulesUnchecked = 0): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  for (const { path, diagnostics } of results) {
    for (const diagnostic of diagnostics) {
      const severity = severityName(diagnostic);
      if (severity === 'error') errors++;
      if (severity === 'warning') warnings++;
      lines.push(`${path}:${position(diagnostic)}: ${severity}: ${diagnostic.message} [${String(diagnostic.code)}]`);
    }
  }
  const files = results.length === 1 ? '1 file' : `${results.length} files`;
  const unchecked =
    modulesUnchecked === 0
      ? ''
      : ` (loaded modules not checked in ${modulesUnchecked === 1 ? '1 file, which' : `${modulesUnchecked} files, which`} no main configuration includes)`;
  lines.push(`${files} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${unchecked}`);
  return lines.join('\n') + '\n';
}

function position(diagnostic: Diagnostic): string {
  return `${diagnostic.range.start.line + 1}:${diagnostic.range.start.character + 1}`;
}
