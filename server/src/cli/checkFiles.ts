// Analyses each file the CLI was given in its place in the configuration
// tree. I/O failures are collected, never thrown, so one unreadable file does
// not hide the others' findings.
import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../analysis/analyzeFile';
import { defaultCertificateReader } from '../analysis/certs/certificateReader';
import type { ConfigModel } from '../config/buildConfigModel';
import type { ConfigWorkspace } from '../config/configWorkspace';
import type { ConfigFile } from '../parser/ast';

export interface CheckedFile {
  path: string;
  diagnostics: Diagnostic[];
}

export function checkFiles(paths: string[], workspace: ConfigWorkspace): { results: CheckedFile[]; errors: string[] } {
  const results: CheckedFile[] = [];
  const errors: string[] = [];
  // Certificate files do not change under one check: each is looked at once, not once per file naming it.
  defaultCertificateReader.snapshot(() => {
    for (const path of paths) {
      const analysed = analyseInTree(path, workspace);
      if ('error' in analysed) errors.push(analysed.error);
      else results.push({ path, diagnostics: analysed.diagnostics });
    }
  });
  return { results, errors };
}

/** One file analysed in its tree, with what its quick fixes need. */
export interface AnalysedFile {
  diagnostics: Diagnostic[];
  file: ConfigFile;
  /** The path the tree knows the file by. */
  inTree: string;
  model: ConfigModel;
}

export function analyseInTree(path: string, workspace: ConfigWorkspace): AnalysedFile | { error: string } {
  const source = workspace.sources.get(resolve(path));
  if ('error' in source) {
    // In the CLI's own style: "permission denied", like its other I/O messages.
    return { error: `${path}: ${source.error.charAt(0).toLowerCase()}${source.error.slice(1)}` };
  }
  const { model, path: inTree } = workspace.locate(resolve(path));
  // The tree's own parse: what the model knows (dead branches …) is attached to its nodes.
  const file = model.files.get(inTree)?.file ?? source.file;
  return { diagnostics: analyzeFile(file, { fileName: inTree, model }), file, inTree, model };
}

export function readPrefix(path: string, bytes: number): string {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const read = readSync(fd, buffer, 0, bytes, 0);
    return buffer.subarray(0, read).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
