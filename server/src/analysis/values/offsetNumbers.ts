// Sizes and times Apache reads as 64-bit numbers (verified on 2.4.71): most
// handlers call apr_strtoff, which is C strtoll and fails past 64 bits. Some
// also refuse text after the digits; the others read "10x" as 10 and "abc"
// as 0. Each refuses values outside its own bounds, with its own message.
import type { Finding } from '../types';
import { strtoll } from './cNumber';
import type { Word } from './words';

interface OffsetNumber {
  /** Apache's refusal, for a value out of bounds or not read; {value} stands for the word as written. */
  message: string;
  /** Apache's refusal when apr_strtoff fails (past 64 bits), when it differs from `message`. */
  unparsable?: string;
  min: bigint;
  max?: bigint;
  /** Whether text after the digits is refused; otherwise Apache ignores it. */
  digitsOnly: boolean;
  /** Read with apr_atoi64, which never fails: past 64 bits is the largest value. */
  clamped?: boolean;
  /** One of b, k, m, g (either case) may follow the digits: bytes, KiB, MiB, GiB; Apache's refusal when the bytes pass 64 bits. */
  units?: { tooLarge: string };
  /** What the number counts, for our message. */
  counts: 'bytes' | 'seconds' | 'milliseconds' | 'requests';
}

const NON_NEGATIVE = { min: 0n, digitsOnly: false } as const;

const OFFSET_NUMBERS: Readonly<Record<string, OffsetNumber>> = {
  authformsize: { ...NON_NEGATIVE, counts: 'bytes', message: 'AuthCookieFormSize must be a size in bytes, or zero.' },
  buffersize: { min: 1n, digitsOnly: false, counts: 'bytes', message: 'BufferSize must be a size in bytes, and greater than zero' },
  cachelockmaxage: { min: 1n, digitsOnly: false, clamped: true, counts: 'seconds', message: 'CacheLockMaxAge value must be a non-zero positive integer' },
  cachemaxfilesize: { ...NON_NEGATIVE, counts: 'bytes', message: 'CacheMaxFileSize argument must be a non-negative integer representing the max size of a file to cache in bytes.' },
  cacheminfilesize: { ...NON_NEGATIVE, counts: 'bytes', message: 'CacheMinFileSize argument must be a non-negative integer representing the min size of a file to cache in bytes.' },
  cachereadsize: { ...NON_NEGATIVE, counts: 'bytes', message: 'CacheReadSize argument must be a non-negative integer representing the max amount of data to cache in go.' },
  cachereadtime: { ...NON_NEGATIVE, counts: 'milliseconds', message: 'CacheReadTime argument must be a non-negative integer representing the max amount of time taken to cache in go.' },
  cachesocachemaxsize: {
    min: 1024n,
    max: 4294967295n,
    digitsOnly: false,
    counts: 'bytes',
    message: 'CacheSocacheMaxSize argument must be a integer representing the max size of a cached entry (headers and body), at least 1024 and at most (4294967295U)',
  },
  cachesocachemaxtime: { ...NON_NEGATIVE, counts: 'seconds', message: 'CacheSocacheMaxTime argument must be the maximum amount of time in seconds to cache an entry.' },
  cachesocachemintime: { ...NON_NEGATIVE, counts: 'seconds', message: 'CacheSocacheMinTime argument must be the minimum amount of time in seconds to cache an entry.' },
  cachesocachereadsize: { ...NON_NEGATIVE, counts: 'bytes', message: 'CacheSocacheReadSize argument must be a non-negative integer representing the max amount of data to cache in go.' },
  cachesocachereadtime: { ...NON_NEGATIVE, counts: 'milliseconds', message: 'CacheSocacheReadTime argument must be a non-negative integer representing the max amount of time taken to cache in go.' },
  deflateinflatelimitrequestbody: {
    min: 0n,
    digitsOnly: true,
    counts: 'bytes',
    message: 'DeflateInflateLimitRequestBody requires a non-negative integer.',
    unparsable: 'DeflateInflateLimitRequestBody is not parsable.',
  },
  flushmaxpipelined: { min: -1n, max: 2147483647n, digitsOnly: true, counts: 'requests', message: 'parameter must be a number between -1 and (2147483647): {value}' },
  flushmaxthreshold: { min: 0n, max: 4294967295n, digitsOnly: true, counts: 'bytes', message: 'parameter must be a number between 0 and (4294967295U)): {value}' },
  keptbodysize: { min: 0n, digitsOnly: true, counts: 'bytes', message: 'KeptBodySize must be a valid size in bytes, or zero.' },
  limitrequestbody: { min: 0n, digitsOnly: true, counts: 'bytes', message: 'LimitRequestBody requires a non-negative integer.', unparsable: 'LimitRequestBody argument is not parsable.' },
  readbuffersize: { min: 0n, max: 4294967295n, digitsOnly: true, counts: 'bytes', message: 'parameter must be a number between 0 and (4294967295U)): {value}' },
  substitutemaxlinelength: {
    min: 0n,
    digitsOnly: true,
    units: { tooLarge: 'SubstituteMaxLineLength value too large' },
    counts: 'bytes',
    message: "SubstituteMaxLineLength must be a non-negative integer optionally suffixed with 'b', 'k', 'm' or 'g'.",
  },
};

