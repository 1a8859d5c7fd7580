// expr/client-verify-literal: %{SSL_CLIENT_VERIFY} is NONE, SUCCESS, GENEROUS
// or FAILED:<reason> (ssl_engine_vars.c ssl_var_lookup_ssl_cert_verify), and
// `==` is a case-sensitive strcmp (util_expr_eval.c). A comparison with any
// other text, or a regex none of these values can match, never matches.
import type { Comparison, ExprNode, RegexNode, Word } from '../../parser/expr/ast';
import { forEachExprNode } from '../../parser/expr/walkExpression';
import { resolveSslVariable } from '../../knowledge/variables';
import type { Rule } from '../types';
import { expressionsInFile, type FileExpression } from '../expressionsInFile';

const VALUES = ['NONE', 'SUCCESS', 'GENEROUS'];
/** What a regex is tried on: the three fixed values and two real FAILED:<reason> ones. */
const SAMPLES = [...VALUES, 'FAILED:unable to get local issuer certificate', 'FAILED:certificate has expired'];
const VALUES_TEXT = 'NONE, SUCCESS, GENEROUS or FAILED:<reason>';

export const exprClientVerifyLiteral: Rule = {
  id: 'expr/client-verify-literal',
  citesLines: true,
  severity: 'warning',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_ssl.html#envvars',
  summary: '`%{SSL_CLIENT_VERIFY}` compared with a value it never has (`\'success\'`, `\'OK\'`): the test never matches.',
  check({ file, scope, report }) {
    for (const expression of expressionsInFile(file, scope)) {
      if (!expression.parsed.root) continue;
      forEachExprNode(expression.parsed.root, (node) => {
        if (node.type !== 'comparison') return;
        const verify = [node.left, node.right].find(isClientVerify);
        if (!verify) return;
        const other = node.left === verify ? node.right : node.left;
        if (node.kind === 'match' || node.kind === 'not-match') {
          checkRegex(expression, node, other as RegexNode, report);
          return;
        }
        // eq and ne compare integers outside SSLRequire: expr/integer-operator-on-string says so.
        const equality = node.kind === 'str-eq' || node.kind === 'str-ne' || (expression.sslCompat && (node.kind === 'int-eq' || node.kind === 'int-ne'));
        if (equality) checkLiteral(expression, node, other as Word, report);
        else if (node.kind === 'in' && other.type === 'list') for (const item of other.items) checkLiteral(expression, node, item, report);
      });
    }
  },
};

type Report = Parameters<Rule['check']>[0]['report'];

function checkLiteral(expression: FileExpression, node: Comparison, word: Word, report: Report): void {
  const value = literalValue(word);
  // '' is what it is without TLS: a fair test.
  if (value === undefined || value === '' || VALUES.includes(value) || value.startsWith('FAILED:')) return;
  const caseOf = VALUES.find((known) => known === value.toUpperCase());
  const failed = /^failed/i.test(value);
  const suggestion = failed ? undefined : (caseOf ?? 'SUCCESS');
  const negated = node.kind === 'str-ne' || node.kind === 'int-ne';
  const written = expression.text.slice(word.start, word.end);
  const outcome = node.kind === 'in' ? 'this item never matches' : negated ? 'this test is always true' : 'this test never matches';
  const advice = failed
    ? ' A failed verification reads FAILED: and the reason: test it with =~ /^FAILED/.'
    : caseOf
      ? ` Write '${caseOf}': the comparison is case-sensitive.`
      : " Did you mean 'SUCCESS' (the certificate verified)?";
  const body = word.type === 'string' && word.quote !== '' ? expression.rangeOf(word.start + 1, word.end - 1) : undefined;
  report({
    range: expression.rangeOf(word.start, word.end),
    message: `%{SSL_CLIENT_VERIFY} is ${VALUES_TEXT}, never ${written}, so ${outcome}.${advice}`,
    data: {
      value,
      ...(suggestion && body ? { suggestion, valueRange: body, preferred: caseOf !== undefined } : {}),
    },
  });
}

function checkRegex(expression: FileExpression, node: Comparison, regex: RegexNode, report: Report): void {
  let compiled: RegExp;
  try {
    compiled = new RegExp(regex.pattern, regex.caseInsensitive ? 'i' : '');
  } catch {
    return; // PCRE syntax JavaScript does not read: no verdict
  }
  if (SAMPLES.some((sample) => compiled.test(sample))) return;
  const written = expression.text.slice(regex.start, regex.end);
  const outcome = node.kind === 'match' ? 'this test never matches' : 'this test is always true';
  report({
    range: expression.rangeOf(regex.start, regex.end),
    message:
      `%{SSL_CLIENT_VERIFY} is ${VALUES_TEXT} (upper case), and ${written} matches none of these, so ${outcome}.` +
      (regex.caseInsensitive ? '' : ' Add i after the regex to ignore case.'),
    data: { pattern: regex.pattern },
  });
}

/** `%{SSL_CLIENT_VERIFY}`, `%{SSL:SSL_CLIENT_VERIFY}` or `ssl('SSL_CLIENT_VERIFY')`. */
function isClientVerify(node: ExprNode): boolean {
  if (node.type === 'variable') return resolveSslVariable(node.name) === 'SSL_CLIENT_VERIFY';
  if ((node.type === 'variableFunction' || node.type === 'call') && node.name.toLowerCase() === 'ssl') {
    const parts = node.type === 'call' ? (node.argument.type === 'string' ? node.argument.parts : []) : node.argument.parts;
    return parts.length === 1 && parts[0].type === 'text' && resolveSslVariable(parts[0].value) === 'SSL_CLIENT_VERIFY';
  }
  return false;
}

/** The text of a constant word (a quoted string without variables, or a number), else undefined. */
function literalValue(word: Word): string | undefined {
  if (word.type === 'number') return word.text;
  if (word.type !== 'string') return undefined;
  let value = '';
  for (const part of word.parts) {
    if (part.type !== 'text') return undefined;
    value += part.value;
  }
  return value;
}
