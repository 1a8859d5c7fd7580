// Reads a configuration tree the way Apache's ap_build_config does: files in
// order, Include/IncludeOptional expanded in place, ${VAR} substituted on each
// live line, Define/UnDefine/ServerRoot/LoadModule applied as they are read,
// and conditional sections decided on the spot. The result is the tree of live
// directives Apache would go on to execute, plus what each file needs to be
// analysed in its place (its include site, dead branches, resolved words).
// The walk keeps its own stack, so deep nesting cannot overflow the call stack.
import { posix } from 'node:path';
import type { ConfigFile, DirectiveNode, Node, Range, SectionNode } from '../parser/ast';
import { splitWords } from '../parser/words';
import { defaultDirectiveIndex, type DirectiveIndex } from '../knowledge/directiveIndex';
import { defaultModuleIndex, type ModuleIndex } from '../knowledge/moduleIndex';
import { isOtherPlatformModule } from '../knowledge/otherPlatformModules';
import { CONDITIONAL_SECTIONS, evaluateCondition, isMatchableModuleName, type Condition } from './evaluateCondition';
import { expandInclude, MAX_INCLUDE_ENTRIES, serverRootRelative } from './expandInclude';
import { expandMacro } from './expandMacro';
import { parseConfig } from '../parser/parseConfig';
import { PlainLiveDirective, PlainLiveSection } from './plainLiveItems';
import { hasRawBody, isTemplateSection } from '../parser/rawBodySections';
import type { SourceCache } from './sourceCache';
import { substituteVariables } from './substituteVariables';

/** Apache's limit on nested Include (AP_MAX_INCLUDE_DEPTH). */
const MAX_INCLUDE_DEPTH = 128;
/** Text one Include may bring in before we stop reading its files (a tree of 5000 virtual hosts is 4 MiB). */
const MAX_INCLUDE_TEXT = 16 * 1024 * 1024;
/**
 * What Use lines may expand to in one tree, in all, and how deep macros may
 * use macros, before we stop expanding: macros that each use the next twice
 * double at every step, and Apache would read them all (it reads an
 * expansion in place of its Use, without nesting, so it has no depth limit).
 */
const MAX_EXPANDED_TEXT = 16 * 1024 * 1024;
const MAX_EXPANSIONS = 20_000;
const MAX_MACRO_DEPTH = 32;
export const DEFAULT_HTTPD_VERSION = '2.4.71';


export interface ModelOptions {
  sources: SourceCache;
  /** Used until a ServerRoot directive says otherwise; defaults to the main file's folder. */
  serverRoot?: string;
  /**
   * The file is read as its own root, with no main configuration and no
   * ServerRoot setting: its folder is only a guess at ServerRoot (a Fedora
   * conf.d/ssl.conf says `ErrorLog logs/ssl_error_log` for /etc/httpd/logs).
   */
  ownRoot?: boolean;
  /** Names given with -D. */
  defines?: readonly string[];
  /** Where ${VAR} looks after Define (Apache: the process environment). */
  environment?: Readonly<Record<string, string | undefined>>;
  httpdVersion?: string;
  /**
   * The main tree, for a file Apache does not read from it (a site or module
   * file not enabled): its Defines and ServerRoot hold from the start. Its
   * modules do not: enabling the file may well enable its module too
   * (a2enmod loads ssl.load with ssl.conf), so they stay unknown.
   */
  inherit?: ConfigModel;
  /** False when the files an Include names cannot be looked at (text given without its disk): Includes are then recorded, not read. */
  followIncludes?: boolean;
  directives?: DirectiveIndex;
  modules?: ModuleIndex;
}

export interface LiveDirective {
  kind: 'directive';
  node: DirectiveNode;
  path: string;
  name: string;
  args: readonly string[];
}

export interface LiveSection {
  kind: 'section';
  node: SectionNode;
  path: string;
  name: string;
  args: readonly string[];
  children: LiveItem[];
}

