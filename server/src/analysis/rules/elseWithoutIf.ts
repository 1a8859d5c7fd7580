// syntax/else-without-if: Apache takes an <Else> or <ElseIf> as the sequel of
// the last <If> or <ElseIf> read in the same scope (the server config, one
// <VirtualHost>, one <Location> …), whatever lines stand between them; with
// none, or an <Else> last, `apache2 -t` refuses it: "<Else> or <ElseIf>
// section without previous <If> or <ElseIf> section in same scope" (verified
// on 2.4.71, also for an <If> in another <Location> of the same path, and for
// an <Else> inside its own <If>). The live model is walked, so Include files
// and true <IfModule> bodies count as part of the scope they are read into.
import type { ConfigModel, LiveItem } from '../../config/buildConfigModel';
import { modelRule, type LocatedFinding } from '../modelFindings';
import type { Rule } from '../types';

export const elseWithoutIf: Rule = modelRule(compute, {
  id: 'syntax/else-without-if',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/core.html#else',
  summary: '`<Else>` or `<ElseIf>` without an `<If>` or `<ElseIf>` before it in the same section.',
});

function* compute(model: ConfigModel): Iterable<LocatedFinding> {
  const scopes: (readonly LiveItem[])[] = [model.tree];
  for (let scope = scopes.pop(); scope; scope = scopes.pop()) {
    let last: 'none' | 'if' | 'else' = 'none';
    for (const item of scope) {
      if (item.kind !== 'section') continue;
      scopes.push(item.children);
      const name = item.name.toLowerCase();
      if (name === 'if') last = 'if';
      else if (name === 'elseif' || name === 'else') {
        if (last !== 'if') {
          yield {
            path: item.path,
            finding: {
              range: item.node.open.range,
              message:
                `<${item.name}> needs an <If> or <ElseIf> before it in the same section${last === 'else' ? ', and the last one here is an <Else>' : ''}: ` +
                'Apache refuses to start with "<Else> or <ElseIf> section without previous <If> or <ElseIf> section in same scope". ' +
                'Put it right after the </If> it belongs to, or turn it into an <If>.',
            },
          };
        }
        last = name === 'else' ? 'else' : 'if';
      }
    }
  }
}
