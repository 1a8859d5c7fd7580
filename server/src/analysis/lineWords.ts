import type { Range } from 'vscode-languageserver-types';
import type { DirectiveNode } from '../parser/ast';
import type { FileScope } from './fileScope';
import { directiveReportRange } from './reportRange';

/** A directive line's words as Apache reads them, and where to report on them. */
export interface LineWords {
  /** The directive's name, which may come from a ${VAR} too. */
  name: string;
  /** The arguments after ${VAR} substitution. */
  words: readonly string[];
  /** As written, quotes included; for a line with ${VAR}, the substituted words (their quotes are gone). */
  raw: readonly string[];
  /** The range of words `from` to `to` (the directive's name, for a line with ${VAR}, as its words no longer match the text). */
  rangeOf(from: number, to?: number): Range;
}

/**
 * The words of a directive as written, or for a line with ${VAR} as substituted
 * (the whole line substituted and split again). Undefined for a line whose
 * ${VAR} no Define gives a value when the tree's Defines are unknown (a file
 * read without its main configuration): Apache may well see other words there.
 */
export function lineWords(node: DirectiveNode, scope: FileScope): LineWords | undefined {
  const substituted = scope.resolved.get(node);
  if (substituted) {
    if (!scope.model.definesKnown && substituted.args.some((word) => word.includes('${'))) return undefined;
    const range = directiveReportRange(node);
    return { name: substituted.name, words: substituted.args, raw: substituted.args, rangeOf: () => range };
  }
  const args = node.args;
  // Apache blames the last physical line of a continued directive: the range runs there.
  const end = node.continuedLines > 0 ? node.range.end : undefined;
  return {
    name: node.name,
    words: args.map((arg) => arg.value),
    raw: args.map((arg) => arg.raw),
    rangeOf: (from, to = from) => ({ start: args[from].range.start, end: end ?? args[to].range.end }),
  };
}
