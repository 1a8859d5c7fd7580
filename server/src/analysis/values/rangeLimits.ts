// core's MaxRanges, MaxRangeOverlaps and MaxRangeReversals (set_max_ranges
// and its twins): none, default or unlimited in any case, or a number C atoi()
// reads as more than 0 ("5x" is 5).
import type { Finding } from '../types';
import { atoi } from './cNumber';
import type { Word } from './words';

const KEYWORDS = ['none', 'default', 'unlimited'];

export function rangeLimitFindings(directive: string, words: readonly Word[]): Finding[] {
  const word = words[0];
  if (!word || KEYWORDS.includes(word.value.toLowerCase()) || atoi(word.value) > 0) return [];
  const apache = `${directive} requires 'none', 'default', 'unlimited' or a positive integer`;
  return [{ range: word.range, message: `'${word.value}' is not a limit ${directive} takes. Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
}
