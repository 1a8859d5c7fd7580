// Analysis of a file the user is editing. reparseConfig keeps every top-level
// node an edit did not touch, and moves the ones after it. In a site file
// (nothing at its top level but <VirtualHost> sections and comments), when
// only some hosts and comments changed, the previous findings on every host
// that neither changed nor moved still stand: a host's findings come from that
// host and the server config (what focusedModel relies on). A host that only
// moved keeps its findings too, moved with it, except those of rules that
// name other lines (citesLines), which run on it again. So only the changed
// hosts (and comments) are analysed, on a view of the file and the tree
// holding just them and the server config; the rules that compare hosts
// (crossHost) or speak once per file (wholeFile), and the binary-file check,
// run on the whole file. A file with server lines is analysed whole: their
// findings may depend on the hosts (which host serves a certificate). So is
// any other edit, and one that changes a host holding a Define, LoadModule
// or Include, which the model carries on to the hosts after it. Tests hold the result to a whole analysis after random edit
// sequences, and after every fixture's hosts were moved.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ConfigFile, DirectiveNode, Node, SectionNode } from '../parser/ast';
import { lineAt } from '../parser/lineIndex';
import { fileWithChildren } from '../parser/nodes';
import { isStatefulDirective } from '../config/buildConfigModel';
import { isFileOnDisk, type ConfigModel } from '../config/buildConfigModel';
import { hasRawBody, isTemplateSection } from '../parser/rawBodySections';
import { isFromExpansion } from './expansionFindings';
import { macroDefinitions } from './macros';
import { byPosition, findAll, findInExpansionsOf, prepareAnalysis, publishedDiagnostics, runRules, type AnalysisRun, type AnalyzeOptions } from './analyzeFile';
import { fileScope } from './fileScope';
import { hostsView } from './focusedModel';
import { RULES } from './registry';
import { notText } from './rules/notText';

export interface FileAnalysis {
  /** What the user sees. */
  readonly diagnostics: Diagnostic[];
  /** True when only the hosts the edit changed or moved were analysed again. */
  readonly partial: boolean;
  /** What the next edit starts from: the top-level nodes with the lines they spanned (nodes move), and the findings before suppressions. */
  readonly nodes: readonly Node[];
  readonly firstLines: Int32Array;
  readonly lastLines: Int32Array;
  readonly found: readonly Diagnostic[];
  readonly options: AnalyzeOptions;
  /** The parses of the tree's other files: a rebuilt model reads an unchanged file as the same parse. */
  readonly otherFiles: readonly ConfigFile[];
}

/** Rules that run on the whole file after any edit: their findings on one host may come from elsewhere. */
const WHOLE_FILE_RULES = RULES.filter((rule) => rule.crossHost || rule.wholeFile);
const WHOLE_FILE_IDS = new Set(WHOLE_FILE_RULES.map((rule) => rule.id));
const HOST_RULES = RULES.filter((rule) => !WHOLE_FILE_IDS.has(rule.id) && rule !== notText);
/** Host rules whose findings on a moved host are made again: they name lines besides their own. */
const CITING_RULES = HOST_RULES.filter((rule) => rule.citesLines);
const CITING_IDS = new Set(CITING_RULES.map((rule) => rule.id));
/** Host rules whose findings move with their host. */
const MOVABLE_RULES = HOST_RULES.filter((rule) => !rule.citesLines);

/**
 * Analyses `file`. `previous` is the analysis of an earlier parse of the same
 * document that reparseConfig took over. The tree's other files are checked
 * here; the caller passes `previous` only when nothing else the analysis reads
 * (certificate files, settings, the environment file) has changed since.
 */
export function analyzeEdit(file: ConfigFile, options: AnalyzeOptions, previous?: FileAnalysis): FileAnalysis {
  const run = prepareAnalysis(file, options);
  const otherFiles: ConfigFile[] = [];
  // An expansion is read from its macro's file and its Use's: it changes only with them.
  for (const inTree of run.scope.model.files.values()) if (inTree.path !== run.scope.path && isFileOnDisk(inTree)) otherFiles.push(inTree.file);
  const sameTree = previous !== undefined && otherFiles.length === previous.otherFiles.length && otherFiles.every((other, i) => other === previous.otherFiles[i]);
  // The lines each top-level node spans, from its first byte: a section's range starts at its tag, after any line joined to it.
  const firstLines = new Int32Array(file.children.length);
  const lastLines = new Int32Array(file.children.length);
  file.children.forEach((node, i) => {
    firstLines[i] = lineAt(file.lineStarts, node.start, i > 0 ? firstLines[i - 1] : 0);
    lastLines[i] = node.endLine;
  });
  const edit = previous && sameTree ? changedHosts(previous, file, firstLines, lastLines, options, run.scope.model) : undefined;
  // Kept in file order, so that after the next edit only the new findings need sorting.
  const found = previous && edit ? findAll(run, () => findInChangedHosts(run, previous, edit)) : findAll(run).sort(byPosition);
  return { diagnostics: publishedDiagnostics(file, found, run.settings), partial: edit !== undefined, nodes: file.children, firstLines, lastLines, found, options, otherFiles };
}

