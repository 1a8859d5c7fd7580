// Expands the CLI's PATH arguments into the Apache config files to check.
// A folder yields every file named like an Apache config, plus `.conf` files
// whose content looks like one. Symlinked folders are followed once each, so a
// symlink loop ends.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isApacheConfigName, looksLikeApacheConfig } from '../config/looksLikeApacheConfig';

const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);
/** Bytes read to decide whether a `.conf` file is an Apache config. */
const SNIFF_BYTES = 16 * 1024;

export interface CollectedFiles {
  files: string[];
  errors: string[];
}

export function collectConfigFiles(paths: string[], readPrefix: (path: string, bytes: number) => string): CollectedFiles {
  const files: string[] = [];
  const errors: string[] = [];
  const seenFolders = new Set<string>();
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
    let entries: string[];
    try {
      entries = readdirSync(folder).sort();
    } catch (error) {
      errors.push(`${folder}: ${describe(error)}`);
      return;
    }
    for (const entry of entries) {
      const path = join(folder, entry);
      let isFolder: boolean;
      try {
        isFolder = statSync(path).isDirectory();
      } catch {
        continue; // a dangling symlink: nothing Apache could read either
      }
      if (isFolder) {
        if (!SKIPPED_FOLDERS.has(entry)) walk(path);
      } else if (isApacheConfigName(path) || (entry.endsWith('.conf') && sniff(path))) {
        files.push(path);
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
    try {
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    } catch (error) {
      errors.push(`${path}: ${describe(error)}`);
    }
  }
  return { files: [...new Set(files)], errors };
}

export function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) {
    const code = String((error as { code: unknown }).code);
    if (code === 'ENOENT') return 'no such file or folder';
    if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
    if (code === 'ELOOP') return 'too many levels of symbolic links';
    return code;
  }
  return error instanceof Error ? error.message : String(error);
}
