import type { CheckedFile } from './checkFiles';
import { severityName } from './severityName';

/** The JSON shape other tools read (ARCHITECTURE.md): 0-based positions, as in LSP. */
export function formatJson(results: CheckedFile[]): string {
  const files = results.map(({ path, diagnostics }) => ({
    path,
    diagnostics: diagnostics.map((diagnostic) => ({
      code: String(diagnostic.code),
      severity: severityName(diagnostic),
      message: diagnostic.message,
      range: diagnostic.range,
    })),
  }));
  return JSON.stringify({ files }, null, 2) + '\n';
}
