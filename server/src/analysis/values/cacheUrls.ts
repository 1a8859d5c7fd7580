// mod_cache's CacheEnable and CacheDisable (add_cache_enable,
// add_cache_disable; verified on 2.4.71). Where the line stands decides what
// it needs: in <Location>, <LocationMatch> or <Proxy> (a directory path),
// CacheDisable takes only `on` and CacheEnable a URL that starts with the
// section's path as written (the pattern, for <LocationMatch>), or none;
// elsewhere CacheDisable takes a path or URL, and CacheEnable needs one. Lines
// in <Directory>, <Files> or <If> are ctx/not-allowed's.
import type { Finding } from '../types';
import { refusedWord, type Word } from './words';

/** `path` is cmd->path (urlSectionPath): undefined outside a section that sets one, null when unknown or ctx/not-allowed's. */
export function cacheEnableFindings(words: readonly Word[], path: string | null | undefined): Finding[] {
  const [type, url] = words;
  if (!type || path === null) return [];
  if (type.value.startsWith('/')) {
    return [refusedWord(type, `provider (${type.value}) starts with a '/'.  Are url and provider switched?`, 'The first word names the cache (disk, socache); the URL comes second.')];
  }
  if (!url) {
    return path === undefined ? [refusedWord(type, `CacheEnable provider (${type.value}) is missing an URL.`, 'Outside <Location>, give the path or URL to cache after the cache name.')] : [];
  }
  if (path !== undefined && !url.value.startsWith(path)) {
    return [refusedWord(url, 'When in a Location, CacheEnable must specify a path or an URL below that location.', `Inside a section the URL must begin with the section's path as written, '${path}'; or leave it out.`)];
  }
  return [];
}

export function cacheDisableFindings(words: readonly Word[], path: string | null | undefined): Finding[] {
  const [url] = words;
  if (!url || path === null) return [];
  if (path !== undefined) {
    return url.value.toLowerCase() === 'on' ? [] : [refusedWord(url, "CacheDisable must be followed by the word 'on' when in a Location.", 'Inside a section, CacheDisable on turns caching off for that section.')];
  }
  return url.value.startsWith('/') || url.value.includes(':') ? [] : [refusedWord(url, 'CacheDisable must specify a path or an URL.', 'Outside a section, name the path (/private) or URL not to cache.')];
}
