// Runs Apache's own configuration test when the user asks for it: the
// program is executed directly with an argument array (never through a
// shell), with a time limit and a cap on what is read of its output. Whether
// it may run at all (a trusted workspace) is the caller's decision.
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { parseConfigTestOutput, type ConfigTestResult } from './parseConfigTestOutput';

export interface ConfigTestOptions {
  /** The program; empty: the first of apache2ctl, apachectl, httpd, apache2 found in the usual places. */
  command: string;
  /** Its arguments; `-t` is the test. */
  args: readonly string[];
  /** The main configuration file, passed as `-f` when known. */
  mainConfig?: string;
  timeoutMs: number;
  maxOutputBytes: number;
}

export type ConfigTestRun =
  | ({ ran: true; command: string; args: string[] } & ConfigTestResult)
  | { ran: false; reason: string };

const CANDIDATES = ['/usr/sbin/apache2ctl', '/usr/sbin/apachectl', '/usr/sbin/httpd', '/usr/local/apache2/bin/apachectl', '/usr/sbin/apache2'];

/** The Apache control program installed here, when the setting names none. */
export function findApacheProgram(): string | undefined {
  return CANDIDATES.find((path) => {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

export function runConfigTest(options: ConfigTestOptions): Promise<ConfigTestRun> {
  const command = options.command || findApacheProgram();
  if (!command) return Promise.resolve({ ran: false, reason: 'No Apache is installed here (looked for apache2ctl, apachectl, httpd and apache2). Set apacheSsl.configTest.command to its path.' });
  const args = [...options.args, ...(options.mainConfig ? ['-f', options.mainConfig] : [])];
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { timeout: options.timeoutMs, maxBuffer: options.maxOutputBytes, encoding: 'utf8', shell: false, windowsHide: true },
      (error, stdout, stderr) => {
        const failure = error as (NodeJS.ErrnoException & { killed?: boolean; code?: number | string }) | null;
        if (failure?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
          return resolve({ ran: false, reason: `${command} printed more than ${options.maxOutputBytes} bytes; it was stopped and its output set aside.` });
        }
        if (failure && typeof failure.code === 'string') {
          const reason = failure.code === 'ENOENT' ? `${command} was not found.` : `${command} could not be run (${failure.code}).`;
          return resolve({ ran: false, reason });
        }
        if (failure?.killed) return resolve({ ran: false, reason: `${command} did not finish within ${options.timeoutMs / 1000} s and was stopped.` });
        const exitCode = failure ? (typeof failure.code === 'number' ? failure.code : 1) : 0;
        resolve({ ran: true, command, args, ...parseConfigTestOutput(`${stdout}${stderr}`, exitCode) });
      },
    );
  });
}
