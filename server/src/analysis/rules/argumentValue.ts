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
      const lower = known.map((value) => value.toLowerCase());
      const checked: Argument[] = fact.valueKind === 'tokens' ? node.args : [node.args[0]];
      for (const arg of checked) {
        // A ${VAR} is only known once Define and the environment are evaluated.
        if (arg.value.includes('${')) continue;
        // 2.4.64+ accepts `SSLEngine optional` with a notice (AH10510): ssl/engine-optional-removed reports it.
        if (fact.name === 'SSLEngine' && arg.value.toLowerCase() === 'optional') continue;
        const prefixes = fact.valuePrefixes ?? [];
        const bare = prefixes.includes(arg.value[0]) ? arg.value.slice(1) : arg.value;
        const candidate = bare.toLowerCase();
        // A value ending in ':' or '=' ("shmcb:", "Options=") stands for every word starting with it.
        const ok = lower.some((value) => (/[:=]$/.test(value) ? candidate.startsWith(value) : candidate === value));
        if (ok) continue;
        report({
          range: arg.range,
          message:
            `'${arg.value}' is not a value ${fact.name} accepts, so Apache refuses to start. ` +
            `Allowed: ${known.join(', ')}${prefixes.length > 0 ? ` (each may start with ${prefixes.join(' or ')})` : ''}.`,
          data: { value: arg.value, allowed: known },
        });
      }
    });
  },
};
