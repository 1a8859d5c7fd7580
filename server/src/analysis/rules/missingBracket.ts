import type { Rule } from '../types';

export const missingBracket: Rule = {
  id: 'syntax/missing-bracket',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/sections.html',
  summary: "A section's opening or closing tag lacks its `>`.",
  check({ file, report }) {
    for (const problem of file.problems) {
      if (problem.kind === 'openMissingBracket') {
        const name = problem.section.name;
        report({
          range: problem.section.open.range,
          message: `The opening tag of <${name}> has no closing '>': Apache refuses to start with "<${name}> directive missing closing '>'".`,
          data: { tag: 'open' },
        });
      } else if (problem.kind === 'closeMissingBracket') {
        const name = problem.tag.name;
        report({
          range: problem.tag.range,
          message: `The closing tag must be exactly </${name}>: Apache refuses to start with "</${name}> directive missing closing '>'".`,
          data: { tag: 'close' },
        });
      }
    }
  },
};
