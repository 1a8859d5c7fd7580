import type { Rule } from '../types';
import { isConditionalSection } from './sectionKinds';

export const unclosedSection: Rule = {
  id: 'syntax/unclosed-section',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/sections.html',
  summary: 'A section is opened and never closed before the end of the file.',
  check({ file, report }) {
    for (const problem of file.problems) {
      if (problem.kind !== 'unclosedSection') continue;
      const { section } = problem;
      const conditional = isConditionalSection(section.name);
      report({
        range: section.open.range,
        severity: conditional ? 'warning' : 'error',
        message: conditional
          ? `<${section.name}> is never closed. Apache tolerates this at the end of a file only while the condition is true; ` +
            `when it is false, Apache refuses to start with "Expected </${section.name}> before end of configuration". Add </${section.name}>.`
          : `<${section.name}> is never closed: Apache refuses to start with "<${section.name}> was not closed." Add </${section.name}> where the section should end.`,
        data: { sectionName: section.name },
      });
    }
  },
};
