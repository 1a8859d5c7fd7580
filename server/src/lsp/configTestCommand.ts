// "Run Apache Config Test": Apache's own verdict beside ours. The program runs
// only when the user asks (the command, or configTest.onSave) and only in a
// workspace the client calls trusted; what it reports is kept by document URI
// and published with each document's diagnostics (source "apache2 -t") until
// the next run or an edit of that file makes it stale.
import { pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { ConfigTestProblem } from '../features/configTest/parseConfigTestOutput';
import { runConfigTest, type ConfigTestOptions, type ConfigTestRun } from '../features/configTest/runConfigTest';
import type { ServerSettings } from '../settings';

/** Arguments [uri?]; answers a ConfigTestReply. */
export const RUN_CONFIG_TEST_COMMAND = 'apacheSsl.server.runConfigTest';
/** Sent by a client once the user trusts the workspace. */
export const WORKSPACE_TRUSTED_NOTIFICATION = 'apacheSsl/workspaceTrusted';
export const CONFIG_TEST_SOURCE = 'apache2 -t';

/** Output beyond this is not read: a config test prints a few lines. */
const MAX_OUTPUT_BYTES = 256 * 1024;

export interface ConfigTestReply {
  ran: boolean;
  /** Apache said Syntax OK. */
  ok?: boolean;
  /** One line for the user: the verdict, or why nothing ran. */
  summary: string;
}

export function configTestOptions(settings: ServerSettings, mainConfig: string | undefined): ConfigTestOptions {
  const defines = settings.defines.flatMap((name) => ['-D', name]);
  const serverRoot = settings.serverRoot ? ['-d', settings.serverRoot] : [];
  return {
    command: settings['configTest.command'],
    args: [...settings['configTest.arguments'], ...defines, ...serverRoot],
    mainConfig,
    timeoutMs: settings['configTest.timeoutSeconds'] * 1000,
    maxOutputBytes: MAX_OUTPUT_BYTES,
  };
}

/** Apache's findings of the last run, by document URI. */
export class ConfigTestFindings {
  private byUri = new Map<string, Diagnostic[]>();

  of(uri: string): Diagnostic[] {
    return this.byUri.get(uri) ?? [];
  }

  /** Forgets a file's findings (it was edited); true when it had some. */
  drop(uri: string): boolean {
    return this.byUri.delete(uri);
  }

  /** Takes a run's findings; returns every URI whose findings changed (to publish again). Unlocated ones go on the main file's first line. */
  replace(run: Extract<ConfigTestRun, { ran: true }>, mainConfig: string | undefined): string[] {
    const before = [...this.byUri.keys()];
    this.byUri = new Map();
    for (const problem of run.problems) {
      const path = problem.path ?? mainConfig;
      if (!path) continue;
      const uri = pathToFileURL(path).href;
      const list = this.byUri.get(uri) ?? [];
      list.push(toDiagnostic(problem));
      this.byUri.set(uri, list);
    }
    return [...new Set([...before, ...this.byUri.keys()])];
  }
}

function toDiagnostic(problem: ConfigTestProblem): Diagnostic {
  const line = Math.max((problem.line ?? 1) - 1, 0);
  return {
    // The whole line: Apache names lines, not columns.
    range: { start: { line, character: 0 }, end: { line: line + 1, character: 0 } },
    severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
    source: CONFIG_TEST_SOURCE,
    message: problem.message,
  };
}

export async function runAndDescribe(options: ConfigTestOptions): Promise<{ run: ConfigTestRun; reply: ConfigTestReply }> {
  const run = await runConfigTest(options);
  if (!run.ran) return { run, reply: { ran: false, summary: run.reason } };
  const errors = run.problems.filter((problem) => problem.severity === 'error').length;
  const warnings = run.problems.length - errors;
  const counts = [errors && `${errors} error${errors === 1 ? '' : 's'}`, warnings && `${warnings} warning${warnings === 1 ? '' : 's'}`].filter(Boolean).join(', ');
  const summary = run.ok ? `Syntax OK${counts ? ` (${counts})` : ''}` : `Apache refuses the configuration: ${counts || 'see the output'}`;
  return { run, reply: { ran: true, ok: run.ok, summary: `${[run.command, ...run.args].join(' ')}: ${summary}` } };
}
