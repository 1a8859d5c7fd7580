// Numbers as Apache's C code reads them from a word.

/**
 * C atoi() with glibc on 64-bit Linux: (int) strtol(text, NULL, 10), strtol being strtoll there. Leading
 * blanks, a sign, the leading digits ("2x" is 2, "abc" is 0); strtol stops at
 * the long range, and the cast keeps the low 32 bits, so 4294967295 is -1
 * (verified: `SSLSessionCacheTimeout 4294967295` is refused as negative).
 */
export function atoi(text: string): number {
  return Number(BigInt.asIntN(32, strtoll(text).value));
}

/**
 * What sscanf(text, "%u", &n) leaves in a C int, or undefined when it reads
 * nothing: blanks and a sign may lead, digits must follow; strtoul's value
 * (ULONG_MAX past its range, negated by a minus sign) keeps its low 32 bits,
 * read signed, so "-1" and "4294967295" are both -1.
 */
export function scanUnsignedIntoInt(text: string): number | undefined {
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(text);
  if (!match) return undefined;
  const ULONG_MAX = (1n << 64n) - 1n;
  const digits = BigInt(match[2]);
  const value = digits > ULONG_MAX ? ULONG_MAX : match[1] === '-' ? (ULONG_MAX + 1n - digits) % (ULONG_MAX + 1n) : digits;
  return Number(BigInt.asIntN(32, value));
}

const LLONG_MAX = (1n << 63n) - 1n;
const LLONG_MIN = -(1n << 63n);

/**
 * C strtoll(text, &end, 10) with glibc, as apr_strtoff and apr_atoi64 call
 * it: leading blanks, a sign, the digits. Without digits the value is 0 and
 * `end` is the whole text (strtoll leaves it at the start, blanks included).
 * Past 64 bits the value is clamped and `overflow` set (errno ERANGE).
 */
export function strtoll(text: string): { value: bigint; overflow: boolean; end: string } {
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d+)/.exec(text);
  if (!match) return { value: 0n, overflow: false, end: text };
  const value = match[1] === '-' ? -BigInt(match[2]) : BigInt(match[2]);
  const overflow = value > LLONG_MAX || value < LLONG_MIN;
  return { value: overflow ? (value > 0n ? LLONG_MAX : LLONG_MIN) : value, overflow, end: text.slice(match[0].length) };
}

/**
 * strtol over the whole text, as handlers that then check `*end == '\0'` read
 * it: the value (clamped past 64 bits), or undefined when there are no digits
 * or anything follows them. Blanks and a sign may lead.
 */
export function wholeDecimal(text: string): bigint | undefined {
  const { value, end } = strtoll(text);
  return text !== '' && end === '' ? value : undefined;
}
