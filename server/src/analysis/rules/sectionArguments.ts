import { forEachLiveNode } from '../liveNodes';
import type { Rule } from '../types';
import { wordsOf } from '../fileScope';
import { isConditionalSection, isRequireSection, regexPatternIndex, sectionForbidsArguments, sectionRequiresArguments, wordsAfterPath } from '../sectionKinds';
import { regexSyntaxProblem } from '../../parser/expr/regexSyntax';

export const sectionArguments: Rule = {
  id: 'syntax/section-arguments',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/sections.html',
  summary: 'A section that needs arguments has none (`<Location>`), one that takes one path has more (`<Directory a b>`) or a regex that does not compile (`<LocationMatch "^/(a">`), or one that takes none has some (`<Else x>`).',
  check({ file, scope, directives, report }) {
    forEachLiveNode(file, scope, (node) => {
      if (node.kind !== 'section' || !node.open.hasClosingBracket) return;
      if (!directives.lookup(`<${node.name}`)) return;
      const words = wordsOf(scope, node).args;
      // The pattern is compiled before the words after it are counted.
      const patternIndex = regexPatternIndex(node.name, words);
      const regexProblem = patternIndex === undefined ? undefined : regexSyntaxProblem(words[patternIndex]);
      if (patternIndex !== undefined && regexProblem) {
        report({
          range: scope.resolved.has(node) ? node.open.range : node.args[patternIndex].range,
          message: `<${node.name}>'s regular expression does not compile: ${regexProblem}. Apache refuses to start with "Regex could not be compiled".`,
          data: { apacheMessage: 'Regex could not be compiled' },
        });
      } else if (isBare(node.name, node.args) && sectionRequiresArguments(node.name)) {
        report({
          range: node.open.range,
          message: `<${node.name}> needs an argument saying what it applies to. Apache refuses to start with "<${node.name}> directive requires additional arguments".`,
        });
      } else if ((wordsAfterPath(node.name, words)?.length ?? 0) > 0) {
        report({
          range: node.open.range,
          message:
            `<${node.name}> takes one path: Apache refuses to start with "Multiple <${node.name}> arguments not (yet) supported.". ` +
            'Put a path with spaces in double quotes, or write one section per path (or one regular expression matching them all).',
        });
      } else if (node.args.length > 0 && sectionForbidsArguments(node.name)) {
        report({
          range: node.open.range,
          message: isRequireSection(node.name)
            ? `<${node.name}> takes no argument: Apache refuses to start with "<${node.name}> directive doesn't take additional arguments". Put the requirements inside it as Require lines.`
            : `<${node.name}> takes no argument: Apache refuses to start with "<${node.name}> does not take an argument". Use <ElseIf "condition"> for a condition.`,
        });
      }
    });
  },
};

/** The conditionals but <IfVersion> take a leading `!` (negation), and read a lone `!` as no argument (verified on 2.4.71). */
function isBare(name: string, args: readonly { value: string }[]): boolean {
  return args.length === 0 || (args.length === 1 && args[0].value === '!' && isConditionalSection(name) && name.toLowerCase() !== 'ifversion');
}