/** The configuration as Apache executes it: includes inlined, true conditionals opened, false ones gone. */
export type LiveItem = LiveDirective | LiveSection;

export interface IncludeSite {
  path: string;
  node: DirectiveNode;
  optional: boolean;
  /** The argument after ${VAR} substitution. */
  pattern: string;
  /** The files it reads, in Apache's order. */
  files: string[];
}

export interface VariableDefinition {
  name: string;
  /** Absent for `Define NAME` (a flag for <IfDefine> only) and for UnDefine. */
  value?: string;
  undefine: boolean;
  path: string;
  node: DirectiveNode;
}

export interface VariableUse {
  name: string;
  path: string;
  node: DirectiveNode | SectionNode;
  /** Where `${NAME}` is written, when it sits on one physical line. */
  range: Range;
  value?: string;
  /** The Define that gave the value; absent when it came from the environment or is undefined. */
  definition?: VariableDefinition;
}

export interface ModuleLoad {
  identifier: string;
  file: string;
  path: string;
  node: DirectiveNode;
}

/** Something Apache would report while reading, attached to the file and line it blames. */
export interface ModelProblem {
  rule: 'include/failed' | 'include/too-large' | 'include/recursion' | 'define/undefined-variable' | 'define/invalid-name' | 'core/ifversion-invalid';
  path: string;
  range: Range;
  message: string;
}

/** A line with ${VAR} as Apache reads it: substituted, then split into its name and words. */
export interface ResolvedLine {
  name: string;
  args: readonly string[];
  /** The substituted line the words come from, for handlers that split it their own way (mod_rewrite). */
  text: string;
}

/** What the model knows about one file, from the first place Apache reads it. */
export interface FileInTree {
  path: string;
  file: ConfigFile;
  includedFrom?: { path: string; node: DirectiveNode };
  /** Sections around the Include line that brought the file in, outermost first. */
  enclosing: SectionNode[];
  /** Conditional sections Apache skips every time it reads this file. */
  deadSections: ReadonlySet<SectionNode>;
  /** Name and words after ${VAR} substitution, for lines that had any. */
  resolved: ReadonlyMap<DirectiveNode | SectionNode, ResolvedLine>;
  /**
   * Set when this is no file on disk but what a Use line expands to (its
   * `includedFrom`), read in the Use's place as Apache reads it. Its path names
   * the Use, and line 0 is the first line of the macro's body.
   */
  macro?: LiveSection;
}

/** Whether a file of the tree is a file on disk, not a macro's expansion. */
export function isFileOnDisk(inTree: FileInTree): boolean {
  return inTree.macro === undefined;
}

export interface ConfigModel {
  mainPath: string;
  serverRoot: string;
  /** False while ServerRoot is only the folder of a file read as its own root (ModelOptions.ownRoot) and no ServerRoot line says where it is: paths relative to it are then not judged. */
  serverRootKnown: boolean;
  files: Map<string, FileInTree>;
  tree: LiveItem[];
  includes: IncludeSite[];
  definitions: VariableDefinition[];
  uses: VariableUse[];
  loadedModules: Map<string, ModuleLoad>;
  /** False when the tree has no LoadModule: which modules Apache would have is unknown. */
  modulesKnown: boolean;
  /** False for a file read on its own, without the main tree that Defines its variables. */
  definesKnown: boolean;
  /** What is defined once the whole tree is read: <IfDefine> names, and ${VAR} values by lower-case name. */
  defined: { flags: ReadonlySet<string>; values: ReadonlyMap<string, VariableDefinition> };
  problems: ModelProblem[];
  /** Whether Apache would know a directive (or `<Section`) after reading the whole tree. */
  isDirectiveAvailable(name: string): Condition;
}

/** Enclosing sections as a linked list: a child frame shares its parent's, so deep nesting stays linear. */
interface Enclosing {
  section: SectionNode;
  outer?: Enclosing;
}

