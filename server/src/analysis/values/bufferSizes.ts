// The socket and proxy buffer sizes (SendBufferSize, ReceiveBufferSize,
// ProxyIOBufferSize, ProxyReceiveBufferSize) are read with C atoi() and must
// be 0, for the system's default, or at least 512 (verified on 2.4.71).
import type { Finding } from '../types';
import { atoi } from './cNumber';
import type { Word } from './words';

export function bufferSizeFindings(directive: string, words: readonly Word[]): Finding[] {
  const [word] = words;
  if (!word) return [];
  const value = atoi(word.value);
  if (value === 0 || value >= 512) return [];
  const apache = `${directive} must be >= 512 bytes, or 0 for system default.`;
  const read = String(value) === word.value ? '' : ` Apache reads '${word.value}' as ${value}: the leading digits, as a 32-bit number.`;
  return [{ range: word.range, message: `${directive} takes 0 (the system's default) or at least 512 bytes, so Apache refuses to start with "${apache}".${read}`, data: { apacheMessage: apache } }];
}
