import type { Comparison, Word } from '../../parser/expr/ast';
import { forEachExprNode } from '../../parser/expr/walkExpression';
import { lookupFunction, lookupVariable } from '../../knowledge/variables';
import type { Rule } from '../types';
import { expressionsInFile } from '../expressionsInFile';

export type Kind = 'text' | 'number' | 'unknown';

/** The string comparison a quick fix may swap in; only where the meaning is clearly equality. */
const REPLACEMENTS: Partial<Record<Comparison['kind'], string>> = { 'int-eq': '==', 'int-ne': '!=' };
const LEXICAL: Partial<Record<Comparison['kind'], string>> = { 'int-lt': '<', 'int-le': '<=', 'int-gt': '>', 'int-ge': '>=' };

export const exprIntegerOperatorOnString: Rule = {
  id: 'expr/integer-operator-on-string',
  severity: 'error',
  docUrl: 'https://httpd.apache.org/docs/2.4/expr.html#comp',
  summary: '`eq`, `-eq`, `lt`, … compare integers in ap_expr; used on text they treat every non-numeric value as 0.',
  check({ file, scope, report }) {
    for (const expression of expressionsInFile(file, scope)) {
      // SSLRequire keeps mod_ssl's old rules, where these operators compare strings.
      if (expression.sslCompat || !expression.parsed.root) continue;
      forEachExprNode(expression.parsed.root, (node) => {
        if (node.type !== 'comparison' || !node.kind.startsWith('int-')) return;
        const right = node.right as Word;
        const texts = [node.left, right].filter((word) => kindOf(word) === 'text');
        if (texts.length === 0) return;
        const operator = node.operator.text;
        const replacement = REPLACEMENTS[node.kind];
        const range = expression.rangeOf(node.operator.start, node.operator.end);
        const described = texts.map((word) => describe(word, expression.text)).join(' and ');
        const consequence =
          node.kind === 'int-eq'
            ? ', so any two non-numeric values are equal' +
              (expression.source === 'Require' ? ' and this Require grants access whatever the text is' : '')
            : node.kind === 'int-ne'
              ? ', so any two non-numeric values are equal and this test is false'
              : ', whatever the text';
        const fix = replacement
          ? `Use ${replacement} to compare text.`
          : `Use ${LEXICAL[node.kind]} for text (lexical order), or compare a numeric value.`;
        const migration = operator.startsWith('-') ? '' : ` (In SSLRequire, ${operator} compared strings; in ap_expr it does not.)`;
        // Lexical order is what was meant only where both sides are text: a quick fix offers it, never preferred.
        const lexical = !replacement && texts.length === 2 ? LEXICAL[node.kind] : undefined;
        report({
          range,
          message:
            `${operator} compares integers: Apache reads each side as a number (apr_atoi64), and ${described} ` +
            `${texts.length > 1 ? 'are' : 'is'} not numeric: ${texts.length > 1 ? 'each counts' : 'it counts'} as 0` +
            `${consequence}. ${fix}${migration}`,
          data: { operator, ...(replacement ? { replacement } : {}), ...(lexical ? { lexical } : {}) },
        });
      });
    }
  },
};

/** Whether a word holds text Apache cannot read as a number, a number, or we cannot tell. */
export function kindOf(word: Word): Kind {
  switch (word.type) {
    case 'number':
      return 'number';
    case 'string': {
      const first = word.parts[0];
      if (!first) return 'text'; // '' counts as 0
      if (first.type === 'text') return /^[ \t\n\v\f\r]*[+-]?[0-9]/.test(first.value) ? 'number' : 'text';
      return word.parts.length === 1 ? kindOf(first) : 'unknown';
    }
    case 'variable': {
      const value = lookupVariable(word.name)?.fact.value;
      return value === 'number' ? 'number' : value === 'string' || value === 'flag' ? 'text' : 'unknown';
    }
    case 'variableFunction':
    case 'call': {
      const value = lookupFunction(word.name)?.value;
      if (value === 'number') return 'number';
      if (value === 'string') return 'text';
      if (value === 'argument') {
        if (word.type === 'call') return kindOf(word.argument);
        return kindOf({ type: 'string', quote: '', parts: word.argument.parts, start: word.argument.start, end: word.argument.end });
      }
      return 'unknown';
    }
    case 'concat':
      // apr_atoi64 reads from the start, so the left part decides.
      return kindOf(word.left);
    default:
      return 'unknown';
  }
}

function describe(word: Word, text: string): string {
  const written = text.slice(word.start, word.end);
  const short = written.length > 40 ? `${written.slice(0, 37)}…` : written;
  return word.type === 'string' ? `the text ${short}` : short;
}
