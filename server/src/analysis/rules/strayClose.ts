import { nestingJudgedAcrossMacros } from '../macroNesting';
import { inMacroBody } from '../skippedSections';
import type { Rule } from '../types';

export const strayClose: Rule = {
  id: 'syntax/stray-close',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/sections.html',
  summary: 'A closing tag appears where no section is open.',
  check({ file, scope, report }) {
    // Sections a macro opens and a later line closes (or the other way round): judged in Apache's reading order (define/macro-expansion).
    if (nestingJudgedAcrossMacros(scope)) return;
    for (const problem of file.problems) {
      if (problem.kind !== 'strayClose' || inMacroBody(file, problem.tag.start)) continue;
      const name = problem.tag.name;
      report({
        range: problem.tag.range,
        message: `</${name}> closes nothing: no section is open here. Apache refuses to start with "</${name}> without matching <${name}> section". Remove it or add the opening <${name} …> line.`,
        data: { found: name },
      });
    }
  },
};
