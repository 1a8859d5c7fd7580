// A tree of thousands of files names `ServerName` or `</Location>` tens of
// thousands of times, and each word read from a line is a string of its own.
// Names are few, so the parser hands out one string per spelling. The table is
// bounded: a file of made-up names cannot grow it without end.
const shared = new Map<string, string>();
const MOST_NAMES = 4096;
/** Longer than any directive or section name Apache has. */
const LONGEST_NAME = 64;

export function sharedName(name: string): string {
  const known = shared.get(name);
  if (known !== undefined) return known;
  if (shared.size >= MOST_NAMES || name.length > LONGEST_NAME) return name;
  // A long word is a view into its file's text: the table keeps a copy of the word, not the whole file.
  const copy = (' ' + name).slice(1);
  shared.set(copy, copy);
  return copy;
}