interface Frame {
  scope: FileInTree;
  steps: readonly Step[];
  next: number;
  into: LiveItem[];
  enclosing?: Enclosing;
  chain: readonly string[];
  /** Lower-case names of the macros being expanded around this frame, outermost first. */
  expanding: readonly string[];
}

function outermostFirst(enclosing: Enclosing | undefined): SectionNode[] {
  const sections: SectionNode[] = [];
  for (let link = enclosing; link; link = link.outer) sections.push(link.section);
  return sections.reverse();
}

export function buildConfigModel(mainPath: string, options: ModelOptions): ConfigModel {
  const directives = options.directives ?? defaultDirectiveIndex();
  const modules = options.modules ?? defaultModuleIndex();
  const environment = options.environment ?? {};
  const { inherit } = options;
  const flags = new Set([...(options.defines ?? []), ...(inherit?.defined.flags ?? [])]);
  /** Define'd values by lower-case name. */
  const values = new Map<string, VariableDefinition>(inherit?.defined.values);
  const loaded = new Map<string, ModuleLoad>();
  const evaluated = new Map<SectionNode, boolean>();
  /** mod_macro's macros by lower-case name: global, defined as they are read. */
  const macros = new Map<string, LiveSection>();
  const expanded = { text: 0, count: 0, stopped: false };
  const parses = new ExpansionParses();
  const model: ConfigModel = {
    mainPath,
    serverRoot: options.serverRoot ?? inherit?.serverRoot ?? posix.dirname(mainPath),
    serverRootKnown: inherit?.serverRootKnown ?? (options.serverRoot !== undefined || !options.ownRoot),
    files: new Map(),
    tree: [],
    includes: [],
    definitions: [],
    uses: [],
    loadedModules: loaded,
    modulesKnown: false,
    definesKnown: inherit !== undefined,
    defined: { flags, values },
    problems: [],
    isDirectiveAvailable: (name) => directiveAvailable(name),
  };
  // Whether any module loaded is one we know nothing about: its directives and names are then unknown.
  const hasForeignModule = (): boolean => [...loaded.keys()].some((id) => !modules.byIdentifier(id));
  // Before any LoadModule has been seen only compiled-in modules are certain.
  const isModuleLoaded = (name: string): Condition => {
    if (!isMatchableModuleName(name)) return false;
    const fact = modules.byIdentifier(name) ?? modules.bySourceName(name);
    if (fact?.compiledIn || loaded.has(fact?.identifier ?? name)) return true;
    // Not built for this platform: no tree loads it, and no third-party module takes its name.
    if (isOtherPlatformModule(name)) return false;
    // Require is mod_authz_core's, so any 2.4 configuration that authorizes loads it: before a LoadModule
    // says (a file read on its own), the 2.2 branch of the common <IfModule !mod_authz_core.c> is not read.
    if (!model.modulesKnown && fact?.identifier === 'authz_core_module') return true;
    if (!model.modulesKnown) return 'unknown';
    return fact || !hasForeignModule() ? false : 'unknown';
  };
  function directiveAvailable(name: string): Condition {
    const providers = directives.modulesOf(name);
    if (providers.length === 0) return hasForeignModule() ? 'unknown' : false;
    const available = providers.some((module) => {
      const fact = modules.forDirectiveModule(module);
      return fact !== undefined && (fact.compiledIn || loaded.has(fact.identifier));
    });
    return available || model.modulesKnown ? available : 'unknown';
  }

  const frames: Frame[] = [];
  /** The files with lines whose ${VAR} were substituted (most files have none, and share one empty map). */
  const resolvedIn = new Map<FileInTree, Map<DirectiveNode | SectionNode, ResolvedLine>>();
  /** The frame that reads a file (registering the file on its first read), or why it cannot be read. */
  const frameFor = (path: string, from: { path: string; node: DirectiveNode } | undefined, parent: Omit<Frame, 'scope' | 'steps' | 'next'>): Frame | string => {
    const source = options.sources.get(path);
    if ('error' in source) return source.error;
    let scope = model.files.get(path);
    let steps: readonly Step[];
    if (!scope) {
      scope = { path, file: source.file, includedFrom: from, enclosing: outermostFirst(parent.enclosing), deadSections: NO_DEAD_SECTIONS, resolved: NOTHING_RESOLVED };
      model.files.set(path, scope);
      steps = stepsOf(source.file, path);
    } else {
      // Read again: its live items get copies of their own, so that no item stands twice in one tree.
      steps = prepareSteps(source.file.children, path);
    }
    return { scope, steps, next: 0, into: parent.into, enclosing: parent.enclosing, chain: [...parent.chain, path], expanding: parent.expanding };
  };

  const main = frameFor(mainPath, undefined, { into: model.tree, chain: [], expanding: [] });
  if (typeof main === 'string') {
    model.problems.push({ rule: 'include/failed', path: mainPath, range: ZERO_RANGE, message: `Could not open configuration file ${mainPath}: ${main}` });
  } else {
    frames.push(main);
  }

  while (frames.length > 0) {
    const frame = frames[frames.length - 1];
    if (frame.next >= frame.steps.length) {
      frames.pop();
      continue;
    }
    const step = frame.steps[frame.next++];
    if (!(step instanceof StatefulLine)) {
      frame.into.push(step);
      continue;
    }
    const { node } = step;
    const { scope } = frame;
    const path = scope.path;
    const { name, args } = step.words ?? resolveWords(node, scope, path);
    if (node.kind === 'section') {
      const key = name.toLowerCase();
      if (CONDITIONAL_SECTIONS.has(key)) {
        const outcome = evaluateCondition(key, args, {
          isModuleLoaded,
          isDefined: (flag) => (flags.has(flag) ? true : model.definesKnown ? false : 'unknown'),
          httpdVersion: options.httpdVersion ?? DEFAULT_HTTPD_VERSION,
          fileExists: (file) => options.sources.fs.stat(serverRootRelative(model.serverRoot, file)) !== undefined,
          isDirectiveAvailable: directiveAvailable,
        });
        if ('error' in outcome) {
          model.problems.push({ rule: 'core/ifversion-invalid', path, range: node.open.range, message: outcome.error });
        }
        const live = 'value' in outcome && outcome.value !== false;
        evaluated.set(node, (evaluated.get(node) ?? false) || live);
        if (live) frames.push({ ...frame, steps: step.steps, next: 0 });
        continue;
      }
      const item: LiveSection = { kind: 'section', node, path, name, args, children: [] };
      frame.into.push(item);
      if (isTemplateSection(key)) defineMacro(item);
      else if (!hasRawBody(key)) frames.push({ ...frame, steps: step.steps, next: 0, into: item.children, enclosing: { section: node, outer: frame.enclosing } });
      continue;
    }
    const key = name.toLowerCase();
    if ((key === 'include' || key === 'includeoptional') && args.length > 0) {
      if (options.followIncludes === false) model.includes.push({ path, node, optional: key === 'includeoptional', pattern: args[0], files: [] });
      else include(node, frame, args[0], key === 'includeoptional');
      continue;
    }
    frame.into.push({ kind: 'directive', node, path, name, args });
    if (key === 'use' && args.length > 0) {
      use(node, frame, args);
    } else if (key === 'undefmacro' && args.length > 0) {
      macros.delete(args[0].toLowerCase());
    } else if (key === 'define' && args.length > 0) {
      if (args[0].includes(':')) {
        model.problems.push({ rule: 'define/invalid-name', path, range: node.range, message: "Variable name must not contain ':'" });
        continue;
      }
      // Apache drops an empty second word ("" is no word): the name is defined, any earlier value stays.
      const value = args[1] === '' ? undefined : args[1];
      const definition: VariableDefinition = { name: args[0], value, undefine: false, path, node };
      model.definitions.push(definition);
      flags.add(args[0]);
      if (value !== undefined) values.set(args[0].toLowerCase(), definition);
    } else if (key === 'undefine' && args.length > 0) {
      model.definitions.push({ name: args[0], undefine: true, path, node });
      flags.delete(args[0]);
      values.delete(args[0].toLowerCase());
    } else if (key === 'serverroot' && args.length > 0) {
      model.serverRoot = posix.normalize(args[0]);
      model.serverRootKnown = true;
    } else if (key === 'loadmodule' && args.length > 1) {
      model.modulesKnown = true;
      model.definesKnown = true;
      if (!loaded.has(args[0])) loaded.set(args[0], { identifier: args[0], file: serverRootRelative(model.serverRoot, args[1]), path, node });
    }
  }

  // A file read without its main configuration cannot know the Defines made there.
  if (!model.definesKnown) model.problems = model.problems.filter((problem) => problem.rule !== 'define/undefined-variable');
  const scopeOf = new Map([...model.files.values()].map((scope) => [scope.file, scope]));
  const deadIn = new Map<FileInTree, Set<SectionNode>>();
  for (const [section, live] of evaluated) {
    const scope = live ? undefined : scopeOf.get(rootOf(section));
    if (!scope) continue;
    let dead = deadIn.get(scope);
    if (!dead) deadIn.set(scope, (scope.deadSections = dead = new Set()));
    dead.add(section);
  }
  // The tree is read: each name's answer is settled, and every file's rules ask it line by line.
  const availability = new Map<string, Condition>();
  model.isDirectiveAvailable = (name) => {
    let available = availability.get(name);
    if (available === undefined) {
      available = directiveAvailable(name);
      availability.set(name, available);
    }
    return available;
  };
  parses.keepOnlyUsed();
  return model;

  function defineMacro(item: LiveSection): void {
    if (item.args.length > 0 && directiveAvailable('Use') !== false) macros.set(item.args[0].toLowerCase(), item);
  }

  /**
   * Reads what a Use line expands to in its place, as mod_macro does, when
   * Apache would: the macro is defined above, takes as many words as given,
   * and is not being expanded already (define/macro-use reports the rest).
   */
  function use(node: DirectiveNode, frame: Frame, args: readonly string[]): void {
    const name = args[0].toLowerCase();
    const macro = macros.get(name);
    if (!macro || macro.args.length !== args.length || frame.expanding.includes(name) || expanded.stopped) return;
    if (frame.expanding.length >= MAX_MACRO_DEPTH) {
      tooLarge(`more than ${MAX_MACRO_DEPTH} macros deep, each using the next`);
      return;
    }
    const text = expandMacro(model, macro, args.slice(1));
    if (text === undefined) return;
    expanded.text += text.length;
    if (++expanded.count > MAX_EXPANSIONS || expanded.text > MAX_EXPANDED_TEXT) {
      tooLarge(`more than ${MAX_EXPANSIONS.toLocaleString('en')} macro bodies or ${MAX_EXPANDED_TEXT / 1024 / 1024} MiB of text, macros using macros`);
      return;
    }
    const path = `${frame.scope.path} (Use ${args[0]} at line ${node.startLine + 1})`;
    let scope = model.files.get(path);
    let steps: readonly Step[];
    if (!scope) {
      const file = parses.get(macro.node, path, text);
      scope = { path, file, includedFrom: { path: frame.scope.path, node }, enclosing: outermostFirst(frame.enclosing), deadSections: NO_DEAD_SECTIONS, resolved: NOTHING_RESOLVED, macro };
      model.files.set(path, scope);
      steps = stepsOf(file, path);
    } else {
      steps = prepareSteps(scope.file.children, path);
    }
    frames.push({ ...frame, scope, steps, next: 0, chain: [...frame.chain, path], expanding: [...frame.expanding, name] });

    /** Said once, on the Use where expanding stops (and no Use after it is expanded). */
    function tooLarge(what: string): void {
      expanded.stopped = true;
      model.problems.push({
        rule: 'include/too-large',
        path: frame.scope.path,
        range: node.range,
        message: `Use lines here expand to ${what}: apache-ssl stopped expanding them, so what this and later Use lines expand to is not checked.`,
      });
    }
  }

  function include(node: DirectiveNode, frame: Frame, pattern: string, optional: boolean): void {
    const path = frame.scope.path;
    const expansion = expandInclude(pattern, model.serverRoot, options.sources.fs, optional);
    model.includes.push({ path, node, optional, pattern, files: expansion.files });
    const failed = (message: string) => model.problems.push({ rule: 'include/failed', path, range: node.range, message: `Include/IncludeOptional: ${message}` });
    const pending: string[] = [];
    for (const file of expansion.files) {
      if (frame.chain.includes(file)) {
        const cycle = [...frame.chain.slice(frame.chain.indexOf(file)), file].map((step) => posix.basename(step)).join(' → ');
        model.problems.push({
          rule: 'include/recursion',
          path,
          range: node.range,
          message: `${file} includes itself (${cycle}). Apache follows the loop until "Exceeded maximum include depth of ${MAX_INCLUDE_DEPTH}, There appears to be a recursion." and refuses to start.`,
        });
        continue;
      }
      if (frame.chain.length >= MAX_INCLUDE_DEPTH) {
        model.problems.push({ rule: 'include/recursion', path, range: node.range, message: `Exceeded maximum include depth of ${MAX_INCLUDE_DEPTH}, There appears to be a recursion.` });
        break;
      }
      pending.push(file);
    }
    const included: Frame[] = [];
    let text = 0;
    for (const file of pending) {
      const next = frameFor(file, { path, node }, frame);
      if (typeof next === 'string') {
        if (!(optional && next === 'No such file or directory')) failed(`Could not open configuration file ${file}: ${next}`);
        continue;
      }
      included.push(next);
      if ((text += next.scope.file.text.length) > MAX_INCLUDE_TEXT) {
        tooLarge(`more than ${MAX_INCLUDE_TEXT / 1024 / 1024} MiB of text: apache-ssl stopped reading after ${file}, so the files after it are not checked`);
        break;
      }
    }
    // Frames run last-in first-out: push the last file first so the first is read first.
    frames.push(...included.reverse());
    if (expansion.error) failed(expansion.error);
    if (expansion.tooMany) tooLarge(`more than ${MAX_INCLUDE_ENTRIES.toLocaleString('en')} files and folders: apache-ssl reads none of them, so nothing there is checked`);

    function tooLarge(what: string): void {
      model.problems.push({
        rule: 'include/too-large',
        path,
        range: node.range,
        message: `This path reaches ${what}. No configuration is that large, and Apache would read it all as configuration, stopping at the first file that is not. Is the path right?`,
      });
    }
  }

  /** Substitutes ${VAR} in a live line and splits it again, as Apache does before looking at the words. */
  function resolveWords(node: DirectiveNode | SectionNode, scope: FileInTree, path: string): ResolvedLine {
    const line = [node.name, ...node.args.map((arg) => arg.raw)].join(' ');
    // Define'd values live in an APR table, which ignores case; <IfDefine> flags do not.
    const lookup = (variable: string): string | undefined => values.get(variable.toLowerCase())?.value ?? environment[variable];
    const substitution = substituteVariables(line, lookup);
    for (const reference of substitution.references) {
      const value = lookup(reference.name);
      const range = referenceRange(node, reference.start, reference.end - reference.start);
      model.uses.push({ name: reference.name, path, node, range, value, definition: values.get(reference.name.toLowerCase()) });
    }
    for (const reference of substitution.undefinedNames) {
      model.problems.push({
        rule: 'define/undefined-variable',
        path,
        range: referenceRange(node, reference.start, reference.end - reference.start),
        message: `Config variable \${${reference.name}} is not defined: Apache keeps the text as written (AH00111).`,
      });
    }
    const words = splitWords(substitution.text, 0).map((word) => word.value);
    const resolved = { name: words[0] ?? node.name, args: words.slice(1), text: substitution.text };
    let own = resolvedIn.get(scope);
    if (!own) resolvedIn.set(scope, (scope.resolved = own = new Map()));
    if (!own.has(node)) own.set(node, resolved);
    return resolved;
  }
}

