// Runs every enabled rule over one parsed file and turns findings into
// diagnostics. A rule that throws is reported through `onRuleError` and the
// others still run.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ConfigFile, DirectiveNode } from '../parser/ast';
import type { ConfigModel } from '../config/buildConfigModel';
import { loneFileModel, UNSAVED_PATH } from '../config/loneFileModel';
import { fileScope, isHtaccessPath, type FileScope } from './fileScope';
import { focusedModel } from './focusedModel';
import { defaultDirectiveIndex, type DirectiveIndex } from '../knowledge/directiveIndex';
import { DEFAULT_SETTINGS, type ServerSettings } from '../settings';
import { findRule, RULES } from './registry';
import { defaultCertificateReader, type CertificateReader } from './certs/certificateReader';
import { findSuppressions, isSuppressed } from './suppressions';
import { notText } from './rules/notText';
import { expansionFindings } from './expansionFindings';
import type { Finding, Rule, RuleContext, RuleSetting, RuleSeverity } from './types';

export const DIAGNOSTIC_SOURCE = 'apache-ssl';

const SEVERITIES: Record<RuleSeverity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface AnalyzeOptions {
  settings?: ServerSettings;
  directives?: DirectiveIndex;
  /** The file's path, when known: `.htaccess` files get per-directory context. */
  fileName?: string;
  /** The configuration tree the file belongs to; without one the file is its own root. */
  model?: ConfigModel;
  /** Where certificate files are read from; the process-wide reader on the real file system by default. */
  certificates?: CertificateReader;
  onRuleError?: (rule: Rule, error: unknown) => void;
  /**
   * Only this file's findings are wanted, not the tree's (the editor): whole-tree
   * work is limited to the hosts the file can hold findings for (focusedModel).
   */
  focus?: boolean;
}


export function analyzeFile(file: ConfigFile, options: AnalyzeOptions = {}): Diagnostic[] {
  const run = prepareAnalysis(file, options);
  return publishedDiagnostics(file, findAll(run), run.settings);
}

/** What one analysis of one file runs with. */
export interface AnalysisRun {
  file: ConfigFile;
  settings: ServerSettings;
  directives: DirectiveIndex;
  inHtaccess: boolean;
  certificates: CertificateReader;
  /** The file in the whole tree, for rules that compare hosts. */
  scope: FileScope;
  /** The file in the tree the other rules see (focusedModel when focused). */
  focusedScope: FileScope;
  onRuleError?: (rule: Rule, error: unknown) => void;
}

export function prepareAnalysis(file: ConfigFile, options: AnalyzeOptions): AnalysisRun {
  const path = options.fileName ?? UNSAVED_PATH;
  const model = options.model ?? loneFileModel(file, path);
  const scope = fileScope(model, path);
  const focused = options.focus ? focusedModel(model, path) : model;
  return {
    file,
    settings: options.settings ?? DEFAULT_SETTINGS,
    directives: options.directives ?? defaultDirectiveIndex(),
    inHtaccess: isHtaccessPath(options.fileName ?? ''),
    certificates: options.certificates ?? defaultCertificateReader,
    scope,
    focusedScope: focused === model ? scope : fileScope(focused, path),
    onRuleError: options.onRuleError,
  };
}

/**
 * Every enabled rule's findings, before suppressions, within one certificate
 * snapshot; `rest` finds what the rules after the binary-file check say (all
 * of them, by default). A binary file gets only that one finding.
 */
export function findAll(run: AnalysisRun, rest: () => Diagnostic[] = () => findInFile(run)): Diagnostic[] {
  return run.certificates.snapshot(() => {
    const binary = runRules(run, [notText]);
    return binary.length > 0 ? binary : rest();
  });
}

/** What every rule after the binary-file check finds in the run's file, and in what its Use lines expand to. */
function findInFile(run: AnalysisRun): Diagnostic[] {
  const found = runRules(run, RULES_AFTER_NOT_TEXT);
  const inExpansions = findInExpansionsOf(run, () => true);
  return inExpansions.length > 0 ? [...found, ...inExpansions] : found;
}

/**
 * The findings in what the run's file's Use lines for which `wanted` holds
 * expand to, each on its Use line; with `crossHostOnly`, only those of the
 * rules that compare hosts (an edit elsewhere may change them).
 */
