// A file analysed without its main configuration is its own root: its
// Includes are followed when a file system is given (without one, they name
// files that cannot be looked at), and what it cannot know, such as the
// loaded modules, stays unknown.
import type { ConfigFile } from '../parser/ast';
import { buildConfigModel, type ConfigModel, type ModelOptions } from './buildConfigModel';
import { memoryFileSystem, type FileSystem } from './fileSystem';
import { SourceCache } from './sourceCache';

export const UNSAVED_PATH = '/untitled.conf';

export function loneFileModel(file: ConfigFile, path = UNSAVED_PATH, fs?: FileSystem, options: Omit<ModelOptions, 'sources'> = {}): ConfigModel {
  const sources = new SourceCache(fs ?? memoryFileSystem({}));
  sources.setOverlay(path, file);
  return buildConfigModel(path, { followIncludes: fs !== undefined, ownRoot: true, ...options, sources });
}
