// mod_macro's names as Apache resolves them while reading: each live Use and
// UndefMacro line, in reading order, with the <Macro> it names (the last one
// of that name defined above it and not removed; names compare without case,
// and macros are global). Shared by define/macro-use and go-to-definition.
import { perModel } from '../config/oncePer';
import type { DirectiveNode, Node } from '../parser/ast';
import type { ConfigModel, LiveDirective, LiveItem, LiveSection } from '../config/buildConfigModel';
import { isTemplateSection } from '../parser/rawBodySections';

export interface MacroReference {
  /** A Use or UndefMacro line with a macro name, or a Use without one. */
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
    if (key !== 'use' && key !== 'undefmacro') continue;
    // A Use without a name names no macro; an UndefMacro without one is args/count's.
    if (item.args[0] === undefined) {
      if (key === 'use') references.push({ line: item, anyDefined, known: macros });
      continue;
    }
    const name = item.args[0].toLowerCase();
    references.push({ line: item, macro: macros.get(name), anyDefined, known: macros });
    shared = true;
    if (key === 'undefmacro') change().delete(name);
  }
  return { references, definitions };
});

export interface Loop {
  /** The Use line in a macro body that closes the loop. */
  use: DirectiveNode;
  path: string;
  /** The macros from the first used to the one used again. */
  chain: string[];
}

/** Loops found from a macro, per map of known macros (Use lines read between two definitions share one). */
const loopsFound = new WeakMap<ReadonlyMap<string, LiveSection>, Map<LiveSection, Loop | null>>();

/**
 * A loop of macros reached from `start` through the Use lines of their
 * bodies, if any: expanding `start`, Apache reaches every such Use. A walk
 * with its own stack, each macro entered once, so a long or branching chain
 * of hostile macros costs its size.
 */
export function recursion(start: LiveSection, macros: ReadonlyMap<string, LiveSection>): Loop | undefined {
  let found = loopsFound.get(macros);
  if (!found) loopsFound.set(macros, (found = new Map()));
  const known = found.get(start);
  if (known !== undefined) return known ?? undefined;
  const onPath: string[] = [start.args[0].toLowerCase()];
  const entered = new Set<string>(onPath);
  const stack: { macro: LiveSection; uses: DirectiveNode[]; next: number }[] = [{ macro: start, uses: usesIn(start.node.children), next: 0 }];
  let loop: Loop | undefined;
  while (stack.length > 0 && !loop) {
    const top = stack[stack.length - 1];
    if (top.next >= top.uses.length) {
      stack.pop();
      onPath.pop();
      continue;
    }
    const use = top.uses[top.next++];
    const used = use.args[0].value.toLowerCase();
    const at = onPath.indexOf(used);
    if (at >= 0) loop = { use, path: top.macro.path, chain: [...onPath.slice(at + 1), used] };
    const next = macros.get(used);
    if (loop || !next || entered.has(used)) continue;
    entered.add(used);
    onPath.push(used);
    stack.push({ macro: next, uses: usesIn(next.node.children), next: 0 });
  }
  found.set(start, loop ?? null);
  return loop;
}

/** The Use lines of a macro body that name a macro. */
function usesIn(nodes: readonly Node[]): DirectiveNode[] {
  const uses: DirectiveNode[] = [];
  const pending = nodes.slice();
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.kind === 'directive' && node.name.toLowerCase() === 'use' && node.args[0]) uses.push(node);
    else if (node.kind === 'section') for (const child of node.children) pending.push(child);
  }
  return uses;
}
