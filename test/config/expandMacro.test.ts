// What a Use expands to, built as mod_macro builds it: checked on the text
// itself, since Apache accepts many wrong substitutions as well as right ones.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandMacro } from '../../server/src/config/expandMacro';
import { macroDefinitions } from '../../server/src/analysis/macros';
import { buildConfigModel } from '../../server/src/config/buildConfigModel';
import { memoryFileSystem } from '../../server/src/config/fileSystem';
import { SourceCache } from '../../server/src/config/sourceCache';

const MAIN = '/etc/apache2/apache2.conf';

function expansion(text: string, values: string[]): string | undefined {
  const model = buildConfigModel(MAIN, { sources: new SourceCache(memoryFileSystem({ [MAIN]: text })) });
  const [macro] = macroDefinitions(model);
  assert.ok(macro, 'no macro in the text');
  return expandMacro(model, macro, values);
}

test('each parameter is replaced left to right, the longest name winning where two start alike', () => {
  const text = '<Macro Site $name $name_alias>\n  ServerName $name\n  ServerAlias $name_alias $name.example\n</Macro>\n';
  assert.equal(expansion(text, ['shop', 'www.shop']), '  ServerName shop\n  ServerAlias www.shop shop.example\n');
});

test('a value is inserted as given, once, and never substituted again; a macro without an end expands to nothing', () => {
  assert.equal(expansion('<Macro M $a $b>\nServerAdmin $a $b\n</Macro>\n', ['$b', 'x']), 'ServerAdmin $b x\n');
  assert.equal(expansion('<Macro M>\nServerAdmin a@b\n</Macro>\n', []), 'ServerAdmin a@b\n');
  assert.equal(expansion('<Macro M $a>\nServerAdmin $a\n', ['x']), undefined);
});
