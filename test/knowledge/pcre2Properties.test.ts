// The property names our PCRE2 reader accepts after \p are the table of the
// PCRE2 that Apache links: read here from the installed libpcre2-8, where
// the names lie one after another, each ended by a NUL, from "adlam" on.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';
import { PCRE2_PROPERTY_NAMES } from '../../server/src/knowledge/pcre2Properties';

function installedLibrary(): string {
  for (const folder of ['/usr/lib/x86_64-linux-gnu', '/usr/lib/aarch64-linux-gnu', '/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib']) {
    if (!existsSync(folder)) continue;
    const name = readdirSync(folder, { withFileTypes: true }).find((entry) => /^libpcre2-8\.so\.0(\.|$)/.test(entry.name))?.name;
    if (name) return `${folder}/${name}`;
  }
  assert.fail('libpcre2-8 is not installed (Apache links it)');
}

test("the property names are the installed PCRE2's own table", () => {
  const library = readFileSync(installedLibrary());
  const start = library.indexOf(Buffer.from('\0adlam\0', 'latin1')) + 1;
  assert.ok(start > 0, 'the table starts with "adlam"');
  const end = library.indexOf(Buffer.from('\0\0', 'latin1'), start);
  const names = library.toString('latin1', start, end).split('\0');
  assert.deepEqual([...PCRE2_PROPERTY_NAMES], names);
});
