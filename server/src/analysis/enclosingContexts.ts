// Where a directive sits, as Apache's context checks see it: the chain of
// enclosing sections that change the context, innermost last. Conditional
// sections (<IfModule> …) and authorization groups (<RequireAll> …) are
// transparent; bodies of <Macro> and provider aliases are templates Apache
// checks only where they are used.
import type { PlacementKind } from '../knowledge/directiveIndex';
import type { Parent, SectionNode } from '../parser/ast';

export type ContextKind = PlacementKind | 'htaccess';

const SECTION_CONTEXTS: Record<string, ContextKind> = {
  virtualhost: 'virtualhost',
  directory: 'directory',
  directorymatch: 'directory',
  files: 'files',
  filesmatch: 'files',
  location: 'location',
  locationmatch: 'location',
  if: 'if',
  elseif: 'if',
  else: 'if',
  proxy: 'proxy',
  proxymatch: 'proxy',
  limit: 'limit',
  limitexcept: 'limit',
};

const TEMPLATE_SECTIONS = new Set(['macro', 'authnprovideralias', 'authzprovideralias', 'mdomainset', 'mdomain']);

export interface EnclosingContext {
  kind: ContextKind;
  /** The section that makes this context; absent for the top of a file. */
  section?: SectionNode;
}

/**
 * The contexts a line directly inside `container` is in, outermost first,
 * starting with the file's own (`server`, or `htaccess` for .htaccess files).
 * Undefined inside a template section, where no context check applies.
 */
export function enclosingContexts(container: Parent, inHtaccess: boolean): EnclosingContext[] | undefined {
  const chain: EnclosingContext[] = [];
  for (let parent = container; parent.kind === 'section'; parent = parent.parent) {
    const name = parent.name.toLowerCase();
    if (TEMPLATE_SECTIONS.has(name)) return undefined;
    const kind = SECTION_CONTEXTS[name];
    if (kind) chain.push({ kind, section: parent });
  }
  chain.push({ kind: inHtaccess ? 'htaccess' : 'server' });
  return chain.reverse();
}

export function describeContext(context: EnclosingContext): string {
  if (context.section) return `<${context.section.name}>`;
  return context.kind === 'htaccess' ? '.htaccess files' : 'the server config (outside any section)';
}