/** Lines whose effect depends on what was read before them: what they do once read, or what their ${VAR} resolve to. */
const STATEFUL_DIRECTIVES = new Set(['include', 'includeoptional', 'define', 'undefine', 'serverroot', 'loadmodule', 'use', 'undefmacro']);

/** Whether the directive changes how the lines after it are read (the model carries its effect on). */
export function isStatefulDirective(name: string): boolean {
  return STATEFUL_DIRECTIVES.has(name.toLowerCase());
}

/** A line the walk must look at each time: it has ${VAR}, changes what later lines mean, or is (or holds) a conditional. */
class StatefulLine {
  constructor(
    readonly node: DirectiveNode | SectionNode,
    /** Name and words when the line has no ${VAR}. */
    readonly words: { name: string; args: readonly string[] } | undefined,
    /** A section's lines. */
    readonly steps: readonly Step[],
  ) {}
}

/**
 * A line as the walk meets it. Any other line is the same live item on every
 * read, so it is built once per parse and shared by every model built from
 * it: a rebuild after a keystroke then creates items only for what changed.
 */
type Step = LiveItem | StatefulLine;

const NO_STEPS: readonly Step[] = [];
/** What a file has when Apache skips none of its sections, or substitutes no ${VAR} in it; shared, so never written. */
export const NO_DEAD_SECTIONS: ReadonlySet<SectionNode> = new Set();
export const NOTHING_RESOLVED: ReadonlyMap<DirectiveNode | SectionNode, ResolvedLine> = new Map();

