// Mutex's first word, the mechanism, as util_mutex.c's ap_parse_mutex reads it
// (verified on 2.4.71 with Debian's APR, which has every mechanism): before
// any `:` and folder, `none` or `no`, `default` or `yes`, `pthread`,
// `sysvsem`, `posixsem` or `sem`, `fcntl`, `flock` or `file`, in any case. Which mutex names may follow depends on the modules loaded, and is
// not judged here; neither is `none` for a mutex that cannot do without one.
import type { Finding } from '../types';
import type { Word } from './words';

const MECHANISM = /^(?:none|no|default|yes|pthread|sysvsem|posixsem|sem|fcntl|flock|file)(?::.*)?$/i;
const LISTED = "'none', 'default', 'flock:/path/to/file', 'fcntl:/path/to/file', 'file:/path/to/file', 'pthread', 'sysvsem', 'posixsem', 'sem'";

export function mutexFindings(words: readonly Word[]): Finding[] {
  const [mechanism] = words;
  if (!mechanism || MECHANISM.test(mechanism.value)) return [];
  const apache = `Invalid Mutex argument ${mechanism.value} (Mutex mechanisms are: ${LISTED})`;
  return [
    {
      range: mechanism.range,
      message: `'${mechanism.value}' is not a mutex mechanism: Apache refuses to start with "${apache}". Write \`default\` unless a module's documentation asks for another, or \`file:\` and a folder for a lock file there.`,
      data: { apacheMessage: apache },
    },
  ];
}
