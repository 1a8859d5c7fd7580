/** mod_macro's <Macro>, whose body is stored and read only where Use expands it. */
export function isTemplateSection(name: string): boolean {
  return name.length === 5 && name.toLowerCase() === 'macro';
}
