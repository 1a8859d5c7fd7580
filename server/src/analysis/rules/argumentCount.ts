import { forEachLiveNode } from '../liveNodes';
import { directiveReportRange } from '../reportRange';
import type { Rule } from '../types';
import { inLocation, isOneArgumentAlias } from '../aliasInLocation';
import { argvCount, HANDLER_COUNTS, HANDLER_WORDS } from '../../knowledge/handlerCounts';
import type { DirectiveNode } from '../../parser/ast';
import type { FileScope } from '../fileScope';
import { parseExpressionOnce } from '../expressionsInFile';
import { setEnvIfFindings } from '../values/regexArguments';
import { emptyRequiredWord, wordsToCheck } from '../values/words';

export const argumentCount: Rule = {
  id: 'args/count',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/directive-dict.html#Syntax',
  summary: 'A directive has more or fewer arguments than Apache accepts, or a flag that is not On or Off.',
  check({ file, scope, directives, report }) {
    forEachLiveNode(file, scope, (node) => {
      if (node.kind !== 'directive') return;
      // Apache counts the words after ${VAR} substitution: a value with spaces is several.
      const substituted = scope.resolved.get(node);
      const fact = directives.lookup(substituted?.name ?? node.name);
      if (!fact?.arguments) return;
      const { kind, min, max } = fact.arguments;
      const count = substituted ? substituted.args.length : node.args.length;
      const first = substituted ? substituted.args[0] : node.args[0]?.value;
      const syntax = fact.syntax ? ` Syntax: ${fact.syntax}` : '';
      if (kind === 'flag') {
        const value = first?.toLowerCase();
        if (value !== 'on' && value !== 'off') {
          report({
            range: directiveReportRange(node),
            message: `${fact.name} is a switch: give one argument, On or Off. Apache refuses to start with "${fact.name} must be On or Off".`,
          });
        } else if (count > 1) {
          // Apache reads a switch's first word and never looks at the rest (verified on 2.4.71).
          report({
            range: directiveReportRange(node),
            severity: 'warning',
            message: `${fact.name} is a switch: Apache reads only its first word, ${first}, and ignores the rest without a word. Remove the words after it.`,
          });
        }
        return;
      }
      if (isOneArgumentAlias(node, scope.resolved) && !inLocation(node, scope.enclosing)) {
        report({
          range: directiveReportRange(node),
          message: `${fact.name} takes two arguments, the URL path and the target, except inside <Location> (which gives the path): Apache refuses to start with "${fact.name} must have two arguments when used globally".${syntax}`,
        });
        return;
      }
      const handler = kind === 'raw' ? HANDLER_COUNTS.get(fact.name.toLowerCase()) : undefined;
      if (handler) {
        const words = substituted ? substituted.args : node.words;
        const given = argvCount(words);
        if (given < handler.min || given > handler.max) {
          report({
            range: directiveReportRange(node),
            message:
              `${fact.name} ${expected(handler.min, handler.max)}, but has ${given}${substituted ? ' once ${…} is substituted' : ''}` +
              `${given < words.length ? ' (a last "" is no argument)' : ''}. Apache refuses to start with "${handler.refusal}"${syntax}`,
            data: { min: handler.min, max: handler.max, count: given },
          });
        }
        return;
      }
      const required = kind === 'raw' ? HANDLER_WORDS.get(fact.name.toLowerCase()) : undefined;
      if (required) {
        const words = substituted ? substituted.args : node.words;
        // An empty "" is no word; to ap_getword_conf2, neither is `{}` (written so, not quoted).
        const inBraces = (index: number) => (substituted ? words[index] : node.args[index]?.raw)?.startsWith('{}') === true;
        const missing = required.findIndex((needed, index) => !words[index] || (needed.braces === true && inBraces(index)));
        if (missing < 0) return;
        // A pattern or expression the handler refuses before it reads the word is another rule's, and comes first.
        if (required[missing].afterPattern && patternRefused(fact.name, node, scope)) return;
        const written = substituted ? undefined : node.args[missing];
        report({
          range: written?.range ?? directiveReportRange(node),
          message:
            `${fact.name} needs ${required[missing].what}${written ? ` (Apache counts an empty ${written.raw} as none)` : ''}: ` +
            `Apache refuses to start with "${required[missing].refusal} ${fact.name}".${syntax}`,
        });
        return;
      }
      if (kind === 'raw' || (count >= min && (max === null || count <= max))) {
        const empty = substituted ? undefined : emptyRequiredWord(fact, node.args);
        if (empty) {
          report({
            range: empty.range,
            message: `${fact.name} ${expected(min, max)}, and Apache counts an empty ${empty.raw} as none: it refuses to start with "${fact.name} ${apachePhrase(min, max)}".${syntax}`,
          });
        }
        return;
      }
      report({
        range: directiveReportRange(node),
        message:
          `${fact.name} ${expected(min, max)}, but has ${count}${substituted ? ' once ${…} is substituted' : ''}. ` +
          `Apache refuses to start with "${fact.name} ${apachePhrase(min, max)}".${syntax}`,
        data: { min, max, count },
      });
    });
  },
};

function expected(min: number, max: number | null): string {
  const plural = (n: number) => `${n} argument${n === 1 ? '' : 's'}`;
  if (max === null) return `needs at least ${plural(min)}`;
  if (min === max) return min === 0 ? 'takes no arguments' : `takes exactly ${plural(min)}`;
  return `takes ${min} to ${plural(max)}`;
}

/** Apache's own wording (server/config.c), so the user can match the error log. */
function apachePhrase(min: number, max: number | null): string {
  const words = ['no', 'one', 'two', 'three'];
  if (max === null) return `requires at least ${words[min] ?? min} argument${min === 1 ? '' : 's'}`;
  if (min === max) return min === 0 ? 'takes no arguments' : `takes ${words[min] ?? min} argument${min === 1 ? '' : 's'}`;
  if (min === 1 && max === 2) return 'takes 1-2 arguments';
  if (min === 2 && max === 3) return 'takes two or three arguments';
  if (min === 1 && max === 3) return 'takes one, two or three arguments';
  return `takes ${min}-${max} arguments`;
}

/** Whether SetEnvIfExpr's expression does not parse, or another mod_setenvif line's pattern does not compile. */
function patternRefused(name: string, node: DirectiveNode, scope: FileScope): boolean {
  const words = wordsToCheck(node, scope);
  if (!words) return true;
  if (name.toLowerCase() === 'setenvifexpr') return parseExpressionOnce(words[0].value, false).error !== undefined;
  return setEnvIfFindings(name, words).length > 0;
}
