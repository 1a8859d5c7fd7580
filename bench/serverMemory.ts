// Child process of bench/run.ts: the language server's memory on a large
// tree, as an editor would use it. Starts dist/server.js over stdio with the
// tree as the workspace, opens the main file and one site, waits for both
// files' diagnostics and reads the server's resident memory from /proc. It also
// reads it once the server has started, before any document is opened: the
// part of the figure that Node and the server's own code take. Then it leaves
// the server alone for a minute, as an editor mostly does, and reads it again:
// V8 collects and returns memory when a process has gone quiet (its memory
// reducer), some 20 to 40 seconds after the last work.
//   node --import tsx bench/serverMemory.ts TREE_FOLDER
// Prints one line of JSON: { idleKiB, rssKiB, peakKiB, ms, restKiB, dropAtMs, dropKiB }.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/support/lspClient';

export interface ServerMemory {
  /** VmRSS once the server has answered `initialize`, before any document is opened, KiB. */
  idleKiB: number;
  /** VmRSS once both files have their diagnostics, KiB. */
  rssKiB: number;
  /** VmHWM, the most the process held resident, KiB. */
  peakKiB: number;
  /** From opening the documents to the second file's diagnostics. */
  ms: number;
  /** VmRSS after the server has been left alone for REST_MS, KiB. */
  restKiB: number;
  /** When, after the diagnostics, VmRSS fell most from one reading to the next (V8's collection), and by how much. */
  dropAtMs: number;
  dropKiB: number;
}

/** How long the server is left alone before its memory at rest is read. */
const REST_MS = 60_000;

function statusKiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${field}:`));
  if (!line) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number.parseInt(line.slice(field.length + 1), 10);
}

async function main(): Promise<void> {
  const [folder] = process.argv.slice(2);
  if (!folder) throw new Error('usage: serverMemory.ts TREE_FOLDER');
  const client = await LspClient.start({ workspaceFolders: [folder] });
  try {
    const pid = client.child.pid;
    if (pid === undefined) throw new Error('the server did not start');
    const idleKiB = statusKiB(pid, 'VmRSS');
    const start = performance.now();
    const opened = [join(folder, 'httpd.conf'), join(folder, 'sites', 'site00000.conf')].map((path) => pathToFileURL(path).href);
    for (const uri of opened) await client.openDocument(readFileSync(new URL(uri), 'utf8'), { uri });
    for (const uri of opened) await client.nextDiagnostics(uri, () => true, 300_000);
    const ms = performance.now() - start;
    const rssKiB = statusKiB(pid, 'VmRSS');
    const peakKiB = statusKiB(pid, 'VmHWM');
    const rested = performance.now();
    let restKiB = rssKiB;
    let dropAtMs = 0;
    let dropKiB = 0;
    while (performance.now() - rested < REST_MS) {
      await new Promise((done) => setTimeout(done, 1000));
      const now = statusKiB(pid, 'VmRSS');
      if (restKiB - now > dropKiB) {
        dropKiB = restKiB - now;
        dropAtMs = performance.now() - rested;
      }
      restKiB = now;
    }
    const result: ServerMemory = { idleKiB, rssKiB, peakKiB, ms, restKiB, dropAtMs, dropKiB };
    console.log(JSON.stringify(result));
  } finally {
    await client.dispose();
  }
}

void main();
