// Durations read by ap_timeout_parameter_parse (KeepAliveTimeout, the CGI
// script timeouts, mod_ldap's retry delay, the memcache and redis TTLs,
// H2StreamTimeout and H2MaxWorkerIdleSeconds),
// verified on 2.4.71: an optional sign and digits, as strtoll reads them,
// then nothing (the directive's default unit) or a unit told by its first
// letters, in lower case: `s`, `ms`, `mi` (minutes), `h`; what follows them
// is not read (`5min` is five minutes). A negative duration is refused, and
// so is any other word after the digits ("KeepAliveTimeout has wrong format").
// Thirteen digits and more may overflow in microseconds: not judged.
import type { Finding } from '../types';
import type { Word } from './words';

const DURATION = /^(?:\s*([+-]?)(\d+))?(?:(?:s|h|m[si])[\s\S]*)?$/;

/** `apache` is the handler's refusal, when it is not "DIRECTIVE has wrong format" (mod_http2 has its own). */
export function durationFindings(directive: string, words: readonly Word[], apache = `${directive} has wrong format`): Finding[] {
  const [word] = words;
  if (!word) return [];
  const match = DURATION.exec(word.value);
  if (match && (match[1] !== '-' || /^0+$/.test(match[2]))) return [];
  if (/\d{13}/.test(word.value)) return [];
  const why = match ? 'is negative' : 'is not a whole number, optionally followed by a unit: s, ms, mi (minutes) or h';
  return [{ range: word.range, message: `'${word.value}' ${why}: Apache refuses to start with "${apache}". Write a number of seconds (5), or one with its unit (500ms, 2mi).`, data: { apacheMessage: apache } }];
}
