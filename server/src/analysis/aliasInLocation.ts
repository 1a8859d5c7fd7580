// Since 2.4.13 Alias and ScriptAlias take one argument, the target, inside a
// <Location> or <LocationMatch>, which gives the URL; there they take no
// other form, and elsewhere they need both (verified on 2.4.71: "Alias must
// have two arguments when used globally", "Alias cannot occur within
// directory context").
import { sectionPlacement } from '../knowledge/sectionPlacement';
import type { DirectiveNode, Node, SectionNode } from '../parser/ast';
import type { FileScope } from './fileScope';
import { enclosingSection } from './sectionKinds';

const ALIASES = new Set(['alias', 'scriptalias']);

/** The one-argument form: Alias or ScriptAlias with just a target (counted after ${VAR} substitution where the line has one). */
export function isOneArgumentAlias(node: Node, resolved?: FileScope['resolved']): node is DirectiveNode {
  if (node.kind !== 'directive') return false;
  const words = resolved?.get(node);
  return (words ? words.args.length : node.args.length) === 1 && ALIASES.has((words?.name ?? node.name).toLowerCase());
}

/** Whether the node stands in a <Location> or <LocationMatch>, in its file or around the Include that brought the file in. */
export function inLocation(node: Node, enclosing: readonly SectionNode[]): boolean {
  return enclosingSection(node, enclosing, (name) => sectionPlacement(name) === 'location') !== undefined;
}
