// core's CGIVar knows one variable, REQUEST_URI, written so, whose rule is
// current-uri or original-uri in any case (set_cgi_var, verified on 2.4.71).
import type { Finding } from '../types';
import type { Word } from './words';

export function cgiVarFindings(words: readonly Word[]): Finding[] {
  const [variable, rule] = words;
  if (!variable || !rule) return [];
  if (variable.value !== 'REQUEST_URI') {
    const apache = `Unrecognized CGI variable: "${variable.value}"`;
    const message = `CGIVar sets only REQUEST_URI, in capitals. Apache refuses to start with "${apache}".`;
    return [{ range: variable.range, message, data: { apacheMessage: apache } }];
  }
  const lower = rule.value.toLowerCase();
  if (lower === 'current-uri' || lower === 'original-uri') return [];
  const apache = "Valid rules for REQUEST_URI are 'current-uri' and 'original-uri'";
  return [{ range: rule.range, message: `REQUEST_URI takes current-uri or original-uri. Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
}
