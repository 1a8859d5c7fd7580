import { nestingJudgedAcrossMacros } from '../macroNesting';
import { inMacroBody, skippingSection } from '../skippedSections';
import type { Rule } from '../types';

export const mismatchedClose: Rule = {
  id: 'syntax/mismatched-close',
  citesLines: true,
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/sections.html',
  summary: 'A closing tag does not match the innermost open section.',
  check({ file, scope, report }) {
    // Sections a macro opens and a later line closes (or the other way round): judged in Apache's reading order (define/macro-expansion).
    if (nestingJudgedAcrossMacros(scope)) return;
    for (const problem of file.problems) {
      // In a macro body, or </Macro> itself closing over sections its body left open: mod_macro only warns.
      if (problem.kind !== 'mismatchedClose' || inMacroBody(file, problem.tag.start) || inMacroBody(file, problem.expected.start)) continue;
      const expected = problem.expected.name;
      const skipping = skippingSection(scope, problem.expected);
      if (skipping) {
        report({
          range: skipping.open.range,
          message:
            `</${problem.tag.name}> at line ${problem.tag.range.start.line + 1} closes the wrong section: the innermost open one is <${expected}> ` +
            `(line ${problem.expected.open.range.start.line + 1}). <${skipping.name}> here is false, and Apache, skipping it, still matches the tags: it refuses to start with ` +
            `"Expected </${expected}> but saw </${problem.tag.name}>", at this line. Close <${expected}> first.`,
          data: { expected, found: problem.tag.name },
        });
        continue;
      }
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
