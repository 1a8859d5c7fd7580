// A file analysed without its main configuration is its own root: its
// Includes are still followed (on disk when it has a path there), and what it
// cannot know, such as the loaded modules, stays unknown.
import type { ConfigFile } from '../parser/ast';
import { buildConfigModel, type ConfigModel, type ModelOptions } from './buildConfigModel';
import { memoryFileSystem, type FileSystem } from './fileSystem';
import { SourceCache } from './sourceCache';

export const UNSAVED_PATH = '/untitled.conf';

export function loneFileModel(
  file: ConfigFile,
  path = UNSAVED_PATH,
  fs: FileSystem = memoryFileSystem({}),
  options: Omit<ModelOptions, 'sources'> = {},
): ConfigModel {
  const sources = new SourceCache(fs);
  sources.setOverlay(path, file.text, file);
  return buildConfigModel(path, { ...options, sources });
}
