// The cache directives through the real `apache2 -t`, with and without the
// mod_socache modules: where we report mod/socache-module-missing, Apache
// refuses the line, with the words we quote; where we do not, it accepts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apacheConfigTest, preludeWithModules } from '../support/apacheOracle';
import { configtestErrors } from '../support/analyzeInTree';

const SSL = ['ssl_module', 'authz_core_module'];
const SHMCB = [...SSL, 'socache_shmcb_module'];
const AUTHN = ['authn_socache_module', 'authn_core_module', 'authn_file_module'];
const CACHE = ['cache_module', 'cache_socache_module'];

const CASES: { line: string; modules: string[]; refused: boolean }[] = [
  { line: 'SSLSessionCache shmcb:/tmp/apache-ssl-sc(512000)', modules: SSL, refused: true },
  { line: 'SSLSessionCache shmcb', modules: SSL, refused: true },
  { line: 'SSLSessionCache dbm:/tmp/apache-ssl-sc', modules: SHMCB, refused: true },
  { line: 'SSLSessionCache memcache:localhost:11211', modules: SSL, refused: true },
  { line: 'SSLSessionCache redis:localhost:6379', modules: SSL, refused: true },
  { line: 'SSLSessionCache dc:unix:/tmp/dc', modules: SHMCB, refused: true },
  { line: 'SSLSessionCache SHMCB:/tmp/apache-ssl-sc(512000)', modules: SHMCB, refused: true },
  { line: 'SSLSessionCache Default', modules: SHMCB, refused: true },
  { line: 'SSLStaplingCache shmcb:/tmp/apache-ssl-st(512000)', modules: SSL, refused: true },
  { line: 'AuthnCacheSOCache shmcb', modules: AUTHN, refused: true },
  { line: 'AuthnCacheSOCache shmcb:/tmp/apache-ssl-an(512000)', modules: AUTHN, refused: true },
  { line: 'CacheSocache shmcb', modules: CACHE, refused: true },
  { line: 'SSLSessionCache shmcb:/tmp/apache-ssl-sc(512000)', modules: SHMCB, refused: false },
  { line: 'SSLSessionCache default', modules: SHMCB, refused: false },
  { line: 'SSLSessionCache none', modules: SSL, refused: false },
  { line: 'SSLSessionCache NoneNotNull', modules: SSL, refused: false },
  { line: 'SSLStaplingCache shmcb:/tmp/apache-ssl-st(512000)', modules: SHMCB, refused: false },
  { line: 'SSLSessionCache dbm:/tmp/apache-ssl-sc', modules: [...SSL, 'socache_dbm_module'], refused: false },
  { line: 'AuthnCacheSOCache shmcb', modules: [...AUTHN, 'socache_shmcb_module'], refused: false },
  { line: 'CacheSocache shmcb:/tmp/apache-ssl-cs(512000)', modules: [...CACHE, 'socache_shmcb_module'], refused: false },
];

test('apache2 -t agrees with mod/socache-module-missing, with and without the mod_socache modules', () => {
  const problems: string[] = [];
  for (const { line, modules, refused } of CASES) {
    const prelude = preludeWithModules(modules);
    const label = `[${modules.join(' ')}] ${line}`;
    const ours = configtestErrors(prelude, `${line}\n`).filter((d) => d.code === 'mod/socache-module-missing');
    const verdict = apacheConfigTest({ 'main.conf': `${line}\n` }, 'main.conf', prelude);
    if (!refused) {
      if (ours.length > 0) problems.push(`${label}: we report ${String(ours[0].message)}`);
      if (!verdict.ok) problems.push(`${label}: Apache refuses it: ${verdict.output}`);
      continue;
    }
    if (verdict.ok) problems.push(`${label}: Apache accepts it`);
    const quoted = /"([^"]+)"/.exec(String(ours[0]?.message ?? ''))?.[1];
    if (!quoted) problems.push(`${label}: we report nothing`);
    else if (!verdict.output.includes(quoted)) problems.push(`${label}:\n    we:     ${quoted}\n    Apache: ${verdict.output}`);
  }
  assert.deepEqual(problems, []);
});
