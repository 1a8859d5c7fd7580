// mod_macro's names as Apache resolves them while reading: each live Use and
// UndefMacro line, in reading order, with the <Macro> it names (the last one
// of that name defined above it and not removed; names compare without case,
// and macros are global). Shared by define/macro-use and go-to-definition.
import { perModel } from '../config/oncePer';
import { isTemplateSection, type ConfigModel, type LiveDirective, type LiveItem, type LiveSection } from '../config/buildConfigModel';

export interface MacroReference {
  /** A Use or UndefMacro line with a macro name. */
  line: LiveDirective;
  /** The macro it names; absent when none of that name is defined above it. */
  macro?: LiveSection;
  /** Whether any macro was defined above it (Apache words the refusal differently without). */
  anyDefined: boolean;
  /** Every macro defined when the line is read, by lower-case name: what Use lines in an expansion find. */
  known: ReadonlyMap<string, LiveSection>;
}

interface MacroReading {
  references: MacroReference[];
  /** Every live <Macro>, in reading order. */
  definitions: LiveSection[];
}

/** Each live Use and UndefMacro line, in reading order, with what it names. */
export function macroReferences(model: ConfigModel): readonly MacroReference[] {
  return readMacros(model).references;
}

/** Every live <Macro> of the configuration, in reading order. */
export function macroDefinitions(model: ConfigModel): readonly LiveSection[] {
  return readMacros(model).definitions;
}

const readMacros = perModel((model): MacroReading => {
  const references: MacroReference[] = [];
  const definitions: LiveSection[] = [];
  // Copied on change only, so that lines read between two definitions share one map.
  let macros = new Map<string, LiveSection>();
  let shared = false;
  const change = (): Map<string, LiveSection> => {
    if (shared) {
      macros = new Map(macros);
      shared = false;
    }
    return macros;
  };
  let anyDefined = false;
  const pending: LiveItem[] = [...model.tree].reverse();
  for (let item = pending.pop(); item; item = pending.pop()) {
    if (item.kind === 'section') {
      if (isTemplateSection(item.name) && item.args[0] !== undefined) {
        change().set(item.args[0].toLowerCase(), item);
        definitions.push(item);
        anyDefined = true;
      }
      for (let i = item.children.length - 1; i >= 0; i--) pending.push(item.children[i]);
      continue;
    }
    const key = item.name.toLowerCase();
    if ((key !== 'use' && key !== 'undefmacro') || item.args[0] === undefined) continue;
    const name = item.args[0].toLowerCase();
    references.push({ line: item, macro: macros.get(name), anyDefined, known: macros });
    shared = true;
    if (key === 'undefmacro') change().delete(name);
  }
  return { references, definitions };
});
