// The one way rules and features read the files a configuration names on this
// machine (certificates above all; also module files, folders and the system's
// account files): through the injected FileSystem, each version (path,
// modification time, size) parsed once, so a file changed on disk is read
// again at the next look and an unchanged one never is. Also the clock that
// expiry is judged against.
import { nodeFileSystem, type FileStat, type FileSystem } from '../../config/fileSystem';
import { readSharedObject, type SharedObject } from '../readSharedObject';
import { MAX_CERTIFICATE_FILE_BYTES, parseCertificateBytes, type CertificateFileRead } from './readCertificateFile';

export interface CertificateReader {
  read(path: string): CertificateFileRead;
  /** Entries of a directory (SSLCACertificatePath); isFile is false for a link. Undefined when it cannot be listed. */
  listDirectory(path: string): Listing | undefined;
  isDirectory(path: string): boolean;
  /** What is at a path, following links as Apache's stat does (log folders, modules, programs the configuration names); undefined when nothing is there. */
  stat(path: string): FileStat | undefined;
  /**
   * What a shared object (LoadModule's file) says of itself; undefined when it
   * is missing, over 64 MiB or not ELF. Read once per version of the file.
   */
  sharedObject(path: string): SharedObject | undefined;
  /** A small text file (up to 1 MiB) the machine's configuration lives in (/etc/passwd); undefined when it cannot be read. */
  readText(path: string): string | undefined;
  now(): Date;
  /**
   * Goes up each time a file this reader has read (or looked for) changes on
   * disk, as the editor reports it: findings worked out from certificate
   * files are stale once it moves.
   */
  readonly generation: number;
  /** Tells the reader a file changed; true when it had read or looked for that path. */
  fileChanged(path: string): boolean;
  /**
   * Runs `work` with the disk taken as it is when it starts: each path is
   * stat'ed, read and listed once, however many rules and lines name it. One
   * analysis (or one command-line check) is such a run; nested calls join the
   * outer one.
   */
  snapshot<T>(work: () => T): T;
}

/** Third-party modules (PHP's is some 20 MiB) are read whole; anything larger is not taken for one. */
const MAX_SHARED_OBJECT_BYTES = 64 * 1024 * 1024;

/** The system's account and name-service files are small; anything larger is not one of them. */
const MAX_TEXT_BYTES = 1024 * 1024;

/** A folder's entries, shared by every caller within a snapshot. */
type Listing = readonly { name: string; isFile: boolean }[];

export function createCertificateReader(fs: FileSystem = nodeFileSystem, now: () => Date = () => new Date()): CertificateReader {
  const cache = new Map<string, { mtimeMs: number; size: number; read: CertificateFileRead }>();
  const sharedObjectCache = new Map<string, { mtimeMs: number; size: number; facts: SharedObject | undefined }>();
  const looked = new Set<string>();
  let generation = 0;
  /** Stats taken, reads answered and folders listed during the current snapshot, if one is running. */
  let snapshotStats: Map<string, FileStat | undefined> | undefined;
  let snapshotReads: Map<string, CertificateFileRead> | undefined;
  let snapshotListings: Map<string, Listing | undefined> | undefined;
  const stat = (path: string): FileStat | undefined => {
    if (!snapshotStats) return fs.stat(path);
    if (!snapshotStats.has(path)) snapshotStats.set(path, fs.stat(path));
    return snapshotStats.get(path);
  };
  const list = (path: string): Listing | undefined => {
    looked.add(path);
    const entries = fs.readDirectory(path);
    if ('error' in entries) return undefined;
    return entries.map((entry) => ({ name: entry.name, isFile: entry.isFile }));
  };
  const read = (path: string): CertificateFileRead => {
    looked.add(path);
    const stats = stat(path);
    if (!stats) return { path, problem: 'missing', message: 'does not exist' };
    if (!stats.isFile) return { path, problem: 'not-file', message: stats.isDirectory ? 'is a directory, not a file' : 'is not a regular file' };
    if (stats.size === 0) return { path, problem: 'empty', message: 'is empty' };
    if (stats.size > MAX_CERTIFICATE_FILE_BYTES) {
      return { path, problem: 'too-large', message: `is ${(stats.size / 1024 / 1024).toFixed(1)} MiB, over the 5 MiB read limit: not read` };
    }
    const known = cache.get(path);
    if (known && known.mtimeMs === stats.mtimeMs && known.size === stats.size) return known.read;
    const bytes = fs.readBytes(path);
    const result: CertificateFileRead =
      'error' in bytes ? { path, problem: 'unreadable', message: `cannot be read (${bytes.error})` } : { path, contents: parseCertificateBytes(bytes.bytes) };
    cache.set(path, { mtimeMs: stats.mtimeMs, size: stats.size, read: result });
    return result;
  };
  const readText = (path: string): string | undefined => {
    looked.add(path);
    const stats = stat(path);
    if (!stats?.isFile || stats.size > MAX_TEXT_BYTES) return undefined;
    const text = fs.readFile(path);
    return 'error' in text ? undefined : text.text;
  };
  const sharedObject = (path: string): SharedObject | undefined => {
    looked.add(path);
    const stats = stat(path);
    if (!stats?.isFile || stats.size > MAX_SHARED_OBJECT_BYTES) return undefined;
    const known = sharedObjectCache.get(path);
    if (known && known.mtimeMs === stats.mtimeMs && known.size === stats.size) return known.facts;
    const bytes = fs.readBytes(path);
    const facts = 'error' in bytes ? undefined : readSharedObject(bytes.bytes);
    sharedObjectCache.set(path, { mtimeMs: stats.mtimeMs, size: stats.size, facts });
    return facts;
  };
  return {
    get generation() {
      return generation;
    },
    fileChanged(path) {
      if (!looked.has(path)) return false;
      cache.delete(path);
      sharedObjectCache.delete(path);
      snapshotReads?.delete(path);
      snapshotListings?.delete(path);
      generation++;
      return true;
    },
    read(path) {
      if (!snapshotReads) return read(path);
      // The hosts of a large tree name the same few files: a snapshot answers each once.
      let answer = snapshotReads.get(path);
      if (!answer) snapshotReads.set(path, (answer = read(path)));
      return answer;
    },
    listDirectory(path) {
      if (!snapshotListings) return list(path);
      if (!snapshotListings.has(path)) snapshotListings.set(path, list(path));
      return snapshotListings.get(path);
    },
    isDirectory: (path) => stat(path)?.isDirectory === true,
    stat(path) {
      looked.add(path);
      return stat(path);
    },
    sharedObject,
    readText,
    now,
    snapshot(work) {
      if (snapshotStats) return work();
      snapshotStats = new Map();
      snapshotReads = new Map();
      snapshotListings = new Map();
      try {
        return work();
      } finally {
        snapshotStats = undefined;
        snapshotReads = undefined;
        snapshotListings = undefined;
      }
    },
  };
}

/** The reader shared by every analysis that is not given one (one cache per process). */
export const defaultCertificateReader = createCertificateReader();
