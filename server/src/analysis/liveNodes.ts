// Apache reads the body of a false conditional section only to find its end:
// directives there are never looked up, counted or placed. Rules about
// directives therefore visit only live lines; the configuration model decides
// which conditional sections are false.
import type { ConfigFile, Node } from '../parser/ast';
import type { FileScope } from './fileScope';

/** Like forEachNode, without descending into bodies Apache skips. */
export function forEachLiveNode(file: ConfigFile, scope: Pick<FileScope, 'isDead'> | undefined, visit: (node: Node) => void): void {
  const pending: Node[] = [...file.children].reverse();
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    visit(node);
    if (node.kind === 'section' && !scope?.isDead(node)) {
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
    }
  }
}
