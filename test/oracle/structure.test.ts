// The same fixtures through the real `apache2 -t`: where we report an error
// that Apache's config test gives too (rules with refusedBy 'configtest'),
// Apache must refuse the file at a line our error covers; where we report
// none, Apache must accept it. A few checks run after the whole configuration
// is read and name no file or line: then one of our errors must quote Apache's
// message.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { findRule } from '../../server/src/analysis/registry';
import { apacheConfigTest } from '../support/apacheOracle';
import { analyzeWithAllModules } from '../support/analyzeInTree';
import { listFixtures } from '../support/fixtures';

let agreements = 0;
const fixtures = listFixtures();

for (const fixture of fixtures) {
  test(`apache2 -t agrees on ${fixture.name}`, () => {
    const errors = analyzeWithAllModules(fixture.text).filter(
      (d) => d.severity === DiagnosticSeverity.Error && findRule(String(d.code))?.refusedBy === 'configtest',
    );
    const verdict = apacheConfigTest({ 'fixture.conf': fixture.text }, 'fixture.conf');
    if (errors.length === 0) {
      assert.ok(verdict.ok, `we report no error, but Apache refuses it:\n${verdict.output}`);
    } else {
      assert.ok(!verdict.ok, `we report ${errors.map((e) => e.code).join(', ')}, but Apache accepts it`);
      if (verdict.file === undefined) {
        const quoted = (message: string) => [...message.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
        assert.ok(
          errors.some((e) => quoted(String(e.message)).some((text) => verdict.output.includes(text))),
          `Apache refuses it without a place, and none of our errors quotes it:\n${verdict.output}`,
        );
        agreements++;
        return;
      }
      assert.ok(verdict.file?.endsWith('/fixture.conf'), `Apache blamed another file:\n${verdict.output}`);
      const apacheLine = (verdict.line ?? 0) - 1;
      const covering = errors.filter((e) => e.range.start.line <= apacheLine && apacheLine <= e.range.end.line);
      assert.ok(
        covering.length > 0,
        `Apache blames line ${apacheLine + 1} ("${verdict.message}"), our errors are on lines ` +
          errors.map((e) => `${e.range.start.line + 1}-${e.range.end.line + 1}`).join(', '),
      );
    }
    agreements++;
  });
}

test('agreement count', () => {
  console.log(`apache2 -t agreed with apache-ssl on ${agreements} of ${fixtures.length} fixtures`);
  assert.equal(agreements, fixtures.length);
});
