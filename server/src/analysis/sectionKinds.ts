// Facts about section names shared by the structural rules.

/** Sections Apache evaluates while reading the file (EXEC_ON_READ conditionals). */
const CONDITIONAL_SECTIONS = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection']);

export function isConditionalSection(name: string): boolean {
  return CONDITIONAL_SECTIONS.has(name.toLowerCase());
}

/** Known sections that Apache accepts with no arguments (verified with apache2 -t 2.4.71). */
const ARGUMENTS_OPTIONAL = new Set(['proxy', 'proxymatch', 'requireall', 'requireany', 'requirenone', 'else']);
/** Known sections that refuse any argument. */
const ARGUMENTS_FORBIDDEN = new Set(['else']);

export function sectionRequiresArguments(name: string): boolean {
  return !ARGUMENTS_OPTIONAL.has(name.toLowerCase());
}

export function sectionForbidsArguments(name: string): boolean {
  return ARGUMENTS_FORBIDDEN.has(name.toLowerCase());
}
