// Reads `apache2 -L` (every directive of the loaded modules and where it is
// allowed) with every Debian module loaded, once per MPM: each MPM adds
// directives of its own, such as prefork's MaxSpareServers.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAllModules } from '../../test/support/apacheOracle';

export const APACHE = '/usr/sbin/apache2';
export const MPMS = ['event', 'worker', 'prefork'] as const;
export type Mpm = (typeof MPMS)[number];

export interface ListedDirective {
  name: string;
  /** Source file without ".c": "mod_ssl", "core", "http_core", "event". */
  module: string;
  /** Apache's own account of where the directive is allowed, as `apache2 -L` prints it. */
  allowed: string;
}

/** Adds each directive of an `apache2 -L` listing not seen yet (same name and module). */
export function readListing(listing: string, into: ListedDirective[] = []): ListedDirective[] {
  let current: ListedDirective | undefined;
  let inAllowed = false;
  for (const line of listing.split('\n')) {
    const head = /^(\S+) \((\S+)\.c\)$/.exec(line);
    if (head) {
      const known = into.find((fact) => fact.name === head[1] && fact.module === head[2]);
      current = known ? undefined : { name: head[1], module: head[2], allowed: '' };
      if (current) into.push(current);
      inAllowed = false;
    } else if (current && line.startsWith('\tAllowed in ')) {
      current.allowed = line.slice('\tAllowed in '.length);
      inAllowed = true;
    } else if (current && inAllowed && line.startsWith('\t')) {
      current.allowed += ` ${line.trim()}`;
    }
  }
  return into;
}

/** `apache2 -L` output with every module and the given MPM loaded. */
export function listDirectives(mpm: Mpm): string {
  const root = mkdtempSync(join(tmpdir(), 'apache-ssl-L-'));
  try {
    const config = join(root, `all-modules-${mpm}.conf`);
    writeFileSync(config, `${loadAllModules(mpm)}ServerName localhost\nErrorLog /dev/null\n`);
    return execFileSync(APACHE, ['-L', '-d', root, '-f', config], { encoding: 'utf8' });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Every directive of every MPM's listing, each (name, module) once. */
export function listAllDirectives(): ListedDirective[] {
  const facts: ListedDirective[] = [];
  for (const mpm of MPMS) readListing(listDirectives(mpm), facts);
  return facts;
}

/** The MPM to load when probing a directive: its own for MPM directives, else event. */
export function mpmFor(module: string): Mpm {
  return (MPMS as readonly string[]).includes(module) ? (module as Mpm) : 'event';
}

export function apacheVersion(): string {
  return execFileSync(APACHE, ['-v'], { encoding: 'utf8' }).split('\n')[0].replace('Server version: ', '');
}
