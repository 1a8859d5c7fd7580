// Analysis of a file the user is editing. reparseConfig keeps every top-level
// node an edit did not touch. In a site file (nothing at its top level but
// <VirtualHost> sections and comments), when only some hosts and comments
// changed, the previous findings on every host that neither changed nor moved
// still stand: a host's findings come from that host and the server config
// (what focusedModel relies on). So only the changed and moved hosts (and
// comments) are analysed, on a view of the file and the tree holding just
// them and the server config; the rules that compare hosts (crossHost) or
// speak once per file (wholeFile), and the binary-file check, run on the
// whole file. A file with server lines is analysed whole: their findings may
// depend on the hosts (which host serves a certificate). So is any other
// edit. A test holds the result to a whole analysis after random edit
// sequences.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ConfigFile, Node, SectionNode } from '../parser/ast';
import { byPosition, findAll, prepareAnalysis, publishedDiagnostics, runRules, type AnalysisRun, type AnalyzeOptions } from './analyzeFile';
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

/**
 * Analyses `file`. `previous` is the analysis of an earlier parse of the same
 * document that reparseConfig took over. The tree's other files are checked
 * here; the caller passes `previous` only when nothing else the analysis reads
 * (certificate files, settings, the environment file) has changed since.
 */
export function analyzeEdit(file: ConfigFile, options: AnalyzeOptions, previous?: FileAnalysis): FileAnalysis {
  const run = prepareAnalysis(file, options);
  const otherFiles: ConfigFile[] = [];
  for (const inTree of run.scope.model.files.values()) if (inTree.path !== run.scope.path) otherFiles.push(inTree.file);
  const sameTree = previous !== undefined && otherFiles.length === previous.otherFiles.length && otherFiles.every((other, i) => other === previous.otherFiles[i]);
  const edit = previous && sameTree ? changedHosts(previous, file, options) : undefined;
  // Kept in file order, so that after the next edit only the new findings need sorting.
  const found = previous && edit ? findAll(run, () => findInChangedHosts(run, previous, edit)) : findAll(run).sort(byPosition);
  const firstLines = new Int32Array(file.children.length);
  const lastLines = new Int32Array(file.children.length);
  file.children.forEach((node, i) => {
    firstLines[i] = node.startLine;
    lastLines[i] = node.endLine;
  });
  return { diagnostics: publishedDiagnostics(file, found, run.settings), partial: edit !== undefined, nodes: file.children, firstLines, lastLines, found, options, otherFiles };
}

interface HostEdit {
  /** Hosts whose text or lines changed: analysed again. */
  changed: Set<SectionNode>;
  /** Whether a previous finding at this line (as the lines were then) still stands: it lies in a node that neither changed nor moved. */
  stands(line: number): boolean;
  /** Whether a finding at this line (as the lines are now) comes from the new analysis: it lies in a node that changed or moved. */
  rechecked(line: number): boolean;
}

/** What changed since `previous`, when only top-level hosts (and comments) did; else undefined. */
function changedHosts(previous: FileAnalysis, file: ConfigFile, options: AnalyzeOptions): HostEdit | undefined {
  const before = previous.options;
  const sameOptions =
    before.settings === options.settings &&
    before.directives === options.directives &&
    before.fileName === options.fileName &&
    before.certificates === options.certificates &&
    before.focus === options.focus;
  if (!sameOptions || previous.found.some((diagnostic) => diagnostic.code === notText.id)) return undefined;
  // reparseConfig keeps each unchanged node at its place, so the lists line up; a section left open swallows the rest of the file.
  if (previous.nodes.length !== file.children.length || file.problems.some((problem) => problem.kind === 'unclosedSection')) return undefined;
  const changed = new Set<SectionNode>();
  const standing = new Uint8Array(previous.nodes.length === 0 ? 0 : previous.lastLines[previous.nodes.length - 1] + 1);
  const again = new Uint8Array(file.lineStarts.length);
  for (let i = 0; i < file.children.length; i++) {
    const node = file.children[i];
    // A server line's findings may depend on the hosts (which host serves a certificate).
    if (!isHost(node) && node.kind !== 'blank' && node.kind !== 'comment') return undefined;
    if (node === previous.nodes[i] && node.startLine === previous.firstLines[i] && node.endLine === previous.lastLines[i]) {
      standing.fill(1, previous.firstLines[i], previous.lastLines[i] + 1);
    } else {
      again.fill(1, node.startLine, node.endLine + 1);
      if (isHost(node)) changed.add(node);
    }
  }
  return { changed, stands: (line) => standing[line] === 1, rechecked: (line) => again[line] === 1 };
}

function findInChangedHosts(run: AnalysisRun, previous: FileAnalysis, { changed, stands, rechecked }: HostEdit): Diagnostic[] {
  const kept: Diagnostic[] = [];
  for (const diagnostic of previous.found) if (stands(diagnostic.range.start.line) && !WHOLE_FILE_IDS.has(String(diagnostic.code))) kept.push(diagnostic);
  const wholeFile = runRules(run, WHOLE_FILE_RULES);
  const view: AnalysisRun = {
    ...run,
    file: { ...run.file, children: run.file.children.filter((node) => !isHost(node) || changed.has(node)) },
    focusedScope: fileScope(hostsView(run.focusedScope.model, changed), run.focusedScope.path),
  };
  const fresh = runRules(view, HOST_RULES).filter((diagnostic) => rechecked(diagnostic.range.start.line));
  return mergeByPosition(kept, [...wholeFile, ...fresh].sort(byPosition));
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

function isHost(node: Node): node is SectionNode {
  return node.kind === 'section' && node.name.toLowerCase() === 'virtualhost';
}
