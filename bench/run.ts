// `npm run bench`: speed of apache-ssl beside `apache2 -t` on the same
// generated configuration, in the same run. Prints a table; `--write` also
// records it in bench/RESULTS.md with a description of the machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { MarkupKind } from 'vscode-languageserver-types';
import { analyzeFile } from '../server/src/analysis/analyzeFile';
import { complete } from '../server/src/features/completion';
import { hover } from '../server/src/features/hover';
import { createDirectiveIndex } from '../server/src/knowledge/directiveIndex';
import { parseConfig } from '../server/src/parser/parseConfig';

const GENERATOR = resolve(__dirname, '..', '..', 'shared', 'bench', 'gen-config.mjs');
const VHOSTS = 1000;

interface Row {
  measure: string;
  value: string;
  note: string;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function timeProcess(command: string, args: string[], runs = 3): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = spawnSync(command, args, { encoding: 'utf8' });
    times.push(performance.now() - start);
    if (result.error) throw result.error;
  }
  return median(times);
}

function main(): void {
  if (!existsSync(GENERATOR)) throw new Error(`The config generator is missing: ${GENERATOR} (shared/bench beside the repository)`);
  if (!existsSync('dist/cli.js')) throw new Error('dist/cli.js is missing: run npm run build first');
  const out = mkdtempSync(join(tmpdir(), 'apache-ssl-bench-'));
  const rows: Row[] = [];
  try {
    execFileSync(process.execPath, [GENERATOR, '--vhosts', String(VHOSTS), '--out', out], { stdio: 'ignore' });
    const main = join(out, 'httpd.conf');
    const sites = join(out, 'sites');

    const apache = timeProcess('/usr/sbin/apache2', ['-t', '-f', main]);
    const ours = timeProcess(process.execPath, ['dist/cli.js', 'check', '--exit-zero', '--root', main, sites]);
    rows.push({ measure: `apache2 -t, ${VHOSTS} vhosts`, value: `${apache.toFixed(0)} ms`, note: 'median of 3, whole process' });
    rows.push({ measure: `apache-ssl check, ${VHOSTS} vhosts`, value: `${ours.toFixed(0)} ms`, note: 'median of 3, whole process' });
    rows.push({ measure: 'ratio apache-ssl / apache2 -t', value: (ours / apache).toFixed(2), note: 'lower is faster' });

    // One 5000-line file, as an editor would hold it.
    const siteFiles = readdirSync(sites).sort();
    let text = '';
    for (const name of siteFiles) {
      if (text.split('\n').length >= 5000) break;
      text += readFileSync(join(sites, name), 'utf8');
    }
    const lines = text.split('\n');
    const directives = createDirectiveIndex();
    const analyses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const start = performance.now();
      analyzeFile(parseConfig(text), { directives });
      analyses.push(performance.now() - start);
    }
    rows.push({
      measure: `parse + analyse, ${lines.length}-line file`,
      value: `p50 ${median(analyses).toFixed(1)} ms, p95 ${percentile(analyses, 95).toFixed(1)} ms`,
      note: '30 runs',
    });

    const file = parseConfig(text);
    const positions = Array.from({ length: 300 }, (_, i) => {
      const line = Math.floor((i * 7919) % lines.length);
      return { line, character: Math.max(0, Math.min(lines[line].length, 6)) };
    });
    const hovers: number[] = [];
    const completions: number[] = [];
    for (const position of positions) {
      let start = performance.now();
      hover(file, position, { directives, format: MarkupKind.Markdown });
      hovers.push(performance.now() - start);
      start = performance.now();
      complete(file, position, { directives, inHtaccess: false });
      completions.push(performance.now() - start);
    }
    rows.push({ measure: 'hover', value: `p50 ${median(hovers).toFixed(2)} ms, p95 ${percentile(hovers, 95).toFixed(2)} ms`, note: `${positions.length} positions, target < 5 ms` });
    rows.push({
      measure: 'completion',
      value: `p50 ${median(completions).toFixed(2)} ms, p95 ${percentile(completions, 95).toFixed(2)} ms`,
      note: `${positions.length} positions, target < 5 ms`,
    });
  } finally {
    rmSync(out, { recursive: true, force: true });
  }

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${execFileSync('/usr/sbin/apache2', ['-v'], { encoding: 'utf8' }).split('\n')[0].replace('Server version: ', '')}`;
  const table = ['| Measure | Result | Note |', '|---|---|---|', ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.note} |`)].join('\n');
  console.log(`Machine: ${machine}\n\n${table}`);
  if (process.argv.includes('--write')) {
    writeFileSync('bench/RESULTS.md', `# Benchmark results\n\nLatest \`npm run bench -- --write\`, ${new Date().toISOString().slice(0, 10)}.\n\nMachine: ${machine}\n\n${table}\n`);
  }
}

main();
