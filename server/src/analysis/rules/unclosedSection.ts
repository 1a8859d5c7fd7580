import type { Rule } from '../types';
import { isConditionalSection } from '../sectionKinds';
import { nestingAcrossMacros } from '../macroNesting';
import { inMacroBody } from '../skippedSections';

export const unclosedSection: Rule = {
  id: 'syntax/unclosed-section',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/sections.html',
  summary: 'A section is opened and never closed before the end of the file.',
  check({ file, scope, report }) {
    // Sections a macro opens and a later line closes (or the other way round) pair up in Apache's reading.
    if (nestingAcrossMacros(scope) === 'paired') return;
    for (const problem of file.problems) {
      if (problem.kind !== 'unclosedSection' || inMacroBody(file, problem.section.start)) continue;
      const { section } = problem;
      const name = section.name;
      // Apache reads past the end of a true conditional without complaint, but skipping a false one needs its end.
      const tolerated = isConditionalSection(name) && !scope.isDead(section);
      report({
        range: section.open.range,
        severity: tolerated ? 'warning' : 'error',
        message: !isConditionalSection(name)
          ? `<${name}> is never closed: Apache refuses to start with "<${name}> was not closed." Add </${name}> where the section should end.`
          : tolerated
            ? `<${name}> is never closed. Apache tolerates this at the end of a file only while the condition is true; ` +
              `when it is false, Apache refuses to start with "Expected </${name}> before end of configuration". Add </${name}>.`
            : `<${name}> is never closed, and its condition is false here: Apache refuses to start with "Expected </${name}> before end of configuration". Add </${name}>.`,
        data: { sectionName: name },
      });
    }
  },
};
