// mod_dav's DAV (dav_cmd_dav, verified on 2.4.71): On or Off in any case, or
// a provider's name, looked up with case as Apache reads the line. On means
// `filesystem`, which mod_dav_fs registers: `DAV On` with mod_dav alone is
// refused ("Unknown DAV provider: filesystem"). A third-party module may
// register others (mod_dav_svn's `svn`).
import type { Finding } from '../types';
import { refusedWord, type Word } from './words';

const FILESYSTEM = 'filesystem';

/**
 * `howToLoadDavFs` says how to load mod_dav_fs when the tree does not (undefined when it does or its modules are
 * unknown); `onlyApacheModules`, whether every module loaded is Apache's own.
 */
export function davFindings(words: readonly Word[], howToLoadDavFs: string | undefined, onlyApacheModules: boolean): Finding[] {
  const [word] = words;
  if (!word) return [];
  const value = word.value.toLowerCase();
  if (value === 'off') return [];
  const provider = value === 'on' ? FILESYSTEM : word.value;
  const apache = `Unknown DAV provider: ${provider}`;
  if (provider === FILESYSTEM) {
    if (!howToLoadDavFs) return [];
    const which = value === 'on' ? 'DAV On uses the filesystem provider, which' : 'The filesystem provider';
    return [refusedWord(word, apache, `${which} comes from mod_dav_fs, not loaded here: ${howToLoadDavFs}.`)];
  }
  if (!onlyApacheModules) return [];
  const hint = provider.toLowerCase() === FILESYSTEM ? `Provider names are case-sensitive: write "${FILESYSTEM}".` : 'DAV takes On, Off, or a provider: Apache has filesystem (mod_dav_fs).';
  return [refusedWord(word, apache, hint)];
}
