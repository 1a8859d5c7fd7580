// Paths as people read them in messages: relative to ServerRoot when the file
// is below it (sites-available/a.conf), absolute otherwise.
import type { ConfigModel } from './buildConfigModel';

export function shownPath(model: ConfigModel, path: string): string {
  const root = model.serverRoot.endsWith('/') ? model.serverRoot : `${model.serverRoot}/`;
  return path.startsWith(root) ? path.slice(root.length) : path;
}