/** Steps of a parse, for the path it was last read as. */
const prepared = new WeakMap<ConfigFile, { path: string; steps: readonly Step[] }>();

/**
 * The step of a top-level node, for the path and line it was read at.
 * reparseConfig carries unchanged nodes into the next parse of an edited
 * file, so their steps (and what is cached by live item, such as a host's
 * reading) carry over too, as long as the node has not moved to other lines.
 */
const topLevelSteps = new WeakMap<Node, { path: string; line: number; step: Step | undefined }>();

function stepsOf(file: ConfigFile, path: string): readonly Step[] {
  let known = prepared.get(file);
  if (known?.path !== path) {
    const steps: Step[] = [];
    for (const node of file.children) {
      if (node.kind !== 'directive' && node.kind !== 'section') continue;
      let top = topLevelSteps.get(node);
      if (top?.path !== path || top.line !== node.startLine) {
        top = { path, line: node.startLine, step: prepareSteps([node], path)[0] };
        topLevelSteps.set(node, top);
      }
      if (top.step) steps.push(top.step);
    }
    // Made at its size: a list grown by push keeps room for 16 or more, and a tree has one list per file.
    known = { path, steps: steps.slice() };
    prepared.set(file, known);
  }
  return known.steps;
}

/** Whether a line's words are what Apache reads, with no ${VAR} to replace. */
function isPlain(node: DirectiveNode | SectionNode): boolean {
  // A word's value holds `${` exactly when its spelling does: unescaping only removes a backslash before `\` or a quote.
  return !node.name.includes('${') && !node.words.some((word) => word.includes('${'));
}

