// LimitRequestBody and DeflateInflateLimitRequestBody read their word with
// apr_strtoff (verified on 2.4.71): optional blanks and sign, then decimal
// digits and nothing after them ("requires a non-negative integer."); a
// number past 64 bits is "not parsable", which is not judged here.
import type { Finding } from '../types';
import type { Word } from './words';

export function byteCountFindings(directive: string, words: readonly Word[]): Finding[] {
  const [word] = words;
  if (!word) return [];
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)$/.exec(word.value);
  if (match && (match[1] !== '-' || /^0+$/.test(match[2]))) return [];
  if (match && match[2].length > 18) return [];
  const apache = `${directive} requires a non-negative integer.`;
  return [{ range: word.range, message: `'${word.value}' is not a number of bytes: Apache refuses to start with "${apache}". Write the limit in bytes with digits only (10485760 for 10 MiB), or 0 for none.`, data: { apacheMessage: apache } }];
}
