// Reads and analyses each file the CLI was given. I/O failures are collected,
// never thrown, so one unreadable file does not hide the others' findings.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyzeFile } from '../analysis/analyzeFile';
import { parseConfig } from '../parser/parseConfig';
import { describe } from './collectConfigFiles';

export interface CheckedFile {
  path: string;
  diagnostics: Diagnostic[];
}

/** Larger than Apache's own 16 MiB line limit many times over: refuse instead of exhausting memory. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function checkFiles(paths: string[]): { results: CheckedFile[]; errors: string[] } {
  const results: CheckedFile[] = [];
  const errors: string[] = [];
  for (const path of paths) {
    try {
      const size = statSync(path).size;
      if (size > MAX_FILE_BYTES) {
        errors.push(`${path}: ${size} bytes is more than the ${MAX_FILE_BYTES} this checker reads`);
        continue;
      }
      const text = readFileSync(path, 'utf8');
      results.push({ path, diagnostics: analyzeFile(parseConfig(text), { fileName: path }) });
    } catch (error) {
      errors.push(`${path}: ${describe(error)}`);
    }
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
