// Bundled and run by bench/run.ts as a whole process: the least any complete
// check of the generated tree must do, and nothing more. It reads the main
// file and every file of its sites folder and parses each with parseConfig:
// no Include expansion, no model, no rules, no report. Timed beside
// `apache2 -t` and `apache-ssl check`, it shows how much of the check's time
// Node's start-up, the file reads and the parser take on their own.
// With --hold (and node --expose-gc) it keeps every parse, as the language
// server keeps the tree's, and reports the memory that takes.
//   node [--expose-gc] read-and-parse.js MAIN SITES_FOLDER [--hold]
// Prints one line of JSON: { nodes, held, rssKiB, heapKiB }. The node count keeps
// the work from being skipped; the memory figures are read after a full
// collection when gc is exposed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConfigFile } from '../server/src/parser/ast';
import { parseConfig } from '../server/src/parser/parseConfig';

function main(): void {
  const [mainPath, sites, hold] = process.argv.slice(2);
  if (!mainPath || !sites) throw new Error('usage: read-and-parse.js MAIN SITES_FOLDER [--hold]');
  const held: ConfigFile[] = [];
  let nodes = 0;
  for (const path of [mainPath, ...readdirSync(sites).map((name) => join(sites, name))]) {
    const file = parseConfig(readFileSync(path, 'utf8'));
    nodes += file.children.length;
    if (hold === '--hold') held.push(file);
  }
  (globalThis as { gc?: () => void }).gc?.();
  const memory = process.memoryUsage();
  console.log(JSON.stringify({ nodes, held: held.length, rssKiB: Math.round(memory.rss / 1024), heapKiB: Math.round(memory.heapUsed / 1024) }));
}

main();
