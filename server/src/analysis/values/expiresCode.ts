// mod_expires's codes, as its check_code reads them (verified on 2.4.71):
// a code starting with `A` or `M` is the old seconds form (`A3600`), taken
// as it is. Otherwise words: the base, told by its first letter (`access`
// or `now`, `modification`), an optional word starting with `p` (`plus`),
// then pairs of a number (a word starting with a digit) and a unit told by
// its first letters: `y`, `mo`, `w`, `d`, `h`, `mi`, `s`. ExpiresByType
// first wants a MIME type with a slash.
import type { Finding } from '../types';
import type { Word } from './words';

const UNITS = /^(?:y|mo|w|d|h|mi|s)/i;

/** Why check_code refuses `code`, in its words, or undefined. */
function codeRefusal(code: string): string | undefined {
  if (code.startsWith('A') || code.startsWith('M')) return undefined;
  const words = code.split(/\s+/).filter((word) => word !== '');
  const [base = '', ...rest] = words;
  if (!/^[anm]/i.test(base)) return `bad expires code, unrecognised <base> '${base}'`;
  if (/^p/i.test(rest[0] ?? '')) rest.shift();
  for (let at = 0; at < rest.length; at += 2) {
    if (!/^\d/.test(rest[at])) return `bad expires code, numeric value expected <num> '${rest[at]}'`;
    const unit = rest[at + 1];
    if (unit === undefined) return 'bad expires code, missing <type>';
    if (!UNITS.test(unit)) return `bad expires code, unrecognised <type>'${unit}'`;
  }
  return undefined;
}

export function expiresFindings(directive: string, words: readonly Word[]): Finding[] {
  const byType = directive === 'ExpiresByType';
  const [type, code] = byType ? words : [undefined, words[0]];
  if (type && !type.value.includes('/')) {
    const apache = 'Invalid mimetype: should contain a slash';
    return [{ range: type.range, message: `'${type.value}' is not a MIME type: Apache refuses to start with "${apache}". Write type/subtype, such as text/html.`, data: { apacheMessage: apache } }];
  }
  if (!code) return [];
  const refusal = codeRefusal(code.value);
  if (!refusal) return [];
  const apache = `'${directive} ${type ? `${type.value} ` : ''}${code.value}': ${refusal}`;
  return [
    {
      range: code.range,
      message: `'${code.value}' is not an expiry code mod_expires reads: Apache refuses to start with "${apache}". Write "access plus 1 month" (or now, modification; units years, months, weeks, days, hours, minutes, seconds), in quotes as one word.`,
      data: { apacheMessage: apache },
    },
  ];
}
