// sh's `test` / `[` builtin on arguments already expanded, for the tests that
// need no file system or process: string and integer comparisons, `-n`, `-z`
// and `!`. Anything else is left undecided.

/** `test` / `[` on its arguments, following POSIX's rules by argument count; undefined for file tests and the like. */
export function evaluateShellTest(args: string[]): boolean | undefined {
  if (args.length === 0) return false;
  if (args[0] === '!' && args.length > 1) {
    const inner = evaluateShellTest(args.slice(1));
    return inner === undefined ? undefined : !inner;
  }
  if (args.length === 1) return args[0] !== '';
  if (args.length === 2) {
    if (args[0] === '-n') return args[1] !== '';
    if (args[0] === '-z') return args[1] === '';
    return undefined;
  }
  if (args.length === 3) {
    const [left, op, right] = args;
    if (op === '=') return left === right;
    if (op === '!=') return left !== right;
    const integers = /^\s*[-+]?\d+\s*$/;
    if (/^-(eq|ne|lt|le|gt|ge)$/.test(op) && integers.test(left) && integers.test(right)) {
      const [a, b] = [Number(left), Number(right)];
      return { '-eq': a === b, '-ne': a !== b, '-lt': a < b, '-le': a <= b, '-gt': a > b, '-ge': a >= b }[op];
    }
  }
  return undefined;
}
