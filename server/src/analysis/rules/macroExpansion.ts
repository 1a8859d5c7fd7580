// define/macro-expansion: Apache reads what a Use line expands to as
// configuration in the Use's place, and refuses it where it would refuse the
// same lines written out ("Syntax error on line 2 of macro 'site' (defined on
// line 7 of …) used on line 12 of …"). The body is checked, with the Use's
// words in place of the parameters, by the rules that judge how lines are
// read (structure, names, argument counts and values, contexts); the first
// refusal is reported on the Use line, as Apache stops there. Lines of the
// expansion inside a conditional section, or still holding ${VAR}, are left
// alone: the model has not evaluated them.
import { shownPath } from '../../config/shownPath';
import { isConditionalSection } from '../sectionKinds';
import { parseConfig } from '../../parser/parseConfig';
import { nodeAt } from '../../parser/nodeAt';
import type { Node, Parent, SectionNode } from '../../parser/ast';
import { expandMacro } from '../expandMacro';
import type { FileScope } from '../fileScope';
import { forEachLiveNode } from '../liveNodes';
import { macroReferences, recursion } from '../macros';
import { directiveReportRange } from '../reportRange';
import type { Finding, Rule, RuleContext } from '../types';
import { argumentCount } from './argumentCount';
import { argumentValue } from './argumentValue';
import { cipherProtocol } from './cipherProtocol';
import { contextNotAllowed } from './contextNotAllowed';
import { mismatchedClose } from './mismatchedClose';
import { missingBracket } from './missingBracket';
import { optionsMix } from './optionsMix';
import { sectionArguments } from './sectionArguments';
import { strayClose } from './strayClose';
import { unclosedSection } from './unclosedSection';
import { unknownDirective } from './unknownDirective';

/** Rules about how Apache reads lines, which need nothing but the lines and where they stand. */
const READING_RULES: readonly Rule[] = [unclosedSection, mismatchedClose, strayClose, missingBracket, sectionArguments, unknownDirective, contextNotAllowed, argumentCount, argumentValue, optionsMix, cipherProtocol];

export const macroExpansion: Rule = {
  id: 'define/macro-expansion',
  citesLines: true,
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/mod/mod_macro.html',
  summary: 'What a `Use` line expands to holds a line Apache refuses (a wrong argument count, value or context once the parameters are replaced).',
  check(context) {
    const { file, scope, report } = context;
    const uses = new Set<Node>();
    forEachLiveNode(file, scope, (node) => {
      if (node.kind === 'directive' && node.name.toLowerCase() === 'use') uses.add(node);
    });
    if (uses.size === 0) return;
    for (const { line, macro, known } of macroReferences(scope.model)) {
      if (!macro || line.path !== scope.path || !uses.has(line.node)) continue;
      const values = line.args.slice(1);
      if (values.length !== macro.args.length - 1 || recursion(macro, known)) continue;
      const text = expandMacro(scope.model, macro, values);
      if (text === undefined) continue;
      const refusal = firstRefusal(context, text, [...scope.enclosing, ...sectionsAround(line.node)]);
      if (!refusal) continue;
      const bodyLine = macro.node.open.endLine + 1 + refusal.line;
      report({
        range: directiveReportRange(line.node),
        message:
          `What ${line.node.name} ${line.node.args.map((arg) => arg.raw).join(' ')} expands to is refused at line ${refusal.line + 1} of the macro's body ` +
          `(${shownPath(scope.model, macro.path)}:${bodyLine + 1}): ${refusal.finding.message} [${refusal.rule}]`,
      });
    }
  },
};

/** The sections around a line in its file, outermost first. */
function sectionsAround(node: Node): SectionNode[] {
  const sections: SectionNode[] = [];
  for (let parent = node.parent; parent.kind === 'section'; parent = parent.parent) sections.unshift(parent);
  return sections;
}

/** The first error the reading rules find in the expansion, by line, where the model's evaluation is not missing. */
function firstRefusal(outer: RuleContext, text: string, enclosing: SectionNode[]): { line: number; finding: Finding; rule: string } | undefined {
  const file = parseConfig(text);
  const scope: FileScope = { ...outer.scope, enclosing, isDead: () => false, problems: [], resolved: new Map() };
  let first: { line: number; finding: Finding; rule: string } | undefined;
  let rule = READING_RULES[0];
  const context: RuleContext = {
    ...outer,
    file,
    scope,
    report: (finding) => {
      if ((finding.severity ?? rule.severity) !== 'error') return;
      const line = finding.range.start.line;
      if (first && first.line <= line) return;
      const node = nodeAt(file, finding.range.start);
      if (node && (unevaluated(node) || (node.kind === 'directive' && node.args.some((arg) => arg.raw.includes('${'))))) return;
      first = { line, finding, rule: rule.id };
    },
  };
  for (rule of READING_RULES) {
    if (outer.settings.rules[rule.id] === 'off') continue;
    rule.check(context);
  }
  return first;
}

/** Inside a conditional section of the expansion, which the model did not evaluate (the section's own line counts). */
function unevaluated(node: Node): boolean {
  for (let at: Node | Parent = node; at.kind !== 'file'; at = at.parent) if (at.kind === 'section' && isConditionalSection(at.name)) return true;
  return false;
}
