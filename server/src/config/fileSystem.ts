// Every file the configuration model reads goes through this interface, so
// tests can run on memory and the server can overlay unsaved editor buffers.
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, posix } from 'node:path';

export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  mtimeMs: number;
  size: number;
  /** Permission bits and owner, where the file system has them (the suEXEC wrapper must be setuid root). */
  mode?: number;
  uid?: number;
}

export interface DirectoryEntry {
  name: string;
  /** The entry's own type: false for a link, whatever it leads to. */
  isDirectory: boolean;
  isFile: boolean;
}

export type ReadResult = { text: string } | { error: string };
export type ReadBytesResult = { bytes: Uint8Array } | { error: string };

export interface FileSystem {
  /** Follows symbolic links, as Apache's open() does; undefined when nothing is there. */
  stat(path: string): FileStat | undefined;
  readFile(path: string): ReadResult;
  /** The file's bytes, for formats that are not text (DER certificates). */
  readBytes(path: string): ReadBytesResult;
  /**
   * The entries of a directory, with their own types; an error message when it cannot be read.
   */
  readDirectory(path: string): DirectoryEntry[] | { error: string };
  /** The path with symbolic links resolved (the path itself when it cannot be resolved). */
  realPath(path: string): string;
}

/** The errno text Apache prints after a failed open ("No such file or directory"). */
function describeError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: 'No such file or directory',
    EACCES: 'Permission denied',
    EISDIR: 'Is a directory',
    ENOTDIR: 'Not a directory',
    ELOOP: 'Too many levels of symbolic links',
  };
  return (code && known[code]) ?? (error instanceof Error ? error.message : String(error));
}

export const nodeFileSystem: FileSystem = {
  stat(path) {
    try {
      const stat = statSync(path);
      return { isFile: stat.isFile(), isDirectory: stat.isDirectory(), mtimeMs: stat.mtimeMs, size: stat.size, mode: stat.mode, uid: stat.uid };
    } catch {
      return undefined;
    }
  },
  readFile(path) {
    try {
      // Only regular files: a FIFO or device would block the reader.
      if (!statSync(path).isFile()) return { error: 'Not a regular file' };
      return { text: readFileSync(path, 'utf8') };
    } catch (error) {
      return { error: describeError(error) };
    }
  },
  readBytes(path) {
    try {
      if (!statSync(path).isFile()) return { error: 'Not a regular file' };
      return { bytes: readFileSync(path) };
    } catch (error) {
      return { error: describeError(error) };
    }
  },
  readDirectory(path) {
    try {
      return readdirSync(path, { withFileTypes: true }).map((entry) => ({ name: entry.name, isDirectory: entry.isDirectory(), isFile: entry.isFile() }));
    } catch (error) {
      return { error: describeError(error) };
    }
  },
  realPath(path) {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  },
};

/** A file system held in memory: absolute POSIX paths to file contents (text, or bytes); folders are implied. */
export function memoryFileSystem(files: Record<string, string | Uint8Array>, mtimeMs = 1): FileSystem {
  const contents = new Map(
    Object.entries(files).map(([path, content]) => [posix.normalize(path), typeof content === 'string' ? content : Buffer.from(content).toString('latin1')]),
  );
  const bytes = new Map(Object.entries(files).map(([path, content]) => [posix.normalize(path), typeof content === 'string' ? Buffer.from(content) : content]));
  const folders = new Map<string, Set<string>>();
  for (const path of contents.keys()) {
    for (let child = path, parent = dirname(path); child !== parent; child = parent, parent = dirname(parent)) {
      const entries = folders.get(parent) ?? new Set<string>();
      entries.add(posix.basename(child));
      folders.set(parent, entries);
    }
  }
  return {
    stat(path) {
      const text = contents.get(posix.normalize(path));
      if (text !== undefined) return { isFile: true, isDirectory: false, mtimeMs, size: bytes.get(posix.normalize(path))?.length ?? 0 };
      return folders.has(posix.normalize(path)) ? { isFile: false, isDirectory: true, mtimeMs, size: 0 } : undefined;
    },
    readFile(path) {
      const text = contents.get(posix.normalize(path));
      if (text !== undefined) return { text };
      return { error: folders.has(posix.normalize(path)) ? 'Is a directory' : 'No such file or directory' };
    },
    readBytes(path) {
      const content = bytes.get(posix.normalize(path));
      if (content !== undefined) return { bytes: content };
      return { error: folders.has(posix.normalize(path)) ? 'Is a directory' : 'No such file or directory' };
    },
    readDirectory(path) {
      const entries = folders.get(posix.normalize(path));
      if (entries) {
        return [...entries].map((name) => {
          const isDirectory = folders.has(posix.join(posix.normalize(path), name));
          return { name, isDirectory, isFile: !isDirectory };
        });
      }
      return { error: contents.has(posix.normalize(path)) ? 'Not a directory' : 'No such file or directory' };
    },
    realPath: (path) => posix.normalize(path),
  };
}
