// Apache skips the body of a false conditional section by reading it for
// section tags only (ap_soak_end_container): what stands there is never
// checked, except that every tag it opens must be closed by its own name. A
// close tag that does not match is reported against the line of the skipped
// conditional, the directive whose handler was reading (verified on 2.4.71).
import type { Node, SectionNode } from '../parser/ast';
import type { FileScope } from './fileScope';

/** The outermost false conditional at or above `node` (a section, or the section a tag belongs to), if any. */
export function skippingSection(scope: FileScope, node: Node): SectionNode | undefined {
  let skipping: SectionNode | undefined;
  for (let at: Node | undefined = node; at && at.kind === 'section'; at = at.parent.kind === 'section' ? at.parent : undefined) {
    if (scope.isDead(at)) skipping = at;
  }
  return skipping;
}
