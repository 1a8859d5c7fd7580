// Entry point of dist/cli.js (`apache-ssl` on the PATH):
//   apache-ssl check PATH… [--format text|json|sarif] [--root MAIN] [--exit-zero]
// Exit status: 0 no error findings, 1 at least one, 2 usage or I/O error.
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { checkFiles, readPrefix } from './checkFiles';
import { collectConfigFiles } from './collectConfigFiles';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { parseArguments, USAGE } from './parseArguments';

declare const APACHE_SSL_VERSION: string | undefined;
const version = typeof APACHE_SSL_VERSION === 'string' ? APACHE_SSL_VERSION : '0.0.0-dev';

function main(argv: string[]): number {
  const parsed = parseArguments(argv);
  if ('help' in parsed) {
    process.stdout.write(USAGE);
    return 0;
  }
  if ('error' in parsed) {
    process.stderr.write(`apache-ssl: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const paths = parsed.root ? [parsed.root, ...parsed.paths] : parsed.paths;
  const collected = collectConfigFiles(paths, readPrefix);
  const { results, errors } = checkFiles(collected.files);
  const formatted =
    parsed.format === 'json' ? formatJson(results) : parsed.format === 'sarif' ? formatSarif(results, version) : formatText(results);
  process.stdout.write(formatted);
  const ioErrors = [...collected.errors, ...errors];
  for (const error of ioErrors) process.stderr.write(`apache-ssl: cannot read ${error}\n`);
  if (ioErrors.length > 0) return 2;
  const hasError = results.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error));
  return hasError && !parsed.exitZero ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
