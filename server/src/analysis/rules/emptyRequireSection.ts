// syntax/empty-require-section: mod_authz_core refuses a <RequireAll>,
// <RequireAny> or <RequireNone> with no Require line and no such section
// inside it, once conditional sections are decided: "<RequireAll> directive
// contains no authorization directives" (verified on 2.4.71, also for a
// Require inside a false <IfModule>, and for an empty section nested in a
// full one). The live model is walked, so only what Apache reads counts.
import type { ConfigModel, LiveItem } from '../../config/buildConfigModel';
import { modelRule, type LocatedFinding } from '../modelFindings';
import type { Rule } from '../types';
import { isRequireSection } from '../sectionKinds';
import { sectionPlacement } from '../../knowledge/sectionPlacement';
import { defaultDirectiveIndex } from '../../knowledge/directiveIndex';

export const emptyRequireSection: Rule = modelRule(compute, {
  id: 'syntax/empty-require-section',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_authz_core.html#requireall',
  summary: '`<RequireAll>`, `<RequireAny>` or `<RequireNone>` without any `Require` line or such section inside it.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const pending: LiveItem[] = model.tree.slice();
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (item.kind !== 'section') continue;
    for (const child of item.children) pending.push(child);
    if (!isRequireSection(item.name) || authorizes(item.children) || holdsRefusedLine(item.children)) continue;
    yield {
      path: item.path,
      finding: {
        range: item.node.open.range,
        message:
          `<${item.name}> holds no Require line (nor a <RequireAll>, <RequireAny> or <RequireNone>) that Apache reads: it refuses to start with ` +
          `"<${item.name}> directive contains no authorization directives". Add the Require lines it should combine, or remove the section.`,
      },
    };
  }
}

/** A Require line or Require section among the lines, a <Limit> or <LimitExcept> among them counting with its own (verified on 2.4.71). */
function authorizes(items: readonly LiveItem[]): boolean {
  return items.some((child) =>
    child.kind === 'directive' ? child.name.toLowerCase() === 'require' : isRequireSection(child.name) || (sectionPlacement(child.name) === 'limit' && authorizes(child.children)),
  );
}

/** A line Apache refuses inside a Require section (ctx/not-allowed's): Apache stops there, before it could find the section empty. */
function holdsRefusedLine(items: readonly LiveItem[]): boolean {
  const directives = defaultDirectiveIndex();
  return items.some((child) => directives.lookup(child.kind === 'section' ? `<${child.name}` : child.name)?.inRequireSections === false);
}
