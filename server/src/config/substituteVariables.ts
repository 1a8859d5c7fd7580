// ${NAME} substitution as Apache does it on each live line before splitting
// it into words (ap_resolve_env): a Define'd value first (names compared
// without case, as in an APR table), then the process environment. An undefined name stays literal and Apache warns (AH00111).
// Names holding ':' are mod_rewrite map lookups (${map:key}) and are left
// alone without a warning (verified on 2.4.71).

export interface VariableReference {
  name: string;
  /** Offsets of `${…}` in the text given. */
  start: number;
  end: number;
}

export interface Substitution {
  text: string;
  references: VariableReference[];
  undefinedNames: VariableReference[];
}

/** Every `${NAME}` in the text that Apache would try to resolve. */
export function findVariableReferences(text: string): VariableReference[] {
  const references: VariableReference[] = [];
  // Like Apache, a reference runs to the first `}`: `${A${B}` is one name, "A${B".
  for (let at = text.indexOf('${'); at !== -1; ) {
    const close = text.indexOf('}', at + 2);
    if (close === -1) break;
    const name = text.slice(at + 2, close);
    if (!name.includes(':')) references.push({ name, start: at, end: close + 1 });
    at = text.indexOf('${', close + 1);
  }
  return references;
}

export function substituteVariables(text: string, lookup: (name: string) => string | undefined): Substitution {
  const references = findVariableReferences(text);
  if (references.length === 0) return { text, references, undefinedNames: [] };
  const undefinedNames: VariableReference[] = [];
  let out = '';
  let copied = 0;
  for (const reference of references) {
    const value = lookup(reference.name);
    if (value === undefined) {
      undefinedNames.push(reference);
      continue;
    }
    out += text.slice(copied, reference.start) + value;
    copied = reference.end;
  }
  return { text: out + text.slice(copied), references, undefinedNames };
}
