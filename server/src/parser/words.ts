// Apache's word splitting (ap_getword_conf): words are separated by blanks;
// a word that starts with " or ' runs to the matching quote, and inside it only
// `\\` and `\<quote>` are escapes. A closing quote ends the word even when text
// follows directly (`"a"b` is two words). Outside quotes `\\` still collapses.

import { isApacheSpace } from './logicalLines';
import type { QuoteStyle } from './ast';

export interface Word {
  /** Logical offsets of the word as written. */
  start: number;
  end: number;
  value: string;
  quote: QuoteStyle;
  closed: boolean;
}

export function skipSpaces(text: string, from: number, to = text.length): number {
  let i = from;
  while (i < to && isApacheSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Where the text from `contentStart` ends once trailing blanks are dropped. */
export function trimmedEnd(text: string, contentStart: number): number {
  let end = text.length;
  while (end > contentStart && isApacheSpace(text.charCodeAt(end - 1))) end--;
  return end;
}

export function splitWords(text: string, from: number, to = text.length): Word[] {
  const words: Word[] = [];
  let i = skipSpaces(text, from, to);
  while (i < to) {
    const word = readWord(text, i, to);
    words.push(word);
    i = skipSpaces(text, word.end, to);
  }
  return words;
}

export function readWord(text: string, start: number, to = text.length): Word {
  const first = text[start];
  if (first === '"' || first === "'") {
    let i = start + 1;
    while (i < to && text[i] !== first) {
      i += text[i] === '\\' && i + 1 < to && (text[i + 1] === first || text[i + 1] === '\\') ? 2 : 1;
    }
    const closed = i < to;
    return {
      start,
      end: closed ? i + 1 : i,
      value: unescape(text.slice(start + 1, i), first),
      quote: first,
      closed,
    };
  }
  let i = start;
  while (i < to && !isApacheSpace(text.charCodeAt(i))) i++;
  return { start, end: i, value: unescape(text.slice(start, i), ''), quote: '', closed: true };
}

function unescape(body: string, quote: QuoteStyle): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const next = body[i + 1];
    if (body[i] === '\\' && (next === '\\' || (quote !== '' && next === quote))) {
      out += next;
      i++;
    } else {
      out += body[i];
    }
  }
  return out;
}
