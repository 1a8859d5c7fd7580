// A quick fix answers one diagnostic code. It gets the diagnostic (whose
// `data` the rule filled) and the file's place in the configuration model.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { ConfigModel } from '../../config/buildConfigModel';
import type { FileSystem } from '../../config/fileSystem';
import type { ConfigFile } from '../../parser/ast';

export interface QuickFixContext {
  file: ConfigFile;
  path: string;
  uri: string;
  model: ConfigModel;
  /** The URI of another file of the tree, for fixes that edit it. */
  uriOf(path: string): string;
  /** Where fixes read files the configuration names (certificates); the disk when absent. */
  fs?: FileSystem;
}

export interface QuickFix {
  /** The diagnostic code (rule id) it fixes; '*' for a fix offered for every code (index.ts). */
  code: string;
  fix(diagnostic: Diagnostic, context: QuickFixContext): CodeAction[];
}