export function findInExpansionsOf(run: AnalysisRun, wanted: (use: DirectiveNode) => boolean, crossHostOnly = false): Diagnostic[] {
  return expansionFindings(run, crossHostOnly ? findCrossHostInExpansion : findInExpansion, wanted);
}

const RULES_AFTER_NOT_TEXT = RULES.filter((rule) => rule !== notText);
/** The rules run on what a Use expands to: not those that speak once per file. */
const EXPANSION_RULES = RULES_AFTER_NOT_TEXT.filter((rule) => !rule.wholeFile);

const CROSS_HOST_EXPANSION_RULES = EXPANSION_RULES.filter((rule) => rule.crossHost);

function findInExpansion(run: AnalysisRun): Diagnostic[] {
  return [...runRules(run, EXPANSION_RULES).filter(isShownFromExpansion), ...expansionFindings(run, findInExpansion, () => true)];
}

function findCrossHostInExpansion(run: AnalysisRun): Diagnostic[] {
  return [...runRules(run, CROSS_HOST_EXPANSION_RULES).filter(isShownFromExpansion), ...expansionFindings(run, findCrossHostInExpansion, () => true)];
}

/** Not an error Apache's config test gives too: define/macro-expansion reports the first of those, where Apache stops. */
function isShownFromExpansion(diagnostic: Diagnostic): boolean {
  return diagnostic.severity !== DiagnosticSeverity.Error || findRule(String(diagnostic.code))?.refusedBy !== 'configtest';
}

/** Runs `rules` over the run's file, within the caller's certificate snapshot; a rule that throws is reported and the others still run. */
export function runRules(run: AnalysisRun, rules: readonly Rule[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // One context for all rules (a tree of thousands of files runs ~100 rules on each); `report` files under the running rule.
  let running = notText;
  let runningSetting: Exclude<RuleSetting, 'off'> | undefined;
  const context: RuleContext = {
    file: run.file,
    directives: run.directives,
    inHtaccess: run.inHtaccess,
    scope: run.scope,
    settings: run.settings,
    certificates: run.certificates,
    report: (finding: Finding) => diagnostics.push(toDiagnostic(running, finding, runningSetting)),
  };
  for (const rule of rules) {
    const setting = run.settings.rules[rule.id];
    if (setting === 'off') continue;
    running = rule;
    runningSetting = setting;
    context.scope = rule.crossHost ? run.scope : run.focusedScope;
    try {
      rule.check(context);
    } catch (error) {
      run.onRuleError?.(rule, error);
    }
  }
  return diagnostics;
}

/** What the user sees: suppressed findings dropped, the most severe kept when there are too many, in file order. */
export function publishedDiagnostics(file: ConfigFile, found: readonly Diagnostic[], settings: ServerSettings): Diagnostic[] {
  const suppressions = findSuppressions(file);
  const reported = suppressions.length > 0 ? found.filter((d) => !isSuppressed(d, suppressions)) : found.slice();
  // When there are too many, keep the most severe: a flood of warnings must not hide an error.
  const kept =
    reported.length > settings.maxNumberOfProblems
      ? reported
          .sort((a, b) => (a.severity ?? 1) - (b.severity ?? 1) || byPosition(a, b))
          .slice(0, settings.maxNumberOfProblems)
      : reported;
  // Findings come in file order from analyzeEdit; sorting them again costs one pass.
  return kept.sort(byPosition);
}

/** File order; findings at one place by rule id, then message, so that every way of analysing a file lists (and cuts) them alike. */
export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || compareText(String(a.code), String(b.code)) || compareText(textOf(a.message), textOf(b.message));
}

function textOf(message: Diagnostic['message']): string {
  return typeof message === 'string' ? message : (message as { value: string }).value;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function toDiagnostic(rule: Rule, finding: Finding, setting: Exclude<RuleSetting, 'off'> | undefined): Diagnostic {
  return {
    range: finding.range,
    severity: SEVERITIES[setting ?? finding.severity ?? rule.severity],
    source: DIAGNOSTIC_SOURCE,
    code: rule.id,
    codeDescription: { href: rule.docUrl },
    message: finding.message,
    ...(rule.tags ? { tags: rule.tags } : {}),
    data: { ruleId: rule.id, ...finding.data },
  };
}
