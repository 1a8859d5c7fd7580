// mod_xml2enc's xml2EncDefault (set_default, verified on 2.4.71 with Debian's
// libxml2 2.9.14): libxml2's xmlParseCharEncoding must know the name, compared
// without case. xml2EncAlias adds names to libxml2's table as Apache reads it,
// so with any such line in the tree the name is not judged.
import type { Finding } from '../types';
import type { Word } from './words';

/** The names xmlParseCharEncoding knows without an alias, in capitals. */
const LIBXML2_ENCODINGS: ReadonlySet<string> = new Set([
  'UTF-8', 'UTF8', 'UTF-16', 'UTF16',
  'ISO-10646-UCS-2', 'UCS-2', 'UCS2', 'ISO-10646-UCS-4', 'UCS-4', 'UCS4',
  'ISO-8859-1', 'ISO-LATIN-1', 'ISO LATIN 1', 'ISO-8859-2', 'ISO-LATIN-2', 'ISO LATIN 2',
  'ISO-8859-3', 'ISO-8859-4', 'ISO-8859-5', 'ISO-8859-6', 'ISO-8859-7', 'ISO-8859-8', 'ISO-8859-9',
  'ISO-2022-JP', 'SHIFT_JIS', 'EUC-JP',
]);

export function xml2EncDefaultFindings(words: readonly Word[], treeHasAliases: boolean): Finding[] {
  const [charset] = words;
  if (!charset || treeHasAliases || LIBXML2_ENCODINGS.has(charset.value.toUpperCase())) return [];
  const apache = 'Invalid or unsupported default charset';
  return [
    {
      range: charset.range,
      message: `libxml2 does not know the charset '${charset.value}': Apache refuses to start with "${apache}". Use a name it knows, such as UTF-8 or ISO-8859-1 (ISO-8859-1 through -9, UTF-16, UCS-2, UCS-4, ISO-2022-JP, Shift_JIS, EUC-JP), or name it with xml2EncAlias first.`,
      data: { apacheMessage: apache },
    },
  ];
}
