// Apache skips the body of a false conditional section by reading it for
// section tags only (ap_soak_end_container): what stands there is never
// checked, except that every tag it opens must be closed by its own name. A
// close tag that does not match is reported against the line of the skipped
// conditional, the directive whose handler was reading (verified on 2.4.71).
import type { ConfigFile, Node, SectionNode } from '../parser/ast';
import type { FileScope } from './fileScope';
import { hasRawBody } from '../parser/rawBodySections';

/** The outermost false conditional at or above `node` (a section, or the section a tag belongs to), if any. */
export function skippingSection(scope: FileScope, node: Node): SectionNode | undefined {
  let skipping: SectionNode | undefined;
  for (let at: Node | undefined = node; at && at.kind === 'section'; at = at.parent.kind === 'section' ? at.parent : undefined) {
    if (scope.isDead(at)) skipping = at;
  }
  return skipping;
}

/**
 * mod_macro stores the body of a <Macro> line by line and reads it only where
 * Use expands it: unused, nothing there is checked, not even that its tags
 * match ("bad cumulated nesting" is a warning, verified on 2.4.71). Only a
 * missing </Macro> stops Apache. A <Perl> body is Perl, for mod_perl. The
 * bodies' offsets, found once per parse.
 */
const macroBodies = new WeakMap<ConfigFile, readonly [number, number][]>();

/** Whether `offset` lies in the body of a <Macro> of `file` (after its opening line, before its closing one). */
export function inMacroBody(file: ConfigFile, offset: number): boolean {
  let bodies = macroBodies.get(file);
  if (!bodies) {
    const found: [number, number][] = [];
    const pending: Node[] = file.children.slice();
    for (let node = pending.pop(); node; node = pending.pop()) {
      if (node.kind !== 'section') continue;
      if (hasRawBody(node.name)) found.push([node.open.end, node.close ? node.close.start : node.end]);
      else for (const child of node.children) pending.push(child);
    }
    macroBodies.set(file, (bodies = found));
  }
  return bodies.some(([start, end]) => offset >= start && offset < end);
}
