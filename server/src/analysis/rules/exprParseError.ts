import type { Range } from 'vscode-languageserver-types';
import type { ExprError } from '../../parser/expr/parseExpression';
import { scanExpression } from '../../parser/expr/scanner';
import { suggestVariable } from '../../knowledge/variables';
import type { Rule } from '../types';
import { expressionsInFile, type FileExpression } from '../expressionsInFile';

export const exprParseError: Rule = {
  id: 'expr/parse-error',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/expr.html#grammar',
  summary: 'An expression (`<If>`, `Require expr`, `SSLRequire`, …) does not parse, so Apache refuses the configuration.',
  check({ file, scope, report }) {
    for (const expression of expressionsInFile(file, scope)) {
      const error = expression.parsed.error;
      if (!error) {
        const other = expression.otherError;
        if (other) {
          report({
            range: other.range,
            message: `${other.what}: Apache refuses to start with "${other.message}" ${other.advice}`,
            data: { apacheMessage: other.message, source: expression.source },
          });
        }
        continue;
      }
      const apacheMessage = expression.apacheMessage(error.message);
      const suggestion = error.kind === 'lookup' ? lookupSuggestion(error.message) : undefined;
      const said =
        error.kind === 'jammed'
          ? `Apache's expression scanner has no rule for this character and the server exits with "${error.message}", without saying where.`
          : `Apache refuses to start with "${apacheMessage}".`;
      report({
        range: errorRange(expression, error),
        message: `This expression does not parse: ${said}${hint(expression, error, suggestion)}`,
        data: { apacheMessage: error.kind === 'jammed' ? error.message : apacheMessage, source: expression.source, ...(suggestion ? { suggestion } : {}) },
      });
    }
  },
};

/**
 * The token the error is about. Apache names the last physical line of a
 * continued directive, so there the range runs to the end of the directive.
 */
function errorRange(expression: FileExpression, error: ExprError): Range {
  const { node } = expression;
  const whole = node.kind === 'section' ? node.open.range : node.range;
  if (expression.text.length === 0) return whole;
  const atEnd = error.start >= expression.text.length;
  const range = atEnd ? expression.range : expression.rangeOf(error.start, Math.max(error.end, error.start + 1));
  return expression.continued ? { start: range.start, end: whole.end } : range;
}

function lookupSuggestion(message: string): string | undefined {
  const unknown = /^Variable '(.*)' does not exist$/.exec(message);
  return unknown ? suggestVariable(unknown[1]) : undefined;
}

/** A sentence on the usual cause, for the errors people make most. */
function hint(expression: FileExpression, error: ExprError, suggestion: string | undefined): string {
  const text = expression.text;
  if (suggestion) return ` Did you mean %{${suggestion}}?`;
  if (error.kind === 'lookup') {
    if (/^Variable /.test(error.message)) {
      return ' Apache resolves variable names while reading the configuration; see the list in the expression documentation.';
    }
    if (/requires subnet\/netmask as constant argument/.test(error.message)) {
      return " The subnet must be a quoted literal such as '10.0.0.0/8'.";
    }
    return '';
  }
  if (error.kind === 'regex') return ` ${capitalize(error.detail ?? 'the regex is invalid')}.`;
  if (error.kind === 'jammed') {
    return text[error.start] === '\\'
      ? ' A backslash may not be the last character of a string.'
      : " Quotes may not appear inside %{name:…}; use a function call such as req('…') instead.";
  }
  if (error.kind === 'depth') return ' It nests deeper than the 10000 levels Apache’s parser allows.';
  if (error.kind !== 'syntax') return '';
  if (expression.source === 'Require' && !expression.stringResult && text.length > 1 && text.startsWith("'") && text.endsWith("'")) {
    return ' Apache removes only double quotes around a Require expr expression; in single quotes the whole condition is one string.';
  }
  if (expression.sslCompat && text.startsWith('"') && text.endsWith('"')) {
    return ' SSLRequire takes the rest of the line as the expression, quotes included: write it without surrounding quotes.';
  }
  const expected = error.expected ?? [];
  if (expected.length === 1 && expected[0] === "'('") {
    const bare = lastTokenBefore(text, error.start);
    if (bare?.kind === 'T_ID') {
      return ` A bare word such as ${bare.value} is read as a function name; put text in quotes: '${bare.value}'.`;
    }
  }
  if (expected.includes('T_REGEX')) return ' =~ and !~ need a regex such as /^abc/ or m#^/path#, not a string.';
  if (expected.length === 2 && expected.includes('T_ID') && expected.includes("'{'")) {
    return " -in needs a list such as { 'a', 'b' } or a list function such as PeerExtList('…').";
  }
  if ((expression.source === 'If' || expression.source === 'ElseIf') && error.unexpected === '$end') {
    const words = expression.node.kind === 'section' ? expression.node.args.length : 0;
    if (words > 1) return ' Apache takes only the first word of an unquoted condition: put the whole condition in double quotes.';
  }
  return '';
}

function lastTokenBefore(text: string, offset: number) {
  const tokens = scanExpression(text).filter((t) => t.end <= offset && t.kind !== '$end' && t.kind !== 'T_EXPR_BOOL');
  return tokens[tokens.length - 1];
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
