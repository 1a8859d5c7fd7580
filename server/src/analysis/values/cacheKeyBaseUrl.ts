// mod_cache's CacheKeyBaseURL (set_cache_key_base_url, verified on 2.4.71):
// the URL must parse, and have a scheme, a hostname or a port.
import type { Finding } from '../types';
import { aprUriParts } from './aprUri';
import type { Word } from './words';

export function cacheKeyBaseUrlFindings(words: readonly Word[]): Finding[] {
  const [word] = words;
  if (!word) return [];
  const parts = aprUriParts(word.value);
  if (parts && (parts.scheme || parts.hostname !== undefined || parts.port)) return [];
  const apache = parts ? `URL '${word.value}' must contain at least one of a scheme, a hostname or a port.` : `Could not parse '${word.value}' as an URL.`;
  const why = parts ? 'names no scheme, host or port: the cache keys of proxied requests need a base such as https://www.example.com' : 'is not a URL Apache can parse';
  return [{ range: word.range, message: `'${word.value}' ${why}. Apache refuses to start with "${apache}".`, data: { apacheMessage: apache } }];
}
