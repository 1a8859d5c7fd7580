// DBDMin, DBDKeep, DBDMax and DBDExptime take a count or a time in seconds,
// which mod_dbd wants as digits only: no sign, no unit (verified on 2.4.71).
import type { Finding } from '../types';
import type { Word } from './words';

export function dbdNumberFindings(words: readonly Word[]): Finding[] {
  const [number] = words;
  if (!number || /^\d+$/.test(number.value)) return [];
  const apache = 'Argument must be numeric!';
  return [{ range: number.range, message: `'${number.value}' is not a number written with digits only: Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
}
