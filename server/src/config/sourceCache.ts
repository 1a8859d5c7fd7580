// Parsed configuration files by path. An unsaved editor buffer overrides the
// file on disk; otherwise a file is parsed again only when its modification
// time or size changed, so rebuilding the model after one edit re-reads one
// file, not the whole tree.
import type { ConfigFile } from '../parser/ast';
import { parseConfig } from '../parser/parseConfig';
import type { FileSystem } from './fileSystem';

export type Source = { file: ConfigFile } | { error: string };

/** Larger than Apache's own 16 MiB line limit many times over: refuse instead of exhausting memory. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

interface DiskEntry {
  mtimeMs: number;
  size: number;
  source: Source;
}

export class SourceCache {
  private readonly disk = new Map<string, DiskEntry>();
  private readonly overlays = new Map<string, { text: string; file?: ConfigFile }>();

  constructor(readonly fs: FileSystem) {}

  get(path: string): Source {
    const overlay = this.overlays.get(path);
    if (overlay) {
      overlay.file ??= parseConfig(overlay.text);
      return { file: overlay.file };
    }
    const stat = this.fs.stat(path);
    if (!stat) {
      this.disk.delete(path);
      return { error: 'No such file or directory' };
    }
    const cached = this.disk.get(path);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.source;
    const source = this.read(path, stat.size);
    this.disk.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, source });
    return source;
  }

  /** Text the editor holds for a path, in place of the file on disk. */
  setOverlay(path: string, text: string, file?: ConfigFile): void {
    this.overlays.set(path, { text, file });
  }

  deleteOverlay(path: string): void {
    this.overlays.delete(path);
  }

  hasOverlay(path: string): boolean {
    return this.overlays.has(path);
  }

  /** Forget what was read from disk for a path (a watcher saw it change). */
  invalidate(path: string): void {
    this.disk.delete(path);
  }

  private read(path: string, size: number): Source {
    if (size > MAX_FILE_BYTES) return { error: `${size} bytes is more than the ${MAX_FILE_BYTES} this checker reads` };
    const read = this.fs.readFile(path);
    return 'text' in read ? { file: parseConfig(read.text) } : read;
  }
}
