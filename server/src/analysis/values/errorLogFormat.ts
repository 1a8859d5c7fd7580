// ErrorLogFormat (verified on 2.4.71): with two words the first names the
// kind of line, `connection` or `request`; the main format (one word) must
// hold the message item, %M (with or without flags and an {argument}), and
// its items may not take the `+` flag. Other items are not judged here.
import type { Finding } from '../types';
import type { Word } from './words';

/** The items of a format, `%%` (a literal percent sign) left out: flags, argument and letter. */
function items(format: string): { flags: string; letter: string }[] {
  return [...format.matchAll(/%%|%([-+0-9]*)(?:\{[^}]*\})?([A-Za-z])?/g)].filter((item) => item[0] !== '%%').map((item) => ({ flags: item[1] ?? '', letter: item[2] ?? '' }));
}

export function errorLogFormatFindings(words: readonly Word[]): Finding[] {
  if (words.length === 2) {
    const [kind] = words;
    if (['connection', 'request'].includes(kind.value.toLowerCase())) return [];
    const apache = 'ErrorLogFormat type must be one of request, connection';
    return [{ range: kind.range, message: `'${kind.value}' is not a kind of error log line: Apache refuses to start with "${apache}". Write connection or request before the format, or give the main format alone.`, data: { apacheMessage: apache } }];
  }
  const [format] = words;
  if (!format) return [];
  const found = items(format.value);
  let apache: string | undefined;
  let why = '';
  if (found.some((item) => item.flags.includes('+'))) {
    apache = "The '+' flag cannot be used in the main error log format";
    why = 'uses the + flag, which only the connection and request formats take';
  } else if (!found.some((item) => item.letter === 'M')) {
    apache = "main ErrorLogFormat must contain message format string '%M'";
    why = 'has no %M, the message itself';
  }
  if (!apache) return [];
  return [{ range: format.range, message: `The main error log format ${why}: Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
}
