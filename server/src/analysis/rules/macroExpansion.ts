// define/macro-expansion: Apache reads what a Use line expands to as
// configuration in the Use's place, and refuses it where it would refuse the
// same lines written out ("Syntax error on line 2 of macro 'site' (defined on
// line 7 of …) used on line 12 of …"). The model reads each expansion as a
// file (conditionals decided, ${VAR} substituted); every rule whose errors
// apache2 -t gives too runs on it, and the first refusal is reported on the
// Use line, as Apache stops there. The other rules' findings in an expansion
// are shown on the Use line too, under their own codes (expansionFindings).
import { shownPath } from '../../config/shownPath';
import { expansionsOf, isUnbalanced } from '../../config/expansionsOf';
import type { FileInTree } from '../../config/buildConfigModel';
import type { DirectiveNode } from '../../parser/ast';
import { fileScope } from '../fileScope';
import { nestingAcrossMacros, nestingFailure } from '../macroNesting';
import { directiveReportRange } from '../reportRange';
import type { Finding, Rule, RuleContext } from '../types';

/** The rules whose errors Apache's config test gives too; the registry hands them over (it lists this rule, so this file cannot import it). */
let configtestRules: readonly Rule[] = [];

export function judgeExpansionsWith(rules: readonly Rule[]): void {
  configtestRules = rules.filter((rule) => rule.refusedBy === 'configtest');
}

export const macroExpansion: Rule = {
  id: 'define/macro-expansion',
  citesLines: true,
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_macro.html',
  summary: 'What a `Use` line expands to holds a line Apache refuses (a wrong argument count, value or context once the parameters are replaced).',
  check(context) {
    const { scope, report } = context;
    // Tags that fail to pair up only across Use lines: Apache stops at the first tag out of place in its reading.
    const failure = nestingFailure(scope);
    if (failure) {
      report({
        range: failure.range,
        message: failure.atUse
          ? `What this Use expands to leaves the sections out of order with the lines around it: Apache refuses to start ("${failure.apache}"). Check which line or macro should open and close each section.`
          : `With the Use lines of this file expanded in place, the sections no longer pair up here: Apache refuses to start ("${failure.apache}"). Check which line or macro should open and close each section.`,
      });
    }
    for (const expansion of expansionsOf(scope.model, scope.path)) {
      const use = expansion.includedFrom?.node as DirectiveNode;
      const macro = expansion.macro as NonNullable<FileInTree['macro']>;
      // Apache stops where the tags first fail to pair up: nothing it reads after that is judged.
      if (failure && use.startLine >= failure.range.start.line) continue;
      // Tags that pair up across the Use lines are Apache's intent; otherwise the refusal below names the tag.
      if (isUnbalanced(expansion) && nestingAcrossMacros(scope) === 'paired') {
        report({ range: directiveReportRange(use), severity: 'warning', message: unbalancedMessage(use, macro) });
        continue;
      }
      const refusal = firstRefusal(context, expansion, failure !== undefined && isUnbalanced(expansion));
      if (!refusal) continue;
      const bodyLine = macro.node.open.endLine + 1 + refusal.line;
      report({
        range: directiveReportRange(use),
        message:
          `What ${use.name} ${use.args.map((arg) => arg.raw).join(' ')} expands to is refused at line ${refusal.line + 1} of the macro's body ` +
          `(${shownPath(scope.model, macro.path)}:${bodyLine + 1}): ${refusal.finding.message} [${refusal.rule}]`,
      });
    }
  },
};

/** The rules about tags that pair up, which nestingFailure answers for the file with its expansions in place. */
const NESTING_RULES = new Set(['syntax/unclosed-section', 'syntax/stray-close', 'syntax/mismatched-close']);

/** The first error the rules Apache's config test shares find in an expansion, by line. */
function firstRefusal(outer: RuleContext, expansion: FileInTree, nestingJudged: boolean): { line: number; finding: Finding; rule: string } | undefined {
  let first: { line: number; finding: Finding; rule: string } | undefined;
  let rule = configtestRules[0];
  const context: RuleContext = {
    ...outer,
    file: expansion.file,
    scope: fileScope(outer.scope.model, expansion.path),
    inHtaccess: false,
    report: (finding) => {
      if ((finding.severity ?? rule.severity) !== 'error') return;
      const line = finding.range.start.line;
      if (!first || line < first.line) first = { line, finding, rule: rule.id };
    },
  };
  for (rule of configtestRules) {
    if (outer.settings.rules[rule.id] === 'off' || (nestingJudged && NESTING_RULES.has(rule.id))) continue;
    rule.check(context);
  }
  return first;
}

function unbalancedMessage(use: DirectiveNode, macro: NonNullable<FileInTree['macro']>): string {
  return (
    `The body of macro ${macro.args[0]} opens a section it does not close, or closes one it did not open; here the tags pair up with the lines around this Use. ` +
    'Apache accepts that with a warning ("AH02795: bad cumulated nesting" or "AH02793: bad (negative) nesting"), as macros that start and end a <VirtualHost> intend. ' +
    `apache-ssl reads each macro's body on its own, so it does not check what ${use.name} ${use.args.map((arg) => arg.raw).join(' ')} expands to, nor where the lines of this file between such Use lines are allowed.`
  );
}
