// Directives whose argument is a regular expression Apache compiles while it
// reads the line (ap_pregcomp, PCRE2), refusing the line when that fails, in
// the words each module uses (verified on 2.4.71). RedirectMatch's pattern is
// redirectArguments.ts's, sections' patterns syntax/section-arguments'.
import { regexSyntaxProblem } from '../../parser/expr/regexSyntax';
import type { Finding } from '../types';
import type { Word } from './words';

/** mod_alias's message for AliasMatch, ScriptAliasMatch and RedirectMatch. */
export const ALIAS_REGEX_REFUSAL = 'Regular expression could not be compiled.';

/** The finding for a pattern Apache cannot compile, or undefined when it may well compile. */
export function regexFinding(word: Word, apache: string): Finding | undefined {
  const problem = regexSyntaxProblem(word.value);
  if (!problem) return undefined;
  return {
    range: word.range,
    message: `This regular expression does not compile: ${problem}. Apache refuses to start with "${apache}".`,
    data: { apacheMessage: apache },
  };
}

/** AliasMatch and ScriptAliasMatch: the first word. */
export function aliasMatchFindings(words: readonly Word[]): Finding[] {
  const finding = words[0] && regexFinding(words[0], ALIAS_REGEX_REFUSAL);
  return finding ? [finding] : [];
}

/**
 * mod_setenvif's add_setenvif_core: the pattern (SetEnvIf's second word,
 * BrowserMatch's first) is compiled first, then SetEnvIf's attribute when it
 * is not a plain header name (letters, digits, `-`, `_`), which makes it a
 * pattern for header names.
 */
export function setEnvIfFindings(directive: string, words: readonly Word[]): Finding[] {
  const browser = directive.toLowerCase().startsWith('browsermatch');
  const pattern = browser ? words[0] : words[1];
  const value = pattern && regexFinding(pattern, `${directive} regex could not be compiled.`);
  if (value) return [value];
  const attribute = browser ? undefined : words[0];
  if (!attribute || /^[-A-Za-z0-9_]*$/.test(attribute.value)) return [];
  const name = regexFinding(attribute, 'SetEnvIfHeader name regex could not be compiled.');
  return name ? [name] : [];
}
