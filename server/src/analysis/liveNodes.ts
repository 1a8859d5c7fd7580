// Apache reads the body of a false conditional section only to find its end,
// and stores a <Macro>'s body to read where Use expands it: directives there
// are never looked up, counted or placed. Rules about
// directives therefore visit only live lines; the configuration model decides
// which conditional sections are false.
// Most rules walk the same file, so its live nodes are listed once per parse
// and dead-branch test, and grouped by directive or section name for rules
// that look at a few names only: on a tree of thousands of files the repeated
// walks cost more than the rules.
import type { ConfigFile, DirectiveNode, Node, SectionNode } from '../parser/ast';
import type { FileScope } from './fileScope';
import { hasRawBody } from '../parser/rawBodySections';

type DeadTest = FileScope['isDead'] | undefined;

interface LiveNodes {
  isDead: DeadTest;
  /** Every live node, in document order (a dead section itself is live, its body is not). */
  nodes: Node[];
  /** Made at the first ask: live directives by lower-case name, and sections by `<` and theirs. */
  byName?: ByName;
}

interface Group {
  nodes: (DirectiveNode | SectionNode)[];
  /** Each node's place in `nodes`, to merge groups by. */
  order: number[];
}

interface ByName {
  /** The nodes of each name, in document order. */
  groups: Map<string, Group>;
  /** Lower-case names of directives written with a ${VAR}, whose name is only known once substituted. */
  variableNames: string[];
}

const listed = new WeakMap<ConfigFile, LiveNodes>();

function liveNodesOf(file: ConfigFile, scope: Pick<FileScope, 'isDead'> | undefined): LiveNodes {
  const isDead = scope?.isDead;
  const known = listed.get(file);
  if (known && known.isDead === isDead) return known;
  const nodes: Node[] = [];
  const pending: Node[] = [...file.children].reverse();
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    nodes.push(node);
    if (node.kind === 'section' && !isDead?.(node) && !hasRawBody(node.name)) {
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
    }
  }
  const live: LiveNodes = { isDead, nodes };
  listed.set(file, live);
  return live;
}

/** The first live node, in document order, that `accepts`; walks no further than it. */
export function firstLiveNode(file: ConfigFile, scope: Pick<FileScope, 'isDead'> | undefined, accepts: (node: Node) => boolean): Node | undefined {
  const pending: Node[] = [...file.children].reverse();
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (accepts(node)) return node;
    if (node.kind === 'section' && !scope?.isDead(node) && !hasRawBody(node.name)) {
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
    }
  }
  return undefined;
}

/** Like forEachNode, without descending into bodies Apache skips. */
export function forEachLiveNode(file: ConfigFile, scope: Pick<FileScope, 'isDead'> | undefined, visit: (node: Node) => void): void {
  for (const node of liveNodesOf(file, scope).nodes) visit(node);
}

/** The live directives of the file named one of `names` (lower case), in document order. Shared: do not change the list. */
export function liveDirectivesNamed(file: ConfigFile, scope: Pick<FileScope, 'isDead'> | undefined, names: readonly string[]): readonly DirectiveNode[] {
  return liveNamed(liveNodesOf(file, scope), names) as readonly DirectiveNode[];
}

/**
 * The live directives named one of `names` (lower case) and the live sections
 * named one of `sections` (lower case, without `<`), in document order.
 */
export function liveLinesNamed(
  file: ConfigFile,
  scope: Pick<FileScope, 'isDead'> | undefined,
  names: readonly string[],
  sections: readonly string[],
): readonly (DirectiveNode | SectionNode)[] {
  return liveNamed(liveNodesOf(file, scope), [...names, ...sections.map((name) => `<${name}`)]);
}

/** Like liveDirectivesNamed, with the directives whose name holds a ${VAR} and may turn into one of `names`. */
export function liveDirectivesMaybeNamed(file: ConfigFile, scope: Pick<FileScope, 'isDead'> | undefined, names: readonly string[]): readonly DirectiveNode[] {
  const live = liveNodesOf(file, scope);
  const { variableNames } = byNameOf(live);
  return liveNamed(live, variableNames.length > 0 ? [...names, ...variableNames] : names) as readonly DirectiveNode[];
}

function liveNamed(live: LiveNodes, keys: readonly string[]): readonly (DirectiveNode | SectionNode)[] {
  const { groups } = byNameOf(live);
  // Usually at most one of the names is in the file: its group is the answer, nothing to allocate.
  const present: Group[] = [];
  for (const key of keys) {
    const group = groups.get(key);
    if (group) present.push(group);
  }
  if (present.length === 0) return [];
  if (present.length === 1) return present[0].nodes;
  const entries: { node: DirectiveNode | SectionNode; order: number }[] = [];
  for (const group of present) group.nodes.forEach((node, i) => entries.push({ node, order: group.order[i] }));
  entries.sort((a, b) => a.order - b.order);
  return entries.map(({ node }) => node);
}

function byNameOf(live: LiveNodes): ByName {
  if (live.byName) return live.byName;
  const groups: ByName['groups'] = new Map();
  const variableNames: string[] = [];
  live.nodes.forEach((node, order) => {
    if (node.kind !== 'directive' && node.kind !== 'section') return;
    const name = node.kind === 'section' ? `<${node.name.toLowerCase()}` : node.name.toLowerCase();
    const group = groups.get(name);
    if (group) {
      group.nodes.push(node);
      group.order.push(order);
    } else {
      groups.set(name, { nodes: [node], order: [order] });
      if (node.kind === 'directive' && name.includes('${')) variableNames.push(name);
    }
  });
  live.byName = { groups, variableNames };
  return live.byName;
}
