// Apache compiles every regex of an expression while parsing it (PCRE, through
// ap_pregcomp) and fails with "Failed to compile regular expression". We cannot
// run PCRE here, so this check only reports mistakes that no PCRE version
// accepts, and stays silent on everything it does not understand.

/** Why PCRE would refuse the pattern, or undefined when it may well accept it. */
export function regexSyntaxProblem(pattern: string): string | undefined {
  let depth = 0;
  let atomStart = true; // at the start, after `(` or `|`: nothing to repeat yet
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      if (i + 1 >= pattern.length) return 'the pattern ends with a backslash';
      if (pattern[i + 1] === 'Q') {
        // \Q…\E quotes everything up to \E (or the end).
        const close = pattern.indexOf('\\E', i + 2);
        i = close < 0 ? pattern.length : close + 1;
      } else {
        i++;
      }
      atomStart = false;
      continue;
    }
    if (c === '[') {
      const close = classEnd(pattern, i);
      if (close < 0) return 'a character class `[` is never closed';
      i = close;
      atomStart = false;
      continue;
    }
    if (c === '(') {
      depth++;
      atomStart = true;
      if (pattern.startsWith('(?#', i)) {
        // A comment runs to the next `)`.
        const close = pattern.indexOf(')', i);
        if (close < 0) return 'a `(?#` comment is never closed';
        depth--;
        i = close;
        atomStart = false;
        continue;
      }
      // Group modifiers such as `(?:`, `(?i)`, `(?<name>` are not something to repeat.
      if (pattern[i + 1] === '?' || pattern[i + 1] === '*') i++;
      continue;
    }
    if (c === ')') {
      if (depth === 0) return 'a `)` closes no group';
      depth--;
      atomStart = false;
      continue;
    }
    if (c === '|') {
      atomStart = true;
      continue;
    }
    if ((c === '*' || c === '+' || c === '?') && atomStart) return `\`${c}\` has nothing to repeat`;
    if (c === '*' || c === '+' || c === '?') {
      // A lazy `?` or possessive `+` may follow a quantifier; the next one would repeat nothing.
      const after = pattern[i + 1];
      if (after === '?' || after === '+') i++;
      const again = pattern[i + 1];
      if (again === '*' || again === '+' || again === '?') return `\`${again}\` has nothing to repeat`;
      continue;
    }
    // Anything else, anchors included, may be repeated as far as this check knows.
    atomStart = false;
  }
  if (depth > 0) return 'a `(` is never closed';
  return undefined;
}

/** Index of the `]` closing the class that opens at `open`, or -1. */
function classEnd(pattern: string, open: number): number {
  let i = open + 1;
  if (pattern[i] === '^') i++;
  if (pattern[i] === ']') i++; // a leading `]` is literal
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[' && pattern[i + 1] === ':') {
      const close = pattern.indexOf(':]', i + 2);
      if (close >= 0) {
        i = close + 1;
        continue;
      }
    }
    if (c === ']') return i;
  }
  return -1;
}
