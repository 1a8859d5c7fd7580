// SARIF 2.1.0, as GitHub code scanning and other CI dashboards read it.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '../analysis/registry';
import type { CheckedFile } from './checkFiles';
import { severityName, type SeverityName } from './severityName';

const LEVELS: Record<SeverityName, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

export function formatSarif(results: CheckedFile[], version: string): string {
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'apache-ssl',
            version,
            rules: RULES.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.summary },
              helpUri: rule.docUrl,
              defaultConfiguration: { level: LEVELS[rule.severity] },
            })),
          },
        },
        results: results.flatMap(({ path, diagnostics }) =>
          diagnostics.map((diagnostic) => ({
            ruleId: String(diagnostic.code),
            level: LEVELS[severityName(diagnostic)],
            message: { text: diagnostic.message },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: artifactUri(path) },
                  region: {
                    startLine: diagnostic.range.start.line + 1,
                    startColumn: diagnostic.range.start.character + 1,
                    endLine: diagnostic.range.end.line + 1,
                    endColumn: diagnostic.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** An absolute path as a file URL; a relative one as a relative URI reference, each segment percent-encoded. */
function artifactUri(path: string): string {
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}
