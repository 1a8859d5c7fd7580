// Values from server/src/knowledge/values.json, and how each value is checked
// against the binary: a keyword is recognised when Apache's verdict on it
// differs from its verdict on a made-up word, and the set is closed when Apache
// refuses the made-up word at all. A number is probed below and at its minimum.
import { readFileSync } from 'node:fs';

export type ValueKind = 'keyword' | 'tokens' | 'prefixed';

export interface KeywordsEntry {
  kind: ValueKind;
  values: string[];
  prefixes?: string[];
  flags?: string[];
  conditions?: string[];
  /** Each word may also be module:value (LogLevel ssl:info). */
  modules?: boolean;
  note?: string;
  /** Configuration can add names, or Apache takes other words: unknown values are not errors. */
  open?: boolean;
}

/** The first argument is read with C atoi() and must be at least `min`. */
export interface NumberEntry {
  kind: 'number';
  min: number;
  note?: string;
}

export type ValuesEntry = KeywordsEntry | NumberEntry;

/** Words to try first when looking for arguments Apache accepts. */
export function likelyWords(entry: ValuesEntry | undefined): string[] | undefined {
  if (!entry) return undefined;
  return entry.kind === 'number' ? [String(entry.min)] : entry.values;
}

/** Lower-case directive name → entry (keys starting with '$' are comments). */
export function readValues(path: string): Map<string, ValuesEntry & { name: string }> {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, ValuesEntry | string>;
  const entries = new Map<string, ValuesEntry & { name: string }>();
  for (const [name, entry] of Object.entries(raw)) {
    if (name.startsWith('$') || typeof entry === 'string') continue;
    entries.set(name.toLowerCase(), { name, ...entry });
  }
  return entries;
}

/** A value ending in ':' or '=' stands for every word that starts with it. */
export function isPrefixValue(value: string): boolean {
  return value.endsWith(':') || value.endsWith('=');
}

/** A concrete word to hand Apache for a value; prefix values need a plausible rest. */
export function sampleWord(value: string, dir: string): string {
  const samples: Record<string, string> = {
    'options=': 'Options=Indexes',
    'nonfatal=': 'Nonfatal=All',
    'shmcb:': `shmcb:${dir}/cache(512000)`,
    'dbm:': `dbm:${dir}/cache`,
    'dc:': `dc:UNIX:${dir}/socket`,
    'memcache:': 'memcache:localhost:11211',
    'redis:': 'redis:localhost:6379',
  };
  return samples[value.toLowerCase()] ?? (isPrefixValue(value) ? `${value}probe` : value);
}

/** Mixed case, so a refusal that repeats the word shows whether Apache repeats it as written. */
export const BOGUS = 'ZzBogus';

/** A made-up word of the same shape as the entry's values. */
export function bogusWord(entry: KeywordsEntry, dir: string): string {
  return entry.kind === 'prefixed' ? `${BOGUS}:${dir}/cache` : BOGUS;
}

/** Apache's message with the word under test (and a prefix value's kind name) blanked out. */
export function normalise(message: string | undefined, word: string): string {
  if (message === undefined) return '';
  let text = message;
  for (const part of [word, word.split(':')[0]]) {
    if (part) text = text.split(part).join('<v>');
  }
  return text;
}

/**
 * Apache's refusal of a made-up word, as a template with {value} where it
 * repeats the word as written; undefined when it repeats it otherwise (lower-cased,
 * cut), so quoting it for another word would misquote Apache.
 */
export function refusalTemplate(message: string | undefined, word: string): string | undefined {
  if (message === undefined || word.includes(':')) return undefined;
  const template = message.split(word).join('{value}');
  return template.toLowerCase().includes(BOGUS.toLowerCase()) ? undefined : template;
}

/** Whole argument lists for values that only make sense after or before other words. */
const CHECK_ARGS: Record<string, Record<string, string[]>> = {
  header: { always: ['always', 'set', 'X-Probe', '1'], onsuccess: ['onsuccess', 'set', 'X-Probe', '1'] },
  sslcarevocationcheck: { no_crl_for_cert_ok: ['chain', 'no_crl_for_cert_ok'] },
};

export function checkArgs(directive: string, value: string): string[] | undefined {
  return CHECK_ARGS[directive.toLowerCase()]?.[value.toLowerCase()];
}
