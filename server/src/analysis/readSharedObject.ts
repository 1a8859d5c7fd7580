// What a shared object (a LoadModule file) says of itself, read without
// loading it. Its exports come from the ELF dynamic symbol table (.dynsym):
// what dlsym can find in the file itself, as LoadModule looks its first word
// up there. A file that is not ELF, or that this reader cannot follow (no
// section headers, a table past the end), gives undefined: no verdict. Never
// throws: the bytes are whatever the configuration names.

export interface SharedObject {
  /** The symbols the file defines and exports (global, weak or unique binding). */
  exports: ReadonlySet<string>;
  /**
   * mod_suexec's file only: the suEXEC wrapper its build names (SUEXEC_BIN,
   * which the module prints at start-up and the server checks for).
   */
  suexecWrapper?: string;
}

export function readSharedObject(bytes: Uint8Array): SharedObject | undefined {
  const exports = exportedSymbols(bytes);
  if (!exports) return undefined;
  return exports.has('suexec_module') ? { exports, suexecWrapper: suexecWrapperIn(bytes) } : { exports };
}

const WRAPPER_END = Buffer.from('/suexec\0', 'latin1');

/** The one string in the file that is an absolute path ending in /suexec; undefined when there is none, or more than one. */
function suexecWrapperIn(bytes: Uint8Array): string | undefined {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const found = new Set<string>();
  for (let end = buffer.indexOf(WRAPPER_END); end >= 0; end = buffer.indexOf(WRAPPER_END, end + 1)) {
    let start = end;
    while (start > 0 && buffer[start - 1] > 0x20 && buffer[start - 1] < 0x7f) start--;
    const text = buffer.toString('latin1', start, end + WRAPPER_END.length - 1);
    if (text.startsWith('/')) found.add(text);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

const SHT_DYNSYM = 11;
const SHN_UNDEF = 0;
const STB_GLOBAL = 1;
const STB_WEAK = 2;
const STB_GNU_UNIQUE = 10;

/** Where the fields this reader needs are, in each ELF class (offsets in bytes). */
interface ElfLayout {
  /** The size of an address or offset field. */
  wordSize: 4 | 8;
  sectionTableAt: number;
  sectionCountAt: number;
  sectionSize: number;
  section: { type: number; offset: number; size: number; link: number };
  symbolSize: number;
  symbol: { name: number; info: number; sectionIndex: number };
}

const LAYOUTS: Record<1 | 2, ElfLayout> = {
  1: { wordSize: 4, sectionTableAt: 0x20, sectionCountAt: 0x30, sectionSize: 40, section: { type: 4, offset: 16, size: 20, link: 24 }, symbolSize: 16, symbol: { name: 0, info: 12, sectionIndex: 14 } },
  2: { wordSize: 8, sectionTableAt: 0x28, sectionCountAt: 0x3c, sectionSize: 64, section: { type: 4, offset: 24, size: 32, link: 40 }, symbolSize: 24, symbol: { name: 0, info: 4, sectionIndex: 6 } },
};

/** The symbols the file defines and exports, or undefined when it cannot be read as ELF. */
function exportedSymbols(bytes: Uint8Array): Set<string> | undefined {
  if (bytes.length < 0x40 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return undefined;
  const elfClass = bytes[4];
  const data = bytes[5];
  if ((elfClass !== 1 && elfClass !== 2) || (data !== 1 && data !== 2)) return undefined;
  const elf = LAYOUTS[elfClass];
  const little = data === 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const word = (at: number): number => (elf.wordSize === 8 ? Number(view.getBigUint64(at, little)) : view.getUint32(at, little));
  try {
    const tableOffset = word(elf.sectionTableAt);
    const count = view.getUint16(elf.sectionCountAt, little);
    const sections = [];
    for (let index = 0; index < count; index++) {
      const at = tableOffset + index * elf.sectionSize;
      sections.push({ type: view.getUint32(at + elf.section.type, little), offset: word(at + elf.section.offset), size: word(at + elf.section.size), link: view.getUint32(at + elf.section.link, little) });
    }
    const table = sections.find((section) => section.type === SHT_DYNSYM);
    const names = table && sections[table.link];
    if (!table || !names || table.offset + table.size > bytes.length || names.offset + names.size > bytes.length) return undefined;
    const symbols = new Set<string>();
    const decoder = new TextDecoder('latin1');
    for (let at = table.offset + elf.symbolSize; at + elf.symbolSize <= table.offset + table.size; at += elf.symbolSize) {
      const binding = view.getUint8(at + elf.symbol.info) >> 4;
      if (view.getUint16(at + elf.symbol.sectionIndex, little) === SHN_UNDEF || (binding !== STB_GLOBAL && binding !== STB_WEAK && binding !== STB_GNU_UNIQUE)) continue;
      const start = names.offset + view.getUint32(at + elf.symbol.name, little);
      const end = bytes.indexOf(0, start);
      if (start >= names.offset + names.size || end < 0 || end > names.offset + names.size) continue;
      symbols.add(decoder.decode(bytes.subarray(start, end)));
    }
    return symbols;
  } catch {
    // A header field pointing past the end of the file (DataView's RangeError): not an ELF file this reader follows.
    return undefined;
  }
}
