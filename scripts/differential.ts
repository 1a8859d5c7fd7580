// A differential run: random one-line configurations (every directive, in a
// place it may stand, with words from its keywords and from a pool of
// numbers, paths, URLs, patterns and expressions) through `apache2 -t` and
// through our rules that claim Apache's config test refuses a line. Prints
// each disagreement: MISS (Apache refuses, we say nothing), FALSE (Apache
// accepts, we report), LINE (both refuse, on different lines). Relative paths
// resolve against a ServerRoot our model does not know, so misses on them
// are expected. Used to find what the oracle tests should hold next.
//   npx tsx scripts/differential.ts [--count N] [--seed S]
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { analyzeFile } from '../server/src/analysis/analyzeFile';
import { createCertificateReader } from '../server/src/analysis/certs/certificateReader';
import { findRule } from '../server/src/analysis/registry';
import { buildConfigModel } from '../server/src/config/buildConfigModel';
import { nodeFileSystem } from '../server/src/config/fileSystem';
import { SourceCache } from '../server/src/config/sourceCache';
import type { DirectiveFact } from '../server/src/knowledge/directiveIndex';
import directivesJson from '../server/src/knowledge/directives.json';
import { defaultPrelude, PRELUDE_FILE, runApacheTest } from '../test/support/apacheOracle';
import { PROBE_CONTEXTS, wrapIn } from './knowledge/contexts';

const option = (name: string, fallback: number): number => (process.argv.includes(name) ? Number(process.argv[process.argv.indexOf(name) + 1]) : fallback);
const count = option('--count', 300);
let seed = option('--seed', 1);
const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];

const POOL = [
  'On', 'Off', 'none', '0', '1', '-1', '10', '65536', '2147483648', '99999999999', '1.5', 'abc', '*', '/', '/tmp', '/nonexistent/x',
  '""', '"quoted word"', '${UNDEF}', '%{HTTP_HOST}', 'http://127.0.0.1:8080/', 'balancer://b', '^/(a|b)$', '(a', '[a-z]+', '!', '-',
  'a=b', 'x:y', '127.0.0.1', '::1', '[::1]:80', '*:80', '10.0.0.0/8', 'default', 'all', '+TLSv1.2', 'HIGH:!aNULL', 'env=X', 'early',
  'always', 'set', 'X-Header', 'text/html', '.php', 'GET', '+FollowSymLinks', 'granted', 'valid-user', '5s', '100ms', 'max=10',
  'retry=0', '0x10', '007', '1e3', '%', '/x/', '~', 'auto', 'file:/tmp/x', 'shmcb:/tmp/c(512000)', '{ true }', '"true"',
];
function randomLine(fact: DirectiveFact): string {
  const min = fact.arguments?.min ?? 0;
  const max = Math.min(fact.arguments?.max ?? 3, 4);
  let words = min + Math.floor(random() * (max - min + 1));
  if (random() < 0.15) words = Math.max(0, words + (random() < 0.5 ? -1 : 1));
  return [fact.name, ...Array.from({ length: words }, () => (fact.values && random() < 0.6 ? pick(fact.values) : pick(POOL)))].join(' ');
}

const facts = (directivesJson as { directives: DirectiveFact[] }).directives.filter(
  (fact) => !fact.name.startsWith('<') && !/^(Include|IncludeOptional|LoadModule|LoadFile|ServerRoot|Define|UnDefine|Use)$/i.test(fact.name),
);
const root = mkdtempSync('/tmp/apache-ssl-differential-');
mkdirSync(join(root, 'logs'));
const prelude = defaultPrelude();
writeFileSync(join(root, PRELUDE_FILE), prelude);
const main = join(root, 'main.conf');
const found: string[] = [];
try {
  for (let run = 0; run < count; run++) {
    const fact = pick(facts);
    const places = PROBE_CONTEXTS.filter((place) => fact.contexts?.[place] || random() < 0.1);
    const text = wrapIn(places.length > 0 ? pick(places) : 'server', [randomLine(fact)]).join('\n') + '\n';
    writeFileSync(main, text);
    const verdict = runApacheTest(root, main);
    const model = buildConfigModel(main, { sources: new SourceCache(nodeFileSystem) });
    const file = model.files.get(main)?.file;
    if (!file) continue;
    const ours = analyzeFile(file, { fileName: main, model, certificates: createCertificateReader(nodeFileSystem) }).filter(
      (d) => d.severity === DiagnosticSeverity.Error && findRule(String(d.code))?.refusedBy === 'configtest',
    );
    const shown = text.trim().replace(/\n/g, ' | ');
    if (verdict.ok && ours.length > 0) found.push(`FALSE ${shown}\n      ours: ${ours[0].code}: ${ours[0].message}`);
    else if (!verdict.ok && ours.length === 0) found.push(`MISS  ${shown}\n      apache: ${verdict.message ?? verdict.output.trim()}`);
    else if (!verdict.ok && verdict.line !== undefined && !ours.some((d) => d.range.start.line + 1 <= verdict.line! && verdict.line! <= d.range.end.line + 1)) {
      found.push(`LINE  ${shown}\n      apache line ${verdict.line}, ours ${ours.map((d) => d.range.start.line + 1).join(', ')}`);
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
console.log(found.join('\n'));
console.log(`${found.length} disagreements in ${count} configurations (seed ${option('--seed', 1)})`);
