import type { DirectiveFact } from '../../knowledge/directiveIndex';
import type { Argument } from '../../parser/ast';
import { forEachLiveNode } from '../liveNodes';
import type { Rule } from '../types';

export const argumentValue: Rule = {
  id: 'args/invalid-value',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/directive-dict.html#Syntax',
  summary: 'A keyword argument is not one Apache knows (for example `SSLVerifyClient requires`).',
  check({ file, scope, directives, report }) {
    forEachLiveNode(file, scope, (node) => {
      if (node.kind !== 'directive') return;
      const fact = directives.lookup(node.name);
      // Flags are args/count's: "must be On or Off" is one message, not two.
      if (!fact?.values || !fact.valueKind || node.args.length === 0 || fact.arguments?.kind === 'flag') return;
      const known = fact.values;
      const { words, stems } = acceptedOf(fact, known);
      // After a condition (Header always …) the keyword is the next word, and there must be one.
      const condition = fact.valueConditions?.find((word) => word.toLowerCase() === node.args[0].value.toLowerCase());
      const keyword = condition ? node.args[1] : node.args[0];
      if (!keyword) {
        report({
          range: node.args[0].range,
          message: `After ${node.args[0].value}, ${fact.name} needs one of ${known.join(', ')}: Apache refuses to start without it.`,
          data: { value: '', allowed: known },
        });
        return;
      }
      const checked: Argument[] = fact.valueKind === 'tokens' ? node.args : [keyword];
      // A mode, then flags only: `SSLCARevocationCheck chain no_crl_for_cert_ok`.
      const flags = fact.valueFlags;
      if (flags) {
        for (const arg of node.args.slice(1)) {
          if (arg.value.includes('${') || flags.some((flag) => flag.toLowerCase() === arg.value.toLowerCase())) continue;
          report({
            range: arg.range,
            message: `'${arg.value}' cannot follow the first word of ${fact.name}, so Apache refuses to start. After ${node.args[0].value} only ${flags.join(', ')} may come.`,
            data: { value: arg.value, allowed: flags },
          });
        }
      }
      for (const arg of checked) {
        // A ${VAR} is only known once Define and the environment are evaluated.
        if (arg.value.includes('${')) continue;
        // 2.4.64+ accepts `SSLEngine optional` with a notice (AH10510): ssl/engine-optional-removed reports it.
        if (fact.name === 'SSLEngine' && arg.value.toLowerCase() === 'optional') continue;
        const prefixes = fact.valuePrefixes ?? [];
        const bare = prefixes.includes(arg.value[0]) ? arg.value.slice(1) : arg.value;
        const candidate = bare.toLowerCase();
        if (words.has(candidate) || stems.some((stem) => candidate.startsWith(stem))) continue;
        report({
          range: arg.range,
          message:
            `'${arg.value}' is not a value ${fact.name} accepts, so Apache refuses to start. ` +
            `Allowed: ${known.join(', ')}${prefixes.length > 0 ? ` (each may start with ${prefixes.join(' or ')})` : ''}` +
            `${fact.valueConditions && !condition ? `, after an optional ${fact.valueConditions.join(' or ')}` : ''}.`,
          data: { value: arg.value, allowed: known },
        });
      }
    });
  },
};

interface Accepted {
  /** Lower-case values the argument must equal. */
  words: ReadonlySet<string>;
  /** Lower-case values ending in ':' or '=' ("shmcb:", "Options="), which stand for every word starting with them. */
  stems: readonly string[];
}

/** Worked out once per directive rather than for every line using it. */
const ACCEPTED = new WeakMap<DirectiveFact, Accepted>();

function acceptedOf(fact: DirectiveFact, values: readonly string[]): Accepted {
  let accepted = ACCEPTED.get(fact);
  if (!accepted) {
    const lower = values.map((value) => value.toLowerCase());
    accepted = { words: new Set(lower.filter((value) => !/[:=]$/.test(value))), stems: lower.filter((value) => /[:=]$/.test(value)) };
    ACCEPTED.set(fact, accepted);
  }
  return accepted;
}
