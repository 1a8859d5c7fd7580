// Where a line sits, as Apache's context checks see it. Conditional sections
// (<IfModule> …) and authorization groups (<RequireAll> …) are transparent;
// bodies of <Macro> and provider aliases are templates Apache checks only
// where they are used, and inside an unknown section Apache has already
// refused the file, so neither is judged. The summary of a section is derived
// from its parent's in constant time, so deep nesting stays linear.
import type { ContextKind } from '../knowledge/directiveIndex';
import type { Parent, SectionNode } from '../parser/ast';
import { sectionPlacement } from '../knowledge/sectionPlacement';

const TEMPLATE_SECTIONS = new Set(['macro', 'authnprovideralias', 'authzprovideralias', 'mdomainset', 'mdomain']);

export interface EnclosingContext {
  kind: ContextKind;
  /** The section that makes this context; absent for the top of a file. */
  section?: SectionNode;
}

export interface ContextSummary {
  /** The file's own context: `server`, or `htaccess` for .htaccess files. */
  top: EnclosingContext;
  innermost: EnclosingContext;
  /** The nearest enclosing section of each per-directory kind. */
  perDirectory: ReadonlyMap<ContextKind, EnclosingContext>;
  /** True inside a template or unknown section: no context applies. */
  unjudged: boolean;
}

export function topContext(inHtaccess: boolean): ContextSummary {
  const top: EnclosingContext = { kind: inHtaccess ? 'htaccess' : 'server' };
  return { top, innermost: top, perDirectory: new Map(), unjudged: false };
}

/** The context of lines directly inside `section`, given the context `section` itself stands in. */
export function insideSection(outer: ContextSummary, section: SectionNode, isKnownSection: (name: string) => boolean): ContextSummary {
  const name = section.name.toLowerCase();
  if (outer.unjudged || TEMPLATE_SECTIONS.has(name) || !isKnownSection(section.name)) return { ...outer, unjudged: true };
  const kind = sectionPlacement(name);
  if (!kind) return outer;
  const context = { kind, section };
  if (kind === 'virtualhost') return { ...outer, innermost: context };
  const perDirectory = new Map(outer.perDirectory);
  perDirectory.set(kind, context);
  return { ...outer, innermost: context, perDirectory };
}

/** The context of lines directly inside `container`, found by walking up (for one position, as completion needs). */
export function contextOf(container: Parent, inHtaccess: boolean, isKnownSection: (name: string) => boolean): ContextSummary {
  const sections: SectionNode[] = [];
  for (let parent = container; parent.kind === 'section'; parent = parent.parent) sections.push(parent);
  return sections.reduceRight((summary, section) => insideSection(summary, section, isKnownSection), topContext(inHtaccess));
}

export function describeContext(context: EnclosingContext): string {
  if (context.section) return `<${context.section.name}>`;
  return context.kind === 'htaccess' ? '.htaccess files' : 'the server config (outside any section)';
}
