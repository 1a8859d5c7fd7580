// The interpolated paths of mod_vhost_alias (VirtualDocumentRoot,
// VirtualScriptAlias and their IP forms), as its handler reads them (verified
// on 2.4.71): an absolute path, or `none` in any case; in the path each `%`
// is followed by `%`, `p`, or `[-]N[+]` with an optional `.[-]M[+]`, N and M
// one digit each.
import type { Finding } from '../types';
import type { Word } from './words';

const PART = /^(?:[%p]|-?\d\+?(?:\.-?\d\+?|(?!\.)))/;

export function vhostAliasFindings(words: readonly Word[]): Finding[] {
  const [format] = words;
  if (!format) return [];
  const text = format.value;
  let apache: string | undefined;
  let why = '';
  if (!text.startsWith('/')) {
    if (text.toLowerCase() !== 'none') {
      apache = "format string must be an absolute path, or 'none'";
      why = 'is neither an absolute path nor none';
    }
  } else {
    for (let at = text.indexOf('%'); at >= 0; at = text.indexOf('%', at + 1)) {
      const part = PART.exec(text.slice(at + 1));
      if (!part) {
        apache = 'syntax error in format string';
        why = `has a % at ${JSON.stringify(text.slice(at, at + 3))} that is not %%, %p or %N[.M] (N and M single digits, each with an optional - before and + after)`;
        break;
      }
      at += part[0].length;
    }
  }
  if (!apache) return [];
  return [{ range: format.range, message: `'${text}' ${why}: Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
}