/** The words of a plain line, for the steps that keep them (most lines need none: a plain directive reads its node). */
function plainWords(node: DirectiveNode | SectionNode): { name: string; args: readonly string[] } | undefined {
  return isPlain(node) ? { name: node.name, args: node.words } : undefined;
}

/** The steps of a line list; a section is decided after its lines, on a stack of its own so deep nesting cannot overflow. */
function prepareSteps(nodes: readonly Node[], path: string): Step[] {
  interface Level {
    nodes: readonly Node[];
    next: number;
    steps: Step[];
    /** Whether every step so far is a live item. */
    settled: boolean;
    section?: SectionNode;
    words?: { name: string; args: readonly string[] };
  }
  const top: Level = { nodes, next: 0, steps: [], settled: true };
  const levels = [top];
  while (levels.length > 0) {
    const level = levels[levels.length - 1];
    if (level.next >= level.nodes.length) {
      levels.pop();
      const { section, words } = level;
      if (!section) continue;
      const outer = levels[levels.length - 1];
      if (words && level.settled && !CONDITIONAL_SECTIONS.has(words.name.toLowerCase())) {
        outer.steps.push(new PlainLiveSection(section, path, level.steps.slice() as LiveItem[]));
      } else {
        outer.steps.push(new StatefulLine(section, words, level.steps));
        outer.settled = false;
      }
      continue;
    }
    const node = level.nodes[level.next++];
    if (node.kind !== 'directive' && node.kind !== 'section') continue;
    if (node.kind === 'section') {
      const words = plainWords(node);
      // A template's lines are stored, not read; the walk defines it.
      if (words && isTemplateSection(words.name)) {
        level.steps.push(new StatefulLine(node, words, NO_STEPS));
        level.settled = false;
      } else levels.push({ nodes: node.children, next: 0, steps: [], settled: true, section: node, words });
    } else if (isPlain(node) && !isStatefulDirective(node.name)) {
      level.steps.push(new PlainLiveDirective(node, path));
    } else {
      level.steps.push(new StatefulLine(node, plainWords(node), NO_STEPS));
      level.settled = false;
    }
  }
  return top.steps;
}

