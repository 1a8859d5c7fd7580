// Sections whose body a module reads as raw text up to its own closing line,
// not as configuration: mod_macro stores a <Macro>'s lines and reads them only
// where Use expands them; mod_perl hands a <Perl> section's lines to Perl.

/** mod_macro's <Macro>, whose body is stored and read only where Use expands it. */
export function isTemplateSection(name: string): boolean {
  return name.length === 5 && name.toLowerCase() === 'macro';
}

/** A <Macro> or <Perl>: its body is no configuration, and only its own closing tag ends it. */
export function hasRawBody(name: string): boolean {
  return isTemplateSection(name) || (name.length === 4 && name.toLowerCase() === 'perl');
}
