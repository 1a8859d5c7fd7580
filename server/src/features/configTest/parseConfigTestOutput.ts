// Reads what `apache2 -t` (or `apache2ctl -t`, `httpd -t`) prints into
// located problems. Apache has two error shapes (RULES.md §1.4): the walk
// phase prints "AH00526: Syntax error on line N of FILE:" and the message on
// the next line; the build phase prints one line, "apache2: Syntax error on
// line N of FILE: …", with one such prefix per Include level, the innermost
// FILE:N being where the problem is. Warnings printed before the error log is
// open ("[core:warn] … AH00111: …") have no location and are kept as text.
export interface ConfigTestProblem {
  /** Absent when Apache named no file. */
  path?: string;
  /** 1-based, as Apache prints it. */
  line?: number;
  message: string;
  severity: 'error' | 'warning';
}

export interface ConfigTestResult {
  ok: boolean;
  problems: ConfigTestProblem[];
}

const BUILD = /Syntax error on line (\d+) of ([^:]+): (.*)$/m;
const WALK = /Syntax error on line (\d+) of (.+):\s*$/m;
/** A log line at warn level: "[time] [module:warn] [pid …] AH00111: …". */
const WARNING = /^\[[^\]]*\] \[[^\]:]*:warn\] (?:\[[^\]]*\] )*(.*)$/;

export function parseConfigTestOutput(output: string, exitCode: number | null): ConfigTestResult {
  const lines = output.split('\n');
  const warnings = lines.map((line) => WARNING.exec(line)?.[1].trim());
  const problems: ConfigTestProblem[] = warnings.flatMap((message) => (message ? [{ message, severity: 'warning' as const }] : []));
  const error = locateError(output);
  if (error) problems.push({ ...error, severity: 'error' });
  const ok = exitCode === 0 && /Syntax OK/.test(output);
  if (!ok && !error) {
    // Something failed without a located syntax error (a missing module file, a bad -f path): keep Apache's words.
    const text = lines.filter((line, i) => line.trim() !== '' && !warnings[i]).join('\n').trim();
    problems.push({ message: text || `exited with status ${exitCode ?? 'unknown'} and printed nothing`, severity: 'error' });
  }
  return { ok, problems };
}

/**
 * mod_macro names a line of an expansion as "line N of macro 'x' (defined on
 * line D of "FILE") used on line U of "FILE"", nested once per macro level.
 * N counts the body's lines without its comments, which the output alone
 * cannot map back, so the error goes where the outermost Use stands.
 */
const MACRO_USE = /^macro '[^']*' \(defined on line \d+ of .*\) used on line (\d+) of "([^"]+)"+$/;

function atMacroUse(located: { path: string; line: number; message: string }): { path: string; line: number; message: string } {
  const use = MACRO_USE.exec(located.path);
  return use ? { ...located, path: use[2], line: Number(use[1]), message: `${located.message} (line ${located.line} of the expansion of ${located.path})` } : located;
}

/** The innermost file and line of Apache's error, and its message. */
export function locateError(output: string): { path: string; line: number; message: string } | undefined {
  const located = locateReportedError(output);
  return located && atMacroUse(located);
}

function locateReportedError(output: string): { path: string; line: number; message: string } | undefined {
  const build = BUILD.exec(output);
  if (build && build[3] !== '') {
    let path = build[2];
    let line = Number(build[1]);
    let rest = build[3];
    for (let nested = BUILD.exec(rest); nested; nested = BUILD.exec(rest)) {
      path = nested[2];
      line = Number(nested[1]);
      rest = nested[3];
    }
    if (rest === '') return { path, line, message: nextLine(output, build.index + build[0].length) };
    const located = /^([^:]+):(\d+): (.*)$/.exec(rest);
    if (located) return { path: located[1], line: Number(located[2]), message: located[3] };
    return { path, line, message: rest };
  }
  const walk = WALK.exec(output);
  if (walk) return { path: walk[2], line: Number(walk[1]), message: nextLine(output, walk.index + walk[0].length) };
  return undefined;
}

function nextLine(output: string, from: number): string {
  return output.slice(from).split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
}
