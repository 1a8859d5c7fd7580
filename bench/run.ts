// `npm run bench`: speed of apache-ssl beside `apache2 -t` on the same
// generated configuration, in the same run. Prints a table; `--write` also
// records it in bench/RESULTS.md with a description of the machine.
// The configuration-model rows use a larger tree: the model built cold (in
// fresh processes, bench/coldModel.ts), then rebuilt warm after one-character
// edits, which must read nothing from disk again.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { buildSync } from 'esbuild';
import { MarkupKind } from 'vscode-languageserver-types';
import { analyzeEdit, type FileAnalysis } from '../server/src/analysis/analyzeEdit';
import { analyzeFile } from '../server/src/analysis/analyzeFile';
import { ConfigWorkspace } from '../server/src/config/configWorkspace';
import { ParseCache } from '../server/src/lsp/parseCache';
import { keepYoungGenerationSmall } from '../server/src/lsp/youngGeneration';
import { DEFAULT_SETTINGS } from '../server/src/settings';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { buildConfigModel, type LiveItem } from '../server/src/config/buildConfigModel';
import { nodeFileSystem } from '../server/src/config/fileSystem';
import { SourceCache } from '../server/src/config/sourceCache';
import { createCertificateReader } from '../server/src/analysis/certs/certificateReader';
import { complete } from '../server/src/features/completion';
import { hover } from '../server/src/features/hover';
import { hoverCertificate } from '../server/src/features/hoverCertificate';
import { createDirectiveIndex, type DirectiveIndex } from '../server/src/knowledge/directiveIndex';
import { parseConfig } from '../server/src/parser/parseConfig';
import { computeLineStarts } from '../server/src/parser/lineIndex';
import { makeChain } from '../test/support/testCertificates';
import type { ColdResult } from './coldModel';
import type { ServerMemory } from './serverMemory';
import { countingFileSystem, type FileSystemCounts } from './countingFileSystem';

const GENERATOR = resolve(__dirname, '..', '..', 'shared', 'bench', 'gen-config.mjs');
const VHOSTS = 1000;
const MODEL_VHOSTS = 5000;
const EDITS = 20;
/** Edits of the 5000-line file whose times are also shown without the ones before them (V8 compiles the edit path then). */
const FIRST_EDITS = 20;
const MIB = 2 ** 20;
const RESULTS = 'bench/RESULTS.md';
const NOTES_HEADING = '## Where the time goes';

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
    // A report on thousands of files runs to megabytes: more than spawnSync's default buffer.
    const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * MIB });
    times.push(performance.now() - start);
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  }
  return median(times);
}

/** One cold build (and analysis) in a fresh process, so nothing is cached or compiled yet and the heap holds only the model. */
function coldRun(mainPath: string, mode: 'model' | 'analysis'): ColdResult {
  const script = join(__dirname, 'coldModel.ts');
  const output = execFileSync(process.execPath, [...process.execArgv, '--expose-gc', script, mainPath, mode], { encoding: 'utf8' });
  return JSON.parse(output) as ColdResult;
}

function coldRows(mainPath: string, mode: 'model' | 'analysis', apache: number, files: number): Row[] {
  const runs = [0, 1, 2].map(() => coldRun(mainPath, mode));
  for (const run of runs) {
    if (run.files !== files || run.reads !== files) throw new Error(`cold ${mode}: expected ${files} files read once each, got ${run.files} files and ${run.reads} reads`);
  }
  const ms = median(runs.map((run) => run.ms));
  const heaps = runs.map((run) => run.heapAfter).filter((heap) => heap !== undefined);
  const retained = runs.map((run) => (run.heapAfter ?? 0) - (run.heapBefore ?? 0));
  const heap = heaps.length === runs.length ? `, heap ${(median(heaps) / MIB).toFixed(0)} MiB` : '';
  const heapNote = heap ? `; heap used after gc, model held (+${(median(retained) / MIB).toFixed(0)} MiB over the process before it)` : '; no heap figure: gc not exposed';
  const label = mode === 'model' ? 'config model' : 'config model + analyse every file';
  const what = mode === 'model' ? 'new SourceCache(nodeFileSystem) + buildConfigModel' : `the same + analyzeFile on each of the ${files} files (${runs[0].diagnostics} findings)`;
  return [
    { measure: `${label}, ${MODEL_VHOSTS} vhosts, cold`, value: `${ms.toFixed(0)} ms${heap}`, note: `median of 3 fresh processes, timed in-process: ${what}${heapNote}` },
    { measure: `ratio ${label} cold / apache2 -t`, value: (ms / apache).toFixed(2), note: 'lower is faster; apache2 -t is a whole process' },
  ];
}

