// Removes the shortest or longest prefix or suffix of a value that an sh
// pattern matches, for `${NAME#p}`, `${NAME##p}`, `${NAME%p}`, `${NAME%%p}`.
// The pattern is turned into a regular expression by hand: minimatch.makeRe
// matches paths, not sh patterns, even with nobrace, noext, noglobstar and
// dot. Its `*` and `?` never match `/` (sh's do: `${V##*/}`), its `*` matches
// neither the empty string nor `.` or `..`, it folds `//` into `/`, and it
// splits `[/-]` at the slash.

/** Longest value `${NAME#pattern}` and the like are worked out for. */
export const MAX_PATTERN_SUBJECT = 4096;

/** A piece of the expanded pattern word: quoted text matches itself, unquoted text is a glob. */
export interface PatternPiece {
  text: string;
  quoted: boolean;
}

/** `op` is `#`, `##`, `%` or `%%`. */
export function removePattern(value: string, op: string, pattern: readonly PatternPiece[]): string {
  const source = pattern.map((piece) => (piece.quoted ? escapeRegExp(piece.text) : globToRegExp(piece.text))).join('');
  const matcher = new RegExp(`^(?:${source})$`, 's');
  const chars = [...value];
  const lengths = chars.map((_, index) => index + 1);
  const order = op === '#' || op === '%' ? [0, ...lengths] : [...lengths.reverse(), 0];
  for (const length of order) {
    if (op.startsWith('#')) {
      if (matcher.test(chars.slice(0, length).join(''))) return chars.slice(length).join('');
    } else if (matcher.test(chars.slice(chars.length - length).join(''))) {
      return chars.slice(0, chars.length - length).join('');
    }
  }
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/** sh pattern matching: `*`, `?`, `[…]` (with `!` or `^` to negate), backslash escapes. */
function globToRegExp(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i];
    if (ch === '*') out += '.*';
    else if (ch === '?') out += '.';
    else if (ch === '\\' && i + 1 < glob.length) out += escapeRegExp(glob[++i]);
    else if (ch === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close === -1) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      out += `[${negate ? '^' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else out += escapeRegExp(ch);
  }
  return out;
}
