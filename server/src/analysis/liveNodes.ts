// Apache reads the body of a false conditional section only to find its end:
// directives there are never looked up, counted or placed. Rules about
// directives therefore visit only live lines. Without the configuration model,
// the one body known to be dead is an <IfModule> whose name can never match a
// module (`<IfModule mod_ssl>`, verified skipped with mod_ssl loaded).
import type { ConfigFile, Node, SectionNode } from '../parser/ast';

/** `<IfModule>` matches a module's source file (`mod_ssl.c`) or its identifier (`ssl_module`), nothing else. */
export function isMatchableModuleName(name: string): boolean {
  return /^(.+\.c|.+_module)$/.test(name);
}

export function isNeverRead(section: SectionNode): boolean {
  if (section.name.toLowerCase() !== 'ifmodule' || section.args.length !== 1) return false;
  const name = section.args[0].value;
  return !name.startsWith('!') && name !== '' && !isMatchableModuleName(name);
}

/** Like forEachNode, without descending into bodies Apache never reads. */
export function forEachLiveNode(file: ConfigFile, visit: (node: Node) => void): void {
  const pending: Node[] = [...file.children].reverse();
  while (pending.length > 0) {
    const node = pending.pop() as Node;
    visit(node);
    if (node.kind === 'section' && !isNeverRead(node)) {
      for (let i = node.children.length - 1; i >= 0; i--) pending.push(node.children[i]);
    }
  }
}
