// What the configuration model says about one file, in the shape rules use:
// where its Include put it, which of its branches Apache skips, and what
// Apache reported while reading it.
import type { ConfigModel, ModelProblem } from '../config/buildConfigModel';
import type { SectionNode } from '../parser/ast';

export interface FileScope {
  model: ConfigModel;
  path: string;
  /** Sections around the Include line that brought the file in, outermost first. */
  enclosing: readonly SectionNode[];
  isDead(section: SectionNode): boolean;
  problems: readonly ModelProblem[];
}

export function fileScope(model: ConfigModel, path: string): FileScope {
  const inTree = model.files.get(path);
  const dead = inTree?.deadSections ?? new Set<SectionNode>();
  return {
    model,
    path,
    enclosing: inTree?.enclosing ?? [],
    isDead: (section) => dead.has(section),
    problems: model.problems.filter((problem) => problem.path === path),
  };
}
