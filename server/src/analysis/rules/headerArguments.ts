// args/header-arguments: the words of `Header` and `RequestHeader` after the
// action, which mod_headers reads while Apache reads the configuration
// (headerArgumentReader.ts). One error per line, in Apache's words, on the
// word it is about; a line with ${VAR} is read as substituted and reported on
// the directive. The action word is args/invalid-value's, expressions that do
// not parse are expr/parse-error's.
import { parseExpressionOnce } from '../expressionsInFile';
import { HEADER_FORMAT_LETTERS, headerRefusal, type HeaderDirective, type HeaderRefusal } from '../headerArgumentReader';
import { lineWords } from '../lineWords';
import { liveDirectivesMaybeNamed } from '../liveNodes';
import { capitalized } from '../serverCertificates';
import type { Rule } from '../types';

const DIRECTIVES = new Map<string, HeaderDirective>([
  ['header', 'Header'],
  ['requestheader', 'RequestHeader'],
]);
const LOWER_CASE_NAMES = [...DIRECTIVES.keys()];

export const headerArguments: Rule = {
  id: 'args/header-arguments',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_headers.html#header',
  summary: 'A `Header` or `RequestHeader` line mod_headers refuses: a missing value, a word too many, `env=` without a name, an unknown `%` format, a regex that cannot compile.',
  check({ file, scope, directives, report }) {
    if (scope.model.isDirectiveAvailable('Header') === false) return;
    for (const node of liveDirectivesMaybeNamed(file, scope, LOWER_CASE_NAMES)) {
      const line = lineWords(node, scope);
      const directive = line && DIRECTIVES.get(line.name.toLowerCase());
      const actions = directive && directives.lookup(directive)?.values;
      if (!line || !directive || !actions) continue;
      const refusal = headerRefusal(directive, line.words, actions, (text, asValue) => parseExpressionOnce(text, asValue).error !== undefined);
      if (!refusal || refusal.kind === 'expression' || refusal.kind === 'value-expression') continue;
      report({
        range: line.rangeOf(refusal.from, refusal.to),
        message: `Apache refuses this line: "${refusal.apache}". ${advice(directive, refusal)}`,
        data: { apacheMessage: refusal.apache },
      });
    }
  },
};

const CLAUSES = 'early, env=NAME, env=!NAME or expr=CONDITION';

/** What to do about it, in our words. */
function advice(directive: HeaderDirective, refusal: HeaderRefusal): string {
  const action = refusal.action ?? '';
  const noValue = action === 'unset' || action === 'echo';
  switch (refusal.kind) {
    case 'too-many':
      return `${directive} reads at most an action, a header, a value, a replacement (edit only) and one of ${CLAUSES}: a value with blanks needs quotes.`;
    case 'after-clause':
    case 'clause':
      if (noValue) return `${action} takes no value: after the header may come only one of ${CLAUSES}.`;
      return `After the ${action.startsWith('edit') ? 'replacement' : 'value'} may come only one of ${CLAUSES}; a value with blanks needs quotes.`;
    case 'no-value':
      return action === 'note'
        ? 'note needs the name of the note to copy the header into, after the header name.'
        : `${action} needs a value after the header name; "" gives an empty one.`;
    case 'no-substitution':
      return `${action} takes a regular expression and its replacement after the header name, such as Header edit Set-Cookie "^(.*)$" "$1; Secure".`;
    case 'regex':
      return `${capitalized(refusal.detail ?? 'the regex is invalid')}.`;
    case 'env-name':
      return 'Name the variable: env=NAME applies the line when the variable is set, env=!NAME when it is not.';
    case 'expression':
    case 'value-expression':
      return '';
    case 'format':
      // "%" alone: a %{NAME} with no letter after it.
      return / %$/.test(refusal.apache)
        ? 'A %{NAME} needs its letter after the brace: e for an environment variable, s for an SSL variable.'
        : `In a value mod_headers knows ${[...HEADER_FORMAT_LETTERS].map((letter) => `%${letter}`).join(', ')}, with an optional {NAME} (%{NAME}e, %{NAME}s); write %% for a literal %.`;
  }
}
