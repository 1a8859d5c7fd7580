// Analyses each file the CLI was given in its place in the configuration
// tree. I/O failures are collected, never thrown, so one unreadable file does
// not hide the others' findings.
import { closeSync, openSync, readSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../analysis/analyzeFile';
import type { ConfigWorkspace } from '../config/configWorkspace';

export interface CheckedFile {
  path: string;
  diagnostics: Diagnostic[];
}

export function checkFiles(paths: string[], workspace: ConfigWorkspace): { results: CheckedFile[]; errors: string[] } {
  const results: CheckedFile[] = [];
  const errors: string[] = [];
  for (const path of paths) {
    const source = workspace.sources.get(resolve(path));
    if ('error' in source) {
      // In the CLI's own style: "permission denied", like its other I/O messages.
      errors.push(`${path}: ${source.error.charAt(0).toLowerCase()}${source.error.slice(1)}`);
      continue;
    }
    const { model, path: inTree } = workspace.locate(resolve(path));
    // The tree's own parse: what the model knows (dead branches …) is attached to its nodes.
    const file = model.files.get(inTree)?.file ?? source.file;
    results.push({ path, diagnostics: analyzeFile(file, { fileName: inTree, model }) });
  }
  return { results, errors };
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
