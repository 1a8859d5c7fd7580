// Numbers as Apache's C code reads them from a word.

/**
 * C atoi() with glibc on 64-bit Linux: (int) strtol(text, NULL, 10). Leading
 * blanks, a sign, the leading digits ("2x" is 2, "abc" is 0); strtol stops at
 * the long range, and the cast keeps the low 32 bits, so 4294967295 is -1
 * (verified: `SSLSessionCacheTimeout 4294967295` is refused as negative).
 */
export function atoi(text: string): number {
  const match = /^[ \t\n\v\f\r]*([+-]?)(\d*)/.exec(text);
  const digits = match?.[2] ?? '';
  if (digits === '') return 0;
  const LONG_MAX = (1n << 63n) - 1n;
  let long = BigInt(digits);
  if (match?.[1] === '-') long = -long < -LONG_MAX - 1n ? -LONG_MAX - 1n : -long;
  else if (long > LONG_MAX) long = LONG_MAX;
  return Number(BigInt.asIntN(32, long));
}
