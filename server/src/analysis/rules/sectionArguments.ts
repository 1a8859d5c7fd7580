import { forEachLiveNode } from '../liveNodes';
import type { Rule } from '../types';
import { wordsOf } from '../fileScope';
import { isConditionalSection, isRequireSection, sectionForbidsArguments, sectionRequiresArguments, wordsAfterPath } from '../sectionKinds';

export const sectionArguments: Rule = {
  id: 'syntax/section-arguments',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/sections.html',
  summary: 'A section that needs arguments has none (`<Location>`), one that takes one path has more (`<Directory a b>`), or one that takes none has some (`<Else x>`).',
  check({ file, scope, directives, report }) {
    forEachLiveNode(file, scope, (node) => {
      if (node.kind !== 'section' || !node.open.hasClosingBracket) return;
      if (!directives.lookup(`<${node.name}`)) return;
      if (isBare(node.name, node.args) && sectionRequiresArguments(node.name)) {
        report({
          range: node.open.range,
          message: `<${node.name}> needs an argument saying what it applies to. Apache refuses to start with "<${node.name}> directive requires additional arguments".`,
        });
      } else if ((wordsAfterPath(node.name, wordsOf(scope, node).args)?.length ?? 0) > 0) {
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
