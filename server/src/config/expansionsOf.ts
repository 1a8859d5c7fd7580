// The macro expansions the tree reads from each file's Use lines (not those
// from Use lines inside an expansion: they belong to that expansion).
import type { FileInTree } from './buildConfigModel';
import { oncePer } from './oncePer';

const NONE: readonly FileInTree[] = [];

// Keyed by the files map, which a model shares with its focused views.
const byUsePath = oncePer((files: ReadonlyMap<string, FileInTree>) => {
  const index = new Map<string, FileInTree[]>();
  for (const inTree of files.values()) {
    if (!inTree.macro || !inTree.includedFrom) continue;
    const path = inTree.includedFrom.path;
    const list = index.get(path);
    if (list) list.push(inTree);
    else index.set(path, [inTree]);
  }
  return index;
});

/**
 * An expansion that leaves a section open, or closes one it did not open:
 * mod_macro hands the body to the reader as part of the stream, so the
 * section goes on into the lines after the Use (Apache only warns:
 * AH02795, AH02793). apache-ssl reads each expansion on its own, so what
 * such an expansion holds is not judged (macroNesting pairs its tags).
 */
export function isUnbalanced(expansion: FileInTree): boolean {
  return expansion.file.problems.some((problem) => problem.kind === 'unclosedSection' || problem.kind === 'strayClose');
}

/** What the Use lines of the file at `path` expand to, in reading order. */
export function expansionsOf(model: { files: ReadonlyMap<string, FileInTree> }, path: string): readonly FileInTree[] {
  return byUsePath(model.files).get(path) ?? NONE;
}
