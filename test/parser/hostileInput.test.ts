// Hostile inputs must give a tree and diagnostics, never a crash or a hang.
// Sizes here are what the issue names; speed is measured by `npm run bench`, not here.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { analyzeFile } from '../../server/src/analysis/analyzeFile';
import { documentSymbols } from '../../server/src/features/documentSymbols';
import { foldingRanges } from '../../server/src/features/foldingRanges';
import { parseConfig, printConfig } from '../../server/src/parser/parseConfig';
import { apacheConfigTest } from '../support/apacheOracle';

test('a 10 MB file parses, round-trips and is analysed', () => {
  const vhost = '<VirtualHost *:80>\n    ServerName a.example\n    ProxyPass / http://127.0.0.1:9000/\n</VirtualHost>\n';
  const text = vhost.repeat(Math.ceil((10 * 1024 * 1024) / vhost.length));
  const file = parseConfig(text);
  assert.equal(printConfig(file), text);
  // Every copy of the virtual host after the first is shadowed by it: warnings, capped at
  // 1000, which leave no room for the lower "modules unknown" note.
  const codes = analyzeFile(file).map((d) => `${d.range.start.line}:${String(d.code)}`);
  assert.equal(codes.length, 1000);
  assert.equal(codes[0], '5:vhost/duplicate-name');
  assert.ok(codes.every((code) => code.endsWith(':vhost/duplicate-name')));
});

test('a single 10 MB logical line joined by continuations', () => {
  const text = 'ServerAlias ' + 'a.example \\\n'.repeat(900_000) + 'end.example\n';
  const file = parseConfig(text);
  assert.equal(printConfig(file), text);
  assert.equal(file.children.length, 1);
});

test('3000-deep nesting parses and every feature answers', () => {
  const depth = 3000;
  const text = '<Location /a>\n'.repeat(depth) + '</Location>\n'.repeat(depth);
  const file = parseConfig(text);
  assert.deepEqual(file.problems, []);
  assert.equal(printConfig(file), text);
  analyzeFile(file);
  // The innermost section has no body line to hide, so it does not fold.
  assert.equal(foldingRanges(file).length, depth - 1);
  assert.equal(JSON.stringify(documentSymbols(file)).length > 0, true);
});

test('macros that branch, chain thousands long, loop at the end, or nest 3000 deep end quickly with the one finding Apache would give', () => {
  const count = 5000;
  // Each macro uses the next twice: a walk that does not remember where it has been takes 2^5000 steps.
  const branching = Array.from({ length: count }, (_, i) => `<Macro M${i} $x>\n${i + 1 < count ? `Use M${i + 1} $x\nUse M${i + 1} $x\n` : 'ServerAdmin $x\n'}</Macro>\n`).join('');
  const uses = (text: string) => analyzeFile(parseConfig(text)).filter((d) => d.code === 'define/macro-use');
  assert.deepEqual(uses(`${branching}Use M0 a@b\n`), []);
  const looping = branching.replace(`<Macro M${count - 1} $x>\nServerAdmin $x\n`, `<Macro M${count - 1} $x>\nUse M0 $x\n`);
  const [loop] = uses(`${looping}Use M0 a@b\n`);
  assert.match(String(loop?.message), /"recursive use of macro 'm0' is invalid"/);
  const depth = 3000;
  // The body is stored as it is; only its expansion, 3000 sections never closed, is refused.
  const nested = `<Macro Deep $x>\n${'<Location /a>\n'.repeat(depth)}</Macro>\nUse Deep a\n`;
  assert.deepEqual(analyzeFile(parseConfig(nested)).filter((d) => d.severity === 1).map((d) => `${d.range.start.line}:${String(d.code)}`), [`${depth + 2}:define/macro-expansion`]);
});

test('100 000 unclosed sections give diagnostics, capped', () => {
  const file = parseConfig('<Directory /x>\n'.repeat(100_000));
  const diagnostics = analyzeFile(file);
  assert.equal(diagnostics.length, 1000);
  assert.equal(diagnostics[0].code, 'syntax/unclosed-section');
});

test('random binary data yields one clear diagnostic', () => {
  for (let seed = 0; seed < 20; seed++) {
    const text = randomBytes(64 * 1024).toString('latin1');
    const file = parseConfig(text);
    assert.equal(printConfig(file), text);
    const diagnostics = analyzeFile(file);
    assert.deepEqual(diagnostics.map((d) => d.code), ['syntax/not-text']);
  }
});

test('NUL bytes in an otherwise normal config are reported', () => {
  const diagnostics = analyzeFile(parseConfig('ServerName a\u0000b\n'));
  assert.deepEqual(diagnostics.map((d) => d.code), ['syntax/not-text']);
});

test('a Latin-1 comment (its bytes read as U+FFFD) is still text: Apache accepts the file, so syntax/not-text says nothing', () => {
  const latin1 = Buffer.from('ServerAdmin a@example.test\n# R\xe9sum\xe9 \xe0 jour, \xe9t\xe9 \xe0 no\xebl\n', 'latin1');
  const text = latin1.toString('utf8');
  assert.ok(text.includes('\ufffd'));
  assert.deepEqual(analyzeFile(parseConfig(text)).map((d) => d.code).filter((code) => code === 'syntax/not-text'), []);
  assert.ok(apacheConfigTest({ 'latin1.conf': latin1 }, 'latin1.conf').ok);
});
