// `apache-ssl test-commands CONFIG_FILE --line N`: prints the openssl and curl
// commands that try the TLS and client-certificate setup of the virtual host
// at line N (1-based) of the file.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultCertificateReader } from '../analysis/certs/certificateReader';
import { ConfigWorkspace } from '../config/configWorkspace';
import { testCommandsText } from '../features/testCommands';
import type { Output } from './pkiCreate';

/** Exit status: 0 printed, 2 usage or I/O error, or no virtual host at that line. */
export function runTestCommands(args: string[], output: Output): number {
  const parsed = parseTestCommandArguments(args);
  if ('error' in parsed) {
    output.stderr(`apache-ssl: ${parsed.error}\n`);
    return 2;
  }
  const path = resolve(parsed.file);
  if (!existsSync(path)) {
    output.stderr(`apache-ssl: cannot read ${parsed.file}\n`);
    return 2;
  }
  const { model, path: inTree } = new ConfigWorkspace().locate(path);
  const text = testCommandsText(model, inTree, { line: parsed.line - 1, character: 0 }, { certificates: defaultCertificateReader, exists: existsSync });
  if (typeof text !== 'string') {
    output.stderr(`apache-ssl: ${parsed.file}:${parsed.line}: ${text.error}\n`);
    return 2;
  }
  output.stdout(text);
  return 0;
}

function parseTestCommandArguments(args: string[]): { file: string; line: number } | { error: string } {
  let file: string | undefined;
  let line: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].startsWith('--') && args[i].includes('=') ? args[i].split(/=(.*)/s, 2) : [args[i], undefined];
    if (flag === '--line') {
      const value = inline ?? args[++i];
      if (!/^[1-9]\d*$/.test(value ?? '')) return { error: '--line takes a line number from 1' };
      line = Number(value);
    } else if (flag.startsWith('-') && flag !== '-') {
      return { error: `unknown option '${flag}' for test-commands` };
    } else if (file === undefined) {
      file = args[i];
    } else {
      return { error: 'test-commands takes one CONFIG_FILE' };
    }
  }
  if (!file) return { error: 'test-commands needs a CONFIG_FILE' };
  if (line === undefined) return { error: 'test-commands needs --line N' };
  return { file, line };
}
