// A tree of thousands of files names `ServerName` or `</Location>` tens of
// thousands of times, and each word read from a line is a string of its own.
// The parser hands out one string per spelling for names and short words.
// Both tables are bounded: a file of made-up words cannot grow them without end.

const names = new Map<string, string>();
const MOST_NAMES = 4096;
/** Longer than any directive or section name Apache has. */
const LONGEST_NAME = 64;

export function sharedName(name: string): string {
  const known = names.get(name);
  if (known !== undefined) return known;
  if (names.size >= MOST_NAMES || name.length > LONGEST_NAME) return name;
  const copy = ownCopy(name);
  names.set(copy, copy);
  return copy;
}

const words = new Map<string, string>();
const MOST_WORDS = 4096;
/** Words repeated from host to host (`on`, `optional`, `+TLSv1.2`, an address) are short; paths and names of one host are not shared. */
const LONGEST_WORD = 24;

/**
 * One string per spelling of a short word. Unlike names, words keep coming
 * (every host has its own), so a full table is emptied and filled again with
 * the words read from then on, rather than kept as the first words it met.
 */
export function sharedWord(word: string): string {
  if (word.length > LONGEST_WORD) return word;
  const known = words.get(word);
  if (known !== undefined) return known;
  if (words.size >= MOST_WORDS) words.clear();
  const copy = ownCopy(word);
  words.set(copy, copy);
  return copy;
}

const wordLists = new Map<string, readonly string[]>();
const MOST_WORD_LISTS = 4096;
/** Characters of the words and one between each two. Long lists are one host's own (a long expression, a CustomLog format). */
const LONGEST_WORD_LIST = 160;

/**
 * One list per sequence of words: `SSLEngine on`, `SSLVerifyClient require`,
 * a ProxyPass to the same backend repeat from host to host, and each list is
 * a small array of its own. The lists handed out are never changed (their
 * type is readonly). A list kept in the table holds its own copies of the
 * words, so it keeps no file's text alive. Bounded and emptied when full, as
 * the words are.
 */
export function sharedWords(list: readonly string[]): readonly string[] {
  let length = list.length - 1;
  for (const word of list) {
    // The words are joined with NUL for the key: a word that has one (a damaged file) is not shared.
    if (word.includes('\0')) return list;
    length += word.length;
  }
  if (list.length === 0 || length > LONGEST_WORD_LIST) return list;
  const key = list.length === 1 ? list[0] : list.join('\0');
  const known = wordLists.get(key);
  if (known !== undefined) return known;
  if (wordLists.size >= MOST_WORD_LISTS) wordLists.clear();
  const kept = list.map((word) => (word.length > LONGEST_WORD ? ownCopy(word) : sharedWord(word)));
  // A joined key is a new string already; a single word's is the kept copy.
  wordLists.set(list.length === 1 ? kept[0] : key, kept);
  return kept;
}

/**
 * A word read from a line is a view into its file's text: the tables keep a
 * copy of the word, not the whole file. The copy is one flat string: the
 * usual `(' ' + word).slice(1)` gives a view again (into the joined string)
 * for words of 13 characters or more, two objects where one will do.
 */
function ownCopy(word: string): string {
  return JSON.parse(JSON.stringify(word)) as string;
}