interface HostEdit {
  /** Hosts whose text changed: analysed again. */
  changed: Set<SectionNode>;
  /** Hosts whose text is the same but whose lines changed: only the citing rules run on them again. */
  moved: Set<SectionNode>;
  /** How far a previous finding at this line (as the lines were then) moves: 0 when its node neither changed nor moved, undefined when its node changed. */
  shift(line: number): number | undefined;
  /** Whether a finding at this line (as the lines are now) lies in a node that changed. */
  inChanged(line: number): boolean;
  /** Whether a finding at this line (as the lines are now) lies in a node that changed or moved. */
  inChangedOrMoved(line: number): boolean;
}

/** In `shifts`, a line of a node that changed: its previous findings are dropped. */
const DROPPED = 0x7fffffff;
/** In `now`, a line of a node that changed, or of one that moved. */
const CHANGED = 1;
const MOVED = 2;

/** What changed since `previous`, when only top-level hosts (and comments) did; else undefined. */
function changedHosts(previous: FileAnalysis, file: ConfigFile, firstLines: Int32Array, lastLines: Int32Array, options: AnalyzeOptions, model: ConfigModel): HostEdit | undefined {
  const before = previous.options;
  const sameOptions =
    before.settings === options.settings &&
    before.directives === options.directives &&
    before.fileName === options.fileName &&
    before.certificates === options.certificates &&
    before.focus === options.focus;
  if (!sameOptions || previous.found.some((diagnostic) => diagnostic.code === notText.id)) return undefined;
  // A section left open swallows the rest of the file.
  if (file.problems.some((problem) => problem.kind === 'unclosedSection')) return undefined;
  // reparseConfig replaces one run of top-level nodes and keeps the others, in order: the same objects at both ends.
  const nodes = file.children;
  const old = previous.nodes;
  let head = 0;
  while (head < nodes.length && head < old.length && nodes[head] === old[head]) head++;
  let tail = 0;
  while (tail < nodes.length - head && tail < old.length - head && nodes[nodes.length - 1 - tail] === old[old.length - 1 - tail]) tail++;
  // Nothing kept (a whole parse): nothing to gain from the previous findings.
  if (head === 0 && tail === 0) return undefined;
  // The nodes the edit replaced: a server line among them was in force for the findings kept; a host's Define or LoadModule reached past it.
  for (let j = head; j < old.length - tail; j++) if (!isHost(old[j]) ? old[j].kind !== 'blank' && old[j].kind !== 'comment' : reachesOtherHosts(old[j] as SectionNode, model)) return undefined;
  const changed = new Set<SectionNode>();
  const moved = new Set<SectionNode>();
  const shifts = new Int32Array(old.length === 0 ? 0 : previous.lastLines[old.length - 1] + 1).fill(DROPPED);
  const now = new Uint8Array(file.lineStarts.length);
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    // A server line's findings may depend on the hosts (which host serves a certificate).
    if (!isHost(node) && node.kind !== 'blank' && node.kind !== 'comment') return undefined;
    const j = i < head ? i : i >= nodes.length - tail ? i - nodes.length + old.length : -1;
    // A kept node is moved as a whole: the same lines, all shifted by one amount.
    const delta = j === -1 ? 0 : firstLines[i] - previous.firstLines[j];
    if (j !== -1 && lastLines[i] - previous.lastLines[j] === delta) {
      shifts.fill(delta, previous.firstLines[j], previous.lastLines[j] + 1);
      if (delta === 0) continue;
      now.fill(MOVED, firstLines[i], lastLines[i] + 1);
      if (isHost(node)) moved.add(node);
    } else {
      now.fill(CHANGED, firstLines[i], lastLines[i] + 1);
      if (isHost(node)) {
        if (reachesOtherHosts(node, model)) return undefined;
        changed.add(node);
      }
    }
  }
  return {
    changed,
    moved,
    shift: (line) => (shifts[line] === DROPPED ? undefined : shifts[line]),
    inChanged: (line) => now[line] === CHANGED,
    inChangedOrMoved: (line) => now[line] !== 0,
  };
}

