// `apache-ssl pki create --dir DIR --host NAME [--client NAME] [--p12-password PW]`:
// writes a test PKI for mutual TLS and prints the files and the directives to
// add to the virtual host. Never prints key material or the password.
import { resolve } from 'node:path';
import { createTestPki, diskPkiWriter } from '../analysis/certs/createTestPki';

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

interface PkiArguments {
  dir: string;
  host: string;
  client?: string;
  p12Password?: string;
}

const OPTIONS = new Map<string, keyof PkiArguments>([
  ['--dir', 'dir'],
  ['--host', 'host'],
  ['--client', 'client'],
  ['--p12-password', 'p12Password'],
]);

/** Exit status: 0 written, 2 usage or I/O error (nothing is replaced). */
export function runPkiCreate(args: string[], output: Output): number {
  const parsed = parsePkiArguments(args);
  if ('error' in parsed) {
    output.stderr(`apache-ssl: ${parsed.error}\n`);
    return 2;
  }
  const result = createTestPki(
    { folder: resolve(parsed.dir), host: parsed.host, clientName: parsed.client, p12Password: parsed.p12Password },
    diskPkiWriter,
  );
  if ('error' in result) {
    output.stderr(`apache-ssl: ${result.error}\n`);
    return 2;
  }
  const files = Object.values(result.files);
  const p12 = result.files.clientP12 ? '' : 'No client.p12 written: give --p12-password to get one for importing into a browser.\n';
  output.stdout(
    `Wrote ${files.length} files:\n${files.map((file) => `  ${file}\n`).join('')}${p12}\n` +
      `Add to the <VirtualHost> (keep the keys private: they are written with mode 0600):\n${result.directives.map((line) => `  ${line}\n`).join('')}`,
  );
  return 0;
}

function parsePkiArguments(args: string[]): PkiArguments | { error: string } {
  const [subcommand, ...rest] = args;
  if (subcommand !== 'create') return { error: subcommand ? `unknown pki command '${subcommand}' (pki create is the one there is)` : 'pki needs a command: create' };
  const values: Partial<PkiArguments> = {};
  for (let i = 0; i < rest.length; i++) {
    const [flag, inline] = rest[i].startsWith('--') && rest[i].includes('=') ? rest[i].split(/=(.*)/s, 2) : [rest[i], undefined];
    const key = OPTIONS.get(flag);
    if (!key) return { error: `unknown argument '${flag}' for pki create` };
    const value = inline ?? rest[++i];
    if (value === undefined || value === '') return { error: `${flag} needs a value` };
    values[key] = value;
  }
  if (!values.dir) return { error: 'pki create needs --dir DIR' };
  if (!values.host) return { error: 'pki create needs --host NAME' };
  return { ...values, dir: values.dir, host: values.host };
}
