// Analyses a file the way the oracle tests run it through Apache: included
// from a main configuration that loads every Debian module. The model reads
// memory, so nothing touches the disk: the rules that judge certificate files
// are off (their verdict would depend on this machine's files; test/certs
// checks them on certificates the tests make).
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile, type AnalyzeOptions } from '../../server/src/analysis/analyzeFile';
import { buildConfigModel, type ConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { loadAllModules } from './apacheOracle';
import { findRule, RULES } from '../../server/src/analysis/registry';
import { DEFAULT_SETTINGS } from '../../server/src/settings';

const CERTIFICATE_RULES = RULES.filter((rule) => rule.readsCertificates).map((rule) => rule.id);

export const TREE_ROOT = '/srv/tree';
export const INCLUDED_PATH = `${TREE_ROOT}/fixture.conf`;

export function modelWithAllModules(text: string, fileName = INCLUDED_PATH, more: Record<string, string> = {}): ConfigModel {
  const fs = memoryFileSystem({
    [`${TREE_ROOT}/main.conf`]: `${loadAllModules()}ServerName localhost\nInclude ${fileName}\n`,
    [fileName]: text,
    ...more,
  });
  return buildConfigModel(`${TREE_ROOT}/main.conf`, { sources: new SourceCache(fs) });
}

export function analyzeWithAllModules(text: string, options: Omit<AnalyzeOptions, 'model'> = {}): Diagnostic[] {
  const fileName = options.fileName ?? INCLUDED_PATH;
  const model = modelWithAllModules(text, fileName);
  const file = model.files.get(fileName)?.file ?? parseConfig(text);
  const settings = options.settings ?? DEFAULT_SETTINGS;
  const rules = { ...Object.fromEntries(CERTIFICATE_RULES.map((id) => [id, 'off' as const])), ...settings.rules };
  return analyzeFile(file, { ...options, fileName, model, settings: { ...settings, rules } });
}

/** Our errors that Apache's config test gives too, on `prelude` + `text` read as one main file (as the oracle runs a prelude through -C). */
export function configtestErrors(prelude: string, text: string): Diagnostic[] {
  const main = `${TREE_ROOT}/main.conf`;
  const model = buildConfigModel(main, { sources: new SourceCache(memoryFileSystem({ [main]: prelude + text })) });
  const file = model.files.get(main)?.file ?? parseConfig(prelude + text);
  return analyzeFile(file, { fileName: main, model }).filter((d) => d.severity === DiagnosticSeverity.Error && findRule(String(d.code))?.refusedBy === 'configtest');
}
