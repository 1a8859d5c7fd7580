// Analysis of a file the user is editing. reparseConfig keeps every top-level
// node an edit did not touch. In a site file (nothing at its top level but
// <VirtualHost> sections and comments), when all that changed is the body of
// some hosts and no line was added or removed, the previous findings on every
// other line still stand: a host's findings come from that host and the server
// config (what focusedModel relies on). So only the changed hosts are analysed,
// on a view of the file and the tree holding just them and the server config;
// the rules that compare hosts (crossHost) or speak once per file (wholeFile),
// and the binary-file check, run on the whole file. A file with server lines
// is analysed whole: their findings may depend on the hosts (which host serves
// a certificate). Any other edit gets a whole analysis too. A test
// holds the result to a whole analysis after random edit sequences.
import type { Diagnostic } from 'vscode-languageserver-types';
import type { ConfigFile, Node, SectionNode } from '../parser/ast';
import { findAll, prepareAnalysis, publishedDiagnostics, runRules, type AnalysisRun, type AnalyzeOptions } from './analyzeFile';
import { fileScope } from './fileScope';
import { hostsView } from './focusedModel';
import { RULES } from './registry';
import { notText } from './rules/notText';

export interface FileAnalysis {
  /** What the user sees. */
  readonly diagnostics: Diagnostic[];
  /** What the next edit starts from: the parse, its top-level nodes, and the findings before suppressions. */
  readonly file: ConfigFile;
  readonly nodes: readonly Node[];
  readonly lineCount: number;
  readonly found: readonly Diagnostic[];
  readonly options: AnalyzeOptions;
  /** True when only the changed hosts were analysed again. */
  readonly partial: boolean;
}

/** Rules that run on the whole file after any edit: their findings on one host may come from elsewhere. */
const WHOLE_FILE_RULES = RULES.filter((rule) => rule.crossHost || rule.wholeFile);
const WHOLE_FILE_IDS = new Set(WHOLE_FILE_RULES.map((rule) => rule.id));
const HOST_RULES = RULES.filter((rule) => !WHOLE_FILE_IDS.has(rule.id) && rule !== notText);

/**
 * Analyses `file`. `previous` is the analysis of an earlier parse of the same
 * document that reparseConfig took over; the caller passes it only when
 * nothing else the analysis reads (other files of the tree, certificate
 * files, settings) has changed since.
 */
export function analyzeEdit(file: ConfigFile, options: AnalyzeOptions, previous?: FileAnalysis): FileAnalysis {
  const run = prepareAnalysis(file, options);
  const changed = previous ? changedHosts(previous, file, options) : undefined;
  const found = previous && changed ? run.certificates.snapshot(() => findInChangedHosts(run, previous, changed)) : findAll(run);
  return {
    diagnostics: publishedDiagnostics(file, found, run.settings),
    file,
    nodes: file.children,
    lineCount: file.lineStarts.length,
    found,
    options,
    partial: changed !== undefined,
  };
}

/** The top-level hosts that are new in `file`, when nothing else differs from what `previous` analysed; else undefined. */
function changedHosts(previous: FileAnalysis, file: ConfigFile, options: AnalyzeOptions): Set<SectionNode> | undefined {
  const before = previous.options;
  const sameOptions =
    before.settings === options.settings &&
    before.directives === options.directives &&
    before.fileName === options.fileName &&
    before.certificates === options.certificates &&
    before.focus === options.focus;
  if (!sameOptions || previous.lineCount !== file.lineStarts.length) return undefined;
  if (previous.found.some((diagnostic) => diagnostic.code === notText.id)) return undefined;
  // reparseConfig keeps each unchanged node at its place, so the lists line up.
  if (previous.nodes.length !== file.children.length) return undefined;
  const changed = new Set<SectionNode>();
  for (let i = 0; i < file.children.length; i++) {
    const node = file.children[i];
    const same = node === previous.nodes[i];
    if (isHost(node)) {
      if (!same) changed.add(node);
      continue;
    }
    // A server line's findings may depend on the hosts (which host serves a certificate); a changed comment may hold findings of its own.
    if (!same || (node.kind !== 'blank' && node.kind !== 'comment')) return undefined;
  }
  return changed;
}

function findInChangedHosts(run: AnalysisRun, previous: FileAnalysis, changed: ReadonlySet<SectionNode>): Diagnostic[] {
  const binary = runRules(run, [notText]);
  if (binary.length > 0) return binary;
  const inChanged = (diagnostic: Diagnostic): boolean => {
    const line = diagnostic.range.start.line;
    for (const host of changed) if (line >= host.startLine && line <= host.endLine) return true;
    return false;
  };
  const kept = previous.found.filter((diagnostic) => !WHOLE_FILE_IDS.has(String(diagnostic.code)) && !inChanged(diagnostic));
  const wholeFile = runRules(run, WHOLE_FILE_RULES);
  const view: AnalysisRun = {
    ...run,
    file: { ...run.file, children: run.file.children.filter((node) => !isHost(node) || changed.has(node)) },
    focusedScope: fileScope(hostsView(run.focusedScope.model, changed), run.focusedScope.path),
  };
  const fresh = runRules(view, HOST_RULES).filter(inChanged);
  return [...kept, ...wholeFile, ...fresh];
}

function isHost(node: Node): node is SectionNode {
  return node.kind === 'section' && node.name.toLowerCase() === 'virtualhost';
}
