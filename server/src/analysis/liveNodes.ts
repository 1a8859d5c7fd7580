// Apache reads the body of a false conditional section only to find its end:
// directives there are never looked up, counted or placed. Rules about
// directives therefore visit only live lines; the configuration model decides
// which conditional sections are false.
// Most rules walk the same file, so its live nodes are listed once per parse
// and dead-branch test, and grouped by directive name for rules that look at
// a few names only: on a tree of thousands of files the repeated walks cost
// more than the rules.
import type { ConfigFile, DirectiveNode, Node } from '../parser/ast';
import type { FileScope } from './fileScope';

type DeadTest = FileScope['isDead'] | undefined;

interface LiveNodes {
  isDead: DeadTest;
  /** Every live node, in document order (a dead section itself is live, its body is not). */
  nodes: Node[];
  /** Made at the first ask: live directives by lower-case name, each with its place in `nodes`. */
  byName?: Map<string, { node: DirectiveNode; order: number }[]>;
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
    if (node.kind === 'section' && !isDead?.(node)) {
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
    }
  }
  const live: LiveNodes = { isDead, nodes };
  listed.set(file, live);
  return live;
}

/** Like forEachNode, without descending into bodies Apache skips. */
export function forEachLiveNode(file: ConfigFile, scope: Pick<FileScope, 'isDead'> | undefined, visit: (node: Node) => void): void {
  for (const node of liveNodesOf(file, scope).nodes) visit(node);
}

/** The live directives of the file named one of `names` (lower case), in document order. */
export function liveDirectivesNamed(file: ConfigFile, scope: Pick<FileScope, 'isDead'> | undefined, names: readonly string[]): DirectiveNode[] {
  const live = liveNodesOf(file, scope);
  const byName = live.byName ?? groupByName(live.nodes);
  live.byName = byName;
  const found = names.flatMap((name) => byName.get(name) ?? []);
  if (names.length > 1) found.sort((a, b) => a.order - b.order);
  return found.map(({ node }) => node);
}

function groupByName(nodes: readonly Node[]): Map<string, { node: DirectiveNode; order: number }[]> {
  const byName = new Map<string, { node: DirectiveNode; order: number }[]>();
  nodes.forEach((node, order) => {
    if (node.kind !== 'directive') return;
    const name = node.name.toLowerCase();
    const list = byName.get(name);
    if (list) list.push({ node, order });
    else byName.set(name, [{ node, order }]);
  });
  return byName;
}
