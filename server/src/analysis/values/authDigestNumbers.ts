// mod_auth_digest's numbers (verified on 2.4.71). AuthDigestNonceLifetime:
// seconds as strtol reads them, a blank or nothing after the digits.
// AuthDigestShmemSize: bytes as strtol reads them, then (after blanks) an
// optional b, k or m (only its first letter is read), at least the 88 bytes
// its table needs on a 64-bit build.
import type { Finding } from '../types';
import { strtoll } from './cNumber';
import { refusedWord, type Word } from './words';

/** sizeof(*client_list) + sizeof(client_entry *) + sizeof(client_entry) on x86_64 Linux. */
const SHMEM_MIN = 88n;

export function nonceLifetimeFindings(words: readonly Word[]): Finding[] {
  const [word] = words;
  if (!word) return [];
  const { end } = strtoll(word.value);
  if (end === '' || /^[ \t\n\v\f\r]/.test(end)) return [];
  return [refusedWord(word, `Invalid time in AuthDigestNonceLifetime: ${word.value}`, 'AuthDigestNonceLifetime takes seconds, such as 300, or a negative number for nonces that never expire.')];
}

export function shmemSizeFindings(words: readonly Word[]): Finding[] {
  const [word] = words;
  if (!word) return [];
  const { value, end } = strtoll(word.value);
  const unit = end.trimStart().charAt(0).toLowerCase();
  const factor = unit === '' || unit === 'b' ? 1n : unit === 'k' ? 1024n : unit === 'm' ? 1048576n : undefined;
  const advice = 'AuthDigestShmemSize takes bytes, optionally followed by K or M, such as 1M.';
  if (factor === undefined) return [refusedWord(word, `Invalid size in AuthDigestShmemSize: ${word.value}`, advice)];
  // A C long: past 64 bits the product wraps.
  const size = BigInt.asIntN(64, value * factor);
  return size < SHMEM_MIN ? [refusedWord(word, `size in AuthDigestShmemSize too small: ${size} < ${SHMEM_MIN}`, advice)] : [];
}
