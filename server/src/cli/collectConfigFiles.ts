// Expands the CLI's PATH arguments into the Apache config files to check.
// A folder yields every file named like an Apache config, plus `.conf` files
// whose content looks like one. Symlinked folders are followed once each, so a
// symlink loop ends, and a file reached by two paths (`./a.conf` and `a.conf`,
// or Debian's sites-enabled link to sites-available) is checked once. Only
// regular files are opened: a FIFO or a device would block or never end.
// Files the configuration tree reads are configs without a look inside.
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { isApacheConfigName, looksLikeApacheConfig } from '../config/looksLikeApacheConfig';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
/** Bytes read to decide whether a `.conf` file is an Apache config. */
const SNIFF_BYTES = 16 * 1024;

export interface CollectedFiles {
  files: string[];
  errors: string[];
}

export function collectConfigFiles(
  paths: string[],
  readPrefix: (path: string, bytes: number) => string,
  inTree: ReadonlySet<string> = new Set(),
): CollectedFiles {
  const files: string[] = [];
  const errors: string[] = [];
  const seenFolders = new Set<string>();
  const seenFiles = new Set<string>();
  // Paths as given, so a file named again (by the tree after its folder) costs no realpath.
  const seenPaths = new Set<string>();
  const addFile = (path: string, real?: string) => {
    const given = resolve(path);
    if (seenPaths.has(given)) return;
    seenPaths.add(given);
    if (real === undefined) {
      try {
        real = realpathSync(path);
      } catch {
        real = given;
      }
    }
    if (seenFiles.has(real)) return;
    seenFiles.add(real);
    files.push(path);
  };
  const walk = (folder: string) => {
    let real: string;
    try {
      real = realpathSync(folder);
    } catch (error) {
      errors.push(`${folder}: ${describe(error)}`);
      return;
    }
    if (seenFolders.has(real)) return;
    seenFolders.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch (error) {
      errors.push(`${folder}: ${describe(error)}`);
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry.name);
      // Only a symbolic link needs a stat to learn what it points at; a plain entry's real path is its folder's plus its name.
      let isDirectory = entry.isDirectory();
      let isFile = entry.isFile();
      let realPath: string | undefined = isFile ? join(real, entry.name) : undefined;
      if (entry.isSymbolicLink()) {
        try {
          const stats = statSync(path);
          isDirectory = stats.isDirectory();
          isFile = stats.isFile();
          realPath = undefined;
        } catch {
          continue; // a dangling symlink: nothing Apache could read either
        }
      }
      if (isDirectory) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(path);
      } else if (isFile && (isApacheConfigName(path) || (entry.name.endsWith('.conf') && (inTree.has(resolve(path)) || sniff(path))))) {
        addFile(path, realPath);
      }
    }
  };
  const sniff = (path: string) => {
    try {
      return looksLikeApacheConfig(readPrefix(path, SNIFF_BYTES));
    } catch {
      return false;
    }
  };
  for (const path of paths) {
    if (seenPaths.has(resolve(path))) continue;
    try {
      const stats = statSync(path);
      if (stats.isDirectory()) walk(path);
      else if (stats.isFile()) addFile(path);
      else errors.push(`${path}: not a regular file`);
    } catch (error) {
      errors.push(`${path}: ${describe(error)}`);
    }
  }
  return { files, errors };
}

export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    if (code === 'ENOENT') return 'no such file or folder';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'ELOOP') return 'too many levels of symbolic links';
    if (code === 'ENOTDIR') return 'a part of the path is a file, not a folder';
    if (code === 'EISDIR') return 'is a folder';
  }
  return error instanceof Error ? error.message : String(error);
}
