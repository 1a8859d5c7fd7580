// Turns the argument of Include/IncludeOptional into the files Apache reads,
// in the order it reads them (config.c: ap_process_fnmatch_configs and
// ap_process_resource_config_nofnmatch). Wildcards may sit in any path
// component; a wildcard component before the last matches only directories;
// a directory is read recursively; entries are sorted bytewise, and a leading
// dot must be matched explicitly (APR_FNM_PERIOD).
import { posix } from 'node:path';
import { Minimatch } from 'minimatch';
import type { FileSystem } from './fileSystem';

/** Apache's limit on directories nested inside an included directory. */
const MAX_DIRECTORY_DEPTH = 128;

/**
 * Files and folders one Include may reach before we stop looking. Apache has
 * no such limit, but no configuration comes near it: a path like `/usr` (or
 * `/` while it is being typed) would otherwise have the whole disk read and
 * parsed, and folder links can make the walk grow without end.
 */
export const MAX_INCLUDE_ENTRIES = 20_000;

// apr_fnmatch: *, ? and [...] only; no braces, extglobs, globstars or negation.
const FNMATCH_OPTIONS = { dot: false, nobrace: true, noext: true, noglobstar: true, nonegate: true, nocomment: true } as const;

export interface IncludeExpansion {
  /** Regular files to read, in Apache's order. */
  files: string[];
  /** Apache's message when it would stop here (absent for IncludeOptional's silent cases). */
  error?: string;
  /** The path reaches more than MAX_INCLUDE_ENTRIES files and folders: none of them is read. */
  tooMany?: true;
}

/** What the walk may still visit; `left` below 0 ends it. */
interface Budget {
  left: number;
}

const TOO_MANY = 'too many entries';

/** True when Apache would treat the text as a pattern (apr_fnmatch_test). */
export function hasWildcard(text: string): boolean {
  return /[*?]/.test(text) || /\[[^\]]*\]/.test(text);
}

/** Absolute paths stay; others are relative to ServerRoot (ap_server_root_relative). */
export function serverRootRelative(serverRoot: string, path: string): string {
  return posix.isAbsolute(path) ? posix.normalize(path) : posix.join(serverRoot, path);
}

export function expandInclude(argument: string, serverRoot: string, fs: FileSystem, optional: boolean): IncludeExpansion {
  const path = serverRootRelative(serverRoot, argument);
  const files: string[] = [];
  const budget: Budget = { left: MAX_INCLUDE_ENTRIES };
  let error: string | undefined;
  if (!hasWildcard(path)) {
    // Since 2.4.30 IncludeOptional also ignores a plain path that does not exist.
    if (optional && !fs.stat(path)) return { files };
    error = readPlain(path, fs, files, 0, budget);
  } else {
    error = readPattern('/', path.split('/').filter((part) => part !== ''), fs, files, optional, budget);
  }
  if (error === TOO_MANY) return { files: [], tooMany: true };
  return error ? { files, error } : { files };
}

function readPattern(folder: string, parts: string[], fs: FileSystem, files: string[], optional: boolean, budget: Budget): string | undefined {
  const [part, ...rest] = parts;
  if (!hasWildcard(part)) {
    const path = posix.join(folder, part);
    return rest.length > 0 ? readPattern(path, rest, fs, files, optional, budget) : readPlain(path, fs, files, 0, budget);
  }
  const entries = fs.readDirectory(folder);
  // IncludeOptional is silent about a missing folder too (verified on 2.4.71).
  if (!Array.isArray(entries)) return optional ? undefined : `Could not open directory ${folder}: ${entries.error}`;
  const pattern = new Minimatch(part, FNMATCH_OPTIONS);
  // Before the last part only real folders match: Apache reads the entry's own type, so a link to a folder does not (verified).
  // Every match is in one folder: its name orders it as its path would.
  const matches = entries
    .filter(({ name, isDirectory }) => name !== '.' && name !== '..' && (rest.length === 0 || isDirectory) && pattern.match(name))
    .sort((a, b) => compareBytes(a.name, b.name));
  if (matches.length === 0) return optional ? undefined : `No matches for the wildcard '${part}' in '${folder}', failing`;
  if ((budget.left -= matches.length) < 0) return TOO_MANY;
  for (const match of matches) {
    const path = posix.join(folder, match.name);
    // A regular file needs no second look; a link may lead to a folder, which is read whole.
    if (rest.length === 0 && match.isFile) files.push(path);
    const error = rest.length > 0 ? readPattern(path, rest, fs, files, optional, budget) : match.isFile ? undefined : readPlain(path, fs, files, 0, budget);
    if (error) return error;
  }
  return undefined;
}

function readPlain(path: string, fs: FileSystem, files: string[], depth: number, budget: Budget): string | undefined {
  const stat = fs.stat(path);
  if (!stat?.isDirectory) {
    files.push(path);
    return undefined;
  }
  if (depth + 1 > MAX_DIRECTORY_DEPTH) {
    return `Directory ${path} exceeds the maximum include directory nesting level of ${MAX_DIRECTORY_DEPTH}. You have probably a recursion somewhere.`;
  }
  const entries = fs.readDirectory(path);
  if (!Array.isArray(entries)) return `Could not open config directory ${path}: ${entries.error}`;
  const names = entries.filter(({ name }) => name !== '.' && name !== '..').map(({ name }) => name);
  if ((budget.left -= names.length) < 0) return TOO_MANY;
  for (const name of names.sort(compareBytes)) {
    const error = readPlain(posix.join(path, name), fs, files, depth + 1, budget);
    if (error) return error;
  }
  return undefined;
}

/**
 * strcmp order of the UTF-8 bytes, which is what Apache's qsort of file names
 * uses. UTF-8 bytes sort as code points do, and UTF-16 units sort as code
 * points except that a surrogate (half of a code point above U+FFFF) must come
 * after U+E000–U+FFFF: compared unit by unit, that needs no encoding.
 */
function compareBytes(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const left = a.charCodeAt(i);
    const right = b.charCodeAt(i);
    if (left !== right) return codePointRank(left) - codePointRank(right);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}
