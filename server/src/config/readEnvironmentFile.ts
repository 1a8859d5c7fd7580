// Reads a shell environment file such as Debian's /etc/apache2/envvars, which
// apache2ctl sources with `. envvars` before it starts Apache, and returns the
// environment Apache would then be given: `base` (the caller's environment)
// with the file's exported assignments applied. No shell is run: the file is
// read by a small interpreter for the part of sh such files use:
//   - `NAME=value`, `export NAME=value`, `export NAME`, `readonly`, `unset NAME`,
//     `set -a` / `set +a`, and `: ${NAME:=value}` (any `:` or `true` command);
//   - single and double quotes, backslashes, line continuations, comments
//     (a carriage return counts as a blank, so CRLF files read like LF ones);
//   - `$NAME`, `${NAME}`, `${NAME-w}`, `${NAME:-w}`, `${NAME=w}`, `${NAME:=w}`,
//     `${NAME+w}`, `${NAME:+w}`, `${#NAME}`, `${NAME#p}`, `${NAME##p}`,
//     `${NAME%p}`, `${NAME%%p}`, and `~`, `~/…` from HOME;
//   - `if` / `elif` / `else` / `fi` on `[ … ]` or `test …` with `-n`, `-z`,
//     `=`, `!=`, `-eq` … `-ge` and `!`, or on `true`, `false` and `:`;
//   - `return` or `exit` ends the file.
// As in sh, a variable assigned but never exported (SUFFIX in envvars) is used
// for expansion but is not part of the result; a name in `base` is exported.
// Anything else is not understood and is skipped without effect: other
// commands (`. file`, `ulimit`, `umask`), a line with `$(…)`, backquotes,
// `$((…))`, `$1`, `$?`, pipes, `&&`, `||`, redirections or subshells, and
// `case`, loops, brace groups and function bodies as a whole. An `if` whose
// condition cannot be decided (a file test, a command) is skipped as a whole.
// The work is done in environmentFile/: lexShell makes words, parseShellStructure
// finds the if / elif / else / fi structure, runEnvironmentScript runs it.

import { lexShell } from './environmentFile/lexShell';
import { parseShellStructure } from './environmentFile/parseShellStructure';
import { runEnvironmentScript } from './environmentFile/runEnvironmentScript';

/**
 * The environment a program started after `. file` would get: `base` (taken as
 * exported, as a process environment is) with the file's assignments and
 * exports applied, without running a shell.
 */
export function readEnvironmentFile(text: string, base: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return runEnvironmentScript(parseShellStructure(lexShell(text)), base);
}
