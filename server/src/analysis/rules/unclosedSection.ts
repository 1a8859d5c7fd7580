import type { Rule } from '../types';
import { isConditionalSection } from '../sectionKinds';
import { nestingJudgedAcrossMacros } from '../macroNesting';
import { inMacroBody } from '../skippedSections';
import { isTemplateSection } from '../../parser/rawBodySections';
import type { SectionNode } from '../../parser/ast';

export const unclosedSection: Rule = {
  id: 'syntax/unclosed-section',
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/sections.html',
  summary: 'A section is opened and never closed before the end of the file.',
  check({ file, scope, report }) {
    // Sections a macro opens and a later line closes (or the other way round): judged in Apache's reading order (define/macro-expansion).
    if (nestingJudgedAcrossMacros(scope)) return;
    const unclosed = file.problems.flatMap((problem) => (problem.kind === 'unclosedSection' && !inMacroBody(file, problem.section.start) ? [problem.section] : []));
    // mod_macro reads to the end of the file looking for </Macro>, so Apache stops at the <Macro> line and never sees the sections around it end.
    const openMacros = unclosed.filter((section) => isTemplateSection(section.name));
    for (const section of unclosed) {
      const name = section.name;
      if (isTemplateSection(name)) {
        report({
          range: section.open.range,
          message:
            `<${name}> has no line that starts with exactly </Macro> after it, so mod_macro reads the rest of the file into its body: ` +
            `Apache refuses to start with "contents error: expected token not found: </Macro>". End the body with a line </Macro>.`,
          data: { sectionName: name },
        });
        continue;
      }
      if (openMacros.some((macro) => encloses(section, macro))) continue;
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

function encloses(outer: SectionNode, inner: SectionNode): boolean {
  for (let at = inner.parent; at.kind === 'section'; at = at.parent) if (at === outer) return true;
  return false;
}
