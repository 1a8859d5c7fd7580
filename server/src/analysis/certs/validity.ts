// Where a certificate stands against a clock, in whole days (rounded down):
// one reckoning for the expiry rules, the hover and the code lens, so they
// never disagree by a day.
import type { CertificateFacts } from './describeCertificate';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface Validity {
  state: 'valid' | 'expired' | 'not-yet-valid';
  /** Days left (valid), since expiry (expired) or until valid (not yet valid). */
  days: number;
  /** The same distance in milliseconds. */
  ms: number;
}

export function validityAt(facts: Pick<CertificateFacts, 'notBefore' | 'notAfter'>, now: Date): Validity {
  const of = (ms: number, state: Validity['state']): Validity => ({ state, ms, days: Math.floor(ms / DAY_MS) });
  if (now < facts.notBefore) return of(facts.notBefore.getTime() - now.getTime(), 'not-yet-valid');
  if (now > facts.notAfter) return of(now.getTime() - facts.notAfter.getTime(), 'expired');
  return of(facts.notAfter.getTime() - now.getTime(), 'valid');
}

/** "1 day", "12 days". */
export function dayCount(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** YYYY-MM-DD in UTC, as certificates state their dates. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
