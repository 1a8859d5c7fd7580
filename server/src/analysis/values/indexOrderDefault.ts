// mod_autoindex's IndexOrderDefault (set_default_order, verified on 2.4.71):
// a direction, then a sort key, each compared without case.
import type { Finding } from '../types';
import type { Word } from './words';

const DIRECTIONS = ['ascending', 'descending'];
const KEYS = ['name', 'date', 'size', 'description'];

export function indexOrderDefaultFindings(words: readonly Word[]): Finding[] {
  const [direction, key] = words;
  if (!direction || !key) return [];
  const refused = !DIRECTIONS.includes(direction.value.toLowerCase())
    ? { word: direction, apache: "First keyword must be 'Ascending' or 'Descending'", takes: 'Ascending or Descending' }
    : !KEYS.includes(key.value.toLowerCase())
      ? { word: key, apache: "Second keyword must be 'Name', 'Date', 'Size', or 'Description'", takes: 'Name, Date, Size or Description' }
      : undefined;
  if (!refused) return [];
  return [
    {
      range: refused.word.range,
      message: `'${refused.word.value}' is not one of ${refused.takes}. Apache refuses to start with "${refused.apache}".`,
      data: { apacheMessage: refused.apache },
    },
  ];
}