/** The language server's resident memory on the tree, measured in a child that drives it over stdio (bench/serverMemory.ts). */
function serverMemoryRows(folder: string): Row[] {
  const script = join(__dirname, 'serverMemory.ts');
  const memory = JSON.parse(execFileSync(process.execPath, [...process.execArgv, script, folder], { encoding: 'utf8' })) as ServerMemory;
  const both = (kib: number) => `${(kib / 1024).toFixed(0)} MiB (${((kib * 1024) / 1e6).toFixed(0)} MB)`;
  return [
    {
      measure: `language server memory, ${MODEL_VHOSTS} vhosts, at rest`,
      value: `RSS ${both(memory.restKiB)}`,
      note: `the process below, left alone for a minute after its diagnostics, as an editor mostly leaves it; read from /proc VmRSS each second: V8 returns memory once a process has gone quiet, here most at once ${(memory.dropKiB / 1024).toFixed(0)} MiB ${(memory.dropAtMs / 1000).toFixed(0)} s after the diagnostics; target RSS ≤ 150 MB`,
    },
    {
      measure: `language server memory, ${MODEL_VHOSTS} vhosts, right after the first analysis`,
      value: `RSS ${both(memory.rssKiB)}, peak ${both(memory.peakKiB)}`,
      note: `dist/server.js over stdio, the tree as workspace, httpd.conf and one site opened; read from /proc VmRSS and VmHWM once both had diagnostics (${memory.ms.toFixed(0)} ms after opening)`,
    },
    {
      measure: 'language server memory, started, no document open',
      value: `RSS ${(memory.idleKiB / 1024).toFixed(0)} MiB`,
      note: 'the same process once it had answered initialize: Node and the server\'s code, before any configuration is read',
    },
  ];
}

/**
 * What Node needs before any analysis, timed as whole processes beside
 * `apache2 -t`: starting Node, and a bundled program that only reads and
 * parses the tree's files (bench/readAndParse.ts). A check cannot be faster
 * than the second. The same program holding every parse gives the memory of
 * the syntax trees alone, to set beside the language server's.
 */
