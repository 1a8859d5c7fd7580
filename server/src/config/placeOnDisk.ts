// A macro's expansion is in no file on disk: a place in it is shown either at
// the Use line that made it (what the user wrote for this instance) or at the
// macro body line it comes from (where its text is written).
import type { Range } from '../parser/ast';
import type { ConfigModel } from './buildConfigModel';

export interface PlaceOnDisk {
  path: string;
  range: Range;
}

/** The outermost Use line whose expansion holds the place; the place itself in a file on disk. */
export function usePlace(model: ConfigModel, path: string, range: Range): PlaceOnDisk {
  let place = { path, range };
  for (let inTree = model.files.get(path); inTree?.macro && inTree.includedFrom; inTree = model.files.get(place.path)) {
    place = { path: inTree.includedFrom.path, range: inTree.includedFrom.node.range };
  }
  return place;
}

/** The line of the macro body the place was expanded from (the whole line: words there still hold the parameters). */
export function bodyPlace(model: ConfigModel, path: string, range: Range): PlaceOnDisk {
  let place = { path, range };
  for (let inTree = model.files.get(path); inTree?.macro; inTree = model.files.get(place.path)) {
    const line = inTree.macro.node.open.endLine + 1 + place.range.start.line;
    place = { path: inTree.macro.path, range: { start: { line, character: 0 }, end: { line, character: 0 } } };
  }
  return place;
}
