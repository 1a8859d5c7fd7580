// Entry point of dist/cli.js (`apache-ssl` on the PATH):
//   apache-ssl check PATH… [--format text|json|sarif] [--root MAIN] [--exit-zero] [--fix [--dry-run]]
//   apache-ssl pki create --dir DIR --host NAME [--client NAME] [--p12-password PW]
//   apache-ssl test-commands CONFIG_FILE --line N
// Exit status: 0 no error findings, 1 at least one, 2 usage or I/O error.
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { ConfigWorkspace, DEFAULT_MODEL_SETTINGS } from '../config/configWorkspace';
import { isFileOnDisk } from '../config/buildConfigModel';
import { modulesUnknown } from '../analysis/rules/modulesUnknown';
import { applyFixes, formatAppliedFixes, formatDiffs } from './applyFixes';
import { checkFiles, readPrefix, type CheckedFile } from './checkFiles';
import { collectConfigFiles } from './collectConfigFiles';
import { formatJson } from './formatJson';
import { formatSarif } from './formatSarif';
import { formatText } from './formatText';
import { parseArguments, USAGE } from './parseArguments';
import { runPkiCreate, type Output } from './pkiCreate';
import { runTestCommands } from './testCommands';

declare const APACHE_SSL_VERSION: string | undefined;
const version = typeof APACHE_SSL_VERSION === 'string' ? APACHE_SSL_VERSION : '0.0.0-dev';

/** The commands besides check, each with its own arguments. */
const TOOL_COMMANDS = new Map<string, (args: string[], output: Output) => number>([
  ['pki', runPkiCreate],
  ['test-commands', runTestCommands],
]);
const STANDARD_OUTPUT: Output = { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) };

function main(argv: string[]): number {
  const parsed = parseArguments(argv);
  if ('help' in parsed) {
    process.stdout.write(USAGE);
    return 0;
  }
  const tool = TOOL_COMMANDS.get(argv[0]);
  if (tool) return tool(argv.slice(1), STANDARD_OUTPUT);
  if ('error' in parsed) {
    process.stderr.write(`apache-ssl: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const workspace = new ConfigWorkspace();
  workspace.configure(
    {
      ...DEFAULT_MODEL_SETTINGS,
      mainConfig: parsed.root ? resolve(parsed.root) : '',
      serverRoot: parsed.serverRoot ? resolve(parsed.serverRoot) : '',
      defines: parsed.defines,
      environmentFile: parsed.environmentFile ? resolve(parsed.environmentFile) : '',
    },
    parsed.paths.filter(isFolder).map((path) => resolve(path)),
  );
  // With --root, the whole tree is checked: every file Apache would read.
  const tree = parsed.root ? [...(workspace.mainTree()?.files.values() ?? [])].filter(isFileOnDisk).map((inTree) => inTree.path) : [];
  const paths = parsed.root ? [parsed.root, ...parsed.paths, ...tree] : parsed.paths;
  const collected = collectConfigFiles(paths, readPrefix, new Set(tree));
  // The fixes first: what is reported is what remains. Their account goes to
  // stdout before a text report, to stderr beside a JSON or SARIF one.
  const fixErrors: string[] = [];
  if (parsed.fix) {
    const outcome = applyFixes(collected.files, workspace, parsed.dryRun);
    const account = formatAppliedFixes(outcome.applied, parsed.dryRun) + (parsed.dryRun ? formatDiffs(outcome.changed) : '');
    (parsed.format === 'text' ? process.stdout : process.stderr).write(account);
    for (const refused of outcome.refused) process.stderr.write(`apache-ssl: not fixed: ${refused}\n`);
    fixErrors.push(...outcome.errors);
  }
  const checked = checkFiles(collected.files, workspace);
  const { results, unknownModules } = sayModulesUnknownOnce(checked.results);
  const errors = checked.errors;
  const formatted =
    parsed.format === 'json' ? formatJson(results) : parsed.format === 'sarif' ? formatSarif(results, version) : formatText(results, unknownModules);
  process.stdout.write(formatted);
  const ioErrors = [...collected.errors, ...errors];
  for (const error of ioErrors) process.stderr.write(`apache-ssl: cannot read ${error}\n`);
  for (const error of fixErrors) process.stderr.write(`apache-ssl: cannot write ${error}\n`);
  if (ioErrors.length > 0 || fixErrors.length > 0) return 2;
  const hasError = results.some((r) => r.diagnostics.some((d) => d.severity === DiagnosticSeverity.Error));
  return hasError && !parsed.exitZero ? 1 : 0;
}

/** The editor says "modules unknown" in each file; a run in CI says it once, in its summary. */
function sayModulesUnknownOnce(results: CheckedFile[]): { results: CheckedFile[]; unknownModules: number } {
  let unknownModules = 0;
  const kept = results.map((result) => {
    const diagnostics = result.diagnostics.filter((d) => d.code !== modulesUnknown.id);
    if (diagnostics.length < result.diagnostics.length) unknownModules++;
    return { ...result, diagnostics };
  });
  return { results: kept, unknownModules };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

process.exitCode = main(process.argv.slice(2));
