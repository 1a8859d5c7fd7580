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

/** The words of a code, split at blanks as ap_getword_conf splits them (quotes aside). */
export function expiryWords(code: string): string[] {
  return code.split(/\s+/).filter((word) => word !== '');
}

export type PairFault = { fault: 'number'; word: string } | { fault: 'missing type' } | { fault: 'type'; word: string };

/** The first fault in the `{<num> <type>}*` words that mod_expires and mod_usertrack read alike, or undefined. */
export function numberTypeFault(words: readonly string[]): PairFault | undefined {
  for (let at = 0; at < words.length; at += 2) {
    if (!/^\d/.test(words[at])) return { fault: 'number', word: words[at] };
    const unit = words[at + 1];
    if (unit === undefined) return { fault: 'missing type' };
    if (!UNITS.test(unit)) return { fault: 'type', word: unit };
  }
  return undefined;
}

/** Why check_code refuses `code`, in its words, or undefined. */
function codeRefusal(code: string): string | undefined {
  if (code.startsWith('A') || code.startsWith('M')) return undefined;
  const [base = '', ...rest] = expiryWords(code);
  if (!/^[anm]/i.test(base)) return `bad expires code, unrecognised <base> '${base}'`;
  if (/^p/i.test(rest[0] ?? '')) rest.shift();
  const found = numberTypeFault(rest);
  if (!found) return undefined;
  if (found.fault === 'number') return `bad expires code, numeric value expected <num> '${found.word}'`;
  if (found.fault === 'missing type') return 'bad expires code, missing <type>';
  return `bad expires code, unrecognised <type>'${found.word}'`;
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
