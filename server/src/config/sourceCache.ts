// Parsed configuration files by path. An unsaved editor buffer overrides the
// file on disk; otherwise a file is parsed again only when its modification
// time or size changed, so rebuilding the model after one edit re-reads one
// file, not the whole tree. Where the editor reports every change on disk
// (setReported), a parse is kept until invalidated, without asking the disk:
// a tree of thousands of files is otherwise stat'ed file by file per rebuild.
import type { ConfigFile } from '../parser/ast';
import { parseConfig } from '../parser/parseConfig';
import type { FileSystem } from './fileSystem';

export type Source = { file: ConfigFile } | { error: string };

/** Larger than Apache's own 16 MiB line limit many times over: refuse instead of exhausting memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
const NULL_DEVICE = '/dev/null';

interface DiskEntry {
  mtimeMs: number;
  size: number;
  source: Source;
}

export class SourceCache {
  private readonly disk = new Map<string, DiskEntry>();
  /** Keyed by real path: an editor may open sites-available/a.conf while Apache reads it as sites-enabled/a.conf. */
  private readonly overlays = new Map<string, ConfigFile | (() => ConfigFile)>();
  private readonly realPaths = new Map<string, string>();
  private reported: ((path: string) => boolean) | undefined;
  private nullDevice: Source | undefined;

  constructor(readonly fs: FileSystem) {}

  /** Which paths' changes on disk are reported through invalidate; none when undefined. */
  setReported(reported: ((path: string) => boolean) | undefined): void {
    this.reported = reported;
  }

  get(path: string): Source {
    // Apache opens /dev/null as an empty configuration, its one exception to regular files (ap_pcfg_openfile).
    // One parse for it, as for any unchanged file: a rebuilt model then holds the same file object.
    if (path === NULL_DEVICE) return (this.nullDevice ??= { file: parseConfig('') });
    const overlay = this.overlays.size > 0 ? this.overlays.get(this.realPath(path)) : undefined;
    if (overlay) return { file: typeof overlay === 'function' ? overlay() : overlay };
    const cached = this.disk.get(path);
    if (cached && this.reported?.(path)) return cached.source;
    const stat = this.fs.stat(path);
    if (!stat) {
      this.disk.delete(path);
      return { error: 'No such file or directory' };
    }
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.source;
    const source = this.read(path, stat.size);
    this.disk.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, source });
    return source;
  }

  /**
   * What the editor holds for a path, in place of the file on disk: a parsed
   * file, or a function giving the current one (parsed only when needed).
   */
  setOverlay(path: string, file: ConfigFile | (() => ConfigFile)): void {
    this.overlays.set(this.realPath(path), file);
  }

  deleteOverlay(path: string): void {
    this.overlays.delete(this.realPath(path));
  }

  /** Forget what was read from disk for a path (a watcher saw it change, or a link was retargeted), and below it: a folder's event may stand for its files. */
  invalidate(path: string): void {
    this.realPaths.delete(path);
    // A file read from this path has nothing below it; only another path may be a folder (one pass over the cache).
    if (this.disk.delete(path)) return;
    const below = path.endsWith('/') ? path : `${path}/`;
    for (const known of this.disk.keys()) if (known.startsWith(below)) this.disk.delete(known);
    for (const known of this.realPaths.keys()) if (known.startsWith(below)) this.realPaths.delete(known);
  }

  /** The path with links resolved, remembered until a file changes. */
  realPath(path: string): string {
    let real = this.realPaths.get(path);
    if (real === undefined) {
      real = this.fs.realPath(path);
      this.realPaths.set(path, real);
    }
    return real;
  }

  private read(path: string, size: number): Source {
    if (size > MAX_FILE_BYTES) return { error: `${size} bytes is more than the ${MAX_FILE_BYTES} this checker reads` };
    const read = this.fs.readFile(path);
    return 'text' in read ? { file: parseConfig(read.text) } : read;
  }
}
