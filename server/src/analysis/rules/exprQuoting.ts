// expr/quoting: `Require expr` takes the raw rest of the line, so an unquoted
// expression with blanks works, but the manual writes it in double quotes,
// as `<If "…">` and the other directives that take the expression as one
// argument need it. mod_authz_core removes one pair of surrounding double
// quotes and nothing else (no unescaping), so adding them never changes what
// the expression parser reads; strings inside then read best in '…'.
import type { TextEdit } from 'vscode-languageserver-types';
import { offsetAt } from '../../parser/lineIndex';
import { forEachExprNode } from '../../parser/expr/walkExpression';
import type { Rule } from '../types';
import { expressionsInFile } from '../expressionsInFile';

export const exprQuoting: Rule = {
  id: 'expr/quoting',
  citesLines: true,
  severity: 'information',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_authz_core.html#requireexpr',
  summary: 'A `Require expr` expression with blanks that is not in double quotes, as the manual writes it.',
  check({ file, scope, report }) {
    for (const expression of expressionsInFile(file, scope)) {
      const root = expression.parsed.root;
      if (expression.source !== 'Require' || expression.stringResult || !root || expression.parsed.error || !/[ \t]/.test(expression.text)) continue;
      const { range } = expression;
      const before = offsetAt(file.lineStarts, file.text, range.start) - 1;
      if (before >= 0 && file.text[before] === '"') continue; // already quoted: Apache removed them
      const edits: TextEdit[] = [
        { range: { start: range.start, end: range.start }, newText: '"' },
        { range: { start: range.end, end: range.end }, newText: '"' },
      ];
      // "…" strings become '…' (the same string in ap_expr) where nothing in them needs the double quotes.
      let doubleQuoted = 0;
      forEachExprNode(root, (node) => {
        if (node.type !== 'string' || node.quote !== '"') return;
        doubleQuoted++;
        if (/['\\]/.test(expression.text.slice(node.start + 1, node.end - 1))) return;
        edits.push({ range: expression.rangeOf(node.start, node.start + 1), newText: "'" });
        edits.push({ range: expression.rangeOf(node.end - 1, node.end), newText: "'" });
      });
      report({
        range,
        message:
          'Require expr reads the rest of the line, so this works unquoted, but put the whole expression in double quotes ' +
          '(Require expr "…"), as the manual does and as <If "…"> needs: Apache removes them and reads the rest unchanged.' +
          (doubleQuoted > 0 ? " Inside, write strings in single quotes: '…'." : ''),
        data: { edits },
      });
    }
  },
};
