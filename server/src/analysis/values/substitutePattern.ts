// mod_substitute's Substitute (set_pattern, verified on 2.4.71): s, any
// delimiter, a pattern that is not empty, the replacement, then flags from
// i, n, f and q; the pattern compiles as PCRE2 unless n makes it plain text.
// Apache's scan reads past the end of a line that stops right after the
// second delimiter ("s/a/"), so what it makes of such a line is not judged.
import type { Finding } from '../types';
import { regexFinding } from './regexArguments';
import { refusedWord, type Word } from './words';

export function substituteFindings(words: readonly Word[]): Finding[] {
  const [word] = words;
  if (!word) return [];
  const refused = (apache: string, advice: string): Finding[] => [refusedWord(word, apache, advice)];
  const line = word.value;
  if (line.charAt(0).toLowerCase() !== 's') return refused('Bad Substitute format, must be an s/// pattern', 'Write s/pattern/replacement/ with optional flags, for example s/http:/https:/i.');
  const delimiter = line.charAt(1);
  const fromEnd = delimiter ? line.indexOf(delimiter, 3) : -1;
  // A pattern that ends at the line's end has no replacement; an empty one (s//x/) is refused too.
  if (!delimiter || line.length < 3 || line.charAt(2) === delimiter || fromEnd === -1) {
    return refused('Bad Substitute format, must be a complete s/// pattern', `After s and its delimiter '${delimiter || '/'}' come a pattern that is not empty, the delimiter, the replacement and the delimiter again.`);
  }
  const from = line.slice(2, fromEnd);
  const toStart = fromEnd + 1;
  if (toStart >= line.length) return [];
  const toEnd = line.charAt(toStart) === delimiter ? toStart : line.indexOf(delimiter, toStart + 1);
  const flags = toEnd === -1 ? '' : line.slice(toEnd + 1);
  const bad = [...flags].find((flag) => !'infq'.includes(flag.toLowerCase()));
  if (bad !== undefined) return refused('Bad Substitute flag, only s///[infq] are supported', `'${bad}' is not a flag: i ignores case, n takes the pattern as plain text, f and q choose whether the result is matched again.`);
  if (/n/i.test(flags)) return [];
  const compiled = regexFinding({ value: from, range: word.range }, 'Substitute could not compile regex');
  return compiled ? [compiled] : [];
}
