// ctx/negative-require: mod_authz_core refuses a negative requirement
// (`Require not …`, or a <RequireNone>) anywhere but in a <RequireAll>: on its
// own it could only deny. Directly in <Directory>, <Location>, <Files>, <If>
// or <Proxy>, Require lines combine as in <RequireAny> (verified on 2.4.71:
// "negative Require directive has no effect in <RequireAny> directive",
// "<RequireNone> directive has no effect in <RequireNone> directive").
// <Limit> and true conditionals are transparent; at server or virtual host
// level Require is refused anyway (ctx/not-allowed). Once the whole
// configuration is read, it also refuses a <RequireAll> whose requirements
// are all negative, with no file or line (AH01624, verified on 2.4.71, also
// for `Require not` beside a <RequireNone>).
import type { ConfigModel, LiveItem } from '../../config/buildConfigModel';
import { sectionPlacement } from '../../knowledge/sectionPlacement';
import { modelRule, type LocatedFinding } from '../modelFindings';
import { directiveReportRange } from '../reportRange';
import { isRequireSection } from '../sectionKinds';
import type { Rule } from '../types';

export const negativeRequire: Rule = modelRule(compute, {
  id: 'ctx/negative-require',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_authz_core.html#requirenone',
  summary: '`Require not …` or `<RequireNone>` outside `<RequireAll>`, where it has no effect, or a `<RequireAll>` with nothing else: Apache refuses to start.',
});

/** How the Require lines at one level combine: a Require section's name, `directory` for a per-directory section's own (as <RequireAny>). */
type Combination = 'RequireAll' | 'RequireAny' | 'RequireNone' | 'directory' | undefined;

/**
 * The authorization lines among a <RequireAll>'s `items`, when there are some
 * and every one is negative. A <Limit> counts with its own lines, and so does
 * a <RequireAll> directly inside, which mod_authz_core merges into its parent
 * (verified on 2.4.71).
 */
function onlyNegative(items: readonly LiveItem[]): boolean {
  let negatives = 0;
  const pending = items.slice();
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (item.kind === 'section' && (sectionPlacement(item.name) === 'limit' || item.name.toLowerCase() === 'requireall')) {
      pending.push(...item.children);
      continue;
    }
    const name = item.name.toLowerCase();
    if (item.kind === 'directive' ? name !== 'require' : !isRequireSection(name)) continue;
    if (!isNegative(item)) return false;
    negatives++;
  }
  return negatives > 0;
}

function isNegative(item: LiveItem): boolean {
  return item.kind === 'directive' ? item.name.toLowerCase() === 'require' && item.args[0]?.toLowerCase() === 'not' : item.name.toLowerCase() === 'requirenone';
}

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const pending: { item: LiveItem; within: Combination }[] = model.tree.map((item) => ({ item, within: undefined }));
  pending.reverse();
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { item, within } = next;
    if (isNegative(item) && within !== undefined && within !== 'RequireAll') {
      const around = within === 'directory' ? 'RequireAny' : within;
      const what = item.kind === 'directive' ? 'negative Require directive' : `<${item.name}> directive`;
      yield {
        path: item.path,
        finding: {
          range: item.kind === 'directive' ? directiveReportRange(item.node) : item.node.open.range,
          message:
            `Apache refuses to start: "${what} has no effect in <${around}> directive". A negative requirement only narrows what the others allow, ` +
            `so it belongs in <RequireAll> beside them${within === 'directory' ? '; directly in a section, Require lines combine as in <RequireAny>' : ''}. ` +
            'Wrap it and the lines it narrows in <RequireAll>.',
        },
      };
    }
    if (item.kind !== 'section') continue;
    if (item.name.toLowerCase() === 'requireall' && within !== 'RequireAll' && onlyNegative(item.children)) {
      yield {
        path: item.path,
        finding: {
          range: item.node.open.range,
          message:
            'Apache refuses to start once it has read the configuration, without naming a file or line: "AH01624: <RequireAll> directive contains only negative authorization directives". ' +
            'Negative requirements only narrow what a positive one allows, so alone they grant nothing. Add the Require line they narrow (such as Require valid-user or Require all granted).',
        },
      };
    }
    const placement = sectionPlacement(item.name);
    const inner: Combination = isRequireSection(item.name)
      ? (['RequireAll', 'RequireAny', 'RequireNone'] as const).find((name) => name.toLowerCase() === item.name.toLowerCase())
      : placement === 'limit'
        ? within
        : placement === 'virtualhost' || placement === undefined
          ? undefined
          : 'directory';
    for (let i = item.children.length - 1; i >= 0; i--) pending.push({ item: item.children[i], within: inner });
  }
}
