import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseConfig, printConfig } from '../../server/src/parser/parseConfig';
import { analyzeWithAllModules } from '../support/analyzeInTree';
import { listFixtures } from '../support/fixtures';

const fixtures = listFixtures();

test('there are fixtures to check', () => {
  assert.ok(fixtures.length >= 15, `only ${fixtures.length} fixtures found`);
});

for (const fixture of fixtures) {
  test(`fixture ${fixture.name}: findings match its # want markers`, () => {
    // Included from a main file that loads every module, as the oracle runs it.
    const found = analyzeWithAllModules(fixture.text)
      .map((d) => `${d.range.start.line}:${String(d.code)}`)
      .sort();
    assert.deepEqual(found, fixture.wanted);
  });

  test(`fixture ${fixture.name}: prints back byte for byte`, () => {
    assert.equal(printConfig(parseConfig(fixture.text)), fixture.text);
  });
}
