// The words of a directive line as Apache checks its values.
import type { DirectiveFact } from '../../knowledge/directiveIndex';
import type { DirectiveNode, Range } from '../../parser/ast';
import type { FileScope } from '../fileScope';
import type { Finding } from '../types';
import { directiveReportRange } from '../reportRange';

export interface Word {
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
export function wordsToCheck(node: DirectiveNode, scope: FileScope): Word[] | undefined {
  const substituted = scope.resolved.get(node);
  if (!substituted) return node.args;
  if (!scope.model.definesKnown && substituted.args.some((word) => word.includes('${'))) return undefined;
  const range = directiveReportRange(node);
  return substituted.args.map((value) => ({ value, range }));
}

/** An ITERATE directive's words: Apache stops at the first empty one ("" ends the list, verified with LogLevel on 2.4.71). */
export function iteratedWords<T extends string | Word>(words: readonly T[]): readonly T[] {
  const end = words.findIndex((word) => (typeof word === 'string' ? word : word.value) === '');
  return end < 0 ? words : words.slice(0, end);
}

/**
 * A word Apache needs that is an empty "": it reads it as no word at all, so
 * the line has too few (args/count). TAKE directives need their first `min`
 * words; a list (ITERATE, ITERATE2) ends at its first empty word, so only an
 * empty first word leaves it with none.
 */
export function emptyRequiredWord<T extends { value: string }>(fact: DirectiveFact, words: readonly T[]): T | undefined {
  const rule = fact.arguments;
  const required = rule?.kind === 'take' ? rule.min : rule?.kind === 'iterate' ? 1 : 0;
  return words.slice(0, required).find((word) => word.value === '');
}

/** A word Apache refuses while reading the line: its message quoted, then what to write instead. */
export function refusedWord(word: Word, apache: string, advice: string): Finding {
  return { range: word.range, message: `Apache refuses this line: "${apache}". ${advice}`, data: { apacheMessage: apache } };
}
