// ProxyHCExpr NAME CONDITION: mod_proxy_hcheck reads the condition with
// ap_getword_conf2, which takes `{…}` as one word (braces nesting, blanks
// inside), parses it, and then refuses the line when one more word follows
// ("error: extra parameter(s)"; an empty "" is no word). Verified on 2.4.71.
import type { Argument, DirectiveNode } from '../../parser/ast';

export interface ConditionWords {
  /** The condition as Apache parses it, blanks between words made single. */
  condition: string;
  /** The first word after the condition, when there is one Apache reads as extra. */
  extra?: { argument: Argument; text: string };
}

export function proxyHcExprWords(node: DirectiveNode): ConditionWords | undefined {
  const args = node.args;
  const first = args[1];
  if (!first) return undefined;
  if (!first.raw.startsWith('{')) {
    const next = args[2];
    return { condition: first.value, ...(next && next.value !== '' ? { extra: { argument: next, text: next.value } } : {}) };
  }
  const parts: string[] = [];
  let depth = 0;
  for (let index = 1; index < args.length; index++) {
    const raw = args[index].raw;
    for (let i = index === 1 ? 1 : 0, at = i; i < raw.length; i++) {
      if (raw[i] === '{') depth++;
      else if (raw[i] === '}' && depth-- === 0) {
        parts.push(raw.slice(at, i));
        const rest = raw.slice(i + 1);
        if (rest !== '') return { condition: parts.join(' '), extra: { argument: args[index], text: rest } };
        const next = args[index + 1];
        return { condition: parts.join(' '), ...(next && next.value !== '' ? { extra: { argument: next, text: next.value } } : {}) };
      }
    }
    parts.push(index === 1 ? raw.slice(1) : raw);
  }
  // No closing brace: the condition runs to the end of the line.
  return { condition: parts.join(' ') };
}
