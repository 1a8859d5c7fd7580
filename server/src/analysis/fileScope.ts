// What the configuration model says about one file, in the shape rules use:
// where its Include put it, which of its branches Apache skips, and what
// Apache reported while reading it.
import { NO_DEAD_SECTIONS, NOTHING_RESOLVED, type ConfigModel, type ModelProblem, type ResolvedLine } from '../config/buildConfigModel';
import type { DirectiveNode, SectionNode } from '../parser/ast';

export interface FileScope {
  model: ConfigModel;
  path: string;
  /** Sections around the Include line that brought the file in, outermost first. */
  enclosing: readonly SectionNode[];
  isDead(section: SectionNode): boolean;
  problems: readonly ModelProblem[];
  /**
   * For lines with a ${VAR}: the name and words Apache looks at, the whole line
   * substituted and split again (so a value with spaces is several words).
   */
  resolved: ReadonlyMap<DirectiveNode | SectionNode, ResolvedLine>;
}

/** The name and words Apache looks at: substituted where the line has a ${VAR}, else as written. */
export function wordsOf(scope: FileScope, node: DirectiveNode | SectionNode): { name: string; args: readonly string[] } {
  return scope.resolved.get(node) ?? { name: node.name, args: node.words };
}

/** Whether Apache reads the file as .htaccess: per directory, with the directory's path. */
export function isHtaccessPath(path: string): boolean {
  return /(^|[/\\])\.htaccess$/.test(path);
}

export function fileScope(model: ConfigModel, path: string): FileScope {
  const inTree = model.files.get(path);
  const dead = inTree?.deadSections ?? NO_DEAD_SECTIONS;
  return {
    model,
    path,
    enclosing: inTree?.enclosing ?? [],
    isDead: (section) => dead.has(section),
    problems: model.problems.filter((problem) => problem.path === path),
    resolved: inTree?.resolved ?? NOTHING_RESOLVED,
  };
}
