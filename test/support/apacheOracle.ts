// Runs the real `apache2 -t` on a configuration, in a throw-away ServerRoot,
// after a prelude (by default: every Debian module loaded), and reads back
// its verdict.

import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeTree } from './tempTree';
import { locateError } from '../../server/src/features/configTest/parseConfigTestOutput';

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

/** The file, relative to the ServerRoot, that runApacheTest includes (with -C) before the main configuration. */
export const PRELUDE_FILE = '.oracle-prelude.conf';

/** The usual prelude: every Debian module loaded, a ServerName, and no error log. */
export function defaultPrelude(): string {
  return `${loadAllModules()}ServerName localhost\nErrorLog /dev/null\n`;
}

/**
 * A prelude that loads only an MPM and the modules named by identifier
 * (`ssl_module` loads mod_ssl.so), for configurations that must see a module missing.
 */
export function preludeWithModules(identifiers: readonly string[] = [], mpm = 'event'): string {
  requireApache();
  const lines = [`LoadModule mpm_${mpm}_module ${MODULES}/mod_mpm_${mpm}.so`];
  for (const identifier of identifiers) lines.push(`LoadModule ${identifier} ${MODULES}/mod_${identifier.replace(/_module$/, '')}.so`);
  return `${lines.join('\n')}\nServerName localhost\nErrorLog /dev/null\n`;
}

/**
 * Writes `files` (paths relative to a fresh ServerRoot) and runs `apache2 -t`
 * on `main`, after `prelude` (by default every module loaded, and a ServerName
 * and ErrorLog set).
 */
export function apacheConfigTest(files: Record<string, string | Buffer>, main: string, prelude?: string): ApacheVerdict & { root: string } {
  return withApacheConfigTest(files, main, (root, verdict) => ({ ...verdict, root }), prelude);
}

/**
 * As apacheConfigTest, and `inspect` sees the written tree (its ServerRoot)
 * and Apache's verdict before the tree is removed.
 */
export function withApacheConfigTest<T>(
  files: Record<string, string | Buffer>,
  main: string,
  inspect: (root: string, verdict: ApacheVerdict) => T,
  prelude: string = defaultPrelude(),
): T {
  const root = writeTree({ ...files, [PRELUDE_FILE]: prelude }, 'apache-ssl-oracle-');
  try {
    return inspect(root, runApacheTest(root, join(root, main)));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function runApacheTest(serverRoot: string, mainConfig: string): ApacheVerdict {
  requireApache();
  const result = spawnSync(
    APACHE,
    ['-t', '-d', serverRoot, '-f', mainConfig, '-C', `Include ${join(serverRoot, PRELUDE_FILE)}`],
    { encoding: 'utf8', timeout: 30_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } },
  );
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.error) throw result.error;
  return { ...parseApacheError(output), ok: result.status === 0, output };
}

/** Both of Apache's error shapes, the innermost file:line kept (the product's own parser). */
export function parseApacheError(output: string): { file?: string; line?: number; message?: string } {
  const error = locateError(output);
  return error ? { file: error.path, line: error.line, message: error.message } : {};
}
