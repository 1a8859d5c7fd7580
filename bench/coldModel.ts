// Child process of bench/run.ts: one cold build of the configuration model
// (a new SourceCache, so every file is read and parsed), optionally followed
// by the analysis of every file in it. Run with --expose-gc so the heap it
// reports is what stays reachable after a full collection.
//   node --expose-gc --import tsx bench/coldModel.ts MAIN model|analysis
// Prints one line of JSON: { ms, files, diagnostics, reads, heapBefore, heapAfter }.
import { performance } from 'node:perf_hooks';
import { analyzeFile } from '../server/src/analysis/analyzeFile';
import { buildConfigModel } from '../server/src/config/buildConfigModel';
import { nodeFileSystem } from '../server/src/config/fileSystem';
import { SourceCache } from '../server/src/config/sourceCache';
import { defaultDirectiveIndex } from '../server/src/knowledge/directiveIndex';
import { defaultModuleIndex } from '../server/src/knowledge/moduleIndex';
import { countingFileSystem } from './countingFileSystem';

export interface ColdResult {
  ms: number;
  files: number;
  diagnostics: number;
  reads: number;
  /** Heap used after a full collection, in bytes; undefined without --expose-gc. */
  heapBefore?: number;
  heapAfter?: number;
}

function heapAfterGc(): number | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return undefined;
  gc();
  return process.memoryUsage().heapUsed;
}

function main(): void {
  const [mainPath, mode] = process.argv.slice(2);
  if (!mainPath || (mode !== 'model' && mode !== 'analysis')) throw new Error('usage: coldModel.ts MAIN model|analysis');
  // The server holds these from start-up; loading them is not part of building a model.
  const directives = defaultDirectiveIndex();
  defaultModuleIndex();
  const counting = countingFileSystem(nodeFileSystem);
  const heapBefore = heapAfterGc();

  const start = performance.now();
  const model = buildConfigModel(mainPath, { sources: new SourceCache(counting.fs), directives });
  let diagnostics = 0;
  if (mode === 'analysis') {
    for (const [path, scope] of model.files) diagnostics += analyzeFile(scope.file, { model, directives, fileName: path }).length;
  }
  const ms = performance.now() - start;

  const heapAfter = heapAfterGc();
  // The model is used after the collection, so it is still reachable when the heap is measured.
  const result: ColdResult = { ms, files: model.files.size, diagnostics, reads: counting.counts.reads.length, heapBefore, heapAfter };
  console.log(JSON.stringify(result));
}

main();
