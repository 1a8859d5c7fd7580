// The ELF reader behind mod/module-not-in-file's judgement of third-party
// modules: it finds what `nm -D --defined-only` finds, reads both ELF classes
// and byte orders, and gives undefined (no verdict), never an exception, on
// anything else.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readSharedObject } from '../../server/src/analysis/readSharedObject';

const exportedSymbols = (bytes: Uint8Array): ReadonlySet<string> | undefined => readSharedObject(bytes)?.exports;

const MODULES = '/usr/lib/apache2/modules';

/** What binutils' nm lists as defined in the dynamic symbol table (global and weak). */
function nmDefined(path: string): Set<string> {
  const result = spawnSync('nm', ['-D', '--defined-only', path], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return new Set(
    result.stdout
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .filter((fields) => fields.length === 3 && /[A-Zuvw]/.test(fields[1]))
      .map((fields) => fields[2].replace(/@.*$/, '')),
  );
}

test("Apache's module files export their module and nothing they only import, as nm reads them", () => {
  for (const name of ['mod_rewrite', 'mod_ssl', 'mod_proxy']) {
    const path = `${MODULES}/${name}.so`;
    const symbols = exportedSymbols(readFileSync(path));
    assert.ok(symbols, path);
    assert.deepEqual([...symbols].sort(), [...nmDefined(path)].sort(), path);
    assert.ok(symbols.has(`${name.slice(4)}_module`));
    assert.ok(!symbols.has('ap_hook_post_config'), 'imported from the server, not defined in the module');
  }
});

/** A minimal shared object: a null section, .dynsym and .dynstr, in either class and byte order. */
function buildElf(is64: boolean, little: boolean, symbols: { name: string; binding: number; defined: boolean }[]): Uint8Array {
  const strings = ['', ...symbols.map((symbol) => symbol.name)].join('\0') + '\0';
  const symbolSize = is64 ? 24 : 16;
  const sectionSize = is64 ? 64 : 40;
  const headerSize = is64 ? 64 : 52;
  const table = headerSize;
  const tableSize = symbolSize * (symbols.length + 1);
  const names = table + tableSize;
  const sections = names + strings.length;
  const bytes = new Uint8Array(sections + 3 * sectionSize);
  const view = new DataView(bytes.buffer);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, is64 ? 2 : 1, little ? 1 : 2, 1]);
  const word = (at: number, value: number): void => (is64 ? view.setBigUint64(at, BigInt(value), little) : view.setUint32(at, value, little));
  word(is64 ? 0x28 : 0x20, sections);
  view.setUint16(is64 ? 0x3c : 0x30, 3, little);
  let offset = 1;
  symbols.forEach((symbol, index) => {
    const at = table + symbolSize * (index + 1);
    view.setUint32(at, offset, little);
    view.setUint8(at + (is64 ? 4 : 12), (symbol.binding << 4) | 1);
    view.setUint16(at + (is64 ? 6 : 14), symbol.defined ? 5 : 0, little);
    offset += symbol.name.length + 1;
  });
  bytes.set(Buffer.from(strings, 'latin1'), names);
  const section = (index: number, type: number, start: number, size: number, link: number): void => {
    const at = sections + index * sectionSize;
    view.setUint32(at + 4, type, little);
    word(at + (is64 ? 24 : 16), start);
    word(at + (is64 ? 32 : 20), size);
    view.setUint32(at + (is64 ? 40 : 24), link, little);
  };
  section(1, 11, table, tableSize, 2);
  section(2, 3, names, strings.length, 0);
  return bytes;
}

test("mod_suexec's file names the wrapper its build checks for, the path Apache's own refusal prints", () => {
  const module = readSharedObject(readFileSync(`${MODULES}/mod_suexec.so`));
  assert.equal(module?.suexecWrapper, '/usr/lib/apache2/suexec');
  assert.equal(readSharedObject(readFileSync(`${MODULES}/mod_rewrite.so`))?.suexecWrapper, undefined);
});

test('both ELF classes and byte orders; local and undefined symbols are not exported', () => {
  const symbols = [
    { name: 'custom_module', binding: 1, defined: true },
    { name: 'weak_one', binding: 2, defined: true },
    { name: 'local_one', binding: 0, defined: true },
    { name: 'ap_hook_post_config', binding: 1, defined: false },
  ];
  for (const is64 of [true, false]) {
    for (const little of [true, false]) {
      const found = exportedSymbols(buildElf(is64, little, symbols));
      assert.deepEqual(found && [...found].sort(), ['custom_module', 'weak_one'], `${is64 ? 64 : 32}-bit, ${little ? 'little' : 'big'}-endian`);
    }
  }
});

test('not ELF, cut short or damaged: undefined or a set, never an exception', () => {
  assert.equal(exportedSymbols(new Uint8Array(0)), undefined);
  assert.equal(exportedSymbols(Buffer.from('LoadModule rewrite_module modules/mod_rewrite.so\n'.repeat(4))), undefined);
  assert.equal(exportedSymbols(Buffer.from('\x7fELF\x03\x01'.padEnd(64, '\0'), 'latin1')), undefined, 'an unknown class');
  const real = readFileSync(`${MODULES}/mod_rewrite.so`);
  // Cut before the section table: nothing to read the symbols by.
  assert.equal(exportedSymbols(real.subarray(0, 4096)), undefined);
  for (let length = 0; length < real.length; length += 997) exportedSymbols(real.subarray(0, length));
  let seed = 7;
  const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let round = 0; round < 300; round++) {
    const damaged = Uint8Array.from(real);
    for (let change = 0; change < 8; change++) damaged[next() % 256] = next() % 256;
    const found = exportedSymbols(damaged);
    assert.ok(found === undefined || found instanceof Set);
    readSharedObject(damaged);
  }
});
