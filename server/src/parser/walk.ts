import type { ConfigFile, Node } from './ast';

/** Visits every node in file order without recursion, so any nesting depth is safe. */
export function forEachNode(file: ConfigFile, visit: (node: Node) => void): void {
  const pending: Node[] = [...file.children].reverse();
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    visit(node);
    if (node.kind === 'section') for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
  }
}
