export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckArguments {
  paths: string[];
  format: OutputFormat;
  root?: string;
  serverRoot?: string;
  defines: string[];
  environmentFile?: string;
  exitZero: boolean;
  /** Apply every preferred quick fix (--fix); with dryRun, print a diff instead of writing. */
  fix: boolean;
  dryRun: boolean;
}

export const USAGE = `Usage: apache-ssl check PATH... [options]

Checks Apache httpd 2.4 configuration files. PATH is a file or a folder
(every Apache configuration file in it is checked). Files are checked in
their place in the tree of the main configuration: the one --root names,
else an apache2.conf or httpd.conf found in a PATH folder. Other files are
checked on their own.

Options:
  --format text|json|sarif   output format (default: text)
  --root MAIN                the main configuration file; it and every file
                             it includes are checked
  --server-root DIR          ServerRoot until the configuration sets one
                             (default: the main file's folder)
  -D NAME, --define NAME     as apache2 -D NAME (repeatable)
  --env-file FILE            NAME=value lines for \${NAME}, such as Debian's
                             envvars (read, not run; default: envvars beside
                             the main file)
  --exit-zero                exit 0 even when errors are found
  --fix                      apply every preferred quick fix (some edit
                             another file of the tree, such as a LoadModule
                             line), print one line per fix, then report the
                             findings that remain
  --dry-run                  with --fix: print a unified diff of the fixes
                             instead of writing them
  -h, --help                 show this help

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.

Usage: apache-ssl pki create --dir DIR --host NAME [--client NAME] [--p12-password PW]

Writes a test PKI for mutual TLS into DIR (made if missing; existing files
are never replaced): ca.crt, ca.key, server.crt and server.key for NAME,
client.crt and client.key (common name --client, default "client"), and
with --p12-password a client.p12 to import into a browser. Keys get mode
0600. Prints the files and the directives to add to the <VirtualHost>.
Exit status: 0 written, 2 usage or I/O error.

Usage: apache-ssl test-commands CONFIG_FILE --line N

Prints openssl s_client and curl commands (TLS 1.3 and 1.2, with and
without a client certificate) that try the <VirtualHost> holding line N
(from 1) of CONFIG_FILE. Exit status: 0 printed, 2 usage or I/O error.
`;

export function parseArguments(argv: string[]): CheckArguments | { error: string } | { help: true } {
  if (argv.includes('-h') || argv.includes('--help')) return { help: true };
  const [command, ...rest] = argv;
  if (command !== 'check') return { error: command ? `unknown command '${command}'` : 'no command given' };
  const result: CheckArguments = { paths: [], format: 'text', defines: [], exitZero: false, fix: false, dryRun: false };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    const [flag, inlineValue] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    // A following option is never taken as a value: `--root --exit-zero` lacks its path.
    const value = () => inlineValue ?? (rest[i + 1]?.startsWith('--') ? undefined : rest[++i]);
    if (flag === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json' && format !== 'sarif') {
        return { error: `--format takes text, json or sarif, not '${format ?? ''}'` };
      }
      result.format = format;
    } else if (flag === '--root') {
      const root = value();
      if (!root) return { error: '--root needs the path of the main configuration file' };
      result.root = root;
    } else if (flag === '--server-root' || flag === '--env-file') {
      const path = value();
      if (!path) return { error: `${flag} needs a path` };
      if (flag === '--server-root') result.serverRoot = path;
      else result.environmentFile = path;
    } else if (flag === '-D' || flag === '--define') {
      const name = value();
      if (!name) return { error: `${flag} needs a name` };
      result.defines.push(name);
    } else if (flag === '--exit-zero' || flag === '--fix' || flag === '--dry-run') {
      if (inlineValue !== undefined) return { error: `${flag} takes no value` };
      if (flag === '--exit-zero') result.exitZero = true;
      else if (flag === '--fix') result.fix = true;
      else result.dryRun = true;
    } else if (flag.startsWith('-') && flag !== '-') {
      return { error: `unknown option '${flag}'` };
    } else {
      result.paths.push(arg);
    }
  }
  if (result.paths.length === 0 && !result.root) return { error: 'check needs at least one PATH' };
  if (result.dryRun && !result.fix) return { error: '--dry-run goes with --fix' };
  return result;
}
