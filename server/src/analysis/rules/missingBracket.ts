import type { CloseTag, ConfigFile, SectionNode } from '../../parser/ast';
import { inMacroBody, skippingSection } from '../skippedSections';
import type { Rule } from '../types';

export const missingBracket: Rule = {
  id: 'syntax/missing-bracket',
  citesLines: true,
  severity: 'error',
  refusedBy: 'configtest',
  docUrl: 'https://httpd.apache.org/docs/2.4/sections.html',
  summary: "A section's opening or closing tag lacks its `>`.",
  check({ file, scope, report }) {
    for (const problem of file.problems) {
      if ((problem.kind === 'openMissingBracket' || problem.kind === 'closeMissingBracket') && inMacroBody(file, problem.kind === 'openMissingBracket' ? problem.section.start : problem.tag.start)) continue;
      if (problem.kind === 'openMissingBracket') {
        const name = problem.section.name;
        // Inside a skipped section only the tag names are read.
        if (problem.section.parent.kind === 'section' && skippingSection(scope, problem.section.parent)) continue;
        report({
          range: problem.section.open.range,
          message: `The opening tag of <${name}> has no closing '>': Apache refuses to start with "<${name}> directive missing closing '>'".`,
          data: { tag: 'open' },
        });
      } else if (problem.kind === 'closeMissingBracket') {
        const name = problem.tag.name;
        const closed = sectionClosedBy(file, problem.tag);
        const skipping = closed && skippingSection(scope, closed);
        if (skipping) {
          report({
            range: skipping.open.range,
            message:
              `The closing tag </${name} …> at line ${problem.tag.range.start.line + 1} must be exactly </${name}>. <${skipping.name}> here is false, and Apache, skipping it, ` +
              `refuses to start with "Expected </${name}> but saw </${name}…>", at this line.`,
            data: { tag: 'close' },
          });
          continue;
        }
        report({
          range: problem.tag.range,
          message: `The closing tag must be exactly </${name}>: Apache refuses to start with "</${name}> directive missing closing '>'".`,
          data: { tag: 'close' },
        });
      }
    }
  },
};

/** The section a close tag ends; looked for only when a tag lacks its bracket. */
function sectionClosedBy(file: ConfigFile, tag: CloseTag): SectionNode | undefined {
  const pending: SectionNode[] = file.children.filter((node): node is SectionNode => node.kind === 'section');
  for (let section = pending.pop(); section; section = pending.pop()) {
    if (section.close === tag) return section;
    for (const child of section.children) if (child.kind === 'section') pending.push(child);
  }
  return undefined;
}
