// core's FileETag (set_etag_bits, verified on 2.4.71): each word a component,
// in any case, optionally after + or -; None and All only without a sign.
import type { Finding } from '../types';
import { refusedWord, type Word } from './words';

const COMPONENTS = ['none', 'all', 'size', 'lmtime', 'mtime', 'lastmodified', 'inode', 'digest'];
const ABSOLUTE = ['none', 'all'];

export function fileETagFindings(words: readonly Word[]): Finding[] {
  for (const word of words) {
    const signed = word.value.startsWith('+') || word.value.startsWith('-');
    const token = signed ? word.value.slice(1) : word.value;
    const key = token.toLowerCase();
    const apache = !COMPONENTS.includes(key)
      ? `Unknown keyword '${token}' for FileETag directive`
      : signed && ABSOLUTE.includes(key)
        ? `FileETag keyword '${token}' cannot be used with '+' or '-'`
        : undefined;
    if (!apache) continue;
    return [refusedWord(word, apache, 'FileETag takes INode, MTime, Size and Digest, each alone or after + or -, or None or All alone.')];
  }
  return [];
}