/**
 * The parses of macro expansions, by macro, Use and text, kept from one model
 * to the next (the server rebuilds the model on every keystroke) for what the
 * last model used, so the expansion's live items carry over like a file's.
 * Each Use gets a parse of its own, as each file does: what the model learns
 * about a parse's lines (dead branches) is about one place in the tree.
 */
const keptParses = new WeakMap<SectionNode, Map<string, ConfigFile>>();

class ExpansionParses {
  private readonly used = new Map<SectionNode, Map<string, ConfigFile>>();

  get(macro: SectionNode, path: string, text: string): ConfigFile {
    let used = this.used.get(macro);
    if (!used) this.used.set(macro, (used = new Map()));
    const key = `${path}\0${text}`;
    const file = used.get(key) ?? keptParses.get(macro)?.get(key) ?? parseConfig(text);
    used.set(key, file);
    return file;
  }

  keepOnlyUsed(): void {
    for (const [macro, used] of this.used) keptParses.set(macro, used);
  }
}

const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

function rootOf(node: Node): ConfigFile {
  let parent = node.parent;
  while (parent.kind === 'section') parent = parent.parent;
  return parent;
}

/**
 * The range of the `${…}` that starts at `offset` of the line rebuilt as name + ' ' + raw args.
 * Falls back to the whole node when the word spans physical lines.
 */
function referenceRange(node: DirectiveNode | SectionNode, offset: number, length = 0): Range {
  const nameRange = node.kind === 'section' ? node.open.nameRange : node.nameRange;
  const pieces = [{ text: node.name, range: nameRange }, ...node.args.map((arg) => ({ text: arg.raw, range: arg.range }))];
  let at = 0;
  for (const piece of pieces) {
    if (offset < at + piece.text.length) {
      const { start, end } = piece.range;
      if (start.line !== end.line) return piece.range;
      const character = start.character + (offset - at) + (piece === pieces[0] && node.kind === 'section' ? 1 : 0);
      return { start: { line: start.line, character }, end: { line: start.line, character: character + length } };
    }
    at += piece.text.length + 1;
  }
  return node.range;
}
