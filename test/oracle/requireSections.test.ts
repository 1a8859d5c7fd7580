// Lines inside <RequireAll> against the real `apache2 -t`: every directive
// and section that <Directory> accepts is placed, with arguments Apache takes,
// inside <Directory><RequireAll>; Apache refuses the placement exactly when
// ctx/not-allowed reports it. mod_authz_core reads only some lines there, and
// the manual's Override line does not tell which, so this holds the probed
// data (inRequireSections in directives.json) to the binary.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { isContextRefusal, wrapIn } from '../../scripts/knowledge/contexts';
import { mpmFor, type Mpm } from '../../scripts/knowledge/listing';
import { candidateArgs, directiveLine, sectionLines } from '../../scripts/knowledge/probeArgs';
import { Prober, type Block } from '../../scripts/knowledge/prober';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { createDirectiveIndex, type DirectiveFact } from '../../server/src/knowledge/directiveIndex';
import { parseConfig } from '../../server/src/parser/parseConfig';

const directives = createDirectiveIndex();
// Lines that change how the rest is read, or that no placement can satisfy alone.
const UNPROBEABLE = new Set(['include', 'includeoptional', 'define', 'undefine', 'error', 'port', 'serverroot', 'proxyset']);

const targets = directives
  .all()
  .filter((fact) => fact.inRequireSections !== undefined && !UNPROBEABLE.has(fact.name.toLowerCase()))
  .filter((fact, index, all) => all.findIndex((other) => other.name === fact.name) === index);

const prober = new Prober();
after(() => prober.close());

function linesOf(fact: DirectiveFact, args: string[] | undefined): string[] {
  return fact.name.startsWith('<') ? sectionLines(fact.name, args?.join(' ')) : [directiveLine(fact.name, args ?? [])];
}

/** Blocks grouped by the MPM their module needs, verdicts merged. */
async function testAll(blocks: (Block & { fact: DirectiveFact })[]): Promise<Map<string, { ok: boolean; message?: string }>> {
  const byMpm = new Map<Mpm, Block[]>();
  for (const block of blocks) byMpm.set(mpmFor(block.fact.module), [...(byMpm.get(mpmFor(block.fact.module)) ?? []), block]);
  const verdicts = new Map<string, { ok: boolean; message?: string }>();
  for (const [mpm, list] of byMpm) for (const [id, verdict] of await prober.testMany(mpm, list)) verdicts.set(id, verdict);
  return verdicts;
}

/** Per directive, the first argument vector <Directory> accepts (sections use their usual probe arguments). */
const chosenArgs = new Map<string, string[] | undefined>();

before(async () => {
  const blocks = targets
    .filter((fact) => !fact.name.startsWith('<'))
    .flatMap((fact) =>
      candidateArgs(fact.name, fact.arguments!, fact.values, { file: prober.file, dir: prober.dir }).map((args, index) => ({
        id: `${fact.name}#${index}`,
        lines: wrapIn('directory', [directiveLine(fact.name, args)]),
        args,
        fact,
      })),
    );
  const verdicts = await testAll(blocks);
  for (const fact of targets) {
    const tried = blocks.filter((block) => block.fact === fact);
    chosenArgs.set(fact.name, (tried.find((block) => verdicts.get(block.id)?.ok) ?? tried[0])?.args);
  }
});

test('apache2 -t and ctx/not-allowed agree on every directive and section inside <RequireAll>', async () => {
  const blocks = targets.map((fact) => ({
    id: fact.name,
    fact,
    lines: wrapIn('directory', ['<RequireAll>', 'Require all granted', ...linesOf(fact, chosenArgs.get(fact.name)), '</RequireAll>']),
  }));
  const verdicts = await testAll(blocks);
  const disagreements: string[] = [];
  let refused = 0;
  for (const block of blocks) {
    const verdict = verdicts.get(block.id);
    const apacheRefuses = verdict !== undefined && !verdict.ok && isContextRefusal(verdict.message);
    const line = block.lines.findIndex((text, index) => index > 2 && text.toLowerCase().startsWith(block.fact.name.toLowerCase()));
    const weRefuse = analyzeFile(parseConfig(block.lines.join('\n') + '\n'), { directives }).some(
      (d) => d.code === 'ctx/not-allowed' && d.range.start.line === line,
    );
    if (weRefuse !== apacheRefuses) disagreements.push(`${block.id}: we ${weRefuse ? 'refuse' : 'accept'}, apache2 -t: ${verdict?.message ?? 'Syntax OK'}`);
    if (apacheRefuses) refused++;
  }
  console.log(`<RequireAll>: apache2 -t and apache-ssl agree on ${blocks.length - disagreements.length} of ${blocks.length} lines (${refused} refused)`);
  assert.deepEqual(disagreements, []);
  assert.ok(refused > 100 && blocks.length - refused > 50, `${refused} of ${blocks.length} refused: the probe lost its subject`);
});
