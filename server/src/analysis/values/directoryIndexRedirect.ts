// DirectoryIndexRedirect (verified on 2.4.71): `on`, `off`, `permanent`,
// `temp` or `seeother` in any case, or a word starting with a digit that C's
// atoi reads as a 3xx status (`301x` passes as 301, `3xx` is 3 and refused).
import type { Finding } from '../types';
import { atoi } from './cNumber';
import type { Word } from './words';

const KEYWORDS = new Set(['on', 'off', 'permanent', 'temp', 'seeother']);

export function directoryIndexRedirectFindings(words: readonly Word[]): Finding[] {
  const [word] = words;
  if (!word || KEYWORDS.has(word.value.toLowerCase())) return [];
  const status = atoi(word.value);
  if (/^\d/.test(word.value) && status >= 300 && status <= 399) return [];
  const apache = /^\d/.test(word.value) ? 'DirectoryIndexRedirect only accepts values between 300 and 399' : 'DirectoryIndexRedirect ON|OFF|permanent|temp|seeother|3xx';
  return [{ range: word.range, message: `'${word.value}' is neither on, off, permanent, temp, seeother nor a 3xx status: Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
}
