// What follows the cache name in SSLSessionCache, SSLStaplingCache and
// AuthnCacheSOCache: these handlers create the cache while Apache reads the
// line, so the provider's create() judges its argument then (verified on
// 2.4.71; CacheSocache creates it later, so anything passes -t there).
// memcache and redis need their server list; shmcb takes a file with an
// optional size in parentheses, 8192 bytes or more, as strtol reads it.
// A name Apache does not know, or whose module is not loaded, is another
// rule's (args/invalid-value's keywords, mod/socache-module-missing).
import type { Finding } from '../types';
import { wholeDecimal } from './cNumber';
import { refusedWord, type Word } from './words';

const CREATING = new Set(['sslsessioncache', 'sslstaplingcache', 'authncachesocache']);
/** The most shmcb takes on a 64-bit platform: UINT_MAX. */
const SHMCB_MAX = 4294967295;

export const SOCACHE_DIRECTIVES = [...CREATING];

/** `moduleMissing(identifier)` says whether the tree does not load that module (then Apache refuses the name first). */
export function socacheArgumentFindings(directive: string, words: readonly Word[], moduleMissing: (identifier: string) => boolean): Finding[] {
  const [word] = words;
  if (!word || !CREATING.has(directive.toLowerCase())) return [];
  const colon = word.value.indexOf(':');
  const name = colon === -1 ? word.value : word.value.slice(0, colon);
  const argument = colon === -1 ? '' : word.value.slice(colon + 1);
  const problem = name === 'memcache' || name === 'redis' ? serverListProblem(name, argument) : name === 'shmcb' || name === 'default' ? shmcbProblem(argument) : undefined;
  if (!problem || moduleMissing(name === 'default' ? 'socache_shmcb_module' : `socache_${name}_module`)) return [];
  const apache = `${directive}: ${problem.apache}`;
  return [refusedWord(word, apache, problem.advice)];
}

function serverListProblem(name: string, servers: string): { apache: string; advice: string } | undefined {
  if (servers !== '') return undefined;
  return { apache: `List of server names required to create ${name} socache.`, advice: `Name the ${name} servers after the colon, such as ${name}:cache1.example.com:${name === 'redis' ? 6379 : 11211}.` };
}

function shmcbProblem(path: string): { apache: string; advice: string } | undefined {
  const open = path.lastIndexOf('(');
  const closed = path.endsWith(')');
  const advice = 'Write the file, then its size in bytes in parentheses: shmcb:/run/apache2/ssl_scache(512000).';
  if (open === -1) return closed ? { apache: 'Invalid argument: no opening parenthesis', advice } : undefined;
  if (!closed) return { apache: 'Invalid argument: no closing parenthesis or cache size missing after pathname with parenthesis', advice };
  const bytes = wholeDecimal(path.slice(open + 1, -1));
  if (bytes === undefined) return { apache: 'Invalid argument: cache size not numerical', advice };
  if (bytes < 8192n) return { apache: 'Invalid argument: size has to be >= 8192 bytes', advice };
  if (bytes >= BigInt(SHMCB_MAX)) return { apache: `Invalid argument: size has to be < ${SHMCB_MAX} bytes on this platform`, advice };
  return undefined;
}
