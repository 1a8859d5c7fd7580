import { buildConfigModel, type ConfigModel, type ModelOptions } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import type { Position } from '../../server/src/parser/ast';
import { withCursor } from './cursor';

/**
 * The model of a tree held in memory, read from its first file, and where the
 * single `|` in one of the files marks the cursor.
 */
export function modelWithCursor(
  marked: Record<string, string>,
  options: Omit<ModelOptions, 'sources'> = {},
): { model: ConfigModel; path: string; position: Position; files: Record<string, string> } {
  const files: Record<string, string> = {};
  let cursor: { path: string; position: Position } | undefined;
  for (const [path, text] of Object.entries(marked)) {
    if (!text.includes('|')) {
      files[path] = text;
      continue;
    }
    const split = withCursor(text);
    files[path] = split.text;
    cursor = { path, position: split.position };
  }
  if (!cursor) throw new Error('mark the cursor with | in one file');
  const main = Object.keys(files)[0];
  const model = buildConfigModel(main, { sources: new SourceCache(memoryFileSystem(files)), ...options });
  return { model, files, ...cursor };
}
