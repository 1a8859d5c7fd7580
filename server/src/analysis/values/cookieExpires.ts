// mod_usertrack's CookieExpires (set_cookie_exp, verified on 2.4.71): a
// value that starts and ends with a digit is seconds, taken as it is.
// Otherwise mod_expires's words without the base: an optional word starting
// with `p` (`plus`), then pairs of a number and a unit (expiresCode.ts).
import type { Finding } from '../types';
import { expiryWords, numberTypeFault } from './expiresCode';
import type { Word } from './words';

const REFUSALS = {
  number: 'bad expires code, numeric value expected.',
  'missing type': 'bad expires code, missing <type>',
  type: 'bad expires code, unrecognized type',
} as const;

export function cookieExpiresFindings(words: readonly Word[]): Finding[] {
  const [code] = words;
  if (!code || /^\d(?:.*\d)?$/s.test(code.value)) return [];
  const pairs = expiryWords(code.value);
  if (/^p/i.test(pairs[0] ?? '')) pairs.shift();
  const found = numberTypeFault(pairs);
  if (!found) return [];
  const apache = REFUSALS[found.fault];
  return [
    {
      range: code.range,
      message: `'${code.value}' is not an expiry CookieExpires reads: Apache refuses to start with "${apache}". Write seconds (3600), or a period such as "plus 1 month" (units years, months, weeks, days, hours, minutes, seconds), in quotes as one word.`,
      data: { apacheMessage: apache },
    },
  ];
}
