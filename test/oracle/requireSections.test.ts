// Directives inside <RequireAll> against the real `apache2 -t`: every
// directive whose override class is FileInfo, Options, Indexes or Limit (and
// not AuthConfig or All) must be refused there ("… not allowed in
// <RequireAll> context") and reported by ctx/not-allowed; every AuthConfig or
// All directive must be read there, and not reported. Directives of no class
// split both ways, so neither side claims anything about them.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultDirectiveIndex } from '../../server/src/knowledge/directiveIndex';
import { apacheConfigTest } from '../support/apacheOracle';
import { analyzeWithAllModules } from '../support/analyzeInTree';

const REFUSED = /\b(FileInfo|Options|Indexes|Limit)\b/;
const ACCEPTED = /\b(AuthConfig|All)\b/;

const candidates = defaultDirectiveIndex()
  .all()
  .filter((fact) => !fact.name.startsWith('<') && fact.contexts?.directory && fact.override && (REFUSED.test(fact.override) || ACCEPTED.test(fact.override)));

test(`apache2 -t and ctx/not-allowed agree on ${candidates.length} directives inside <RequireAll>, by override class`, () => {
  const disagreements: string[] = [];
  let refused = 0;
  for (const fact of candidates) {
    const text = `<Directory "/tmp">\n<RequireAll>\nRequire all granted\n${fact.name} x\n</RequireAll>\n</Directory>\n`;
    const apache = apacheConfigTest({ 'main.conf': text }, 'main.conf');
    const apacheRefuses = !apache.ok && /not allowed in <RequireAll> context/.test(apache.output);
    const weRefuse = analyzeWithAllModules(text).some((d) => d.code === 'ctx/not-allowed' && d.range.start.line === 3);
    const expected = !ACCEPTED.test(fact.override ?? '');
    if (apacheRefuses !== expected || weRefuse !== expected) disagreements.push(`${fact.name} (${fact.override}): Apache ${apacheRefuses ? 'refuses' : 'reads'}, we ${weRefuse ? 'refuse' : 'read'}`);
    if (apacheRefuses) refused++;
  }
  assert.deepEqual(disagreements, []);
  assert.ok(refused > 100, `only ${refused} refused: the probe lost its subject`);
});
