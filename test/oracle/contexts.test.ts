// The context rule against the real Apache, for every directive of mod_ssl,
// mod_proxy*, mod_headers, mod_http2 and core: placed alone in each context
// (server, <VirtualHost>, <Directory>, <Files>, <Location>, <If>, <Proxy>,
// <Limit>), `apache2 -t` refuses the placement exactly when ctx/not-allowed
// reports it. For .htaccess, a running Apache reads one .htaccess per
// directive and its error log must agree the same way.
import assert from 'node:assert/strict';
import { get } from 'node:http';
import { after, before, test } from 'node:test';
import { isContextRefusal, PROBE_CONTEXTS, wrapIn } from '../../scripts/knowledge/contexts';
import { mpmFor } from '../../scripts/knowledge/listing';
import { candidateArgs, directiveLine } from '../../scripts/knowledge/probeArgs';
import { Prober } from '../../scripts/knowledge/prober';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { createDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import { parseConfig } from '../../server/src/parser/parseConfig';
import { startApache } from '../support/apacheServer';

const directives = createDirectiveIndex();
const TARGET = /^(core|http_core|mod_ssl|mod_proxy.*|mod_headers|mod_http2)$/;
// Directives that change how the rest of the file is read, or that no placement can satisfy alone.
const UNPROBEABLE = new Set(['include', 'includeoptional', 'define', 'undefine', 'error', 'port', 'serverroot', 'proxyset']);

const targets = directives
  .all()
  .filter((fact) => TARGET.test(fact.module) && !fact.name.startsWith('<') && fact.arguments && !UNPROBEABLE.has(fact.name.toLowerCase()))
  .filter((fact, index, all) => all.findIndex((other) => other.name === fact.name) === index);

const prober = new Prober();
after(() => prober.close());

/** The first argument vector Apache accepts where the directive is allowed (as the generator chooses). */
const chosenArgs = new Map<string, string[]>();

before(async () => {
  const blocks = targets.flatMap((fact) => {
    const home = PROBE_CONTEXTS.find((context) => fact.contexts?.[context]) ?? 'server';
    return candidateArgs(fact.name, fact.arguments!, fact.values, { file: prober.file, dir: prober.dir }).map((args, index) => ({
      id: `${fact.name}#${index}`,
      lines: wrapIn(home, [directiveLine(fact.name, args)]),
      args,
    }));
  });
  const verdicts = await prober.testMany(mpmFor('core'), blocks);
  for (const fact of targets) {
    const tried = blocks.filter((block) => block.id.startsWith(`${fact.name}#`));
    chosenArgs.set(fact.name, (tried.find((block) => verdicts.get(block.id)?.ok) ?? tried[0])?.args ?? []);
  }
});

/**
 * Placement refusals: ctx/not-allowed, and in sections ssl/ca-per-dir, which
 * reports mod_ssl's own refusal of a per-directory CA. (In .htaccess the probe's
 * CA file does not exist, and Apache stops at that first.)
 */
function weReport(text: string, line: number, fileName?: string): boolean {
  const rules = fileName ? ['ctx/not-allowed'] : ['ctx/not-allowed', 'ssl/ca-per-dir'];
  return analyzeFile(parseConfig(text), { directives, fileName }).some(
    (d) => rules.includes(String(d.code)) && d.range.start.line <= line && line <= d.range.end.line,
  );
}

test('apache2 -t and ctx/not-allowed agree on every placement', async () => {
  const blocks = targets.flatMap((fact) =>
    PROBE_CONTEXTS.map((context) => ({ id: `${fact.name}@${context}`, lines: wrapIn(context, [directiveLine(fact.name, chosenArgs.get(fact.name) ?? [])]) })),
  );
  const verdicts = await prober.testMany(mpmFor('core'), blocks);
  const disagreements: string[] = [];
  for (const block of blocks) {
    const verdict = verdicts.get(block.id);
    const apacheRefuses = verdict !== undefined && !verdict.ok && isContextRefusal(verdict.message);
    const line = block.lines.findIndex((text) => !text.startsWith('<'));
    const ours = weReport(block.lines.join('\n') + '\n', line);
    if (ours !== apacheRefuses) disagreements.push(`${block.id}: we ${ours ? 'refuse' : 'accept'}, apache2 -t: ${verdict?.message ?? 'Syntax OK'}`);
  }
  console.log(`contexts: apache2 -t and apache-ssl agree on ${blocks.length - disagreements.length} of ${blocks.length} placements (${targets.length} directives × ${PROBE_CONTEXTS.length} contexts)`);
  assert.deepEqual(disagreements, []);
});

test('a running Apache and ctx/not-allowed agree on every directive in .htaccess', async () => {
  const files: Record<string, string> = {
    'site.conf': 'DocumentRoot "${SERVER_ROOT}/www"\n<Directory "${SERVER_ROOT}/www">\n    AllowOverride All\n    Require all granted\n</Directory>\n',
  };
  const probes = targets.map((fact, index) => ({ fact, dir: `d${index}`, line: directiveLine(fact.name, chosenArgs.get(fact.name) ?? []) }));
  for (const probe of probes) {
    files[`www/${probe.dir}/.htaccess`] = `${probe.line}\n`;
    files[`www/${probe.dir}/index.html`] = 'probe\n';
  }
  const apache = await startApache(files, 'site.conf');
  try {
    for (const probe of probes) await request(apache.port, `/${probe.dir}/index.html`);
    const log = apache.errorLog();
    const disagreements: string[] = [];
    for (const probe of probes) {
      const logged = new RegExp(`/${probe.dir}/\\.htaccess: (.*)$`, 'm').exec(log)?.[1];
      const apacheRefuses = logged !== undefined && isContextRefusal(logged.trim());
      const ours = weReport(`${probe.line}\n`, 0, `/srv/www/${probe.dir}/.htaccess`);
      if (ours !== apacheRefuses) disagreements.push(`${probe.fact.name}: we ${ours ? 'refuse' : 'accept'}, Apache: ${logged ?? 'served it'}`);
    }
    console.log(`.htaccess: Apache and apache-ssl agree on ${probes.length - disagreements.length} of ${probes.length} directives`);
    assert.deepEqual(disagreements, []);
  } finally {
    await apache.stop();
  }
});

function request(port: number, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, timeout: 10_000 }, (response) => {
      response.resume();
      response.on('end', resolve);
    }).on('error', reject);
  });
}