const INT64_MAX = (1n << 63n) - 1n;
const UNITS: Readonly<Record<string, bigint>> = { b: 1n, k: 1024n, m: 1024n ** 2n, g: 1024n ** 3n };

export function offsetNumberFindings(directive: string, words: readonly Word[]): Finding[] {
  const spec = OFFSET_NUMBERS[directive.toLowerCase()];
  const [word] = words;
  if (!spec || !word) return [];
  const read = strtoll(word.value);
  let { value } = read;
  const unit = spec.units && read.end.length === 1 ? UNITS[read.end.toLowerCase()] : undefined;
  const tooLarge = unit !== undefined && !read.overflow && value > INT64_MAX / unit;
  // A negative size times its unit is computed in a C off_t: past 64 bits it wraps.
  if (unit !== undefined && !read.overflow && !tooLarge) value = BigInt.asIntN(64, value * unit);
  const wrapped = unit !== undefined && value !== read.value * unit;
  const failed = (read.overflow && !spec.clamped) || tooLarge;
  const trailing = spec.digitsOnly && read.end !== '' && unit === undefined;
  const outside = value < spec.min || (spec.max !== undefined && value > spec.max);
  if (!failed && !trailing && !outside) return [];
  const apache = (tooLarge && spec.units ? spec.units.tooLarge : failed && spec.unparsable ? spec.unparsable : spec.message).split('{value}').join(word.value);
  return [{ range: word.range, message: `${explain(directive, word.value, spec, { failed, trailing, wrapped, value })} Apache refuses to start with "${apache}"`, data: { apacheMessage: apache } }];
}

function explain(directive: string, text: string, spec: OffsetNumber, reading: { failed: boolean; trailing: boolean; wrapped: boolean; value: bigint }): string {
  const range = spec.max === undefined ? `at least ${spec.min}` : `from ${spec.min} to ${spec.max}`;
  const takes = `${spec.counts === 'requests' ? 'a number of requests' : `${spec.counts === 'bytes' ? 'a size' : 'a time'} in ${spec.counts}`}, ${range}, written in digits${spec.units ? ' with an optional unit b, k, m or g' : ''}`;
  if (reading.failed) return `'${text}' is past the largest 64-bit number${spec.units ? ' of bytes' : ''}: ${directive} takes ${takes}.`;
  if (reading.trailing) return `'${text}' is not a number: ${directive} takes ${takes}.`;
  if (String(reading.value) === text.trim().replace(/^\+/, '')) return `${directive} takes ${takes}.`;
  const why = !/\d/.test(text) ? ': it has no leading digits' : reading.wrapped ? ': the size in bytes wraps past 64 bits' : spec.units ? '' : ': only the leading digits count';
  return `${directive} takes ${takes}. Apache reads '${text}' as ${reading.value}${why}.`;
}