function floorRows(mainPath: string, sites: string, files: number, apache: number): Row[] {
  const folder = mkdtempSync(join(tmpdir(), 'apache-ssl-bench-floor-'));
  try {
    const program = join(folder, 'read-and-parse.js');
    buildSync({ entryPoints: [join(__dirname, 'readAndParse.ts')], outfile: program, bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning' });
    const start = timeProcess(process.execPath, ['-e', '0']);
    const floor = timeProcess(process.execPath, [program, mainPath, sites]);
    const held = JSON.parse(execFileSync(process.execPath, ['--expose-gc', program, mainPath, sites, '--hold'], { encoding: 'utf8' })) as { held: number; rssKiB: number; heapKiB: number };
    if (held.held !== files) throw new Error(`read-and-parse held ${held.held} parses, not ${files}`);
    return [
      { measure: 'Node start-up alone', value: `${start.toFixed(0)} ms`, note: `median of 3, \`node -e 0\`; ratio to apache2 -t ${(start / apache).toFixed(2)}` },
      {
        measure: `read + parse the ${files} files, nothing else`,
        value: `${floor.toFixed(0)} ms`,
        note: `median of 3, whole process: bench/readAndParse.ts bundled; no Include expansion, model, rules or report, so no check can be faster; ratio to apache2 -t ${(floor / apache).toFixed(2)}`,
      },
      {
        measure: `the ${files} parse trees held, nothing else`,
        value: `RSS ${(held.rssKiB / 1024).toFixed(0)} MiB, heap ${(held.heapKiB / 1024).toFixed(0)} MiB`,
        note: 'the same program keeping every parse, as the language server keeps the tree\'s; read after a full collection',
      },
    ];
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** The words of the first live directive called `name` that came from `path`. */
function liveArgs(items: LiveItem[], path: string, name: string): readonly string[] | undefined {
  for (const item of items) {
    if (item.path === path && item.name.toLowerCase() === name.toLowerCase()) return item.args;
    const inside = item.kind === 'section' ? liveArgs(item.children, path, name) : undefined;
    if (inside) return inside;
  }
  return undefined;
}

interface Edit {
  path: string;
  text: string;
  /** A directive the edit changed, and the words the rebuilt model must show for it. */
  check: { name: string; args: string[] };
}

/**
 * Editor round trips on a filled cache: each edit parses the changed buffer,
 * sets it as the file's overlay, rebuilds the workspace's model (the server's
 * ConfigWorkspace) and analyses the edited file. Fails when a rebuild reads
 * any file from disk.
 */
function warmRows(label: string, edits: Edit[], mainPath: string, files: number, directives: DirectiveIndex, apache: number): Row[] {
  const counting = countingFileSystem(nodeFileSystem);
  // As the server holds the tree for an editor that watches the workspace folder: unchanged files there are not stat'ed again.
  const workspace = new ConfigWorkspace(counting.fs);
  workspace.configure({ ...DEFAULT_SETTINGS, mainConfig: mainPath }, [dirname(mainPath)]);
  workspace.watchFolders(true);
  workspace.mainTree();
  if (counting.counts.reads.length !== files) throw new Error(`filling the cache read ${counting.counts.reads.length} files, expected ${files}`);
  const totals: number[] = [];
  const rebuilds: number[] = [];
  const analyses: number[] = [];
  const touched: Omit<FileSystemCounts, 'reads'>[] = [];
  for (const edit of edits) {
    counting.reset();
    const start = performance.now();
    workspace.setDocument(edit.path, parseConfig(edit.text));
    const rebuildStart = performance.now();
    const model = workspace.mainTree();
    const rebuilt = performance.now();
    if (!model) throw new Error(`${label}: no model of ${mainPath}`);
    const scope = model.files.get(edit.path);
    if (!scope) throw new Error(`${edit.path} is not in the rebuilt model`);
    // As the language server analyses an open file: focused on the hosts it holds.
    analyzeFile(scope.file, { model, directives, fileName: edit.path, focus: true });
    const end = performance.now();
    totals.push(end - start);
    rebuilds.push(rebuilt - rebuildStart);
    analyses.push(end - rebuilt);

    const { reads } = counting.counts;
    if (reads.length > 0) {
      throw new Error(`${label}: the warm rebuild read ${reads.length} unchanged file(s) from disk again (${reads.slice(0, 3).join(', ')}${reads.length > 3 ? ', …' : ''}); it must read none`);
    }
    if (model.files.size !== files) throw new Error(`${label}: the rebuilt model has ${model.files.size} files, expected ${files}`);
    const seen = liveArgs(model.tree, edit.path, edit.check.name);
    if (seen?.join(' ') !== edit.check.args.join(' ')) throw new Error(`${label}: the rebuilt model shows ${edit.check.name} ${seen?.join(' ')}, not the edit's ${edit.check.args.join(' ')}`);
    touched.push(counting.counts);
    workspace.closeDocument(edit.path);
  }
  const p50 = median(totals);
  const [first, ...later] = touched;
  const most = (count: keyof Omit<FileSystemCounts, 'reads'>): number => Math.max(...touched.map((counts) => counts[count]));
  return [
    {
      measure: `${label}, ${MODEL_VHOSTS} vhosts, warm`,
      value: `p50 ${p50.toFixed(1)} ms, p95 ${percentile(totals, 95).toFixed(1)} ms`,
      note:
        `${edits.length} edits: parse the buffer, overlay, rebuild the model (p50 ${median(rebuilds).toFixed(1)} ms), analyse the edited file as the server does, focused on its hosts (p50 ${median(analyses).toFixed(1)} ms); ` +
        'the workspace folder is watched, as an editor does, so unchanged files in it are not stat\'ed again; ' +
        `each rebuild read 0 files from disk (asserted), stat ${most('stats')} paths, listed ${most('directoryReads')} directory; ` +
        `realpath on ${first.realPaths} paths at the first edit, ${Math.max(...later.map((counts) => counts.realPaths))} after`,
    },
    { measure: `ratio ${label} p50 / apache2 -t`, value: (p50 / apache).toFixed(2), note: 'lower is faster; apache2 -t is a whole process' },
  ];
}

/**
 * Hover on a certificate path, on real files: the first with a fresh reader
 * (every file parsed), then warm (files unchanged, so only stat). `partial`
 * lacks its root, so the chain is looked up in the system bundle as well.
 */
function certificateHoverRows(out: string, directives: DirectiveIndex): Row[] {
  const { root, intermediate, leaf } = makeChain(['bench.example']);
  writeFileSync(join(out, 'full.pem'), leaf.cert + intermediate.cert + root.cert);
  writeFileSync(join(out, 'partial.pem'), leaf.cert + intermediate.cert);
  writeFileSync(join(out, 'site.key'), leaf.key);
  const lines = ['<VirtualHost *:443>', '    SSLEngine on', '    SSLCertificateFile full.pem', '    SSLCertificateKeyFile site.key', '    SSLCertificateFile partial.pem', '</VirtualHost>', ''];
  writeFileSync(join(out, 'tls.conf'), `ServerRoot ${out}\n${lines.join('\n')}`);
  const model = buildConfigModel(join(out, 'tls.conf'), { sources: new SourceCache(nodeFileSystem), directives });
  const at = (line: number) => ({ line, character: 26 });
  const time = (certificates: ReturnType<typeof createCertificateReader>, line: number): number => {
    const start = performance.now();
    const result = hoverCertificate(model, join(out, 'tls.conf'), at(line), { certificates, directives });
    const ms = performance.now() - start;
    if (!JSON.stringify(result).includes('CN=bench.example')) throw new Error('the certificate hover did not describe the certificate');
    return ms;
  };
  const cold = (line: number) => median(Array.from({ length: 5 }, () => time(createCertificateReader(), line)));
  const warmReader = createCertificateReader();
  const warm = Array.from({ length: 200 }, () => time(warmReader, 3));
  return [
    { measure: 'certificate hover, first (cold reader)', value: `${cold(3).toFixed(1)} ms`, note: 'median of 5 fresh readers; leaf, intermediate and root in the file, key file matched; target < 30 ms' },
    { measure: 'certificate hover, first, root from the system bundle', value: `${cold(5).toFixed(1)} ms`, note: 'the same without the root in the file: the chain is looked up in /etc/ssl/certs/ca-certificates.crt too, parsed once per reader' },
    { measure: 'certificate hover, warm', value: `p50 ${median(warm).toFixed(2)} ms, p95 ${percentile(warm, 95).toFixed(2)} ms`, note: '200 hovers, files unchanged; target < 2 ms' },
  ];
}

/** The configuration-model rows, on a tree of MODEL_VHOSTS vhosts with `apache2 -t` on the same tree as the yardstick. */
function modelRows(out: string, directives: DirectiveIndex): Row[] {
  execFileSync(process.execPath, [GENERATOR, '--vhosts', String(MODEL_VHOSTS), '--out', out], { stdio: 'ignore' });
  const mainPath = join(out, 'httpd.conf');
  const files = MODEL_VHOSTS + 1;
  const apache = timeProcess('/usr/sbin/apache2', ['-t', '-f', mainPath]);
  const rows: Row[] = [{ measure: `apache2 -t, ${MODEL_VHOSTS} vhosts`, value: `${apache.toFixed(0)} ms`, note: 'median of 3, whole process' }];
  const ours = timeProcess(process.execPath, ['dist/cli.js', 'check', '--exit-zero', '--root', mainPath, join(out, 'sites')]);
  rows.push({ measure: `apache-ssl check, ${MODEL_VHOSTS} vhosts`, value: `${ours.toFixed(0)} ms`, note: 'median of 3, whole process' });
  rows.push({ measure: `ratio apache-ssl / apache2 -t, ${MODEL_VHOSTS} vhosts`, value: (ours / apache).toFixed(2), note: 'lower is faster; target ≤ 0.5' });
  rows.push(...floorRows(mainPath, join(out, 'sites'), files, apache));
  rows.push(...serverMemoryRows(out));
  rows.push(...coldRows(mainPath, 'model', apache, files));
  rows.push(...coldRows(mainPath, 'analysis', apache, files));

  // One-character edits: SSLVerifyDepth 2 -> 3 in sites spread over the tree; the last letter of ServerName in httpd.conf.
  const siteEdits = Array.from({ length: EDITS }, (_, i): Edit => {
    const path = join(out, 'sites', `site${String(Math.floor(((i + 0.5) * MODEL_VHOSTS) / EDITS)).padStart(5, '0')}.conf`);
    return { path, text: readFileSync(path, 'utf8').replace('SSLVerifyDepth 2', 'SSLVerifyDepth 3'), check: { name: 'SSLVerifyDepth', args: ['3'] } };
  });
  const mainText = readFileSync(mainPath, 'utf8');
  const mainEdits = Array.from({ length: EDITS }, (_, i): Edit => {
    const serverName = `bench.exampl${'abcdfghijklmnopqrstu'[i]}`;
    return { path: mainPath, text: mainText.replace('ServerName bench.example', `ServerName ${serverName}`), check: { name: 'ServerName', args: [serverName] } };
  });
  for (const edit of [...siteEdits, ...mainEdits]) {
    const original = edit.path === mainPath ? mainText : readFileSync(edit.path, 'utf8');
    let changed = Math.abs(edit.text.length - original.length);
    for (let i = 0; i < Math.min(edit.text.length, original.length); i++) if (edit.text[i] !== original[i]) changed++;
    if (changed !== 1) throw new Error(`the edit to ${edit.path} changes ${changed} characters, not one`);
  }
  rows.push(...warmRows('edit one site file, rebuild + analyse it', siteEdits, mainPath, files, directives, apache));
  rows.push(...warmRows('edit httpd.conf, rebuild + analyse it', mainEdits, mainPath, files, directives, apache));
  return rows;
}

/**
 * Re-analysis of the editor's 5000-line file after each of 200 edits, the way
 * the server does it: the document updated, parsed from its previous parse
 * (ParseCache), the workspace's model of it rebuilt, and the file analysed
 * from its previous analysis. The file is alone in its workspace folder (no
 * main configuration to rebuild: the rows above measure that). One-character edits change a digit in a host;
 * line edits add an empty line and then remove it, so every host below moves.
 */
function editRows(original: string, directives: DirectiveIndex, folder: string): Row[] {
  const path = join(folder, 'editing.conf');
  const uri = pathToFileURL(path).href;
  const run = (label: string, note: string, edit: (text: string, k: number) => string): Row => {
    const workspace = new ConfigWorkspace();
    workspace.configure(DEFAULT_SETTINGS, [folder]);
    const parses = new ParseCache();
    const document = TextDocument.create(uri, 'apacheconf', 1, original);
    const analyse = (previous?: FileAnalysis): FileAnalysis => {
      workspace.setDocument(path, () => parses.get(document));
      const located = workspace.locate(path);
      return analyzeEdit(parses.get(document), { directives, fileName: located.path, model: located.model, focus: true, settings: DEFAULT_SETTINGS }, previous);
    };
    let analysis = analyse();
    const times: number[] = [];
    let partial = 0;
    for (let k = 0; k < 200; k++) {
      const text = edit(document.getText(), k);
      const start = performance.now();
      TextDocument.update(document, [{ text }], document.version + 1);
      analysis = analyse(analysis);
      times.push(performance.now() - start);
      if (analysis.partial) partial++;
    }
    const whole = analyzeFile(parseConfig(document.getText()), { directives, fileName: path, focus: true }).length;
    if (analysis.diagnostics.length !== whole) throw new Error(`${label}: ${analysis.diagnostics.length} findings after the edits, a whole analysis finds ${whole}`);
    // The first edits also compile the edit path (the whole-file analysis before them does not run it): shown apart, not left out.
    const warm = times.slice(FIRST_EDITS);
    return {
      measure: label,
      value: `p50 ${median(times).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms; after the first ${FIRST_EDITS}: p50 ${median(warm).toFixed(1)} ms, p95 ${percentile(warm, 95).toFixed(1)} ms`,
      note: `200 edits, ${partial} were checked partially (the hosts they changed; the findings of the others kept, moved with them when lines were added or removed); ${note}`,
    };
  };
  const digits: number[] = [];
  for (let at = original.indexOf('SSLVerifyDepth '); at !== -1; at = original.indexOf('SSLVerifyDepth ', at + 1)) digits.push(at + 'SSLVerifyDepth '.length);
  const lineStarts = computeLineStarts(original);
  return [
    run(`re-analysis after a one-character edit, ${original.split('\n').length}-line file`, 'SSLVerifyDepth 2 ↔ 3 in hosts spread over the file; document update, reparse, model, analysis, as the server does; target p95 ≤ 15 ms', (text, k) => {
      const at = digits[(k * 7919) % digits.length];
      return text.slice(0, at) + (text[at] === '2' ? '3' : '2') + text.slice(at + 1);
    }),
    run('re-analysis after adding or removing a line', 'an empty line added, then removed, at spread places: the hosts below it move: their findings move with them, and the rules that name lines (citesLines) run on them again', (text, k) => {
      const at = lineStarts[(Math.floor(k / 2) * 7919) % lineStarts.length];
      return k % 2 === 0 ? `${text.slice(0, at)}\n${text.slice(at)}` : text.slice(0, at) + text.slice(at + 1);
    }),
  ];
}

function main(): void {
  if (!existsSync(GENERATOR)) throw new Error(`The config generator is missing: ${GENERATOR} (shared/bench beside the repository)`);
  if (!existsSync('dist/cli.js')) throw new Error('dist/cli.js is missing: run npm run build first');
  // The rows measured in this process (edits, hover, completion) run under the server's collector setting.
  keepYoungGenerationSmall();
  const out = mkdtempSync(join(tmpdir(), 'apache-ssl-bench-'));
  const modelOut = mkdtempSync(join(tmpdir(), 'apache-ssl-bench-model-'));
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
      measure: `parse + analyse a whole ${lines.length}-line file (opening it)`,
      value: `p50 ${median(analyses).toFixed(1)} ms, p95 ${percentile(analyses, 95).toFixed(1)} ms`,
      note: '30 runs',
    });

    const editing = mkdtempSync(join(tmpdir(), 'apache-ssl-bench-edit-'));
    try {
      rows.push(...editRows(text, directives, editing));
    } finally {
      rmSync(editing, { recursive: true, force: true });
    }

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

    rows.push(...certificateHoverRows(out, directives));
    rows.push(...modelRows(modelOut, directives));
  } finally {
    rmSync(out, { recursive: true, force: true });
    rmSync(modelOut, { recursive: true, force: true });
  }

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${execFileSync('/usr/sbin/apache2', ['-v'], { encoding: 'utf8' }).split('\n')[0].replace('Server version: ', '')}`;
  const table = ['| Measure | Result | Note |', '|---|---|---|', ...rows.map((r) => `| ${r.measure} | ${r.value} | ${r.note} |`)].join('\n');
  console.log(`Machine: ${machine}\n\n${table}`);
  if (process.argv.includes('--write')) {
    // The profile notes below the table are written by hand: a new table keeps them.
    const notes = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8').split(NOTES_HEADING)[1] : undefined;
    const kept = notes === undefined ? '' : `\n${NOTES_HEADING}${notes}`;
    writeFileSync(RESULTS, `# Benchmark results\n\nLatest \`npm run bench -- --write\`, ${new Date().toISOString().slice(0, 10)}.\n\nMachine: ${machine}\n\n${table}\n${kept}`);
  }
}

main();
