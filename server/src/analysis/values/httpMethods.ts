// AllowMethods' words (verified on 2.4.71): `reset` alone, in any case, or
// methods as httpd's method registry spells them, letter case included
// (`GET,POST` and `get` are refused: "AllowMethods: Invalid Method 'get'").
// A module may register more methods when it loads; only Apache's own
// modules are known not to, so a tree with another module is not judged.
import type { Finding } from '../types';
import type { Word } from './words';

/** The methods httpd registers itself (its M_ methods), and HEAD, which it counts as GET. */
const METHODS = new Set([
  'GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'PROPFIND', 'PROPPATCH', 'MKCOL', 'COPY', 'MOVE', 'LOCK', 'UNLOCK',
  'VERSION-CONTROL', 'CHECKOUT', 'UNCHECKOUT', 'CHECKIN', 'UPDATE', 'LABEL', 'REPORT', 'MKWORKSPACE', 'MKACTIVITY', 'BASELINE-CONTROL', 'MERGE',
]);

export function allowMethodsFindings(words: readonly Word[], onlyApacheModules: boolean): Finding[] {
  if (!onlyApacheModules || (words.length === 1 && words[0].value.toLowerCase() === 'reset')) return [];
  const word = words.find((candidate) => !METHODS.has(candidate.value));
  if (!word) return [];
  const apache = `AllowMethods: Invalid Method '${word.value}'`;
  const upper = word.value.toUpperCase();
  const hint = METHODS.has(upper)
    ? ` Methods are written in capitals: ${upper}.`
    : /[,;]/.test(word.value)
      ? ' Separate methods with spaces, not commas.'
      : word.value.toLowerCase() === 'reset'
        ? ' `reset` stands alone, to clear the list an outer section set.'
        : ' Name methods httpd knows (GET, POST, PUT, DELETE, OPTIONS, PATCH, the WebDAV ones …).';
  return [{ range: word.range, message: `'${word.value}' is not a method Apache knows: it refuses to start with "${apache}".${hint}`, data: { apacheMessage: apache } }];
}
