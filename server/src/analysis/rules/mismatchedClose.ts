import type { Rule } from '../types';

export const mismatchedClose: Rule = {
  id: 'syntax/mismatched-close',
  citesLines: true,
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/sections.html',
  summary: 'A closing tag does not match the innermost open section.',
  check({ file, report }) {
    for (const problem of file.problems) {
      if (problem.kind !== 'mismatchedClose') continue;
      const expected = problem.expected.name;
      report({
        range: problem.tag.range,
        message:
          `</${problem.tag.name}> closes the wrong section: the innermost open one is <${expected}> ` +
          `(line ${problem.expected.open.range.start.line + 1}). Apache refuses to start with ` +
          `"Expected </${expected}> but saw </${problem.tag.name}>". Close <${expected}> first.`,
        data: { expected, found: problem.tag.name },
      });
    }
  },
};
