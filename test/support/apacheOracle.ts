// Runs the real `apache2 -t` on a configuration, with every Debian module
// loaded, in a throw-away ServerRoot, and reads back its verdict.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const APACHE = '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';

export interface ApacheVerdict {
  ok: boolean;
  /** Innermost file and 1-based line Apache blamed, when it rejected the config. */
  file?: string;
  line?: number;
  message?: string;
  output: string;
}

export function requireApache(): void {
  if (!existsSync(APACHE) || !existsSync(MODULES)) {
    throw new Error(`Apache httpd is not installed (${APACHE}). Install it with: apt-get install -y apache2`);
  }
}

/** LoadModule lines for every module Debian ships, with one MPM (event unless told). */
export function loadAllModules(mpm = 'event'): string {
  requireApache();
  const lines = [`LoadModule mpm_${mpm}_module ${MODULES}/mod_mpm_${mpm}.so`];
  for (const file of readdirSync(MODULES).sort()) {
    const match = /^mod_(.+)\.so$/.exec(file);
    if (!match || match[1].startsWith('mpm_')) continue;
    lines.push(`LoadModule ${match[1]}_module ${MODULES}/${file}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * Writes `files` (paths relative to a fresh ServerRoot) and runs `apache2 -t`
 * on `main`, with all modules loaded and a ServerName and ErrorLog set first.
 */
export function apacheConfigTest(files: Record<string, string>, main: string): ApacheVerdict & { root: string } {
  const root = mkdtempSync(join(tmpdir(), 'apache-ssl-oracle-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    writeFileSync(join(root, '.oracle-prelude.conf'), `${loadAllModules()}ServerName localhost\nErrorLog /dev/null\n`);
    const verdict = runApacheTest(root, join(root, main));
    return { ...verdict, root };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function runApacheTest(serverRoot: string, mainConfig: string): ApacheVerdict {
  requireApache();
  const result = spawnSync(
    APACHE,
    ['-t', '-d', serverRoot, '-f', mainConfig, '-C', `Include ${join(serverRoot, '.oracle-prelude.conf')}`],
    { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw result.error;
  return { ...parseApacheError(output), ok: result.status === 0, output };
}

/** Reads both of Apache's error shapes and keeps the innermost file:line. */
export function parseApacheError(output: string): { file?: string; line?: number; message?: string } {
  const build = /Syntax error on line (\d+) of ([^:]+): (.*)$/m.exec(output);
  if (build) {
    // Build phase: nested "Syntax error on line N of F:" prefixes, then maybe "F:N: message".
    let rest = `Syntax error on line ${build[1]} of ${build[2]}: ${build[3]}`;
    let file = build[2];
    let line = Number(build[1]);
    for (;;) {
      const nested = /^Syntax error on line (\d+) of ([^:]+): (.*)$/.exec(rest);
      if (!nested) break;
      file = nested[2];
      line = Number(nested[1]);
      rest = nested[3];
    }
    const located = /^([^:]+):(\d+): (.*)$/.exec(rest);
    if (located) return { file: located[1], line: Number(located[2]), message: located[3] };
    if (rest === '') {
      // Walk phase: "AH00526: Syntax error on line N of F:" and the message on the next line.
      const next = output.slice(build.index + build[0].length).split('\n').find((l) => l.trim() !== '');
      return { file, line, message: next?.trim() };
    }
    return { file, line, message: rest };
  }
  const walk = /Syntax error on line (\d+) of (.+):\s*\n(.*)/.exec(output);
  if (walk) return { file: walk[2], line: Number(walk[1]), message: walk[3].trim() };
  return {};
}
