// Analyses a file the way the oracle tests run it through Apache: included
// from a main configuration that loads every Debian module. The model reads
// memory, so nothing touches the disk.
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile, type AnalyzeOptions } from '../../server/src/analysis/analyzeFile';
import { buildConfigModel, type ConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { loadAllModules } from './apacheOracle';

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
  return analyzeFile(file, { ...options, fileName, model });
}
