import type { ExprNode, StringPart } from './ast';

/** The direct children of a node, in source order. */
export function childrenOf(node: ExprNode): ExprNode[] {
  switch (node.type) {
    case 'not':
      return [node.operand];
    case 'and':
    case 'or':
    case 'concat':
      return [node.left, node.right];
    case 'group':
      return [node.inner];
    case 'comparison':
    case 'binary':
      return [node.left, node.right];
    case 'unary':
      return [node.operand];
    case 'string':
      return node.parts;
    case 'variableFunction':
      return node.argument.parts as StringPart[];
    case 'call':
      return [node.argument];
    case 'list':
      return node.items;
    default:
      return [];
  }
}

/** Visits every node in source order without recursion, so any nesting depth is safe. */
export function forEachExprNode(root: ExprNode, visit: (node: ExprNode) => void): void {
  const pending: ExprNode[] = [root];
  while (pending.length > 0) {
    const node = pending.pop() as ExprNode;
    visit(node);
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) pending.push(children[i]);
  }
}
