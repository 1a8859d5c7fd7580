// Which argument of a RewriteRule or RewriteCond line mod_rewrite compiles as
// a regex while it reads the line (cmd_rewriterule, cmd_rewritecond in
// mod_rewrite.c, after the flags): the rule's pattern, and a condition's
// pattern unless the test string is `expr` or the pattern is a comparison or
// a file test (`=…`, `<…`, `>…`, `-eq…` and the other integer tests, `-f` and
// the other two-character tests). A leading `!` negates and is not compiled.
import type { Word } from '../parser/words';
import type { RewriteDirective } from './rewriteFlagReader';

export interface RewritePattern {
  word: Word;
  /** What PCRE compiles: the word's value without its `!`. */
  regex: string;
}

export function rewritePattern(directive: RewriteDirective, words: readonly Word[]): RewritePattern | undefined {
  const word = directive === 'RewriteRule' ? words[0] : words[1];
  if (!word) return undefined;
  const regex = word.value.startsWith('!') ? word.value.slice(1) : word.value;
  if (directive === 'RewriteCond') {
    if (words[0].value.toLowerCase() === 'expr') return undefined;
    if (/^[=<>]/.test(regex) || /^-(eq|ge|gt|le|lt|ne)/i.test(regex) || /^-.$/.test(regex)) return undefined;
  }
  return { word, regex };
}
