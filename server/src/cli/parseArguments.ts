export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckArguments {
  paths: string[];
  format: OutputFormat;
  root?: string;
  exitZero: boolean;
}

export const USAGE = `Usage: apache-ssl check PATH... [options]

Checks Apache httpd 2.4 configuration files. PATH is a file or a folder
(every Apache configuration file in it is checked).

Options:
  --format text|json|sarif   output format (default: text)
  --root MAIN                the main configuration file (checked too)
  --exit-zero                exit 0 even when errors are found
  -h, --help                 show this help

Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
`;

export function parseArguments(argv: string[]): CheckArguments | { error: string } | { help: true } {
  if (argv.includes('-h') || argv.includes('--help')) return { help: true };
  const [command, ...rest] = argv;
  if (command !== 'check') return { error: command ? `unknown command '${command}'` : 'no command given' };
  const result: CheckArguments = { paths: [], format: 'text', exitZero: false };
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
    } else if (flag === '--exit-zero') {
      if (inlineValue !== undefined) return { error: '--exit-zero takes no value' };
      result.exitZero = true;
    } else if (flag.startsWith('-') && flag !== '-') {
      return { error: `unknown option '${flag}'` };
    } else {
      result.paths.push(arg);
    }
  }
  if (result.paths.length === 0 && !result.root) return { error: 'check needs at least one PATH' };
  return result;
}
