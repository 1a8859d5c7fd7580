import type { DirectiveFact } from '../../knowledge/directiveIndex';
import type { DirectiveNode, Range } from '../../parser/ast';
import type { FileScope } from '../fileScope';
import { directiveReportRange } from '../reportRange';
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
      const words = wordsToCheck(node, scope);
      if (!words) return;
      const known = fact.values;
      const accepted = acceptedOf(fact, known);
      // After a condition (Header always …) the keyword is the next word, and there must be one.
      const condition = fact.valueConditions?.find((word) => word.toLowerCase() === words[0]?.value.toLowerCase());
      const keyword = condition ? words[1] : words[0];
      if (!keyword) {
        report({
          range: words[0]?.range ?? node.range,
          message: `After ${words[0]?.value}, ${fact.name} needs one of ${known.join(', ')}: Apache refuses to start without it.`,
          data: { value: '', allowed: known },
        });
        return;
      }
      const checked = fact.valueKind === 'tokens' ? words : [keyword];
      // A mode, then flags only: `SSLCARevocationCheck chain no_crl_for_cert_ok`.
      const flags = fact.valueFlags;
      if (flags) {
        for (const word of words.slice(1)) {
          if (flags.some((flag) => flag.toLowerCase() === word.value.toLowerCase())) continue;
          report({
            range: word.range,
            message: `'${word.value}' cannot follow the first word of ${fact.name}, so Apache refuses to start. After ${words[0].value} only ${flags.join(', ')} may come.`,
            data: { value: word.value, allowed: flags },
          });
        }
      }
      for (const word of checked) {
        // 2.4.64+ accepts `SSLEngine optional` with a notice (AH10510): ssl/engine-optional-removed reports it.
        if (fact.name === 'SSLEngine' && word.value.toLowerCase() === 'optional') continue;
        const prefixes = fact.valuePrefixes ?? [];
        const bare = prefixes.includes(word.value[0]) ? word.value.slice(1) : word.value;
        const candidate = bare.toLowerCase();
        if (accepted.words.has(candidate) || accepted.stems.some((stem) => candidate.startsWith(stem))) continue;
        report({
          range: word.range,
          message:
            `'${word.value}' is not a value ${fact.name} accepts, so Apache refuses to start. ` +
            `Allowed: ${known.join(', ')}${prefixes.length > 0 ? ` (each may start with ${prefixes.join(' or ')})` : ''}` +
            `${fact.valueConditions && !condition ? `, after an optional ${fact.valueConditions.join(' or ')}` : ''}.`,
          data: { value: word.value, allowed: known },
        });
      }
    });
  },
};

interface Word {
  value: string;
  range: Range;
}

/**
 * The words Apache checks: as written, or for a line with ${VAR} the words
 * after substitution (all reported on the line, as they no longer match the
 * text). A variable left undefined stays as written, and Apache checks that
 * text; but where the tree's Defines are unknown (a file read without its
 * main configuration), such a line is not judged.
 */
function wordsToCheck(node: DirectiveNode, scope: FileScope): Word[] | undefined {
  const substituted = scope.resolved.get(node);
  if (!substituted) return node.args;
  if (!scope.model.definesKnown && substituted.args.some((word) => word.includes('${'))) return undefined;
  const range = directiveReportRange(node);
  return substituted.args.map((value) => ({ value, range }));
}

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
