// ap_set_int_slot (server/config.c, verified on 2.4.71), the handler of
// mod_proxy_html's ProxyHTMLBufSize: C strtol over the whole word. Leading
// blanks and a sign pass, and a value past 64 bits is clamped without a word;
// no digits, or anything after them, and Apache refuses the line.
import type { Finding } from '../types';
import { wholeDecimal } from './cNumber';
import type { Word } from './words';

export function intSlotFindings(directive: string, words: readonly Word[]): Finding[] {
  const [word] = words;
  if (!word) return [];
  if (wholeDecimal(word.value) !== undefined) return [];
  const apache = `Invalid value for directive ${directive}, expected integer`;
  return [{ range: word.range, message: `${directive} takes a whole number in decimal, nothing after it. Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
}
