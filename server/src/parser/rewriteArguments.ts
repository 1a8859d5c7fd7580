// mod_rewrite splits RewriteRule and RewriteCond lines itself (parseargline in
// modules/mappers/mod_rewrite.c), not with ap_getword_conf: a quote opens an
// argument only at its start and nothing escapes it; `\` before a blank keeps
// the blank (and the `\`) in the argument; the third argument is the last, and
// whatever follows it is ignored without a word.

import type { QuoteStyle } from './ast';
import { isApacheSpace } from './logicalLines';
import { skipSpaces, type Word } from './words';

export interface RewriteArguments {
  /** The arguments mod_rewrite reads, at most three; `value` is the text inside any quotes, as written. */
  words: Word[];
  /** False when the line ends inside its first argument: Apache refuses it ("bad argument line"). */
  complete: boolean;
  /** The text after the third argument, which Apache never reads; absent when there is none. */
  ignored?: { start: number; end: number };
}

const BACKSLASH = 92;

/** Reads the arguments in `text` from `from` to `to` (by default the end with trailing blanks left out, as Apache trims the line). */
export function rewriteArguments(text: string, from = 0, to = trimmedEnd(text)): RewriteArguments {
  const words: Word[] = [];
  let i = skipSpaces(text, from, to);
  for (;;) {
    const quote: QuoteStyle = text[i] === '"' || text[i] === "'" ? (text[i] as QuoteStyle) : '';
    const start = i;
    if (quote) i++;
    const valueStart = i;
    for (; i < to; i++) {
      if ((quote === '' && isApacheSpace(text.charCodeAt(i))) || text[i] === quote) break;
      if (text.charCodeAt(i) === BACKSLASH && i + 1 < to && isApacheSpace(text.charCodeAt(i + 1))) i++;
    }
    const closed = quote === '' || i < to;
    words.push({ start, end: quote && closed ? i + 1 : i, value: text.slice(valueStart, i), quote, closed });
    if (i >= to) return { words, complete: words.length > 1 };
    // The character that ended the argument (a blank or the closing quote) is dropped.
    i = skipSpaces(text, i + 1, to);
    if (words.length === 3) return i < to ? { words, complete: true, ignored: { start: i, end: to } } : { words, complete: true };
    if (words.length === 2 && i >= to) return { words, complete: true };
  }
}

function trimmedEnd(text: string): number {
  let end = text.length;
  while (end > 0 && isApacheSpace(text.charCodeAt(end - 1))) end--;
  return end;
}
