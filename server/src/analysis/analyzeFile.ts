// Runs every enabled rule over one parsed file and turns findings into
// diagnostics. A rule that throws is reported through `onRuleError` and the
// others still run.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { ConfigFile } from '../parser/ast';
import type { ConfigModel } from '../config/buildConfigModel';
import { loneFileModel, UNSAVED_PATH } from '../config/loneFileModel';
import { fileScope } from './fileScope';
import { focusedModel } from './focusedModel';
import { defaultDirectiveIndex, type DirectiveIndex } from '../knowledge/directiveIndex';
import { DEFAULT_SETTINGS, type ServerSettings } from '../settings';
import { RULES } from './registry';
import { defaultCertificateReader, type CertificateReader } from './certs/certificateReader';
import { findSuppressions, isSuppressed } from './suppressions';
import { notText } from './rules/notText';
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
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const directives = options.directives ?? defaultDirectiveIndex();
  const inHtaccess = /(^|[/\\])\.htaccess$/.test(options.fileName ?? '');
  const path = options.fileName ?? UNSAVED_PATH;
  const model = options.model ?? loneFileModel(file, path);
  const scope = fileScope(model, path);
  const focused = options.focus ? focusedModel(model, path) : model;
  const focusedScope = focused === model ? scope : fileScope(focused, path);
  const certificates = options.certificates ?? defaultCertificateReader;
  const diagnostics: Diagnostic[] = [];
  // One context for all rules (a tree of thousands of files runs ~100 rules on each); `report` files under the running rule.
  let running = notText;
  let runningSetting: Exclude<RuleSetting, 'off'> | undefined;
  const context: RuleContext = {
    file,
    directives,
    inHtaccess,
    scope,
    settings,
    certificates,
    report: (finding: Finding) => diagnostics.push(toDiagnostic(running, finding, runningSetting)),
  };
  const run = (rule: Rule): void => {
    const setting = settings.rules[rule.id];
    if (setting === 'off') return;
    running = rule;
    runningSetting = setting;
    context.scope = rule.crossHost ? scope : focusedScope;
    try {
      rule.check(context);
    } catch (error) {
      options.onRuleError?.(rule, error);
    }
  };
  certificates.snapshot(() => {
    // A binary file would only produce noise: report that once and stop.
    run(notText);
    if (diagnostics.length === 0) for (const rule of RULES) if (rule !== notText) run(rule);
  });
  const suppressions = findSuppressions(file);
  const reported = suppressions.length > 0 ? diagnostics.filter((d) => !isSuppressed(d, suppressions)) : diagnostics;
  // When there are too many, keep the most severe: a flood of warnings must not hide an error.
  const kept =
    reported.length > settings.maxNumberOfProblems
      ? reported
          .sort((a, b) => (a.severity ?? 1) - (b.severity ?? 1) || byPosition(a, b))
          .slice(0, settings.maxNumberOfProblems)
      : reported;
  return kept.sort(byPosition);
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
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
