// Numbers with a largest value too: mod_deflate's and mod_brotli's levels and
// window sizes, read with C atoi() and refused outside their range (verified
// on 2.4.71). The least value is values.json's (a 'number' with its minimum,
// numbers.ts); this reports a value above the largest.
import type { Finding } from '../types';
import { atoi } from './cNumber';
import type { Word } from './words';

const LARGEST: Readonly<Record<string, { min: number; max: number; apache: string }>> = {
  deflatecompressionlevel: { min: 1, max: 9, apache: 'Compression Level must be between 1 and 9' },
  deflatememlevel: { min: 1, max: 9, apache: 'DeflateMemLevel must be between 1 and 9' },
  deflatewindowsize: { min: 1, max: 15, apache: 'DeflateWindowSize must be between 1 and 15' },
  brotlicompressionquality: { min: 0, max: 11, apache: 'BrotliCompressionQuality must be between 0 and 11' },
  brotlicompressionwindow: { min: 10, max: 24, apache: 'BrotliCompressionWindow must be between 10 and 24' },
  brotlicompressionmaxinputblock: { min: 16, max: 24, apache: 'BrotliCompressionMaxInputBlock must be between 16 and 24' },
};

export const BOUNDED_NUMBERS = Object.keys(LARGEST);

export function boundedNumberFindings(directive: string, words: readonly Word[]): Finding[] {
  const bounds = LARGEST[directive.toLowerCase()];
  const word = words[0];
  if (!bounds || !word) return [];
  const value = atoi(word.value);
  if (value <= bounds.max) return [];
  const read = String(value) === word.value ? '' : ` Apache reads '${word.value}' as ${value}: the leading digits, as a 32-bit number.`;
  return [
    {
      range: word.range,
      message: `${directive} takes a number from ${bounds.min} to ${bounds.max}, so Apache refuses to start with "${bounds.apache}".${read}`,
      data: { apacheMessage: bounds.apache },
    },
  ];
}
