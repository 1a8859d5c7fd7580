// The configuration trees of a workspace, kept current as files change. The
// main configuration is the one the settings name, else the shallowest
// apache2.conf or httpd.conf in the workspace; a file outside its tree is
// analysed as its own root. Models are rebuilt lazily after a change, from a
// parse cache keyed by path + mtime, so one edit re-reads one file.
import { posix } from 'node:path';
import type { ConfigFile } from '../parser/ast';
import { buildConfigModel, DEFAULT_HTTPD_VERSION, isFileOnDisk, type ConfigModel, type ModelOptions } from './buildConfigModel';
import { nodeFileSystem, type FileSystem } from './fileSystem';
import { readEnvironmentFile } from './readEnvironmentFile';
import { SourceCache } from './sourceCache';

export interface ModelSettings {
  /** Absolute, or relative to the first workspace folder; empty to discover. */
  mainConfig: string;
  serverRoot: string;
  defines: string[];
  /** A shell file of `export NAME=value` lines, such as Debian's envvars; empty to use `envvars` beside the main file. */
  environmentFile: string;
  httpdVersion: string;
}

export const DEFAULT_MODEL_SETTINGS: ModelSettings = {
  mainConfig: '',
  serverRoot: '',
  defines: [],
  environmentFile: '',
  httpdVersion: DEFAULT_HTTPD_VERSION,
};

export const MAIN_CONFIG_NAMES = ['apache2.conf', 'httpd.conf'];
/** How deep discovery looks below a workspace folder (conf/httpd.conf, etc/apache2/apache2.conf …). */
const DISCOVERY_DEPTH = 4;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

export class ConfigWorkspace {
  readonly sources: SourceCache;
  private settings = DEFAULT_MODEL_SETTINGS;
  private folders: string[] = [];
  private discovered: string | undefined | null = null;
  private mainModel: ConfigModel | undefined;
  private realPaths: Map<string, string> | undefined;
  private readonly loneModels = new Map<string, ConfigModel>();

  /** A plain copy: process.env reads each variable through Node on every access, and a model is built at each keystroke. */
  private readonly processEnvironment: Readonly<Record<string, string | undefined>>;

  constructor(
    readonly fs: FileSystem = nodeFileSystem,
    processEnvironment: Readonly<Record<string, string | undefined>> = process.env,
  ) {
    this.sources = new SourceCache(fs);
    this.processEnvironment = { ...processEnvironment };
  }

  configure(settings: ModelSettings, folders: string[] = this.folders): void {
    this.settings = settings;
    this.folders = folders;
    this.discovered = null;
    this.changed();
  }

  /**
   * Whether the editor reports every change to the files in the workspace
   * folders. Then their parses are used without asking the disk again. A path
   * through a link is still asked: the editor reports the file it points to.
   */
  watchFolders(watched: boolean): void {
    this.sources.setReported(watched ? (path) => this.sources.realPath(path) === path && this.inFolders(path) : undefined);
  }

  private inFolders(path: string): boolean {
    return this.folders.some((folder) => path === folder || path.startsWith(folder.endsWith('/') ? folder : `${folder}/`));
  }

  /** The editor holds this document for the path (opened or edited); see SourceCache.setOverlay. */
  setDocument(path: string, file: ConfigFile | (() => ConfigFile)): void {
    this.sources.setOverlay(path, file);
    this.changed();
  }

  closeDocument(path: string): void {
    this.sources.deleteOverlay(path);
    this.changed();
  }

  /** A file was created, changed or deleted on disk. */
  fileChanged(path: string): void {
    this.sources.invalidate(path);
    if (MAIN_CONFIG_NAMES.includes(posix.basename(path))) this.discovered = null;
    this.changed();
  }

  mainConfigPath(): string | undefined {
    const setting = this.settings.mainConfig;
    if (setting !== '') return posix.isAbsolute(setting) || this.folders.length === 0 ? setting : posix.join(this.folders[0], setting);
    if (this.discovered === null) this.discovered = this.discover();
    return this.discovered;
  }

  /** The tree of the main configuration, when there is one. */
  mainTree(): ConfigModel | undefined {
    const main = this.mainConfigPath();
    if (!main) return undefined;
    this.mainModel ??= buildConfigModel(main, this.options(main));
    return this.mainModel;
  }

  /**
   * The tree a file is analysed in, and the path the tree knows it by: the main
   * tree when Apache reads the file there (perhaps through a symbolic link,
   * as sites-enabled/ links to sites-available/), else the file's own.
   */
  locate(path: string): { model: ConfigModel; path: string } {
    const main = this.mainTree();
    if (main?.files.has(path)) return { model: main, path };
    if (main) {
      this.realPaths ??= new Map([...main.files.values()].filter(isFileOnDisk).map((inTree) => [this.sources.realPath(inTree.path), inTree.path]));
      const inTree = this.realPaths.get(this.sources.realPath(path));
      if (inTree) return { model: main, path: inTree };
    }
    return { model: this.loneModel(path, main), path };
  }

  /**
   * A file outside the main tree is its own root, read as if the main tree
   * included it at its end (a site not enabled yet): the Defines, ServerRoot
   * and envvars of the main tree hold in it (see ModelOptions.inherit).
   */
  private loneModel(path: string, main: ConfigModel | undefined): ConfigModel {
    let lone = this.loneModels.get(path);
    if (!lone) {
      lone = buildConfigModel(path, main ? { ...this.options(main.mainPath), inherit: main } : { ...this.options(path), ownRoot: true });
      this.loneModels.set(path, lone);
    }
    return lone;
  }

  private changed(): void {
    this.mainModel = undefined;
    this.realPaths = undefined;
    this.loneModels.clear();
  }

  private options(main: string): ModelOptions {
    return {
      sources: this.sources,
      ...(this.settings.serverRoot !== '' ? { serverRoot: this.settings.serverRoot } : {}),
      defines: this.settings.defines,
      environment: this.environment(main),
      httpdVersion: this.settings.httpdVersion,
    };
  }

  private environment(main: string): Record<string, string | undefined> {
    const base = { ...this.processEnvironment, APACHE_CONFDIR: posix.dirname(main) };
    const path = this.settings.environmentFile !== '' ? this.settings.environmentFile : posix.join(posix.dirname(main), 'envvars');
    const read = this.fs.stat(path)?.isFile ? this.fs.readFile(path) : undefined;
    // What the file exports, on top of the base, minus what it unsets (Debian's envvars unsets HOME).
    return read && 'text' in read ? readEnvironmentFile(read.text, base) : base;
  }

  /** Breadth-first, so the shallowest main configuration wins; apache2.conf before httpd.conf at equal depth. */
  private discover(): string | undefined {
    let level = [...this.folders];
    for (let depth = 0; depth <= DISCOVERY_DEPTH && level.length > 0; depth++) {
      const next: string[] = [];
      for (const folder of level) {
        for (const name of MAIN_CONFIG_NAMES) {
          if (this.fs.stat(posix.join(folder, name))?.isFile) return posix.join(folder, name);
        }
        const entries = this.fs.readDirectory(folder);
        if (!Array.isArray(entries)) continue;
        for (const entry of entries.map(({ name }) => name).sort()) {
          if (SKIPPED_FOLDERS.has(entry)) continue;
          const child = posix.join(folder, entry);
          if (this.fs.stat(child)?.isDirectory) next.push(child);
        }
      }
      level = next;
    }
    return undefined;
  }
}
