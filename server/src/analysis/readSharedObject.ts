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

/** The layout of the two ELF classes: where the fields this reader needs are. */
interface ElfLayout {
  sectionTableOffset: (view: DataView) => number;
  sectionEntrySize: number;
  sectionCountAt: number;
  section: (view: DataView, at: number) => { type: number; offset: number; size: number; link: number };
  symbolSize: number;
  symbol: (view: DataView, at: number) => { name: number; info: number; sectionIndex: number };
}

function layout(is64: boolean, little: boolean): ElfLayout {
  const word = (view: DataView, at: number): number => (is64 ? Number(view.getBigUint64(at, little)) : view.getUint32(at, little));
  return is64
    ? {
        sectionTableOffset: (view) => word(view, 0x28),
        sectionEntrySize: 64,
        sectionCountAt: 0x3c,
        section: (view, at) => ({ type: view.getUint32(at + 4, little), offset: word(view, at + 24), size: word(view, at + 32), link: view.getUint32(at + 40, little) }),
        symbolSize: 24,
        symbol: (view, at) => ({ name: view.getUint32(at, little), info: view.getUint8(at + 4), sectionIndex: view.getUint16(at + 6, little) }),
      }
    : {
        sectionTableOffset: (view) => word(view, 0x20),
        sectionEntrySize: 40,
        sectionCountAt: 0x30,
        section: (view, at) => ({ type: view.getUint32(at + 4, little), offset: word(view, at + 16), size: word(view, at + 20), link: view.getUint32(at + 24, little) }),
        symbolSize: 16,
        symbol: (view, at) => ({ name: view.getUint32(at, little), info: view.getUint8(at + 12), sectionIndex: view.getUint16(at + 14, little) }),
      };
}

/** The symbols the file defines and exports, or undefined when it cannot be read as ELF. */
function exportedSymbols(bytes: Uint8Array): Set<string> | undefined {
  if (bytes.length < 0x40 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return undefined;
  const elfClass = bytes[4];
  const data = bytes[5];
  if ((elfClass !== 1 && elfClass !== 2) || (data !== 1 && data !== 2)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const elf = layout(elfClass === 2, data === 1);
  try {
    const tableOffset = elf.sectionTableOffset(view);
    const count = view.getUint16(elf.sectionCountAt, data === 1);
    const sections = [];
    for (let index = 0; index < count; index++) sections.push(elf.section(view, tableOffset + index * elf.sectionEntrySize));
    const table = sections.find((section) => section.type === SHT_DYNSYM);
    const names = table && sections[table.link];
    if (!table || !names || table.offset + table.size > bytes.length || names.offset + names.size > bytes.length) return undefined;
    const symbols = new Set<string>();
    const decoder = new TextDecoder('latin1');
    for (let at = table.offset + elf.symbolSize; at + elf.symbolSize <= table.offset + table.size; at += elf.symbolSize) {
      const symbol = elf.symbol(view, at);
      const binding = symbol.info >> 4;
      if (symbol.sectionIndex === SHN_UNDEF || (binding !== STB_GLOBAL && binding !== STB_WEAK && binding !== STB_GNU_UNIQUE)) continue;
      const start = names.offset + symbol.name;
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
