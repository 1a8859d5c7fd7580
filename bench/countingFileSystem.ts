// A FileSystem that passes every call to another and counts them, so the
// benchmark can say (and assert) what a model rebuild touched on disk.
import type { FileSystem } from '../server/src/config/fileSystem';

export interface FileSystemCounts {
  stats: number;
  directoryReads: number;
  realPaths: number;
  /** Paths passed to readFile or readBytes, in order. */
  reads: string[];
}

export interface CountingFileSystem {
  fs: FileSystem;
  counts: FileSystemCounts;
  reset(): void;
}

export function countingFileSystem(inner: FileSystem): CountingFileSystem {
  const zero = (): FileSystemCounts => ({ stats: 0, directoryReads: 0, realPaths: 0, reads: [] });
  const counting: CountingFileSystem = {
    counts: zero(),
    reset: () => {
      counting.counts = zero();
    },
    fs: {
      stat(path) {
        counting.counts.stats++;
        return inner.stat(path);
      },
      readFile(path) {
        counting.counts.reads.push(path);
        return inner.readFile(path);
      },
      readBytes(path) {
        counting.counts.reads.push(path);
        return inner.readBytes(path);
      },
      readDirectory(path) {
        counting.counts.directoryReads++;
        return inner.readDirectory(path);
      },
      realPath(path) {
        counting.counts.realPaths++;
        return inner.realPath(path);
      },
    },
  };
  return counting;
}
