// Hover on a Use line's words: the text its macro expands to there.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MarkupContent } from 'vscode-languageserver-types';
import { hoverUse } from '../../server/src/features/hoverUse';
import { modelWithCursor } from '../support/modelWithCursor';

const MACRO = 'LoadModule macro_module modules/mod_macro.so\n<Macro Site $host $port>\n<VirtualHost *:$port>\n  ServerName $host\n</VirtualHost>\n</Macro>\n';

function hoverAt(text: string): string | undefined {
  const { model, path, position } = modelWithCursor({ '/etc/apache2/apache2.conf': text });
  return (hoverUse(model, path, position)?.contents as MarkupContent | undefined)?.value;
}

test("the words of a Use show the macro's body with the Use's words in place, linked to the macro", () => {
  assert.equal(
    hoverAt(`${MACRO}Use Site shop.ex|ample 443\n`),
    '**Use Site** expands to these lines, which Apache reads in place of the `Use` (the macro is defined at [`apache2.conf:2`](file:///etc/apache2/apache2.conf#L2)):\n\n' +
      '```apacheconf\n<VirtualHost *:443>\n  ServerName shop.example\n</VirtualHost>\n```',
  );
});

test('no hover on the name (the directive card), nor on a Use Apache refuses or does not read', () => {
  assert.equal(hoverAt(`${MACRO}U|se Site shop.example 443\n`), undefined);
  assert.equal(hoverAt(`${MACRO}Use Site shop.ex|ample\n`), undefined);
  assert.equal(hoverAt(`${MACRO}<IfDefine NEVER>\nUse Site shop.ex|ample 443\n</IfDefine>\n`), undefined);
});

test('a long expansion is cut, and the rest counted', () => {
  const body = Array.from({ length: 45 }, (_, i) => `ServerAlias a${i}.$host`).join('\n');
  const value = hoverAt(`LoadModule macro_module modules/mod_macro.so\n<Macro Many $host>\n${body}\n</Macro>\nUse Many e|x\n`) ?? '';
  assert.match(value, /ServerAlias a39\.ex\n```\n\nand 5 more lines\.$/);
});
