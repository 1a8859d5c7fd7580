// Property-based checks (fast-check) of what the parser and the analysis
// promise for any input: parsing never throws and printing the tree gives the
// text back byte for byte; analysing a mutated fixture (lines dropped,
// duplicated, swapped, cut, or random text spliced in) ends without an
// exception from any rule.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { parseConfig, printConfig } from '../../server/src/parser/parseConfig';

const FIXTURES = join(__dirname, '..', 'fixtures');

function fixtureTexts(dir = FIXTURES): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return fixtureTexts(path);
    return entry.name.endsWith('.conf') ? [readFileSync(path, 'utf8')] : [];
  });
}

/** Text made of the pieces Apache configs are made of, so the parser's paths are all reached. */
const configish = fc
  .array(
    fc.oneof(
      fc.constantFrom('<', '>', '</', '<VirtualHost *:443>', '</VirtualHost>', '<Location /a>', '</Location>', '<If "%{HTTPS} == \'on\'">', '</If>'),
      fc.constantFrom('"', "'", '\\', '\\\n', '\n', '\r\n', '\r', '\t', ' ', '#', '# c\n', '${A}', '${', '%{SSL_CLIENT_VERIFY}', '\0', '\u00e9', '\ud83d\ude00', '\ud800'),
      fc.constantFrom('SSLVerifyClient require', 'SSLEngine on', 'Include x.conf', 'Define A b', 'Require expr', 'SSLRequire', 'ProxyPass / https://b/'),
      fc.string({ maxLength: 8 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

test('parseConfig never throws and printConfig gives back any text, byte for byte', () => {
  fc.assert(
    fc.property(fc.oneof(configish, fc.string({ unit: 'binary', maxLength: 300 })), (text) => {
      assert.equal(printConfig(parseConfig(text)), text);
    }),
    { numRuns: 2000 },
  );
});

test("a line's words are the values of its arguments, which a directive or section tag builds from its file's text when first read", () => {
  fc.assert(
    fc.property(configish, (text) => {
      const pending = [...parseConfig(text).children];
      for (let node = pending.pop(); node; node = pending.pop()) {
        if (node.kind !== 'directive' && node.kind !== 'section') continue;
        assert.deepEqual(node.words, node.args.map((arg) => arg.value));
        if (node.kind === 'section') pending.push(...node.children);
      }
    }),
    { numRuns: 2000 },
  );
});

test('analysing any mutation of a fixture ends without a rule throwing', () => {
  const fixtures = fixtureTexts();
  assert.ok(fixtures.length > 20, 'the fixtures are found');
  const mutation = fc.record({
    fixture: fc.nat({ max: fixtures.length - 1 }),
    edits: fc.array(
      fc.record({ kind: fc.constantFrom('drop', 'duplicate', 'swap', 'cut', 'splice'), at: fc.nat(), other: fc.nat(), text: configish }),
      { minLength: 1, maxLength: 6 },
    ),
  });
  fc.assert(
    fc.property(mutation, ({ fixture, edits }) => {
      const lines = fixtures[fixture].split('\n');
      for (const { kind, at, other, text } of edits) {
        const i = at % lines.length;
        const j = other % lines.length;
        if (kind === 'drop') lines.splice(i, 1);
        else if (kind === 'duplicate') lines.splice(i, 0, lines[i]);
        else if (kind === 'swap') [lines[i], lines[j]] = [lines[j], lines[i]];
        else if (kind === 'cut') lines[i] = lines[i].slice(0, other % (lines[i].length + 1));
        else lines.splice(i, 0, text);
        if (lines.length === 0) lines.push('');
      }
      const errors: unknown[] = [];
      analyzeFile(parseConfig(lines.join('\n')), { onRuleError: (rule, error) => errors.push(`${rule.id}: ${String(error)}`) });
      assert.deepEqual(errors, []);
    }),
    { numRuns: 400 },
  );
});