function findInChangedHosts(run: AnalysisRun, previous: FileAnalysis, edit: HostEdit): Diagnostic[] {
  const kept: Diagnostic[] = [];
  // Findings in file order stay so when the amounts they move by never decrease along the file.
  let largestDelta = -Infinity;
  let inOrder = true;
  for (const diagnostic of previous.found) {
    const id = diagnostic.code as string;
    if (WHOLE_FILE_IDS.has(id)) continue;
    const delta = edit.shift(diagnostic.range.start.line);
    // A finding from a macro's expansion names the body line it comes from.
    if (delta === undefined || (delta !== 0 && (CITING_IDS.has(id) || isFromExpansion(diagnostic)))) continue;
    if (delta < largestDelta) inOrder = false;
    largestDelta = Math.max(largestDelta, delta);
    kept.push(delta === 0 ? diagnostic : movedBy(diagnostic, delta));
  }
  // One edit moves every node after it by the same amount, so the order holds; sorted anyway should that ever not be so.
  if (!inOrder) kept.sort(byPosition);
  const wholeFile = runRules(run, WHOLE_FILE_RULES);
  const changedView = hostsOnly(run, edit.changed);
  // What the Use lines of changed and moved hosts expand to is analysed again; in the others' expansions, the rules that compare hosts.
  const touched = (use: DirectiveNode) => {
    const host = topLevelNodeOf(use) as SectionNode;
    return edit.changed.has(host) || edit.moved.has(host);
  };
  const expanded = [...findInExpansionsOf(run, touched), ...findInExpansionsOf(run, (use) => !touched(use), true)];
  if (edit.moved.size === 0) {
    const fresh = runRules(changedView, HOST_RULES).filter((diagnostic) => edit.inChanged(diagnostic.range.start.line));
    return mergeByPosition(kept, [...wholeFile, ...fresh, ...expanded].sort(byPosition));
  }
  const fresh = runRules(changedView, MOVABLE_RULES).filter((diagnostic) => edit.inChanged(diagnostic.range.start.line));
  const cited = runRules(hostsOnly(run, new Set([...edit.changed, ...edit.moved])), CITING_RULES).filter((diagnostic) => edit.inChangedOrMoved(diagnostic.range.start.line));
  return mergeByPosition(kept, [...wholeFile, ...fresh, ...cited, ...expanded].sort(byPosition));
}

/** The run seen with only these of its hosts (its other top-level nodes all kept). */
function hostsOnly(run: AnalysisRun, hosts: Set<SectionNode>): AnalysisRun {
  return {
    ...run,
    file: fileWithChildren(run.file, run.file.children.filter((node) => !isHost(node) || hosts.has(node))),
    focusedScope: fileScope(hostsView(run.focusedScope.model, hosts), run.focusedScope.path),
  };
}

/** The finding `delta` lines further down, with everything else as it was. */
function movedBy(diagnostic: Diagnostic, delta: number): Diagnostic {
  const { start, end } = diagnostic.range;
  return { ...diagnostic, range: { start: { line: start.line + delta, character: start.character }, end: { line: end.line + delta, character: end.character } } };
}

/** Two lists in file order as one; on the same position, `a`'s first. */
function mergeByPosition(a: readonly Diagnostic[], b: readonly Diagnostic[]): Diagnostic[] {
  const merged: Diagnostic[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) merged.push(byPosition(b[j], a[i]) < 0 ? b[j++] : a[i++]);
  while (i < a.length) merged.push(a[i++]);
  while (j < b.length) merged.push(b[j++]);
  return merged;
}

/**
 * The host holds a line that changes how later hosts are read (a Define and
 * the <IfDefine> or ${VAR} that test it, a LoadModule and <IfModule>, a
 * <Macro> and the Use lines of it), or a Use whose macro holds such a line.
 */
function reachesOtherHosts(host: SectionNode, model: ConfigModel): boolean {
  return holdsStatefulLine(host.children, (use) => !useStaysInHost(use, model));
}

function holdsStatefulLine(nodes: readonly Node[], useReaches: (use: DirectiveNode) => boolean): boolean {
  const pending: Node[] = [...nodes];
  for (let node = pending.pop(); node; node = pending.pop()) {
    if (node.kind === 'section') {
      if (isTemplateSection(node.name)) return true;
      if (!hasRawBody(node.name)) pending.push(...node.children);
    } else if (node.kind === 'directive' && isStatefulDirective(node.name) && (node.name.toLowerCase() !== 'use' || useReaches(node))) {
      return true;
    }
  }
  return false;
}

/** A Use whose macro (every one of that name the tree defines) holds no line that reaches past it, nor a Use. */
function useStaysInHost(use: DirectiveNode, model: ConfigModel): boolean {
  const name = use.args[0]?.raw;
  if (!name || name.includes('${')) return false;
  const bodies = macroDefinitions(model).filter((macro) => macro.args[0]?.toLowerCase() === name.toLowerCase());
  return bodies.every((macro) => !holdsStatefulLine(macro.node.children, () => true));
}

/** The node at the top of the file that holds `node`. */
function topLevelNodeOf(node: Node): Node {
  let top = node;
  while (top.parent.kind === 'section') top = top.parent;
  return top;
}

function isHost(node: Node): node is SectionNode {
  return node.kind === 'section' && node.name.toLowerCase() === 'virtualhost';
}
